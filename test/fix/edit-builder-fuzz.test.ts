/**
 * EditBuilder over real manifests: random operations on random nodes of the
 * corpus files, in LF and CRLF. Every edit it agrees to make parses, does
 * what it says (read back through a fresh parse) and keeps the line breaks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { applyEdits, detectEol, detectStyle, EditBuilder, maskTemplates, NoFix, splitDocuments, YNode, type NodeHost } from '../../shared-rules/src/index';

const CORPUS = path.resolve(__dirname, '../corpus');

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else if (/\.ya?ml$/.test(e.name)) out.push(full);
  }
  return out;
}

function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const parse = (text: string) => parseAllDocuments(text, { version: '1.1', merge: true });
const errorCount = (text: string) => {
  const docs = parse(text);
  return ('length' in docs ? docs : []).reduce((n, d) => n + d.errors.filter((e) => e.code !== 'DUPLICATE_KEY').length, 0);
};

function nodesOf(root: YNode): YNode[] {
  const out: YNode[] = [];
  const visit = (n: YNode, depth: number) => {
    if (depth > 12 || out.length > 400) return;
    out.push(n);
    if (n.isMap) for (const [, v] of n.entries()) if (v && !v.indirect) visit(v, depth + 1);
    if (n.isSeq) for (const v of n.items()) if (!v.indirect) visit(v, depth + 1);
  };
  visit(root, 0);
  return out;
}

/** Every `# …` comment text, in order (a `#` after white space or at a line start). */
function commentsOf(text: string): string[] {
  return text.split(/\r?\n/).flatMap((line) => {
    const m = /(?:^|\s)(#.*)$/.exec(line);
    return m ? [m[1]!.trimEnd()] : [];
  });
}

/** Path of keys and indexes from the document root to `node`. */
function pathOf(node: YNode): Array<string | number> {
  const out: Array<string | number> = [];
  for (let n: YNode | undefined = node; n?.parent; n = n.parent) out.unshift(n.index ?? n.key!);
  return out;
}

/** The node at `p` in the first document of `text`, read with YNode (which finds `on:` as "true"). */
function readBack(text: string, p: Array<string | number>): YNode | undefined {
  const docs = parse(text);
  const doc = ('length' in docs ? docs : [])[0];
  if (!doc) return undefined;
  return YNode.root(doc.contents, { doc: doc as never, templateRegions: [] })?.getIn(p);
}

describe('EditBuilder on real manifests', () => {
  const files = walk(CORPUS).filter((f) => !fs.readFileSync(f, 'utf8').includes('{{'));
  const next = rng(Number(process.env.FUZZ_SEED ?? 42));
  const sample = files.filter(() => next() < Number(process.env.FUZZ_RATE ?? 0.25));

  it('every edit made parses, lands where asked, and keeps the line breaks', () => {
    let made = 0;
    let refused = 0;
    for (const file of sample) {
      for (const eol of ['\n', '\r\n']) {
        const original = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n').replace(/\n/g, eol);
        // Duplicate keys make reading back ambiguous: such files are not for this test.
        const all = parse(original);
        if (('length' in all ? all : []).some((d) => d.errors.length > 0)) continue;
        const chunks = splitDocuments(original);
        chunks.forEach((chunk, docIndex) => {
          const text = original.slice(chunk.start, chunk.end);
          const docs = parse(text);
          const doc = ('length' in docs ? docs : [])[0];
          if (!doc || !doc.contents) return;
          const host: NodeHost = { doc: doc as never, templateRegions: [] };
          const root = YNode.root(doc.contents, host);
          if (!root) return;
          const nodes = nodesOf(root);
          for (let k = 0; k < 3; k++) {
            const node = nodes[Math.floor(next() * nodes.length)]!;
            const builder = new EditBuilder({ text, templateRegions: [], style: detectStyle(original, detectEol(original)) });
            let check: ((out: string) => void) | undefined;
            const op = Math.floor(next() * 7);
            try {
              if (op === 0 && node.isMap) {
                const value = next() < 0.5 ? { a: 'x', b: ['y', { c: 1 }] } : 'plain';
                builder.setIn(node, ['kubeward-test', 'inner'], value);
                check = (out) => expect(readBack(out, [...pathOf(node), 'kubeward-test', 'inner'])).toBeDefined();
              } else if (op === 1 && node.isMap && node.keys().length > 0) {
                const key = node.keys()[Math.floor(next() * node.keys().length)]!;
                if (node.get(key)?.indirect) continue;
                builder.removePair(node, key);
                // Its own pair is gone (a merge key may still bring the key in).
                check = (out) => {
                  const after = readBack(out, pathOf(node));
                  const own = after?.isMap ? (after.node as { items: Array<{ key: { value?: unknown } | null }> }).items.map((p) => String(p.key?.value)) : [];
                  expect(own).not.toContain(key);
                };
              } else if (op === 2 && node.isSeq) {
                builder.appendItem(node, next() < 0.5 ? 'appended' : { name: 'appended', n: 1 });
                const length = node.items().length;
                check = (out) => expect(readBack(out, [...pathOf(node), length])).toBeDefined();
              } else if (op === 3 && node.parent?.isSeq) {
                const seq = node.parent;
                const length = seq.items().length;
                builder.removeItem(node);
                check = (out) => expect(readBack(out, pathOf(seq))?.items().length).toBe(length - 1);
              } else if (op === 4 && node.isScalar && node.keyNode) {
                builder.setScalar(node, 'kubeward-value');
                check = (out) => expect(readBack(out, pathOf(node))?.str).toBe('kubeward-value');
              } else if (op === 5 && node.keyNode && !node.parent?.isFlow) {
                builder.replaceValue(node, { x: ['one', { y: 'two' }] });
                check = (out) => expect(readBack(out, [...pathOf(node), 'x', 1, 'y'])?.str).toBe('two');
              } else if (op === 6 && node.keyNode && node.parent?.isMap && !node.parent.has('kubeward-renamed')) {
                builder.renameKey(node, 'kubeward-renamed');
                check = (out) => expect(readBack(out, [...pathOf(node.parent!), 'kubeward-renamed'])).toBeDefined();
              } else continue;
              const edits = builder.build();
              const chunkOut = applyEdits(text, edits);
              const out = original.slice(0, chunk.start) + chunkOut + original.slice(chunk.end);
              const where = `${path.relative(CORPUS, file)} doc ${docIndex} op ${op} at ${pathOf(node).join('.')} (${JSON.stringify(eol)})`;
              expect(errorCount(out), `${where}\n${chunkOut}`).toBe(0);
              if (eol === '\r\n') expect(/[^\r]\n/.test(chunkOut.replace(/^\n/, '')), where).toBe(false);
              // Insertions and renames keep every comment of the document.
              if (op === 0 || op === 2 || op === 6) expect(commentsOf(chunkOut), where).toEqual(commentsOf(text));
              try {
                check?.(chunkOut);
              } catch (error) {
                throw new Error(`${where}: ${(error as Error).message}\n--- before ---\n${text}\n--- after ---\n${chunkOut}`);
              }
              made++;
            } catch (error) {
              if (!(error instanceof NoFix)) throw error;
              refused++;
            }
          }
        });
      }
    }
    expect(made).toBeGreaterThan(500);
    expect(refused).toBeLessThan(made / 4);
  });

  it('in Helm templates, never rewrites an action and keeps the masked text parseable', () => {
    const templates = walk(CORPUS).filter((f) => /\/templates\//.test(f) && fs.readFileSync(f, 'utf8').includes('{{'));
    let made = 0;
    for (const file of templates) {
      const original = fs.readFileSync(file, 'utf8');
      const mask = maskTemplates(original)!;
      const actions = mask.regions.map(([a, b]) => original.slice(a, b)).sort();
      for (const chunk of splitDocuments(mask.text)) {
        const text = original.slice(chunk.start, chunk.end);
        const maskedChunk = mask.text.slice(chunk.start, chunk.end);
        const regions = mask.regions
          .filter(([a, b]) => a >= chunk.start && b <= chunk.end)
          .map(([a, b]) => [a - chunk.start, b - chunk.start] as [number, number]);
        const docs = parse(maskedChunk);
        const doc = ('length' in docs ? docs : [])[0];
        if (!doc?.contents) continue;
        const root = YNode.root(doc.contents, { doc: doc as never, templateRegions: regions });
        if (!root) continue;
        const nodes = nodesOf(root);
        for (let k = 0; k < 4; k++) {
          const node = nodes[Math.floor(next() * nodes.length)]!;
          const builder = new EditBuilder({ text, templateRegions: regions, style: detectStyle(original, detectEol(original)) });
          try {
            if (node.isMap) builder.setIn(node, ['kubeward-test'], { a: 1 });
            else if (node.isSeq) builder.appendItem(node, 'x');
            else if (node.keyNode && node.parent?.isMap) builder.removePair(node.parent, node.key!);
            else if (node.isScalar) builder.setScalar(node, 'v');
            const out = original.slice(0, chunk.start) + applyEdits(text, builder.build()) + original.slice(chunk.end);
            const outMask = maskTemplates(out)!;
            expect(outMask.regions.map(([a, b]) => out.slice(a, b)).sort(), path.relative(CORPUS, file)).toEqual(actions);
            expect(errorCount(outMask.text), `${path.relative(CORPUS, file)}\n${out}`).toBe(errorCount(mask.text));
            made++;
          } catch (error) {
            if (!(error instanceof NoFix)) throw error;
          }
        }
      }
    }
    expect(made).toBeGreaterThan(50);
  });
});
