/** "Add an exception to .kubeward.yaml": the entry written, in the file's style, and what it does once the reason is written. */
import { describe, expect, it } from 'vitest';
import { addExceptionFix, applyEdits, lint, parseConfigFile, resolveConfig, RULE_IDS } from '../../shared-rules/src/index';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  containers:
    - name: web
      image: nginx:1.27
      securityContext:
        privileged: true
    - name: log
      image: busybox:1.36
      securityContext:
        privileged: true
`;

const findingsOf = (config: string) => {
  const parsed = parseConfigFile(config, RULE_IDS);
  return {
    problems: parsed.findings,
    findings: lint(POD, { config: resolveConfig(parsed.config), scope: { path: 'k8s/pod.yaml' } }).findings.filter((f) => f.ruleId === 'pod-privileged'),
  };
};

describe('addExceptionFix', () => {
  const web = lint(POD).findings.find((f) => f.ruleId === 'pod-privileged')!;

  it('adds the list to a configuration without one, scope filled in, the reason left to write', () => {
    const config = 'profile: baseline\nrules:\n  pod-host-pid-ipc: warning\n';
    const fix = addExceptionFix(config, web, 'k8s/pod.yaml')!;
    const after = applyEdits(config, fix.edits);
    expect(after).toBe(
      `${config}exceptions:\n  - rule: pod-privileged\n    reason: <reason>\n    objects:\n      - "Pod/shop/web"\n    containers:\n      - "web"\n    paths:\n      - "k8s/pod.yaml"\n`,
    );
    expect(fix.placeholders).toEqual(['<reason>']);
    // Until the reason is written it is reported and applies to nothing.
    const pending = findingsOf(after);
    expect(pending.problems.map((p) => p.message)).toEqual(['Write the reason for this exception in place of <reason>.']);
    expect(pending.findings).toHaveLength(2);
    const done = findingsOf(after.replace('<reason>', 'reads the host devices'));
    expect(done.problems).toEqual([]);
    expect(done.findings.map((f) => POD.slice(0, f.start).split('\n').length)).toEqual([15]); // the log container still reported
  });

  it('appends to an existing list in its own indentation', () => {
    const config = 'exceptions:\n    -   rule: pod-host-pid-ipc\n        reason: the node exporter\n';
    const after = applyEdits(config, addExceptionFix(config, web, undefined)!.edits);
    expect(parseConfigFile(after.replace('<reason>', 'r'), RULE_IDS)).toMatchObject({
      findings: [],
      config: { exceptions: [{ rule: 'pod-host-pid-ipc' }, { rule: 'pod-privileged', objects: ['Pod/shop/web'], containers: ['web'] }] },
    });
    expect(after.startsWith(config)).toBe(true);
    expect(after.slice(config.length)).toMatch(/^ {4}- {1,3}rule: pod-privileged\n/);
  });

  it('writes into an empty file, or one with only comments', () => {
    for (const config of ['', '# team settings\n']) {
      const after = applyEdits(config, addExceptionFix(config, web, 'pod.yaml')!.edits);
      expect(parseConfigFile(after.replace('<reason>', 'r'), RULE_IDS).config.exceptions).toEqual([
        { rule: 'pod-privileged', reason: 'r', objects: ['Pod/shop/web'], containers: ['web'], paths: ['pod.yaml'] },
      ]);
      expect(after.startsWith(config)).toBe(true);
    }
  });

  it('offers nothing for a file it cannot extend safely', () => {
    expect(addExceptionFix('exceptions: [{rule: a, reason: b}]\n', web, undefined)).toBeUndefined();
    expect(addExceptionFix('- a\n', web, undefined)).toBeUndefined();
    expect(addExceptionFix('profile: [\n', web, undefined)).toBeUndefined();
  });
});
