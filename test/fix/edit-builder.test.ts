/**
 * EditBuilder: every operation writes the smallest edit, in the file's own
 * style, and every result parses.
 */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parseDocument } from 'yaml';
import {
  applyEdits,
  detectEol,
  detectStyle,
  EditBuilder,
  emitBlockLines,
  maskTemplates,
  NoFix,
  placeholder,
  quoted,
  YNode,
  type NodeHost,
} from '../../shared-rules/src/index';

/** Runs `build` on a builder over `text` (first document) and returns the edited text, which must parse. */
function edit(text: string, build: (b: EditBuilder, root: YNode) => void): string {
  const mask = maskTemplates(text);
  const doc = parseDocument(mask?.text ?? text, { version: '1.1', merge: true });
  const host: NodeHost = { doc: doc as never, templateRegions: mask?.regions ?? [] };
  const root = YNode.root(doc.contents, host)!;
  const builder = new EditBuilder({ text, templateRegions: mask?.regions ?? [], style: detectStyle(text, detectEol(text)) });
  build(builder, root);
  const out = applyEdits(text, builder.build());
  if (!mask) {
    const errors = parseAllDocuments(out, { version: '1.1', merge: true }).flatMap((d) => ('errors' in d ? d.errors.map((e) => e.message) : []));
    expect(errors, `result must parse:\n${out}`).toEqual([]);
  }
  return out;
}

function refuses(text: string, build: (b: EditBuilder, root: YNode) => void): void {
  expect(() => edit(text, build)).toThrow(NoFix);
}

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('setScalar', () => {
  it('replaces a plain scalar and keeps its trailing comment', () => {
    expect(edit('a: true # why\nb: 1\n', (b, r) => b.setScalar(r.get('a')!, false))).toBe('a: false # why\nb: 1\n');
  });
  it('keeps the quoting style', () => {
    expect(edit('a: "x"\nb: \'y\'\n', (b, r) => b.setScalar(r.get('a')!, 'new').setScalar(r.get('b')!, "it's"))).toBe("a: \"new\"\nb: 'it''s'\n");
  });
  it('quotes a string that would read as another type', () => {
    expect(edit('a: x\n', (b, r) => b.setScalar(r.get('a')!, 'true'))).toBe('a: "true"\n');
    expect(edit('a: x\n', (b, r) => b.setScalar(r.get('a')!, quoted('HTTPS')))).toBe('a: "HTTPS"\n');
  });
  it('fills `key:` with nothing after it', () => {
    expect(edit('a:\nb: 1\n', (b, r) => b.setScalar(r.get('a')!, 1))).toBe('a: 1\nb: 1\n');
    expect(edit('a: # c\nb: 1\n', (b, r) => b.setScalar(r.get('a')!, 1))).toBe('a: 1 # c\nb: 1\n');
  });
  it('replaces an explicit ~', () => {
    expect(edit('a: ~\n', (b, r) => b.setScalar(r.get('a')!, 'x'))).toBe('a: x\n');
  });
  it('keeps an anchor on the value', () => {
    expect(edit('a: &p true\nb: *p\n', (b, r) => b.setScalar(r.get('a')!, false))).toBe('a: &p false\nb: *p\n');
  });
  it('replaces a block scalar without eating the next key', () => {
    expect(edit('a: |\n  x\n\nb: 1\n', (b, r) => b.setScalar(r.get('a')!, 'z'))).toBe('a: z\n\nb: 1\n');
    expect(edit('a: |\n  x\n\nb: 1\n', (b, r) => b.setScalar(r.get('a')!, 'y'))).toBe('a: "y"\n\nb: 1\n'); // YAML 1.1 reads y as true
  });
  it('changes nothing when the value is already written so', () => {
    expect(edit('a: false\n', (b, r) => b.setScalar(r.get('a')!, false))).toBe('a: false\n');
  });
  it('keeps CRLF', () => {
    expect(edit('a: 1\r\nb: 2\r\n', (b, r) => b.setScalar(r.get('a')!, 3))).toBe('a: 3\r\nb: 2\r\n');
  });
});

describe('setIn and insertPair', () => {
  it('adds a key at the end of a block map, at its indentation (2 spaces)', () => {
    const text = lines('spec:', '  a: 1', '  b: 2 # last', 'next: 1');
    expect(edit(text, (b, r) => b.setIn(r.get('spec')!, ['c'], 3))).toBe(lines('spec:', '  a: 1', '  b: 2 # last', '  c: 3', 'next: 1'));
  });

  it('creates missing parents in the file indentation (4 spaces)', () => {
    const text = lines('spec:', '    containers:', '        - name: web', '          image: x');
    const out = edit(text, (b, r) => b.setIn(r.getIn(['spec', 'containers', 0])!, ['securityContext', 'runAsNonRoot'], true));
    expect(out).toBe(
      lines('spec:', '    containers:', '        - name: web', '          image: x', '          securityContext:', '              runAsNonRoot: true'),
    );
  });

  it('writes sequences flush when the file does', () => {
    const text = lines('spec:', '  rules:', '  - host: a', '  other: 1');
    const out = edit(text, (b, r) => b.setIn(r.get('spec')!, ['tls'], [{ hosts: ['a'], secretName: 's' }]));
    expect(out).toBe(lines('spec:', '  rules:', '  - host: a', '  other: 1', '  tls:', '  - hosts:', '    - a', '    secretName: s'));
  });

  it('writes sequences indented when the file does', () => {
    const text = lines('spec:', '  rules:', '    - host: a');
    const out = edit(text, (b, r) => b.setIn(r.get('spec')!, ['tls'], [{ hosts: ['a'], secretName: 's' }]));
    expect(out).toBe(lines('spec:', '  rules:', '    - host: a', '  tls:', '    - hosts:', '        - a', '      secretName: s'));
  });

  it('merges two setIn calls under one new parent', () => {
    const text = lines('c:', '  name: web');
    const out = edit(text, (b, r) => {
      b.setIn(r.get('c')!, ['securityContext', 'runAsNonRoot'], true);
      b.setIn(r.get('c')!, ['securityContext', 'allowPrivilegeEscalation'], false);
      b.setIn(r.get('c')!, ['securityContext', 'capabilities', 'drop'], ['ALL']);
    });
    expect(out).toBe(
      lines(
        'c:',
        '  name: web',
        '  securityContext:',
        '    runAsNonRoot: true',
        '    allowPrivilegeEscalation: false',
        '    capabilities:',
        '      drop:',
        '        - ALL',
      ),
    );
  });

  it('merges into an existing parent and keeps its keys', () => {
    const text = lines('c:', '  securityContext:', '    privileged: false', '  name: web');
    const out = edit(text, (b, r) => b.setIn(r.get('c')!, ['securityContext', 'runAsNonRoot'], true));
    expect(out).toBe(lines('c:', '  securityContext:', '    privileged: false', '    runAsNonRoot: true', '  name: web'));
  });

  it('writes deeper insertions first when two land at one offset', () => {
    const text = lines('c:', '  name: web', '  securityContext:', '    privileged: false');
    const out = edit(text, (b, r) => {
      b.setIn(r.get('c')!, ['resources', 'limits', 'cpu'], '1');
      b.setIn(r.get('c')!, ['securityContext', 'runAsNonRoot'], true);
    });
    expect(out).toBe(
      lines('c:', '  name: web', '  securityContext:', '    privileged: false', '    runAsNonRoot: true', '  resources:', '    limits:', '      cpu: "1"'),
    );
  });

  it('fills `key:` (null) and an explicit `~` with a block', () => {
    expect(edit(lines('c:', '  sc:', '  name: x'), (b, r) => b.setIn(r.get('c')!, ['sc', 'a'], 1))).toBe(lines('c:', '  sc:', '    a: 1', '  name: x'));
    expect(edit(lines('c:', '  sc: ~', '  name: x'), (b, r) => b.setIn(r.get('c')!, ['sc', 'a'], 1))).toBe(lines('c:', '  sc:', '    a: 1', '  name: x'));
    expect(edit(lines('c:', '  sc: null # keep', '  name: x'), (b, r) => b.setIn(r.get('c')!, ['sc', 'a'], 1))).toBe(
      lines('c:', '  sc: # keep', '    a: 1', '  name: x'),
    );
    expect(edit(lines('c:', '  sc: # keep', '  name: x'), (b, r) => b.setIn(r.get('c')!, ['sc', 'a'], 1))).toBe(
      lines('c:', '  sc: # keep', '    a: 1', '  name: x'),
    );
  });

  it('fills a null inside a flow collection in flow style', () => {
    expect(edit('m: {a: null, b: 1}\n', (b, r) => b.setIn(r.get('m')!, ['a', 'x'], 1))).toBe('m: {a: {x: 1}, b: 1}\n');
    expect(edit('m: {a: , b: 1}\n', (b, r) => b.setIn(r.get('m')!, ['a', 'x'], [1, 2]))).toBe('m: {a: {x: [1, 2]} , b: 1}\n');
    expect(edit('l: [{a: ~}]\n', (b, r) => b.setIn(r.getIn(['l', 0])!, ['a', 'x'], 'z'))).toBe('l: [{a: {x: z}}]\n');
  });

  it('fills a null leaf with a scalar', () => {
    expect(edit(lines('c:', '  sc:'), (b, r) => b.setIn(r.get('c')!, ['sc'], 1, { overwrite: true }))).toBe(lines('c:', '  sc: 1'));
  });

  it('adds to flow maps, empty and not', () => {
    expect(edit('metadata: {name: x}\n', (b, r) => b.setIn(r.get('metadata')!, ['labels', 'app'], 'web'))).toBe('metadata: {name: x, labels: {app: web}}\n');
    expect(edit('metadata: {}\n', (b, r) => b.setIn(r.get('metadata')!, ['name'], 'x'))).toBe('metadata: {name: x}\n');
    expect(edit('metadata: { }\n', (b, r) => b.setIn(r.get('metadata')!, ['name'], 'x'))).toBe('metadata: {name: x }\n');
    expect(edit('metadata: {\n  name: x\n}\n', (b, r) => b.setIn(r.get('metadata')!, ['a'], 'b'))).toBe('metadata: {\n  name: x, a: b\n}\n');
  });

  it('quotes flow values that need it', () => {
    expect(edit('m: {a: 1}\n', (b, r) => b.setIn(r.get('m')!, ['k'], 'a,b'))).toBe('m: {a: 1, k: "a,b"}\n');
  });

  it('overwrites a leaf only when asked', () => {
    expect(edit('a: 1\n', (b, r) => b.setIn(r, ['a'], 2))).toBe('a: 1\n');
    expect(edit('a: 1\n', (b, r) => b.setIn(r, ['a'], 2, { overwrite: true }))).toBe('a: 2\n');
  });

  it('refuses a path through a scalar', () => {
    refuses('a: 1\n', (b, r) => b.setIn(r, ['a', 'b'], 2));
  });

  it('insertPair refuses a key that exists', () => {
    refuses('a: 1\n', (b, r) => b.insertPair(r, 'a', 2));
    expect(edit('a: 1\n', (b, r) => b.insertPair(r, 'b', placeholder('<x>')))).toBe('a: 1\nb: <x>\n');
  });

  it('uses CRLF for inserted lines in a CRLF file', () => {
    const text = 'spec:\r\n  a: 1\r\n';
    expect(edit(text, (b, r) => b.setIn(r.get('spec')!, ['b', 'c'], [1, 2]))).toBe('spec:\r\n  a: 1\r\n  b:\r\n    c:\r\n      - 1\r\n      - 2\r\n');
  });

  it('does not count a BOM as indentation', () => {
    expect(edit('\uFEFFa: 1\nb: 2\n', (b, r) => b.setIn(r, ['c', 'd'], 3))).toBe('\uFEFFa: 1\nb: 2\nc:\n  d: 3\n');
    expect(edit('\uFEFFa: {x: 1}\n', (b, r) => b.setIn(r, ['b'], 2))).toBe('\uFEFFa: {x: 1}\nb: 2\n');
  });

  it('inserts into the last map of a file without a trailing newline', () => {
    expect(edit('spec:\n  a: 1', (b, r) => b.setIn(r.get('spec')!, ['b'], 2))).toBe('spec:\n  a: 1\n  b: 2');
  });

  it('inserts after a multi-line last value', () => {
    const text = lines('m:', '  script: |', '    echo', '', '  # trailing comment', 'next: 1');
    expect(edit(text, (b, r) => b.setIn(r.get('m')!, ['b'], 2))).toBe(lines('m:', '  script: |', '    echo', '  b: 2', '', '  # trailing comment', 'next: 1'));
  });

  it('quotes keys that need it', () => {
    expect(edit('m:\n  a: 1\n', (b, r) => b.setIn(r.get('m')!, ['nginx.ingress.kubernetes.io/ssl-redirect'], quoted('true')))).toBe(
      'm:\n  a: 1\n  nginx.ingress.kubernetes.io/ssl-redirect: "true"\n',
    );
    expect(edit('m:\n  a: 1\n', (b, r) => b.setIn(r.get('m')!, ['key: x'], 1))).toBe('m:\n  a: 1\n  "key: x": 1\n');
  });
});

describe('replaceValue', () => {
  it('replaces a scalar with a block collection', () => {
    expect(edit(lines('spec:', '  tls: null', '  x: 1'), (b, r) => b.replaceValue(r.getIn(['spec', 'tls'])!, [{ secretName: 's' }]))).toBe(
      lines('spec:', '  tls:', '    - secretName: s', '  x: 1'),
    );
  });
  it('turns an empty flow list under a block key into a block list', () => {
    expect(edit(lines('spec:', '  tls: []', '  x: 1'), (b, r) => b.replaceValue(r.getIn(['spec', 'tls'])!, [{ secretName: 's' }]))).toBe(
      lines('spec:', '  tls:', '    - secretName: s', '  x: 1'),
    );
  });
  it('replaces an empty value, before or after a comment', () => {
    expect(edit(lines('a:', 'b: 1'), (b, r) => b.replaceValue(r.get('a')!, ['x']))).toBe(lines('a:', '  - x', 'b: 1'));
    expect(edit(lines('a: # c', 'b: 1'), (b, r) => b.replaceValue(r.get('a')!, ['x']))).toBe(lines('a: # c', '  - x', 'b: 1'));
    expect(edit(lines('a: ~ # c', 'b: 1'), (b, r) => b.replaceValue(r.get('a')!, { k: 'v' }))).toBe(lines('a: # c', '  k: v', 'b: 1'));
  });

  it('keeps a non-empty flow value flow', () => {
    expect(edit('a: [1, 2]\n', (b, r) => b.replaceValue(r.get('a')!, ['x']))).toBe('a: [x]\n');
  });
  it('replaces inside a flow parent in flow style', () => {
    expect(edit('a: {b: 1}\n', (b, r) => b.replaceValue(r.getIn(['a', 'b'])!, { c: [1] }))).toBe('a: {b: {c: [1]}}\n');
  });
  it('replaces a block map value and keeps the next key', () => {
    expect(edit(lines('a:', '  b: 1', 'c: 2'), (b, r) => b.replaceValue(r.get('a')!, { x: 'z' }))).toBe(lines('a:', '  x: z', 'c: 2'));
  });
});

describe('removePair', () => {
  it('removes a middle key with its lines, keeping comments on other lines', () => {
    expect(edit(lines('a: 1', '# about b', 'b:', '  c: 2', 'd: 3'), (b, r) => b.removePair(r, 'b'))).toBe(lines('a: 1', '# about b', 'd: 3'));
  });
  it('removes the last key', () => {
    expect(edit(lines('a: 1', 'b: 2'), (b, r) => b.removePair(r, 'b'))).toBe(lines('a: 1'));
    expect(edit('a: 1\nb: 2', (b, r) => b.removePair(r, 'b'))).toBe('a: 1');
  });
  it('removes the first key of a sequence item and keeps the item', () => {
    expect(edit(lines('l:', '  - name: a', '    image: x'), (b, r) => b.removePair(r.getIn(['l', 0])!, 'name'))).toBe(lines('l:', '  - image: x'));
  });
  it('leaves {} when the only key of a sequence item goes', () => {
    expect(edit(lines('l:', '  - name: a', '  - name: b'), (b, r) => b.removePair(r.getIn(['l', 0])!, 'name'))).toBe(lines('l:', '  - {}', '  - name: b'));
  });
  it('removes a flow map entry', () => {
    expect(edit('m: {a: 1, b: 2, c: 3}\n', (b, r) => b.removePair(r.get('m')!, 'b'))).toBe('m: {a: 1, c: 3}\n');
    expect(edit('m: {a: 1, b: 2}\n', (b, r) => b.removePair(r.get('m')!, 'b'))).toBe('m: {a: 1}\n');
    expect(edit('m: {a: 1}\n', (b, r) => b.removePair(r.get('m')!, 'a'))).toBe('m: {}\n');
  });
  it('removes a key with a multi-line value', () => {
    expect(edit(lines('a: |', '  x', '  y', 'b: 1'), (b, r) => b.removePair(r, 'a'))).toBe(lines('b: 1'));
  });
  it('removes a key written with CRLF', () => {
    expect(edit('a: 1\r\nb: 2\r\nc: 3\r\n', (b, r) => b.removePair(r, 'b'))).toBe('a: 1\r\nc: 3\r\n');
  });
  it('does nothing for a missing key', () => {
    expect(edit('a: 1\n', (b, r) => b.removePair(r, 'zz'))).toBe('a: 1\n');
  });
  it('flags a removed trailing comment', () => {
    const text = 'a: 1\nb: 2 # gone\n';
    const doc = parseDocument(text);
    const builder = new EditBuilder({ text, templateRegions: [], style: detectStyle(text, '\n') });
    builder.removePair(YNode.root(doc.contents, { doc: doc as never, templateRegions: [] })!, 'b');
    expect(builder.removesComments).toBe(true);
  });
});

describe('removeItem', () => {
  it('removes a middle and a last item', () => {
    expect(edit(lines('l:', '  - a', '  - b', '  - c'), (b, r) => b.removeItem(r.getIn(['l', 1])!))).toBe(lines('l:', '  - a', '  - c'));
    expect(edit(lines('l:', '  - a', '  - b'), (b, r) => b.removeItem(r.getIn(['l', 1])!))).toBe(lines('l:', '  - a'));
  });
  it('removes a map item with all its lines', () => {
    expect(edit(lines('l:', '- name: a', '  x: 1', '- name: b'), (b, r) => b.removeItem(r.getIn(['l', 0])!))).toBe(lines('l:', '- name: b'));
  });
  it('leaves [] when the only item goes', () => {
    expect(edit(lines('l:', '  - a', 'm: 1'), (b, r) => b.removeItem(r.getIn(['l', 0])!))).toBe(lines('l: []', 'm: 1'));
    expect(edit(lines('l:', '  - name: a', '    x: 1', 'm: 1'), (b, r) => b.removeItem(r.getIn(['l', 0])!))).toBe(lines('l: []', 'm: 1'));
  });
  it('removes flow items', () => {
    expect(edit('l: [a, b, c]\n', (b, r) => b.removeItem(r.getIn(['l', 0])!))).toBe('l: [b, c]\n');
    expect(edit('l: [a, b, c]\n', (b, r) => b.removeItem(r.getIn(['l', 2])!))).toBe('l: [a, b]\n');
    expect(edit('l: [a]\n', (b, r) => b.removeItem(r.getIn(['l', 0])!))).toBe('l: []\n');
  });
  it('refuses to empty a nested sequence it cannot name', () => {
    refuses(lines('l:', '  - - a'), (b, r) => b.removeItem(r.getIn(['l', 0, 0])!));
  });
});

describe('insertItemBefore', () => {
  it('inserts before the first and a later item of block sequences, at their column', () => {
    expect(edit(lines('l:', '  - a', '  - b', 'm: 1'), (b, r) => b.insertItemBefore(r.getIn(['l', 0])!, { name: 'c', x: 1 }))).toBe(
      lines('l:', '  - name: c', '    x: 1', '  - a', '  - b', 'm: 1'),
    );
    expect(edit(lines('l:', '- a', '- b'), (b, r) => b.insertItemBefore(r.getIn(['l', 1])!, 'c'))).toBe(lines('l:', '- a', '- c', '- b'));
  });
  it("copies the list's own dash spacing", () => {
    expect(edit(lines('l:', '-   name: a', '    x: 1', '-   name: b'), (b, r) => b.insertItemBefore(r.getIn(['l', 1])!, { name: 'c', x: 2 }))).toBe(
      lines('l:', '-   name: a', '    x: 1', '-   name: c', '    x: 2', '-   name: b'),
    );
  });
  it('finds the indicator past dashes in values, props and comments', () => {
    expect(edit(lines('args:', '  - -v=5', '  - # c - d', '    --port=80'), (b, r) => b.insertItemBefore(r.getIn(['args', 1])!, '--x'))).toBe(
      lines('args:', '  - -v=5', '  - --x', '  - # c - d', '    --port=80'),
    );
    expect(edit(lines('l:', '  - a', '  - &x b'), (b, r) => b.insertItemBefore(r.getIn(['l', 1])!, 'c'))).toBe(lines('l:', '  - a', '  - c', '  - &x b'));
  });
  it('inserts into flow sequences in flow style', () => {
    expect(edit('l: [a, b]\n', (b, r) => b.insertItemBefore(r.getIn(['l', 1])!, { k: 'v' }))).toBe('l: [a, {k: v}, b]\n');
  });
});

describe('appendItem', () => {
  it('appends to an indented block sequence', () => {
    expect(edit(lines('l:', '  - a', 'm: 1'), (b, r) => b.appendItem(r.get('l')!, 'b').appendItem(r.get('l')!, { name: 'c', x: 1 }))).toBe(
      lines('l:', '  - a', '  - b', '  - name: c', '    x: 1', 'm: 1'),
    );
  });
  it('appends to a flush block sequence', () => {
    expect(edit(lines('l:', '- a', 'm: 1'), (b, r) => b.appendItem(r.get('l')!, 'b'))).toBe(lines('l:', '- a', '- b', 'm: 1'));
  });
  it('appends to flow sequences, empty and not', () => {
    expect(edit('l: [a]\n', (b, r) => b.appendItem(r.get('l')!, 'b'))).toBe('l: [a, b]\n');
    expect(edit('l: []\n', (b, r) => b.appendItem(r.get('l')!, { k: 'v' }))).toBe('l: [{k: v}]\n');
  });
  it('finds the item indicator when items start with a dash', () => {
    expect(edit(lines('args:', '  - -v=5', '  - --port=80'), (b, r) => b.appendItem(r.get('args')!, '--x'))).toBe(
      lines('args:', '  - -v=5', '  - --port=80', '  - --x'),
    );
    expect(edit(lines('args:', '- -v=5', 'x: 1'), (b, r) => b.appendItem(r.get('args')!, '-w'))).toBe(lines('args:', '- -v=5', '- -w', 'x: 1'));
    expect(edit(lines('args:', '  -', '    -v=5', '  - b'), (b, r) => b.removeItem(r.getIn(['args', 0])!))).toBe(lines('args:', '  - b'));
    expect(edit(lines('args:', '  - a', '  # c - d', '  - # e - f', '    -v=5', '  - b'), (b, r) => b.removeItem(r.getIn(['args', 1])!))).toBe(
      lines('args:', '  - a', '  # c - d', '  - b'),
    );
  });

  it('finds the item indicator past anchors, tags and comments', () => {
    expect(edit(lines('l:', '  - &a x', '  - !!str y'), (b, r) => b.appendItem(r.get('l')!, 'z'))).toBe(lines('l:', '  - &a x', '  - !!str y', '  - z'));
    expect(edit(lines('l:', '  # first', '  - # c', '    x', 'm: 1'), (b, r) => b.appendItem(r.get('l')!, 'z'))).toBe(
      lines('l:', '  # first', '  - # c', '    x', '  - z', 'm: 1'),
    );
    expect(edit(lines('l:', '  - &a x', '  - !!str y'), (b, r) => b.removeItem(r.getIn(['l', 1])!))).toBe(lines('l:', '  - &a x'));
  });

  it('appends after a multi-line last item', () => {
    expect(edit(lines('l:', '  - name: a', '    x: 1', '', 'm: 1'), (b, r) => b.appendItem(r.get('l')!, 'b'))).toBe(
      lines('l:', '  - name: a', '    x: 1', '  - b', '', 'm: 1'),
    );
  });
});

describe('renameKey, appendDocument, raw edits', () => {
  it('renames a key', () => {
    expect(edit('a: 1 # c\n', (b, r) => b.renameKey(r.get('a')!, 'b'))).toBe('b: 1 # c\n');
  });
  it('appends a document, with or without a trailing newline, in the file line break', () => {
    expect(edit('a: 1\n', (b) => b.appendDocument(['b: 2']))).toBe('a: 1\n---\nb: 2\n');
    expect(edit('a: 1', (b) => b.appendDocument(['b: 2']))).toBe('a: 1\n---\nb: 2\n');
    expect(edit('a: 1\r\n', (b) => b.appendDocument(['b: 2', 'c: 3']))).toBe('a: 1\r\n---\r\nb: 2\r\nc: 3\r\n');
    expect(edit('a: 1\r\nb: 2', (b) => b.appendDocument(['c: 3']))).toBe('a: 1\r\nb: 2\r\n---\r\nc: 3\r\n');
  });
  it('merges two raw insertions at one point in call order', () => {
    expect(edit('a: 1\n', (b) => b.insert(5, 'b: 2\n').insert(5, 'c: 3\n'))).toBe('a: 1\nb: 2\nc: 3\n');
  });
  it('refuses overlapping edits', () => {
    refuses('a: 1\n', (b) => b.replace(0, 3, 'x').replace(2, 4, 'y'));
  });
});

describe('refusals', () => {
  it('refuses to rewrite a Helm action', () => {
    const text = lines('a: {{ .Values.a }}', 'b: 1');
    refuses(text, (b, r) => b.setScalar(r.get('a')!, 'x'));
    refuses(text, (b, r) => b.removePair(r, 'a'));
    refuses(text, (b) => b.insert(6, 'x')); // inside the action
    expect(edit(text, (b) => b.insert(3, '"x" '))).toBe(lines('a: "x" {{ .Values.a }}', 'b: 1')); // before it
  });
  it('still edits around Helm actions', () => {
    const text = lines('m:', '  a: {{ .Values.a }}', '  b: 1');
    expect(edit(text, (b, r) => b.setScalar(r.getIn(['m', 'b'])!, 2).setIn(r.get('m')!, ['c'], 3))).toBe(
      lines('m:', '  a: {{ .Values.a }}', '  b: 2', '  c: 3'),
    );
  });
  it('refuses every edit through an alias or a merge key', () => {
    const text = lines('base: &b', '  x: 1', '  l: [1]', 'alias: *b', 'merged:', '  <<: *b', '  own: 1');
    refuses(text, (b, r) => b.setScalar(r.getIn(['alias', 'x'])!, 2));
    refuses(text, (b, r) => b.setScalar(r.getIn(['merged', 'x'])!, 2));
    refuses(text, (b, r) => b.setIn(r.get('alias')!, ['y'], 2));
    refuses(text, (b, r) => b.removePair(r.get('merged')!, 'x'));
    refuses(text, (b, r) => b.removeItem(r.getIn(['alias', 'l', 0])!));
    refuses(text, (b, r) => b.appendItem(r.getIn(['alias', 'l'])!, 2));
    refuses(text, (b, r) => b.renameKey(r.getIn(['merged', 'x'])!, 'z'));
    refuses(text, (b, r) => b.replaceValue(r.getIn(['alias', 'l'])!, [3]));
    // Direct edits of the merging map itself are fine.
    expect(edit(text, (b, r) => b.setIn(r.get('merged')!, ['own'], 2, { overwrite: true }))).toBe(
      lines('base: &b', '  x: 1', '  l: [1]', 'alias: *b', 'merged:', '  <<: *b', '  own: 2'),
    );
  });
});

describe('sequence items written `-   ` (dash spacing)', () => {
  /** Edits and edited text; the edited text must parse. */
  function edits(text: string, build: (b: EditBuilder, root: YNode) => void) {
    const doc = parseDocument(text, { version: '1.1' });
    const builder = new EditBuilder({ text, templateRegions: [], style: detectStyle(text, detectEol(text)) });
    build(builder, YNode.root(doc.contents, { doc: doc as never, templateRegions: [] })!);
    const list = builder.build();
    return { list, out: edit(text, build) };
  }
  const js = (text: string) => parseDocument(text, { version: '1.1' }).toJS() as unknown;

  // 4-space, flush sequences, items `-   `.
  const pod = lines(
    'spec:',
    '    containers:',
    '    -   name: web',
    '        image: nginx',
    '        ports:',
    '        -   containerPort: 80',
    '    volumes:',
    '    -   name: data',
  );

  it('appends to a `-   ` sequence with its spacing, nested keys lined up under the first key', () => {
    const { list, out } = edits(pod, (b, r) => {
      b.appendItem(r.getIn(['spec', 'containers', 0, 'ports'])!, { containerPort: 443, name: 'https' });
      b.appendItem(r.getIn(['spec', 'containers'])!, {
        name: 'sidecar',
        ports: [{ containerPort: 9090 }],
        securityContext: { capabilities: { drop: ['ALL'] } },
      });
      b.appendItem(r.getIn(['spec', 'volumes'])!, 'scalar');
    });
    expect(out).toBe(
      lines(
        'spec:',
        '    containers:',
        '    -   name: web',
        '        image: nginx',
        '        ports:',
        '        -   containerPort: 80',
        '        -   containerPort: 443',
        '            name: https',
        '    -   name: sidecar',
        '        ports:',
        '        -   containerPort: 9090',
        '        securityContext:',
        '            capabilities:',
        '                drop:',
        '                -   ALL',
        '    volumes:',
        '    -   name: data',
        '    -   scalar',
      ),
    );
    // Pure insertions after the last item of each list: no existing line is rewritten.
    expect(list.every((e) => e.start === e.end)).toBe(true);
    expect(list.map((e) => pod.slice(0, e.start).split('\n').length)).toEqual([6, 8]); // the two lists ending on line 6 share one insertion
    expect(js(out)).toEqual({
      spec: {
        containers: [
          { name: 'web', image: 'nginx', ports: [{ containerPort: 80 }, { containerPort: 443, name: 'https' }] },
          { name: 'sidecar', ports: [{ containerPort: 9090 }], securityContext: { capabilities: { drop: ['ALL'] } } },
        ],
        volumes: [{ name: 'data' }, 'scalar'],
      },
    });
  });

  it('writes a new sequence in a `-   ` file with its spacing (flush and indented files)', () => {
    const out = edit(pod, (b, r) => {
      b.setIn(r.getIn(['spec', 'containers', 0])!, ['securityContext', 'capabilities', 'drop'], ['ALL']);
      b.setIn(r.get('spec')!, ['tls'], [{ hosts: ['a.example.com'], secretName: 's' }]);
    });
    expect(out).toBe(
      lines(
        'spec:',
        '    containers:',
        '    -   name: web',
        '        image: nginx',
        '        ports:',
        '        -   containerPort: 80',
        '        securityContext:',
        '            capabilities:',
        '                drop:',
        '                -   ALL',
        '    volumes:',
        '    -   name: data',
        '    tls:',
        '    -   hosts:',
        '        -   a.example.com',
        '        secretName: s',
      ),
    );
    const indented = lines('spec:', '    rules:', '        -   host: a');
    expect(edit(indented, (b, r) => b.setIn(r.get('spec')!, ['tls'], [{ hosts: ['a'], secretName: 's' }]))).toBe(
      lines('spec:', '    rules:', '        -   host: a', '    tls:', '        -   hosts:', '                -   a', '            secretName: s'),
    );
  });

  it('inserted pairs, filled nulls and replaced values holding sequences use it too', () => {
    const text = lines('metadata:', '    name: r', 'rules:', '-   apiGroups: [""]', '    resourceNames: []', '    sc:', '    verbs:', '    -   get');
    const out = edit(text, (b, r) => {
      const rule = r.getIn(['rules', 0])!;
      b.replaceValue(rule.get('resourceNames')!, [placeholder('<name>')]);
      b.setIn(rule, ['sc', 'drop'], ['ALL']);
      b.insertPair(rule, 'resources', ['secrets', { k: ['v'] }]);
    });
    expect(out).toBe(
      lines(
        'metadata:',
        '    name: r',
        'rules:',
        '-   apiGroups: [""]',
        '    resourceNames:',
        '    -   <name>',
        '    sc:',
        '        drop:',
        '        -   ALL',
        '    verbs:',
        '    -   get',
        '    resources:',
        '    -   secrets',
        '    -   k:',
        '        -   v',
      ),
    );
    expect(js(out)).toEqual({
      metadata: { name: 'r' },
      rules: [{ apiGroups: [''], resourceNames: ['<name>'], sc: { drop: ['ALL'] }, verbs: ['get'], resources: ['secrets', { k: ['v'] }] }],
    });
  });

  it('appends documents in the file spacing', () => {
    expect(edit(pod, (b) => b.appendDocument(emitBlockLines({ kind: 'X', items: ['a', { b: 1, c: 2 }] }, 0, b.source.style)))).toBe(
      `${pod}---\nkind: X\nitems:\n-   a\n-   b: 1\n    c: 2\n`,
    );
  });

  it('keeps CRLF', () => {
    const text = pod.replace(/\n/g, '\r\n');
    const out = edit(text, (b, r) => {
      b.appendItem(r.getIn(['spec', 'containers'])!, { name: 'sidecar', args: ['--x'] });
      b.setIn(r.getIn(['spec', 'containers', 0])!, ['args'], ['--y']);
    });
    expect(out).toBe(
      lines(
        'spec:',
        '    containers:',
        '    -   name: web',
        '        image: nginx',
        '        ports:',
        '        -   containerPort: 80',
        '        args:',
        '        -   --y',
        '    -   name: sidecar',
        '        args:',
        '        -   --x',
        '    volumes:',
        '    -   name: data',
      ).replace(/\n/g, '\r\n'),
    );
    expect(/[^\r]\n/.test(out)).toBe(false);
  });

  it('in a file mixing styles: new sequences take `- `, appended items copy their siblings', () => {
    // Its own items copy their siblings; sequences inside them, and new ones, take the file's `- `.
    const mixed = lines('a:', '-   x', '-   y', 'b:', '- p', '- q', 'c:', '    d: 1');
    expect(detectStyle(mixed, '\n').dashSpacing).toBeUndefined();
    const out = edit(mixed, (b, r) => {
      b.appendItem(r.get('a')!, { name: 'z', args: ['--x'] });
      b.appendItem(r.get('b')!, { name: 'r', m: 2 });
      b.setIn(r.get('c')!, ['e'], [{ f: 1, g: 2 }]);
    });
    expect(out).toBe(
      lines(
        'a:',
        '-   x',
        '-   y',
        '-   name: z',
        '    args:',
        '    - --x',
        'b:',
        '- p',
        '- q',
        '- name: r',
        '  m: 2',
        'c:',
        '    d: 1',
        '    e:',
        '    - f: 1',
        '      g: 2',
      ),
    );
    // A `- ` list in a `-   ` file keeps `- `; siblings are found past anchors, tags and comments.
    const file = lines('a:', '-   1', '-   2', '-   3', 'l:', '- x', '- # c', '  y');
    expect(edit(file, (b, r) => b.appendItem(r.get('l')!, 'z'))).toBe(lines('a:', '-   1', '-   2', '-   3', 'l:', '- x', '- # c', '  y', '- z'));
    const props = lines('a:', '- 1', '- 2', '- 3', 'l:', '-   &a x', '-   !!str y', '-   # c', '    w');
    expect(edit(props, (b, r) => b.appendItem(r.get('l')!, 'z'))).toBe(
      lines('a:', '- 1', '- 2', '- 3', 'l:', '-   &a x', '-   !!str y', '-   # c', '    w', '-   z'),
    );
  });

  it('leaves flow sequences flow', () => {
    const text = lines('spec:', '    list: [a]', '    empty: []', '    m: {k: v}', '    items:', '    -   x');
    const out = edit(text, (b, r) => {
      b.appendItem(r.getIn(['spec', 'list'])!, 'b');
      b.appendItem(r.getIn(['spec', 'empty'])!, { k: ['v'] });
      b.setIn(r.getIn(['spec', 'm'])!, ['l'], ['x', 'z']);
    });
    expect(out).toBe(lines('spec:', '    list: [a, b]', '    empty: [{k: [v]}]', '    m: {k: v, l: [x, z]}', '    items:', '    -   x'));
  });
});
