import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { objectsOf, YNode, type K8sObject } from '../../shared-rules/src/index';
import { psaLabels, pspLevel } from '../../shared-rules/src/k8s/pod-security-admission';

function psp(text: string): K8sObject {
  const doc = parseDocument(text, { version: '1.1', merge: true });
  return objectsOf(YNode.root(doc.contents, { doc: doc as never, templateRegions: [] }))[0]!;
}
const withSpec = (spec: string) => psp(`apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: p}\nspec: ${spec}\n`);
const RESTRICTED =
  '{privileged: false, allowPrivilegeEscalation: false, requiredDropCapabilities: [ALL], runAsUser: {rule: MustRunAsNonRoot}, seLinux: {rule: RunAsAny}, volumes: [configMap, secret]}';

describe('pspLevel (the psp-to-pod-security-standards mapping)', () => {
  it('maps the upstream restricted example to restricted', () => {
    expect(withSpec(RESTRICTED) && pspLevel(withSpec(RESTRICTED))).toEqual({ level: 'restricted', reasons: [] });
  });

  it.each([
    ['allowPrivilegeEscalation: true', 'does not forbid privilege escalation'],
    ['requiredDropCapabilities: [NET_RAW]', 'does not drop ALL capabilities'],
    ['allowedCapabilities: [CHOWN]', 'allows adding capabilities other than NET_BIND_SERVICE'],
    ['runAsUser: {rule: RunAsAny}', 'does not require running as non-root'],
    ['volumes: [configMap, nfs]', 'allows nfs volumes'],
  ])('one restricted requirement missing (%s) gives baseline', (change, reason) => {
    const [key] = change.split(':');
    const spec = RESTRICTED.includes(`${key}:`)
      ? RESTRICTED.replace(new RegExp(`${key}: (\\[[^\\]]*\\]|\\{[^}]*\\}|\\w+)`), change)
      : RESTRICTED.replace('{', `{${change}, `);
    expect(spec).toContain(change);
    const mapping = pspLevel(withSpec(spec));
    expect(mapping.level).toBe('baseline');
    expect(mapping.reasons).toContain(reason);
  });

  it('keeps NET_BIND_SERVICE restricted', () => {
    expect(pspLevel(withSpec(RESTRICTED.replace('volumes', 'allowedCapabilities: [NET_BIND_SERVICE], volumes'))).level).toBe('restricted');
  });

  it.each([
    ['privileged: true', 'allows privileged containers'],
    ['hostNetwork: true', 'allows hostNetwork'],
    ['hostPID: true', 'allows hostPID'],
    ['hostIPC: true', 'allows hostIPC'],
    ['hostPorts: [{min: 80, max: 80}]', 'allows host ports'],
    ['allowedCapabilities: [SYS_ADMIN]', 'allows adding SYS_ADMIN'],
    ["allowedCapabilities: ['*']", 'allows adding *'],
    ['defaultAddCapabilities: [NET_ADMIN]', 'allows adding NET_ADMIN'],
    ['volumes: [hostPath]', 'allows hostPath volumes'],
    ["volumes: ['*']", 'allows every volume type'],
    ['allowedUnsafeSysctls: [kernel.msg*]', 'allows unsafe sysctls'],
    ['allowedProcMountTypes: [Unmasked]', 'allows unmasked /proc'],
    ['seLinux: {rule: MustRunAs, seLinuxOptions: {user: system_u}}', 'sets custom SELinux options'],
  ])('a baseline violation (%s) gives privileged', (field, reason) => {
    const mapping = pspLevel(withSpec(`{${field}}`));
    expect(mapping.level).toBe('privileged');
    expect(mapping.reasons).toContain(reason);
  });

  it('counts unconfined profile annotations, not absent ones', () => {
    const annotated = psp(
      `apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata:\n  name: p\n  annotations:\n    seccomp.security.alpha.kubernetes.io/allowedProfileNames: 'runtime/default,*'\nspec: ${RESTRICTED}\n`,
    );
    expect(pspLevel(annotated)).toEqual({ level: 'privileged', reasons: ['allows unconfined seccomp'] });
  });

  it('agrees with the Checkov PSP examples', () => {
    const dir = path.resolve(__dirname, '..', 'corpus', 'checkov', 'tests', 'kubernetes', 'checks', 'example_PSP');
    const level = (f: string) => pspLevel(psp(fs.readFileSync(path.join(dir, f), 'utf8'))).level;
    expect(level('psp-most-insecure-FAILED.yaml')).toBe('privileged');
    expect(level('psp-restricted-PASSED.yaml')).toBe('restricted');
    expect(level('psp-no-annotations-FAILED.yml')).toBe('restricted');
  });
});

describe('psaLabels', () => {
  it('enforces the level at the latest version, audits and warns at it', () => {
    expect(psaLabels('restricted')).toEqual({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'latest',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
  });
  it('audits and warns a privileged mapping at baseline', () => {
    expect(psaLabels('privileged')['pod-security.kubernetes.io/warn']).toBe('baseline');
  });
});
