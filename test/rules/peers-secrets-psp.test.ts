/**
 * The secrets and PodSecurityPolicy rules against what peer tools expect of their own test
 * manifests (test/corpus/peer-expectations.json). Differences on purpose are
 * asserted too, so they stay deliberate.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, resolveConfig, type Finding } from '../../shared-rules/src/index';

const corpus = path.resolve(__dirname, '..', 'corpus');
const expectations = JSON.parse(fs.readFileSync(path.join(corpus, 'peer-expectations.json'), 'utf8')) as {
  polaris: Array<{ check: string; file: string; expect: 'success' | 'failure' }>;
  kics: Array<{ query: string; file: string; line?: number; expect?: string }>;
  checkov: Array<{ check: string; files: Array<{ file: string; expect: string }> }>;
};
const config = resolveConfig({ rules: { 'secret-in-env-var': 'info' } });

function findings(file: string, ruleId: string): Finding[] {
  const text = fs.readFileSync(path.join(corpus, file), 'utf8');
  return lint(text, { config }).findings.filter((f) => f.ruleId === ruleId);
}
function lineOf(file: string, f: Finding): number {
  return fs.readFileSync(path.join(corpus, file), 'utf8').slice(0, f.start).split('\n').length;
}

describe('Polaris sensitiveContainerEnvVar → env-literal-credential', () => {
  const cases = expectations.polaris.filter((c) => c.check === 'sensitiveContainerEnvVar');
  it('has cases', () => expect(cases.length).toBeGreaterThan(4));
  for (const c of cases) {
    it(`${path.basename(c.file)}: ${c.expect}`, () => {
      const found = findings(c.file, 'env-literal-credential');
      if (c.expect === 'failure') expect(found.length).toBeGreaterThan(0);
      else expect(found).toEqual([]);
    });
  }
});

describe('Polaris sensitiveConfigmapContent → configmap-contains-secret', () => {
  const cases = expectations.polaris.filter((c) => c.check === 'sensitiveConfigmapContent');
  // Polaris flags the key name even when the value is the placeholder `xxxxx`; we do not.
  const placeholderOnly = /key_(aws_secret_access_key|azure_batch_key|oci_cli_key_content)\.yaml$/;
  it('has cases', () => expect(cases.length).toBeGreaterThan(4));
  for (const c of cases) {
    it(`${path.basename(c.file)}: ${c.expect}`, () => {
      const found = findings(c.file, 'configmap-contains-secret');
      if (c.expect === 'failure' && !placeholderOnly.test(c.file)) expect(found.length).toBeGreaterThan(0);
      else expect(found).toEqual([]);
    });
  }
});

describe('kube-linter', () => {
  it('env-var-secret: SECRET_BLAH with a literal value in the Deployment (DeploymentConfig is OpenShift)', () => {
    const file = 'kube-linter/tests/checks/env-var-secret.yml';
    const found = findings(file, 'env-literal-credential');
    expect(found.map((f) => [f.object?.kind, f.object?.name, lineOf(file, f)])).toEqual([['Deployment', 'app', 39]]);
  });
  it('read-secret-from-env-var: TOKEN from a secretKeyRef in the Deployment', () => {
    const found = findings('kube-linter/tests/checks/read-secret-from-env-var.yml', 'secret-in-env-var');
    expect(found.map((f) => f.object?.kind)).toEqual(['Deployment']);
  });
});

describe('KICS secrets_as_environment_variables → secret-in-env-var', () => {
  const cases = expectations.kics.filter((c) => c.query === 'secrets_as_environment_variables');
  it('flags every positive line (the secretRef key rather than its envFrom parent) and no negative', () => {
    const positive = cases.filter((c) => c.line !== undefined);
    const file = positive[0]!.file;
    const lines = findings(file, 'secret-in-env-var').map((f) => lineOf(file, f));
    expect(positive.map((c) => c.line)).toEqual([12, 17, 30]);
    expect(lines).toEqual([12, 17, 31]);
    for (const c of cases.filter((c) => c.expect === 'none')) expect(findings(c.file, 'secret-in-env-var')).toEqual([]);
  });
});

describe('Checkov Secrets (CKV_K8S_35) → secret-in-env-var', () => {
  const check = expectations.checkov.find((c) => c.check === 'Secrets')!;
  for (const f of check.files.filter((x) => x.expect !== 'UNKNOWN')) {
    it(`${path.basename(f.file)}: ${f.expect}`, () => {
      const found = findings(f.file, 'secret-in-env-var');
      if (f.expect === 'FAILED') expect(found.length).toBeGreaterThan(0);
      else expect(found).toEqual([]);
    });
  }
});

describe('every PodSecurityPolicy of the peer corpora → podsecuritypolicy-removed', () => {
  const files = [
    ...expectations.checkov.filter((c) => /PSP/.test(c.check)).flatMap((c) => c.files.map((f) => f.file)),
    ...expectations.kics.filter((c) => c.query.startsWith('psp_')).map((c) => c.file),
  ];
  it('has cases', () => expect(new Set(files).size).toBeGreaterThan(4));
  for (const file of new Set(files)) {
    it(path.basename(path.dirname(file)) + '/' + path.basename(file), () => {
      const text = fs.readFileSync(path.join(corpus, file), 'utf8');
      const policies = (text.match(/^kind:\s*PodSecurityPolicy\s*$/gm) ?? []).length;
      expect(policies).toBeGreaterThan(0);
      expect(findings(file, 'podsecuritypolicy-removed').length).toBe(policies);
    });
  }
});
