/**
 * docs/requirements.md (Manifests), end to end through the engine: which files are manifests, and
 * exact ranges in every situation it lists.
 */
import { describe, expect, it } from 'vitest';
import { LineIndex, type Finding } from '../../shared-rules/src/index';
import { lint } from '../helpers/situation-lint';
import { yaml } from '../helpers/yaml-tag';

/** "ruleId line:col-endLine:endCol text" with 1-based LSP positions (BOM counted as the engine counts it). */
function show(text: string, findings: readonly Finding[] = lint(text).findings): string[] {
  const lines = new LineIndex(text);
  return findings.map((f) => {
    const s = lines.positionAt(f.start);
    const e = lines.positionAt(f.end);
    return `${f.ruleId} ${s.line + 1}:${s.character + 1}-${e.line + 1}:${e.character + 1} ${text.slice(f.start, f.end)}`;
  });
}

const POD = yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: web
  spec:
    containers:
      - name: web
        image: nginx
        securityContext:
          privileged: true
`;

describe('manifests and exact ranges', () => {
  it('a single document', () => {
    expect(show(POD)).toEqual(['pod-privileged 10:21-10:25 true']);
  });

  it('multi-document files, with comments and a leading ---', () => {
    const text = `# two pods\n---\n${POD}---\n# the second\n${POD}`;
    expect(show(text)).toEqual(['pod-privileged 12:21-12:25 true', 'pod-privileged 24:21-24:25 true']);
  });

  it('CRLF line ends give the same positions', () => {
    const crlf = `${POD}---\n${POD}`.replace(/\n/g, '\r\n');
    expect(show(crlf)).toEqual(['pod-privileged 10:21-10:25 true', 'pod-privileged 21:21-21:25 true']);
  });

  it('a BOM: ranges stay exact (the CLI strips it; editors never show it)', () => {
    const text = `\uFEFF${POD}`;
    expect(lint(text).findings.map((f) => text.slice(f.start, f.end))).toEqual(['true']);
    expect(show(text)).toEqual(['pod-privileged 10:21-10:25 true']);
  });

  it('non-ASCII text before the finding on its line counts in UTF-16 code units', () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: "日本語-🚀", annotations: {note: "Zoë 🚀🚀"}}
      spec:
        containers:
          - {name: "🚀", image: nginx, securityContext: {privileged: true}}
    `;
    const out = show(text);
    expect(out.length).toBe(1);
    const line = text.split('\n')[5]!;
    const col = line.indexOf('true') + 1;
    expect(out[0]).toBe(`pod-privileged 6:${col}-6:${col + 4} true`);
    expect(lint(text).findings[0]!.message).toContain('"🚀"');
  });

  it('tabs inside scalars', () => {
    const text = POD.replace('image: nginx', 'image: "nginx\\t1"\n      args: ["a\tb", a\tb]');
    expect(text).toContain('\t');
    expect(show(text)).toEqual(['pod-privileged 11:21-11:25 true']);
  });

  it('anchors, aliases and merge keys', () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
          - &base
            name: web
            image: nginx
            securityContext: &sc
              privileged: true
          - <<: *base
            name: sidecar
          - name: other
            image: busybox
            securityContext: *sc
    `;
    // Three containers run privileged; each finding points where the value is written.
    expect(show(text)).toEqual(['pod-privileged 11:21-11:25 true', 'pod-privileged 11:21-11:25 true', 'pod-privileged 11:21-11:25 true']);
    expect(lint(text).findings.map((f) => f.message.match(/"(\w+)"/)![1])).toEqual(['web', 'sidecar', 'other']);
  });

  it('flow style throughout', () => {
    const text = '{apiVersion: v1, kind: Pod, metadata: {name: web}, spec: {containers: [{name: web, image: nginx, securityContext: {privileged: true}}]}}\n';
    expect(show(text)).toEqual([`pod-privileged 1:${text.indexOf('true') + 1}-1:${text.indexOf('true') + 5} true`]);
  });

  it('quoted keys and YAML 1.1 booleans', () => {
    const text = POD.replace('privileged: true', '"privileged": yes');
    expect(show(text)).toEqual(['pod-privileged 10:23-10:26 yes']);
  });

  it('kind: List and *List kinds recurse into items', () => {
    const items = POD.replace(/^/gm, '    ').replace('    apiVersion', '  - apiVersion');
    for (const kind of ['List', 'PodList']) {
      const text = `apiVersion: v1\nkind: ${kind}\nitems:\n${items}`;
      expect(
        show(text).map((s) => s.split(' ')[0] + ' ' + s.split(' ')[2]),
        kind,
      ).toEqual(['pod-privileged true']);
      const f = lint(text).findings[0]!;
      expect(text.slice(f.start, f.end)).toBe('true');
    }
    expect(lint('apiVersion: v1\nkind: List\nitems: []\n').findings).toEqual([]);
  });

  it('a custom kind ending in List whose items are not objects is an object itself', async () => {
    const { objectsOf, YNode } = await import('../../shared-rules/src/index');
    const { parseDocument } = await import('yaml');
    const doc = parseDocument('apiVersion: example.com/v1\nkind: AllowList\nmetadata:\n  name: a\nitems: [one, two]\n');
    const objects = objectsOf(YNode.root(doc.contents, { doc: doc as never, templateRegions: [] }));
    expect(objects.map((o) => [o.kind, o.name])).toEqual([['AllowList', 'a']]);
  });

  it('a Kustomize patch: a bad value is reported, a missing field is not', () => {
    const ingress = yaml`
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: web
      spec:
        rules:
          - host: a.example.com
    `;
    expect(show(ingress)).toEqual(['ingress-tls-missing 5:1-5:5 spec']);
    expect(lint(ingress, { partial: true }).findings).toEqual([]);
    const patch = yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
          - name: web
            securityContext:
              privileged: true
    `;
    expect(show(patch, lint(patch, { partial: true }).findings)).toEqual(['pod-privileged 9:21-9:25 true']);
  });

  it('a broken document next to a good one: one yaml-syntax on the broken one, the good one analysed', () => {
    const broken = yaml`
      apiVersion: v1
      kind: Service
      metadata:
        name: web
         namespace: shop
      spec:
        ports: [80
    `;
    const text = `${POD}---\n${broken}---\n${POD}`;
    const out = show(text);
    expect(out.filter((s) => s.startsWith('yaml-syntax')).length).toBe(1);
    expect(out.filter((s) => s.startsWith('pod-privileged'))).toEqual(['pod-privileged 10:21-10:25 true', 'pod-privileged 29:21-29:25 true']);
    const syntax = lint(text).findings.find((f) => f.ruleId === 'yaml-syntax')!;
    const line = new LineIndex(text).positionAt(syntax.start).line + 1;
    expect(line).toBeGreaterThanOrEqual(12);
    expect(line).toBeLessThanOrEqual(18);
    expect(syntax.severity).toBe('error');
    expect(syntax.end).toBeGreaterThan(syntax.start);
  });

  it('a document broken beyond recognition that looks like a manifest still gets yaml-syntax', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: [\n';
    expect(show(text).map((s) => s.split(' ')[0])).toEqual(['yaml-syntax']);
  });
});

describe('other YAML gets no finding at all', () => {
  const others: Record<string, string> = {
    'GitHub workflow': yaml`
      name: ci
      on:
        push:
          branches: [main]
      jobs:
        build:
          runs-on: ubuntu-latest
          container:
            image: node:20
            options: --privileged
          steps:
            - uses: actions/checkout@v4
            # kubeward-disable-next-line pod-privileged
            - run: npm test
    `,
    'compose file': yaml`
      version: "3.8"
      services:
        web:
          image: nginx
          privileged: true
          ports: ["80:80"]
          network_mode: host
    `,
    'Helm values.yaml': yaml`
      image:
        repository: nginx
        tag: latest
      securityContext:
        privileged: true
      ingress:
        enabled: true
        tls: []
        hosts:
          - host: chart-example.local
    `,
    'a broken non-Kubernetes file': 'key: [unclosed\nother: {\n',
    'a document with apiVersion but no kind': 'apiVersion: v1\nspec:\n  containers:\n    - securityContext: {privileged: true}\n',
    'kind without a string apiVersion': 'apiVersion: 1\nkind: Pod\nspec:\n  containers:\n    - securityContext: {privileged: true}\n',
    'a top-level sequence': '- apiVersion: v1\n  kind: Pod\n',
    'JSON that is not a manifest': '{"name": "pkg", "privileged": true}\n',
    'empty file': '',
    'comments only': '# nothing here\n',
  };
  for (const [name, text] of Object.entries(others)) {
    it(name, () => {
      const result = lint(text);
      expect(result.findings).toEqual([]);
      expect(result.kubernetes).toBe(false);
    });
  }

  it('a non-Kubernetes document inside a manifest file gets nothing of its own', () => {
    const text = `${others['compose file']}---\n${POD}`;
    expect(show(text).map((s) => s.split(' ')[0])).toEqual(['pod-privileged']);
  });

  it('a templated apiVersion still makes an object', () => {
    const text = POD.replace('apiVersion: v1', 'apiVersion: {{ .Values.api }}');
    expect(show(text).map((s) => s.split(' ')[0])).toEqual(['pod-privileged']);
  });

  it('binary junk gets nothing', () => {
    expect(lint('\u0000\u0001\u0002apiVersion: v1\nkind: Pod\n').findings).toEqual([]);
  });
});
