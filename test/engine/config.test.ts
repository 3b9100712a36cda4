/**
 * `.kubeward.yaml`: every problem is a `config-invalid` finding at the exact
 * range, the rest of the file still applies, and the defaults fill the gaps.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_KUBERNETES_VERSION,
  DEFAULT_PROFILE,
  parseConfigFile,
  resolveConfig,
  ruleSetting,
  RULE_IDS,
  targetsAtLeast,
} from '../../shared-rules/src/index';

/** [severity, flagged text, message] of each finding. */
function problems(text: string): Array<[string, string, string]> {
  return parseConfigFile(text, RULE_IDS).findings.map((f) => {
    expect(f.ruleId).toBe('config-invalid');
    expect(f.end, `empty range for: ${f.message}`).toBeGreaterThan(f.start);
    return [f.severity, text.slice(f.start, f.end), f.message];
  });
}

describe('parseConfigFile', () => {
  it('reads a complete valid file', () => {
    const text = [
      'profile: restricted',
      'kubernetesVersion: "1.31"',
      'rules:',
      '  pod-privileged: warning',
      '  "ingress-*": off',
      '  ingress-tls-missing: false',
      'ignore: ["charts/*/tests/**"]',
      'ingress:',
      '  authUrl: https://auth.example.com/oauth2/auth',
      '  clusterIssuer: letsencrypt-prod',
      '  nginxClasses: [nginx, internal]',
      'maxFileSize: 1000',
      '',
    ].join('\n');
    const { config, findings } = parseConfigFile(text, RULE_IDS);
    expect(findings).toEqual([]);
    expect(config).toEqual({
      profile: 'restricted',
      kubernetesVersion: '1.31',
      rules: { 'pod-privileged': 'warning', 'ingress-*': 'off', 'ingress-tls-missing': 'off' },
      ignore: ['charts/*/tests/**'],
      ingress: { authUrl: 'https://auth.example.com/oauth2/auth', clusterIssuer: 'letsencrypt-prod', nginxClasses: ['nginx', 'internal'] },
      maxFileSize: 1000,
    });
  });

  it('an empty file or one with comments only is the defaults', () => {
    for (const text of ['', '# nothing\n', '\n\n']) expect(parseConfigFile(text, RULE_IDS)).toEqual({ config: {}, findings: [] });
  });

  it('YAML syntax errors: reported at their position, defaults apply', () => {
    const text = 'profile: restricted\nrules:\n  pod-privileged: [warning\n';
    const result = parseConfigFile(text, RULE_IDS);
    expect(result.config).toEqual({});
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.findings[0]!.message).toMatch(/not valid YAML/);
    expect(result.findings[0]!.start).toBeGreaterThanOrEqual(text.indexOf('['));
  });

  it('a duplicate setting is a YAML error', () => {
    expect(problems('profile: baseline\nprofile: restricted\n')[0]![1]).toBe('p');
  });

  it('a root that is not a mapping', () => {
    expect(problems('- profile: baseline\n')).toEqual([['error', '- profile: baseline\n', expect.stringContaining('must be a mapping')]]);
    expect(problems('restricted\n')).toEqual([['error', 'restricted', expect.stringContaining('must be a mapping')]]);
  });

  it.each([
    ['profile: strict\n', 'error', 'strict', /profile must be "baseline" or "restricted", not "strict"/],
    ['profile:\n', 'error', 'profile', /not null/],
    ['profile: [a]\n', 'error', '[a]', /profile must be/],
    ['kubernetesVersion: latest\n', 'error', 'latest', /must look like "1.31"/],
    ['kubernetesVersion:\n', 'error', 'kubernetesVersion', /must look like/],
    ['kubernetesVersion: 1.30\n', 'warning', '1.30', /should be quoted \("1.30"\)/],
    ['maxFileSize: big\n', 'error', 'big', /positive number/],
    ['maxFileSize: -1\n', 'error', '-1', /positive number/],
    ['rules: off\n', 'error', 'off', /rules must map rule ids/],
    ['rules:\n', 'error', 'rules', /rules must map rule ids/],
    ['rules:\n  pod-privileged: loud\n', 'error', 'loud', /"pod-privileged" must be set to one of off, on, hint, info, warning, error/],
    ['rules:\n  pod-privileged:\n', 'error', 'pod-privileged', /must be set to one of/],
    ['rules:\n  pod-privilege: off\n', 'warning', 'pod-privilege', /Unknown rule "pod-privilege"; did you mean "pod-privileged"\?/],
    ['rules:\n  totally-unrelated-name: off\n', 'warning', 'totally-unrelated-name', /Unknown rule "totally-unrelated-name"\. Run/],
    ['ignore: "charts/**"\n', 'error', '"charts/**"', /ignore must be a list of glob strings/],
    ['ignore: [a, 1]\n', 'error', '[a, 1]', /ignore must be a list/],
    ['ingress: yes\n', 'error', 'yes', /ingress must be a mapping/],
    ['ingress:\n  authUrl: [x]\n', 'error', '[x]', /ingress.authUrl must be a string/],
    ['ingress:\n  authUrl:\n', 'error', 'authUrl', /ingress.authUrl must be a string/],
    ['ingress:\n  nginxClasses: nginx\n', 'error', 'nginx', /ingress.nginxClasses must be a list of strings/],
    ['ingress:\n  colour: blue\n', 'warning', 'colour', /Unknown ingress setting "colour"/],
    ['profle: restricted\n', 'warning', 'profle', /Unknown setting "profle"/],
  ])('%j → %s on %j', (text, severity, flagged, message) => {
    const found = problems(text);
    expect(found.length, JSON.stringify(found)).toBe(1);
    expect(found[0]![0]).toBe(severity);
    expect(found[0]![1]).toBe(flagged);
    expect(found[0]![2]).toMatch(message);
  });

  it('keeps the valid settings next to an invalid one', () => {
    const { config, findings } = parseConfigFile(
      'profile: strict\nkubernetesVersion: "1.29"\nrules:\n  pod-privileged: loud\n  ingress-tls-missing: info\n',
      RULE_IDS,
    );
    expect(findings.length).toBe(2);
    expect(config).toEqual({ kubernetesVersion: '1.29', rules: { 'ingress-tls-missing': 'info' } });
    const resolved = resolveConfig(config);
    expect(resolved.profile).toBe(DEFAULT_PROFILE);
    expect(resolved.kubernetesMinor).toEqual([1, 29]);
  });

  it('an unquoted version keeps its written minor (1.30, not 1.3)', () => {
    const { config } = parseConfigFile('kubernetesVersion: 1.30\n', RULE_IDS);
    expect(config.kubernetesVersion).toBe('1.30');
    expect(resolveConfig(config).kubernetesMinor).toEqual([1, 30]);
  });

  it('CRLF and a BOM do not move the ranges', () => {
    const text = '\uFEFFprofile: baseline\r\nprofile2: x\r\n';
    const f = parseConfigFile(text, RULE_IDS).findings;
    expect(f.map((x) => text.slice(x.start, x.end))).toEqual(['profile2']);
  });
});

describe('resolveConfig and rule settings', () => {
  it('defaults', () => {
    const c = resolveConfig();
    expect(c.profile).toBe('baseline');
    expect(c.kubernetesVersion).toBe(DEFAULT_KUBERNETES_VERSION);
    expect(c.ingress.tlsSecretName).toBe('{name}-tls');
    expect(c.rules).toEqual([]);
  });

  it('later layers win; globs match; the last matching entry wins', () => {
    const c = resolveConfig({ rules: { 'pod-*': 'off' } }, { rules: { 'pod-privileged': 'warning' }, profile: 'restricted' });
    expect(c.profile).toBe('restricted');
    expect(ruleSetting(c, 'pod-privileged')).toBe('warning');
    expect(ruleSetting(c, 'pod-host-pid-ipc')).toBe('off');
    expect(ruleSetting(c, 'ingress-tls-missing')).toBeUndefined();
  });

  it('the fingerprint changes with anything that changes findings', () => {
    expect(resolveConfig({ profile: 'restricted' }).fingerprint).not.toBe(resolveConfig().fingerprint);
    expect(resolveConfig({ ingress: { authUrl: 'x' } }).fingerprint).not.toBe(resolveConfig().fingerprint);
    expect(resolveConfig({}).fingerprint).toBe(resolveConfig().fingerprint);
  });

  it('targetsAtLeast', () => {
    const c = resolveConfig({ kubernetesVersion: 'v1.25.3' });
    expect(targetsAtLeast(c, 1, 25)).toBe(true);
    expect(targetsAtLeast(c, 1, 26)).toBe(false);
    expect(targetsAtLeast(c, 0, 99)).toBe(true);
  });
});
