import { describe, expect, it } from 'vitest';
import {
  advisoriesFor,
  compareVersions,
  dangerousSnippetMatch,
  formatVersion,
  isControllerImage,
  isOfficialControllerImage,
  minimumFixedVersion,
  parseImage,
  parseVersion,
} from '../../shared-rules/src/k8s/ingress-nginx';

const v = (s: string) => parseVersion(s)!;
const ids = (s: string) => advisoriesFor(v(s)).flatMap((a) => a.ids);

describe('controller images', () => {
  it('splits registry, repository, tag and digest', () => {
    expect(parseImage('registry.k8s.io/ingress-nginx/controller:v1.12.1@sha256:abc')).toEqual({
      name: 'registry.k8s.io/ingress-nginx/controller',
      tag: 'v1.12.1',
      digest: 'sha256:abc',
    });
    expect(parseImage('localhost:5000/ingress-nginx/controller')).toEqual({
      name: 'localhost:5000/ingress-nginx/controller',
      tag: undefined,
      digest: undefined,
    });
  });
  it('recognises the controller, its mirrors and legacy images, not its neighbours', () => {
    expect(isControllerImage('registry.k8s.io/ingress-nginx/controller-chroot:v1.14.0')).toBe(true);
    expect(isControllerImage('ingress-nginx/controller:v1.14.0')).toBe(true);
    expect(isControllerImage('docker.io/bitnami/nginx-ingress-controller:1.11.2-debian-12-r3')).toBe(true);
    expect(isControllerImage('registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.5.0')).toBe(false);
    expect(isControllerImage('nginx/nginx-ingress:3.4.0')).toBe(false);
    expect(isOfficialControllerImage('docker.io/bitnami/nginx-ingress-controller:1.11.2')).toBe(false);
    expect(isOfficialControllerImage('k8s.gcr.io/ingress-nginx/controller:v1.1.0')).toBe(true);
  });
});

describe('versions and advisories', () => {
  it('parses and orders versions (prereleases first, Bitnami build suffixes ignored)', () => {
    expect(formatVersion(v('1.11.2-debian-12-r3'))).toBe('1.11.2');
    expect(compareVersions(v('v1.12.0-beta.0'), v('v1.12.0'))).toBeLessThan(0);
    expect(compareVersions(v('v1.9.10'), v('v1.10.0'))).toBeLessThan(0);
    expect(parseVersion('latest')).toBeUndefined();
  });
  it('applies each advisory to its lines', () => {
    expect(ids('v1.11.4')).toContain('CVE-2025-1974');
    expect(ids('v1.11.5')).not.toContain('CVE-2025-1974');
    expect(ids('v1.12.0')).toContain('CVE-2025-1974');
    expect(ids('v1.12.1')).not.toContain('CVE-2025-1974');
    expect(ids('v1.13.0')).toEqual(['CVE-2025-15566', 'CVE-2026-24512', 'CVE-2026-1580', 'CVE-2026-4342']);
    expect(ids('v1.14.2')).toEqual(['CVE-2026-24512', 'CVE-2026-1580', 'CVE-2026-3288', 'CVE-2026-4342']);
    expect(ids('v1.14.4')).toEqual(['CVE-2026-4342']);
    expect(ids('v1.13.8')).toEqual(['CVE-2026-4342']); // CVE-2026-3288 was not assessed for v1.13
    expect(ids('v1.15.1')).toEqual([]);
    expect(ids('v1.16.0')).toEqual([]);
    expect(ids('0.49.3')).toContain('CVE-2025-1974');
  });
  it('proposes the first fully fixed release, in the same line when there is one', () => {
    expect(formatVersion(minimumFixedVersion(v('v1.13.2'))!)).toBe('1.13.9');
    expect(formatVersion(minimumFixedVersion(v('v1.14.0'))!)).toBe('1.14.5');
    expect(formatVersion(minimumFixedVersion(v('v1.15.0'))!)).toBe('1.15.1');
    expect(formatVersion(minimumFixedVersion(v('v1.11.3'))!)).toBe('1.13.9');
    expect(formatVersion(minimumFixedVersion(v('v1.12.4'))!)).toBe('1.13.9');
  });
});

describe('dangerous snippets', () => {
  it('finds the directive and names what it is', () => {
    expect(dangerousSnippetMatch('more_set_headers "X: y";')).toBeUndefined();
    const m = dangerousSnippetMatch('set $x 1; access_by_lua_block { }')!;
    expect('set $x 1; access_by_lua_block { }'.slice(m.index, m.index + m.length)).toBe('access_by_lua_block');
    expect(dangerousSnippetMatch('location / { alias /etc/; }')!.labels).toEqual(['the alias directive (serves any file of the controller)']);
    expect(dangerousSnippetMatch('aliases_are_fine')).toBeUndefined();
  });
});
