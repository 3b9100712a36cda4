/**
 * Exceptions in .kubeward.yaml (rule, scopes, reason, expires), the enforce
 * list, and per-container annotations.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint, parseConfigFile, resolveConfig, RULE_IDS } from '../../shared-rules/src/index';
import { kubeward, removeWorkspaces, workspace, type JsonFinding } from '../cli/helpers';

afterAll(removeWorkspaces);

const AGENT = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
  namespace: kube-system
spec:
  template:
    spec:
      containers:
        - name: agent
          image: agent:1.0
          securityContext:
            privileged: true
        - name: sidecar
          image: sidecar:1.0
          securityContext:
            privileged: true
`;

const TODAY = new Date('2026-12-07T12:00:00Z');
const configOf = (yaml: string) => {
  const parsed = parseConfigFile(yaml, RULE_IDS, TODAY);
  return { config: resolveConfig(parsed.config), findings: parsed.findings };
};
const privileged = (text: string, yaml: string, scope = {}) =>
  lint(text, { config: configOf(yaml).config, scope })
    .findings.filter((f) => f.ruleId === 'pod-privileged')
    .map((f) => text.slice(0, f.start).split('\n').length);

describe('exceptions in .kubeward.yaml', () => {
  it('apply only within their scope: objects, containers, paths, chart', () => {
    expect(privileged(AGENT, '')).toEqual([13, 17]);
    const base = 'exceptions:\n  - rule: pod-privileged\n    reason: the agent reads host devices\n';
    expect(privileged(AGENT, base)).toEqual([]);
    expect(privileged(AGENT, `${base}    objects: [DaemonSet/kube-system/node-agent]\n`)).toEqual([]);
    expect(privileged(AGENT, `${base}    objects: ["DaemonSet/*/node-*"]\n`)).toEqual([]);
    expect(privileged(AGENT, `${base}    objects: [DaemonSet/default/node-agent]\n`)).toEqual([13, 17]);
    expect(privileged(AGENT, `${base}    containers: [agent]\n`)).toEqual([17]);
    expect(privileged(AGENT, `${base}    paths: ["charts/agent/**"]\n`, { path: 'charts/agent/templates/ds.yaml' })).toEqual([]);
    expect(privileged(AGENT, `${base}    paths: ["charts/agent/**"]\n`, { path: 'k8s/ds.yaml' })).toEqual([13, 17]);
    expect(privileged(AGENT, `${base}    chart: agent\n`, { origin: 'chart:agent' })).toEqual([]);
    expect(privileged(AGENT, `${base}    chart: agent\n`, { origin: 'chart:other' })).toEqual([13, 17]);
    expect(privileged(AGENT, `${base}    overlay: overlays/prod\n`, { origin: 'kustomize:overlays/prod' })).toEqual([]);
    expect(privileged(AGENT, 'exceptions:\n  - rule: "pod-*"\n    reason: r\n    containers: [sidecar]\n')).toEqual([13]);
  });

  it('stop applying after expires, and the exception becomes a finding', () => {
    const yaml = 'exceptions:\n  - rule: pod-privileged\n    reason: until the device plugin ships\n    expires: 2026-12-06\n';
    const { findings } = configOf(yaml);
    expect(findings.map((f) => [f.ruleId, f.message, yaml.slice(f.start, f.end)])).toEqual([
      ['exception-expired', 'The exception for pod-privileged expired on 2026-12-06; its findings are reported again.', 'rule: pod-privileged'],
    ]);
    expect(privileged(AGENT, yaml)).toEqual([13, 17]);
    // The last day still counts.
    expect(configOf(yaml.replace('2026-12-06', '2026-12-07')).findings).toEqual([]);
    expect(privileged(AGENT, yaml.replace('2026-12-06', '2026-12-07'))).toEqual([]);
  });

  it('are validated: reason required, known rule, dates, scopes', () => {
    const messages = (yaml: string) => configOf(yaml).findings.map((f) => `${f.ruleId}: ${f.message} @${yaml.slice(f.start, f.end).split('\n')[0]}`);
    expect(messages('exceptions:\n  - rule: pod-privileged\n')).toEqual([
      'config-invalid: The exception for pod-privileged needs a reason: say why the finding is accepted. @rule: pod-privileged',
    ]);
    expect(messages('exceptions:\n  - rule: pod-privilegd\n    reason: r\n')).toEqual([
      'config-invalid: Unknown rule "pod-privilegd"; did you mean "pod-privileged"? Run `kubeward scan --list-rules` for the ids. @pod-privilegd',
    ]);
    expect(messages('exceptions:\n  - rule: pod-privileged\n    reason: r\n    expires: 30/06/2026\n')).toEqual([
      'config-invalid: exception expires must be a date written YYYY-MM-DD (the last day the exception applies). @30/06/2026',
    ]);
    expect(messages('exceptions:\n  - rule: pod-privileged\n    reason: r\n    objects: [node-agent]\n')).toEqual([
      'config-invalid: exception objects must be written kind/namespace/name, or kind/name for cluster-scoped objects. @[node-agent]',
    ]);
    expect(messages('exceptions:\n  - rule: pod-privileged\n    reason: r\n    container: [a]\n')).toEqual([
      'config-invalid: Unknown exception field "container"; an exception has rule, reason, expires, paths, objects, containers, chart, overlay. @container',
    ]);
    expect(messages('exceptions: pod-privileged\n')).toHaveLength(1);
    // An invalid exception applies to nothing.
    expect(privileged(AGENT, 'exceptions:\n  - rule: pod-privileged\n')).toEqual([13, 17]);
  });
});

describe('enforce', () => {
  const commented = AGENT.replace(
    '            privileged: true\n        - name: sidecar',
    '            # kubeward-disable-next-line pod-privileged -- we need it\n            privileged: true\n        - name: sidecar',
  );
  const annotated = AGENT.replace(
    '  namespace: kube-system\n',
    '  namespace: kube-system\n  annotations:\n    ignore.kubeward.io/pod-privileged: "we need it"\n',
  );

  it('comments and annotations do not suppress an enforced rule, and say so', () => {
    expect(privileged(commented, '')).toEqual([18]);
    expect(privileged(annotated, '')).toEqual([]);
    const yaml = 'enforce: [pod-privileged]\n';
    expect(privileged(commented, yaml)).toEqual([14, 18]);
    expect(privileged(annotated, yaml)).toEqual([15, 19]);
    const refused = lint(annotated, { config: configOf(yaml).config }).findings.filter((f) => f.ruleId === 'suppression-enforced');
    expect(refused.map((f) => [annotated.slice(f.start, f.end), f.message, f.severity])).toEqual([
      ['ignore.kubeward.io/pod-privileged', 'pod-privileged is enforced in .kubeward.yaml: this annotation does not suppress it.', 'warning'],
    ]);
    const fromComment = lint(commented, { config: configOf('enforce: ["pod-*"]\n').config }).findings.filter((f) => f.ruleId === 'suppression-enforced');
    expect(fromComment.map((f) => commented.slice(f.start, f.end))).toEqual(['# kubeward-disable-next-line pod-privileged -- we need it']);
    // Not reported as unused either.
    expect(lint(commented, { config: configOf(yaml).config }).findings.filter((f) => f.ruleId === 'unused-suppression')).toEqual([]);
  });

  it('a reviewed exception still applies to an enforced rule', () => {
    expect(privileged(AGENT, 'enforce: [pod-privileged]\nexceptions:\n  - rule: pod-privileged\n    reason: r\n    containers: [agent]\n')).toEqual([17]);
  });
});

describe('per-container annotations', () => {
  it('ignore.kubeward.io/<rule>.<container> suppresses the rule in that container only', () => {
    const text = AGENT.replace(
      '  namespace: kube-system\n',
      '  namespace: kube-system\n  annotations:\n    ignore.kubeward.io/pod-privileged.agent: "reads host devices"\n',
    );
    expect(privileged(text, '')).toEqual([19]);
    const unused = text.replace('pod-privileged.agent', 'pod-privileged.nothere');
    expect(privileged(unused, '')).toEqual([15, 19]);
    expect(
      lint(unused)
        .findings.filter((f) => f.ruleId === 'unused-suppression')
        .map((f) => unused.slice(f.start, f.end)),
    ).toEqual(['ignore.kubeward.io/pod-privileged.nothere']);
  });
});

describe('kubeward scan with exceptions', () => {
  it('reports an expired exception in .kubeward.yaml and the findings it covered; paths are relative to it', () => {
    const future = `exceptions:\n  - rule: pod-privileged\n    reason: agent\n    paths: [deploy/agent.yaml]\n    expires: 2999-01-01\n`;
    const dir = workspace({ '.kubeward.yaml': future, 'deploy/agent.yaml': AGENT, 'deploy/other.yaml': AGENT.replace(/node-agent/g, 'other') });
    const json = (cwd: string, args: string[]) =>
      (JSON.parse(kubeward(['scan', ...args, '--format', 'json', '--fail-on', 'none'], { cwd }).stdout) as { findings: JsonFinding[] }).findings;
    expect(
      json(dir, ['.'])
        .filter((f) => f.ruleId === 'pod-privileged')
        .map((f) => f.file),
    ).toEqual(['deploy/other.yaml', 'deploy/other.yaml']);
    // From a sub-folder the path is still relative to .kubeward.yaml.
    expect(
      json(path.join(dir, 'deploy'), ['.'])
        .filter((f) => f.ruleId === 'pod-privileged')
        .map((f) => f.file),
    ).toEqual(['other.yaml', 'other.yaml']);
    fs.writeFileSync(path.join(dir, '.kubeward.yaml'), future.replace('2999-01-01', '2020-01-31'));
    const run = kubeward(['scan', '.', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    const findings = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
    expect(findings.filter((f) => f.file === '.kubeward.yaml').map((f) => `${f.line} ${f.ruleId} ${f.severity}`)).toEqual(['2 exception-expired warning']);
    expect(findings.filter((f) => f.ruleId === 'pod-privileged')).toHaveLength(4);
  });
});

describe('peerSuppressions (off by default)', () => {
  const on = 'peerSuppressions: true\n';
  const withAnnotation = (key: string, value: string) =>
    AGENT.replace('  namespace: kube-system\n', `  namespace: kube-system\n  annotations:\n    ${key}: ${value}\n`);

  it('honours Checkov, kube-linter and Polaris annotations through the rules peer ids', () => {
    for (const [key, value] of [
      ['checkov.io/skip1', 'CKV_K8S_16=the agent needs host devices'],
      ['ignore-check.kube-linter.io/privileged-container', '"the agent needs host devices"'],
      ['polaris.fairwinds.com/runAsPrivileged-exempt', '"true"'],
    ]) {
      const text = withAnnotation(key!, value!);
      expect(privileged(text, ''), key).toEqual([15, 19]);
      expect(privileged(text, on), key).toEqual([]);
      // Not reported as unused when it maps to nothing here.
      expect(lint(text, { config: configOf(on).config }).findings.filter((f) => f.ruleId === 'unused-suppression')).toEqual([]);
    }
    // Another check id suppresses nothing of ours.
    expect(privileged(withAnnotation('checkov.io/skip1', 'CKV_K8S_20=other'), on)).toEqual([15, 19]);
    expect(privileged(withAnnotation('polaris.fairwinds.com/runAsPrivileged-exempt', '"false"'), on)).toEqual([15, 19]);
  });

  it('honours # kics-scan ignore-line and #trivy:ignore:<id> on the next line', () => {
    const kics = AGENT.replace(
      '            privileged: true\n        - name: sidecar',
      '            # kics-scan ignore-line\n            privileged: true\n        - name: sidecar',
    );
    expect(privileged(kics, '')).toEqual([14, 18]);
    expect(privileged(kics, on)).toEqual([18]);
    for (const id of ['KSV017', 'KSV-0017', 'AVD-KSV-0017']) {
      const trivy = AGENT.replace(
        '            privileged: true\n        - name: sidecar',
        `            #trivy:ignore:${id}\n            privileged: true\n        - name: sidecar`,
      );
      expect(privileged(trivy, on), id).toEqual([18]);
    }
    const other = AGENT.replace(
      '            privileged: true\n        - name: sidecar',
      '            #trivy:ignore:KSV-0001\n            privileged: true\n        - name: sidecar',
    );
    expect(privileged(other, on)).toEqual([14, 18]);
  });

  it('cannot suppress an enforced rule either', () => {
    const text = withAnnotation('checkov.io/skip1', 'CKV_K8S_16=reason');
    const findings = lint(text, { config: configOf(`${on}enforce: [pod-privileged]\n`).config }).findings;
    expect(findings.filter((f) => f.ruleId === 'pod-privileged')).toHaveLength(2);
    expect(findings.filter((f) => f.ruleId === 'suppression-enforced').map((f) => text.slice(f.start, f.end))).toEqual(['checkov.io/skip1']);
  });
});
