/**
 * Agreement with the peers' own fixtures (test/corpus): where a peer expects
 * a failure our rule (or rbac-wildcard, which owns every "*") reports it, and
 * where it expects success for the reason our rule also checks, we stay quiet.
 * Known, documented differences are listed in the rule docs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../shared-rules/src/index';

const corpus = path.join(__dirname, 'corpus');
const read = (file: string) => fs.readFileSync(path.join(corpus, file), 'utf8');
const ruleIds = (file: string) => new Set(lint(read(file), { file }).findings.map((f) => f.ruleId));
const files = (dir: string, prefix: string) =>
  fs
    .readdirSync(path.join(corpus, dir))
    .filter((f) => f.startsWith(prefix))
    .map((f) => `${dir}/${f}`);

describe('Polaris pod exec/attach fixtures', () => {
  for (const dir of ['polaris/test/checks/clusterrolePodExecAttach', 'polaris/test/checks/rolePodExecAttach']) {
    for (const file of files(dir, 'failure.')) {
      it(`flags ${file}`, () => {
        const ids = ruleIds(file);
        expect(ids.has('rbac-pod-exec-create') || ids.has('rbac-wildcard')).toBe(true);
      });
    }
    for (const file of files(dir, 'success.').filter((f) => f.includes('wrong_verb'))) {
      it(`does not flag ${file}`, () => expect(ruleIds(file).has('rbac-pod-exec-create')).toBe(false));
    }
  }
});

describe('kube-linter e2e fixtures', () => {
  const cases: Array<[string, string]> = [
    ['kube-linter/tests/checks/wildcard-in-rules.yml', 'rbac-wildcard'],
    ['kube-linter/tests/checks/access-to-secrets.yml', 'rbac-secrets-access'],
    ['kube-linter/tests/checks/cluster-admin-role-binding.yml', 'rbac-cluster-admin-binding'],
    ['kube-linter/tests/checks/access-to-create-pods.yml', 'rbac-pod-exec-create'],
  ];
  for (const [file, rule] of cases) it(`${rule} reports ${file} once`, () => expect(lint(read(file), { file }).findings.filter((f) => f.ruleId === rule)).toHaveLength(1));
});

describe('Checkov fixtures', () => {
  const nginx = 'checkov/tests/kubernetes/checks/example_NginxIngressCVE202125742';
  it('CKV_K8S_152/154: Lua and alias snippets are flagged, harmless ones are not', () => {
    expect(ruleIds(`${nginx}/annotation1-FAILED.yaml`).has('ingress-nginx-snippet-dangerous-content')).toBe(true);
    expect(ruleIds(`${nginx}/annotation3-alias.yaml`).has('ingress-nginx-snippet-dangerous-content')).toBe(true);
    expect(ruleIds(`${nginx}/annotation2-nollua-PASSESONEFAILSONE.yaml`).has('ingress-nginx-snippet-dangerous-content')).toBe(false);
    expect(ruleIds(`${nginx}/noannotations-PASSED.yaml`).has('ingress-nginx-snippet-dangerous-content')).toBe(false);
  });
  for (const check of ['RbacApproveCertificateSigningRequests', 'RbacBindRoleBindings', 'RbacControlWebhooks', 'RbacEscalateRoles']) {
    for (const file of files(`checkov/tests/kubernetes/checks/example_${check}`, '').filter((f) => f.includes('failed'))) {
      // bind on rolebindings grants nothing in Kubernetes (bind applies to roles): Checkov counts it, we do not.
      if (file.endsWith('RbacBindRoleBindings/clusterrole-failed-1.yaml')) continue;
      it(`flags ${file}`, () => {
        const ids = ruleIds(file);
        expect(ids.has('rbac-privilege-escalation-verbs') || ids.has('rbac-wildcard')).toBe(true);
      });
    }
  }
});
