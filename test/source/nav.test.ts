/**
 * YNode: the read-only view rules navigate with. Kubernetes reads YAML 1.1
 * with merge keys, and the last of duplicate keys wins.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { YNode, type NodeHost } from '../../shared-rules/src/index';
import { lint } from '../helpers/situation-lint';
import { yaml } from '../helpers/yaml-tag';

function root(text: string): YNode {
  const doc = parseDocument(text, { version: '1.1', merge: true, uniqueKeys: true });
  const host: NodeHost = { doc: doc as never, templateRegions: [] };
  return YNode.root(doc.contents, host)!;
}

function src(text: string, node: YNode | undefined): string | undefined {
  return node ? text.slice(...node.range) : undefined;
}

describe('YNode basics', () => {
  const text = yaml`
    a: 1
    "quoted key": x
    'single': yy
    ? explicit
    : z
    flow: {b: [1, 2, {c: d}]}
    empty:
    tilde: ~
    nul: null
    seq:
      - one
      - two
  `;
  const r = root(text);

  it('reads scalars, quoted and explicit keys', () => {
    expect(r.get('a')?.value).toBe(1);
    expect(r.get('a')?.str).toBe('1');
    expect(r.get('a')?.scalarType).toBe('number');
    expect(r.get('quoted key')?.str).toBe('x');
    expect(r.get('single')?.str).toBe('yy');
    expect(r.get('explicit')?.str).toBe('z');
    expect(r.keys()).toEqual(['a', 'quoted key', 'single', 'explicit', 'flow', 'empty', 'tilde', 'nul', 'seq']);
  });

  it('navigates flow style', () => {
    const flow = r.get('flow')!;
    expect(flow.isFlow).toBe(true);
    expect(flow.getIn(['b', 2, 'c'])?.str).toBe('d');
    expect(src(text, flow.getIn(['b', 1]))).toBe('2');
    expect(
      flow
        .get('b')!
        .items()
        .map((n) => n.index),
    ).toEqual([0, 1, 2]);
  });

  it('null values: `key:`, `~` and `null` are present and null', () => {
    for (const key of ['empty', 'tilde', 'nul']) {
      expect(r.has(key), key).toBe(true);
      expect(r.get(key)?.isNull, key).toBe(true);
      expect(r.get(key)?.value ?? null, key).toBeNull();
      expect(src(text, { range: r.get(key)!.keyRange } as YNode), key).toBe(key);
    }
    expect(r.get('missing')).toBeUndefined();
    expect(r.has('missing')).toBe(false);
  });

  it('ranges: value, key, anchor for a missing field', () => {
    const seq = r.get('seq')!;
    expect(src(text, seq.at(1))).toBe('two');
    expect(text.slice(...seq.keyRange)).toBe('seq');
    expect(text.slice(...seq.anchorRange)).toBe('seq');
    expect(seq.strings()).toEqual(['one', 'two']);
    expect(r.getIn(['seq', 5])).toBeUndefined();
    expect(r.getIn(['a', 'b'])).toBeUndefined();
  });

  it('points at a list item map by its name', () => {
    const t = 'items:\n  - kind: x\n    name: web\n  - kind: y\n';
    const items = root(t).get('items')!.items();
    expect(t.slice(...items[0]!.anchorRange)).toBe('web');
    expect(t.slice(...items[1]!.anchorRange)).toBe('kind');
  });
});

describe('YAML 1.1 as Kubernetes reads it', () => {
  it('yes/no/on/off are booleans; quoted they are strings', () => {
    const r = root('a: yes\nb: on\nc: off\nd: "yes"\ne: True\nf: y\n');
    expect(r.get('a')?.isTrue).toBe(true);
    expect(r.get('b')?.isTrue).toBe(true);
    expect(r.get('c')?.isFalse).toBe(true);
    expect(r.get('d')?.isTrue).toBe(false);
    expect(r.get('d')?.str).toBe('yes');
    expect(r.get('e')?.isTrue).toBe(true);
  });

  it('keys that YAML reads as numbers or booleans are found by their string form', () => {
    const r = root('80: http\ntrue: t\n1.5: x\n');
    expect(r.keys()).toEqual(['80', 'true', '1.5']);
    expect(r.get('80')?.str).toBe('http');
    expect(r.get('true')?.str).toBe('t');
    expect(r.has('1.5')).toBe(true);
  });
});

describe('aliases and merge keys', () => {
  const text = yaml`
    base: &base
      image: nginx
      privileged: true
    other: &other
      image: busybox
      user: 0
    alias: *base
    single:
      <<: *base
      image: own
    list:
      <<: [*other, *base]
      name: l
  `;
  const r = root(text);

  it('resolves an alias, marked indirect', () => {
    const alias = r.get('alias')!;
    expect(alias.isMap).toBe(true);
    expect(alias.indirect).toBe(true);
    expect(alias.get('image')?.str).toBe('nginx');
    expect(alias.get('image')?.indirect).toBe(true);
    expect(r.get('base')!.indirect).toBe(false);
  });

  it('merges a single map; own keys win', () => {
    const single = r.get('single')!;
    expect(single.get('image')?.str).toBe('own');
    expect(single.get('image')?.indirect).toBe(false);
    expect(single.get('privileged')?.isTrue).toBe(true);
    expect(single.get('privileged')?.indirect).toBe(true);
    expect(single.keys().sort()).toEqual(['image', 'privileged']);
  });

  it('merges a list of maps; earlier maps win', () => {
    const list = r.get('list')!;
    expect(list.get('image')?.str).toBe('busybox');
    expect(list.get('user')?.value).toBe(0);
    expect(list.get('privileged')?.isTrue).toBe(true);
    expect(list.keys()).toEqual(['name', 'image', 'user', 'privileged']);
    expect(Object.fromEntries(list.entries().map(([k, v]) => [k, v?.str]))).toEqual({ name: 'l', image: 'busybox', user: '0', privileged: 'true' });
  });

  it('a finding reached through an alias is reported where the value is written', () => {
    const manifest = yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
          - &c
            name: web
            image: nginx
            securityContext:
              privileged: true
          - <<: *c
            name: sidecar
    `;
    const findings = lint(manifest, { withFixes: true }).findings.filter((f) => f.ruleId === 'pod-privileged');
    expect(findings.length).toBe(2);
    for (const f of findings) expect(manifest.slice(f.start, f.end)).toBe('true');
    // The fix through the merge key is refused; the direct one is offered.
    expect(findings.map((f) => f.fixes?.length ?? 0).sort()).toEqual([0, 1]);
  });
});

describe('duplicate keys', () => {
  const text = 'a: 1\nb: 2\na: 3\n';
  it('the last one wins, everywhere', () => {
    const r = root(text);
    expect(r.get('a')?.value).toBe(3);
    expect(r.keys()).toEqual(['a', 'b']);
    expect(r.entries().map(([k, v]) => [k, v?.value])).toEqual([
      ['a', 3],
      ['b', 2],
    ]);
  });

  it('in a manifest: a warning on the duplicate, and the document is still analysed', () => {
    const manifest = yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
          - name: web
            image: nginx
            securityContext:
              privileged: false
              privileged: true
    `;
    const findings = lint(manifest).findings;
    expect(findings.map((f) => [f.ruleId, f.severity, manifest.slice(f.start, f.end)])).toEqual([
      ['yaml-syntax', 'warning', 'privileged'],
      ['pod-privileged', 'error', 'true'],
    ]);
    expect(findings[0]!.start).toBe(manifest.lastIndexOf('privileged: true'));
  });
});

describe('alias bombs', () => {
  function bomb(levels: number, width: number, merge: boolean): string {
    const lines = ['l0: &l0 {k: v}'];
    for (let i = 1; i <= levels; i++) {
      const refs = Array.from({ length: width }, () => `*l${i - 1}`).join(', ');
      lines.push(merge ? `l${i}: &l${i} {<<: [${refs}], own${i}: x}` : `l${i}: &l${i} [${refs}]`);
    }
    return `${lines.join('\n')}\n`;
  }

  it('navigation does not expand a sequence alias bomb', () => {
    const r = root(bomb(12, 10, false));
    const t0 = performance.now();
    let node: YNode | undefined = r.get('l12');
    for (let i = 0; i < 12; i++) node = node?.at(9);
    expect(node?.get('k')?.str).toBe('v');
    expect(r.get('l12')!.items().length).toBe(10);
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('merge keys of a bomb are resolved without exponential work', () => {
    const r = root(bomb(12, 10, true));
    const t0 = performance.now();
    const top = r.get('l12')!;
    expect(top.get('k')?.str).toBe('v');
    expect(top.get('missing')).toBeUndefined();
    expect(top.keys().length).toBe(13);
    expect(top.has('own1')).toBe(true);
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('a manifest with a merge-key bomb in its labels is analysed quickly', () => {
    const text = `${bomb(12, 10, true)}apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: *l12\n  annotations: *l12\nspec:\n  containers:\n    - <<: *l12\n      name: web\n`;
    const t0 = performance.now();
    const result = lint(text);
    expect(result.kubernetes).toBe(true);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('a self-referencing merge does not loop', () => {
    const r = root('a: &a\n  x: 1\n  <<: *a\n');
    expect(r.get('a')!.get('x')?.value).toBe(1);
    expect(r.get('a')!.get('nope')).toBeUndefined();
  });

  it('resolves thousands of aliases in one document in linear time', () => {
    const containers = Array.from({ length: 3000 }, (_, i) => `    - <<: *base\n      name: c${i}\n      securityContext: *sc`).join('\n');
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nx-base:\n  base: &base\n    image: nginx\n  sc: &sc\n    privileged: true\nspec:\n  containers:\n${containers}\n`;
    const t0 = performance.now();
    const findings = lint(text).findings.filter((f) => f.ruleId === 'pod-privileged');
    expect(findings.length).toBe(3000);
    // 52 s before aliases were indexed once per document (Alias.resolve walks the document).
    expect(performance.now() - t0).toBeLessThan(8000);
  });
});
