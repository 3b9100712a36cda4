import { describe, expect, it } from 'vitest';
import { isDigestPinned, isImagePlaceholder, mutableTag, parseImage, registryTrusted, withRegistry, withTag } from '../../shared-rules/src/k8s/images';

describe('parseImage', () => {
  it.each([
    ['nginx', { registry: undefined, domain: 'docker.io', repository: 'library/nginx', tag: undefined, digest: undefined }],
    ['nginx:1.27', { domain: 'docker.io', repository: 'library/nginx', tag: '1.27' }],
    ['bitnami/redis:7.4', { domain: 'docker.io', repository: 'bitnami/redis', tag: '7.4' }],
    ['registry:5000/app', { registry: 'registry:5000', domain: 'registry:5000', repository: 'app', tag: undefined }],
    ['registry:5000/team/app:1.0', { registry: 'registry:5000', repository: 'team/app', tag: '1.0' }],
    ['localhost/app', { registry: 'localhost', repository: 'app', tag: undefined }],
    ['ghcr.io/acme/api:latest', { registry: 'ghcr.io', repository: 'acme/api', tag: 'latest' }],
    ['index.docker.io/library/nginx', { domain: 'docker.io', repository: 'library/nginx' }],
    ['nginx@sha256:0f0c1d3a', { tag: undefined, digest: 'sha256:0f0c1d3a' }],
    ['k8s.gcr.io/pause:3.9@sha256:abc', { registry: 'k8s.gcr.io', repository: 'pause', tag: '3.9', digest: 'sha256:abc' }],
  ])('%s', (raw, expected) => {
    expect(parseImage(raw)).toMatchObject(expected);
  });

  it('rejects what is not an image reference', () => {
    for (const raw of ['', '  ', 'nginx:', 'nginx@', 'two words']) expect(parseImage(raw), raw).toBeUndefined();
  });
});

describe('tags and digests', () => {
  it('a missing tag or latest is mutable, unless a digest pins the content', () => {
    expect(mutableTag(parseImage('nginx')!)).toBe('none');
    expect(mutableTag(parseImage('registry:5000/app')!)).toBe('none');
    expect(mutableTag(parseImage('nginx:latest')!)).toBe('latest');
    expect(mutableTag(parseImage('nginx:1.27')!)).toBeUndefined();
    expect(mutableTag(parseImage('nginx:latest@sha256:abc')!)).toBeUndefined();
    expect(mutableTag(parseImage('nginx@sha256:abc')!)).toBeUndefined();
    expect(isDigestPinned(parseImage('nginx@sha256:abc')!)).toBe(true);
    expect(isDigestPinned(parseImage('nginx:1.27')!)).toBe(false);
  });

  it('rewrites keep the name as written', () => {
    expect(withTag(parseImage('nginx')!, '<tag>')).toBe('nginx:<tag>');
    expect(withTag(parseImage('registry:5000/team/app:latest')!, '<tag>')).toBe('registry:5000/team/app:<tag>');
    expect(withRegistry(parseImage('k8s.gcr.io/ingress-nginx/controller:v1.9.4@sha256:abc')!, 'registry.k8s.io')).toBe(
      'registry.k8s.io/ingress-nginx/controller:v1.9.4@sha256:abc',
    );
  });
});

describe('registryTrusted', () => {
  const trusted = ['registry.example.com', 'ghcr.io/acme/', '*.dkr.ecr.*.amazonaws.com', 'index.docker.io/library'];
  it.each([
    ['registry.example.com/team/app:1.0', true],
    ['registry.example.com.evil.io/app:1.0', false],
    ['ghcr.io/acme/api:1.0', true],
    ['ghcr.io/acme-evil/api:1.0', false],
    ['ghcr.io/other/api:1.0', false],
    ['123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.0', true],
    ['nginx:1.27', true],
    ['docker.io/library/redis:7', true],
    ['bitnami/redis:7.4', false],
  ])('%s → %s', (raw, expected) => {
    expect(registryTrusted(parseImage(raw)!, trusted)).toBe(expected);
  });
});

describe('isImagePlaceholder', () => {
  it.each(['CONTAINER_IMAGE', 'IMAGE', 'IMAGE_NAME:TAG', '${IMAGE}', '$IMAGE', '<image>', '__IMAGE__', '@IMAGE@'])('%s is a build-tool placeholder', (raw) =>
    expect(isImagePlaceholder(raw)).toBe(true),
  );
  it.each(['nginx', 'controller:latest', 'ghcr.io/ACME/app', 'registry.example.com/app:${TAG}', 'Nginx'])('%s is an image', (raw) =>
    expect(isImagePlaceholder(raw)).toBe(false),
  );
});
