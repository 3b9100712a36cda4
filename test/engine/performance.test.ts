/**
 * Engine additions for speed (the benchmark, `npm run bench`, measures them;
 * these tests only check that they change nothing but the cost).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineRule, FileAnalyzer, resolveConfig, RULES, WorkspaceObjects, type ObjectSummary, type WorkspaceFix } from '../../shared-rules/src/index';
import { inNamespace, mayShareNamespace, mayShareNamespaceWith } from '../../shared-rules/src/engine/workspace-docs';
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
    expect(withFixes.findings[0]!.fixes).toEqual([
      { title: 'Rename', applicability: 'unsafe', preferred: true, edits: [{ start, end: start + 3, text: 'renamed' }] },
    ]);
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
    const { findings } = analyzeWorkspace(
      { 'all.yaml': docs.join('---\n') },
      { rules: RULES.filter((r) => r.meta.id === 'workload-not-isolated'), config: { rules: { 'workload-not-isolated': 'on' } } },
    );
    expect(findings['all.yaml']!.filter((f) => f.ruleId === 'workload-not-isolated').map((f) => f.object?.name)).toEqual(['web-in-2', 'db-in-4']);
  });
});

describe('analysis shared between analyzers (claim, exportCache, importCache)', () => {
  const corpus = path.join(__dirname, '..', 'corpus');
  const files = listManifests(corpus).slice(0, 400);
  const text = files.map((f) => fs.readFileSync(f, 'utf8').replace(/^\uFEFF/, '')).join('\n---\n');
  const config = resolveConfig();

  it('gives the same result as one analyzer, through a structured clone', () => {
    const options = { rules: RULES, config, file: 'all.yaml' };
    const expected = new FileAnalyzer().analyze(text, options);
    expect(expected.documentCount).toBeGreaterThan(400);

    // Two "threads" take the documents in turns; each claims a document once.
    const owner = new Map<number, string>();
    const claimFor = (me: string) => (i: number) => {
      if (owner.has(i)) return false;
      if (i % 3 === (me === 'main' ? 0 : 1) || i % 3 === 2) {
        owner.set(i, me);
        return true;
      }
      return false;
    };
    const helper = new FileAnalyzer();
    helper.analyze(text, { ...options, claim: claimFor('helper') });
    const main = new FileAnalyzer();
    const partial = main.analyze(text, { ...options, claim: claimFor('main') });
    expect(partial.parsedDocuments).toBeLessThan(expected.parsedDocuments);
    main.importCache(structuredClone(helper.exportCache()));
    const joined = main.analyze(text, options);
    expect(joined.parsedDocuments).toBe(0);
    expect(joined.findings).toEqual(expected.findings);
    expect(joined.summaries).toEqual(expected.summaries);
    expect(joined.ruleErrors).toEqual(expected.ruleErrors);
  });

  it('ignores analyses made under another configuration', () => {
    const other = new FileAnalyzer();
    other.analyze(text, { rules: RULES, config: resolveConfig({ profile: 'restricted' }) });
    const analyzer = new FileAnalyzer();
    analyzer.analyze('kind: x', { rules: RULES, config });
    expect(analyzer.cachedDocuments).toBe(1);
    analyzer.importCache(other.exportCache());
    expect(analyzer.cachedDocuments).toBe(1);
  });
});

function listManifests(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listManifests(full, out);
    else if (/\.ya?ml$/.test(entry.name)) out.push(full);
  }
  return out;
}

describe('namespace lookups of cross-document rules', () => {
  const summary = (name: string, namespace: string | undefined, file = 'app/a.yaml') => ({ name, namespace, file }) as unknown as ObjectSummary;
  const short = [summary('a', 'x'), summary('b', undefined), summary('c', 'y'), summary('d', undefined, 'other/b.yaml')];
  const long = Array.from({ length: 40 }, (_, i) => summary(`s${i}`, i % 5 === 0 ? undefined : `ns-${i % 3}`, i % 2 ? 'app/a.yaml' : 'other/b.yaml'));

  it('give what a scan of the list gives, in the same order', () => {
    for (const list of [short, long]) {
      for (const namespace of [undefined, 'x', 'y', 'ns-0', 'ns-1', 'ns-2', 'none']) {
        expect(inNamespace(list, namespace)).toEqual(list.filter((o) => o.namespace === namespace));
        const placed = { namespace, file: 'app/c.yaml' };
        expect(mayShareNamespaceWith(list, placed)).toEqual(list.filter((o) => mayShareNamespace(o, placed)));
      }
    }
  });
});

describe('mayShareNamespace', () => {
  const at = (namespace: string | undefined, file: string) => ({ namespace, file });
  it('an unset namespace is that of the objects deployed with it, or default', () => {
    expect(mayShareNamespace(at(undefined, 'chart/templates/netpol.yaml'), at('shop', 'chart/templates/ns.yaml'))).toBe(true);
    expect(mayShareNamespace(at(undefined, 'chart/templates/sub/netpol.yaml'), at('shop', 'chart/values-ns.yaml'))).toBe(true);
    expect(mayShareNamespace(at(undefined, 'app/base/netpol.yaml'), at('shop', 'app/ns.yaml'))).toBe(true);
    expect(mayShareNamespace(at(undefined, 'netpol.yaml'), at('shop', 'app/ns.yaml'))).toBe(true);
    expect(mayShareNamespace(at(undefined, 'project-a/netpol.yaml'), at('default', 'project-b/ns.yaml'))).toBe(true);
    expect(mayShareNamespace(at(undefined, 'project-a/netpol.yaml'), at('shop', 'project-b/ns.yaml'))).toBe(false);
    expect(mayShareNamespace(at(undefined, 'project-a/netpol.yaml'), at(undefined, 'project-b/pod.yaml'))).toBe(true);
    expect(mayShareNamespace(at('a', 'x.yaml'), at('b', 'x.yaml'))).toBe(false);
  });
});

describe("a new analyzer given another analyzer's cache", () => {
  it('analyses nothing again under the same options, and everything under others', () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: p
      spec:
        containers:
          - name: c
            image: nginx:1.27
            securityContext:
              privileged: true
    `;
    const config = resolveConfig();
    const first = new FileAnalyzer();
    const expected = first.analyze(text, { rules: RULES, config });
    const second = new FileAnalyzer();
    second.importCache(structuredClone(first.exportCache()));
    const again = second.analyze(text, { rules: RULES, config });
    expect(again.parsedDocuments).toBe(0);
    expect(again.findings).toEqual(expected.findings);
    const third = new FileAnalyzer();
    third.importCache(first.exportCache());
    expect(third.analyze(text, { rules: RULES, config: resolveConfig({ profile: 'restricted' }) }).parsedDocuments).toBe(1);
  });
});

describe('documents that never write apiVersion are not parsed', () => {
  const analyze = (text: string) => new FileAnalyzer().analyze(text, { rules: RULES, config: resolveConfig() });

  it('non-Kubernetes YAML, broken or not, still gets no finding', () => {
    const workflow = 'name: ci\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: [ {run: make\n';
    expect(analyze(workflow).findings).toEqual([]);
    expect(analyze(workflow).kubernetes).toBe(false);
  });

  it('a key spelled with an escape ("api\\u0056ersion") is still read as apiVersion', () => {
    const pod =
      'kind: Pod\n"api\\u0056ersion": v1\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n';
    const result = analyze(pod);
    expect(result.kubernetes).toBe(true);
    expect(result.findings.map((f) => f.ruleId)).toContain('pod-privileged');
  });

  it('a manifest document beside non-Kubernetes ones keeps every finding', () => {
    const text =
      'name: values\nreplicas: 3\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n';
    const findings = analyze(text).findings;
    expect(findings.find((f) => f.ruleId === 'pod-privileged')?.start).toBe(text.indexOf('true', text.indexOf('privileged:')));
  });
});
