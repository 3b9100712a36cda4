/**
 * Engine additions for speed (the benchmark, `npm run bench`, measures them;
 * these tests only check that they change nothing but the cost).
 */
import { describe, expect, it } from 'vitest';
import { defineRule, FileAnalyzer, resolveConfig, RULES, WorkspaceObjects, type WorkspaceFix } from '../../shared-rules/src/index';
import { analyzeWorkspace } from '../helpers/workspace';
import { yaml } from '../helpers/yaml-tag';

describe('workspace rules: a fix given as a function', () => {
  let built = 0;
  const rule = defineRule({
    meta: {
      id: 'lazy-probe',
      title: 'Probe rule with a lazily built fix',
      severity: 'info',
      category: 'kubeward',
      kinds: ['ConfigMap'],
      messages: { seen: 'ConfigMap "{{name}}" was seen by the workspace pass.' },
      fix: { availability: 'always', applicability: 'unsafe' },
      docs: { rationale: '', remediation: '', invalid: '', valid: '' },
      references: {},
      since: '0.1.0',
    },
    summarize: () => true,
    checkWorkspace(ctx) {
      const at = ctx.summary.anchor;
      ctx.report({
        range: at,
        messageId: 'seen',
        data: { name: ctx.summary.name ?? '' },
        fix: (): WorkspaceFix[] => {
          built++;
          return [{ title: 'Rename', applicability: 'unsafe', edits: [{ start: at[0], end: at[1], text: 'renamed' }] }];
        },
      });
    },
  });
  const text = yaml`
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: one
  `;

  it('is not called without fixes, and gives the same fix as a list with them', () => {
    const config = resolveConfig({ rules: { 'lazy-probe': 'info' } });
    const index = new WorkspaceObjects(true);
    const analyzer = new FileAnalyzer();
    index.setFile('a.yaml', analyzer.analyze(text, { rules: [rule], config, file: 'a.yaml' }).summaries);
    const plain = analyzer.analyze(text, { rules: [rule], config, file: 'a.yaml', workspace: index });
    expect(plain.findings.map((f) => [f.ruleId, f.fixes])).toEqual([['lazy-probe', undefined]]);
    expect(built).toBe(0);
    const withFixes = analyzer.analyze(text, { rules: [rule], config, file: 'a.yaml', workspace: index, withFixes: true });
    expect(built).toBe(1);
    const start = text.indexOf('one');
    expect(withFixes.findings[0]!.fixes).toEqual([{ title: 'Rename', applicability: 'unsafe', preferred: true, edits: [{ start, end: start + 3, text: 'renamed' }] }]);
  });
});

describe('workload-not-isolated over many policies (bucketed by namespace)', () => {
  const policy = (name: string, namespace: string | undefined, app: string) =>
    `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n  podSelector:\n    matchLabels:\n      app: ${app}\n  policyTypes: [Ingress]\n`;
  const deployment = (name: string, namespace: string | undefined, app: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n  selector:\n    matchLabels:\n      app: ${app}\n  template:\n    metadata:\n      labels:\n        app: ${app}\n    spec:\n      containers:\n        - name: c\n          image: nginx:1.27\n`;

  it('flags exactly the workloads that no policy of a possibly shared namespace selects', () => {
    const docs: string[] = [];
    for (let i = 0; i < 20; i++) docs.push(policy(`other-${i}`, `ns-${i % 5}`, `other-${i}`));
    docs.push(policy('web', 'ns-1', 'web'), policy('api-anywhere', undefined, 'api'));
    docs.push(
      deployment('web-in-1', 'ns-1', 'web'), // selected in its namespace
      deployment('web-in-2', 'ns-2', 'web'), // the web policy is in ns-1
      deployment('web-unset', undefined, 'web'), // may be in ns-1
      deployment('api-in-3', 'ns-3', 'api'), // the unnamespaced policy may be in ns-3
      deployment('db-in-4', 'ns-4', 'db'), // nothing selects db
    );
    const { findings } = analyzeWorkspace({ 'all.yaml': docs.join('---\n') }, { rules: RULES.filter((r) => r.meta.id === 'workload-not-isolated') });
    expect(findings['all.yaml']!.filter((f) => f.ruleId === 'workload-not-isolated').map((f) => f.object?.name)).toEqual(['web-in-2', 'db-in-4']);
  });
});
