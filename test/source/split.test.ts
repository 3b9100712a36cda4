/**
 * splitDocuments cuts a YAML stream into one chunk per document before
 * parsing. Each chunk must parse to exactly the document that yaml itself
 * finds in the whole stream, and the chunks must partition the text.
 */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { splitDocuments, type Chunk } from '../../shared-rules/src/index';

function pieces(text: string): string[] {
  return splitDocuments(text).map((c) => text.slice(c.start, c.end));
}

function assertPartition(text: string, chunks: Chunk[]): void {
  expect(chunks.length).toBeGreaterThan(0);
  expect(chunks[0]!.start).toBe(0);
  expect(chunks[chunks.length - 1]!.end).toBe(text.length);
  for (let i = 1; i < chunks.length; i++) expect(chunks[i]!.start).toBe(chunks[i - 1]!.end);
  for (const c of chunks) if (text.length > 0) expect(c.end).toBeGreaterThan(c.start);
}

/** The documents yaml finds, as plain values, with and without splitting first. */
function sameDocuments(text: string): void {
  const whole = parseAllDocuments(text, { version: '1.1' });
  const wholeValues = ('length' in whole ? whole : []).map((d) => ({ value: d.toJS(), errors: d.errors.length }));
  const split = pieces(text).flatMap((piece) => {
    const docs = parseAllDocuments(piece, { version: '1.1' });
    return ('length' in docs ? docs : []).map((d) => ({ value: d.toJS(), errors: d.errors.length }));
  });
  expect(split).toEqual(wholeValues);
}

const CASES: Record<string, { text: string; pieces: string[] }> = {
  'one document': { text: 'a: 1\n', pieces: ['a: 1\n'] },
  empty: { text: '', pieces: [''] },
  'leading ---': { text: '---\na: 1\n', pieces: ['---\na: 1\n'] },
  'two documents': { text: 'a: 1\n---\nb: 2\n', pieces: ['a: 1\n', '---\nb: 2\n'] },
  '--- with comment': { text: 'a: 1\n--- # second\nb: 2\n', pieces: ['a: 1\n', '--- # second\nb: 2\n'] },
  '--- with tag': { text: 'a: 1\n--- !!map\nb: 2\n', pieces: ['a: 1\n', '--- !!map\nb: 2\n'] },
  '--- with inline flow content': { text: 'a: 1\n--- {b: 2}\n', pieces: ['a: 1\n', '--- {b: 2}\n'] },
  '--- with tab': { text: 'a: 1\n---\t\nb: 2\n', pieces: ['a: 1\n', '---\t\nb: 2\n'] },
  '---x is content, not a marker': { text: 'a: |\n  x\nb: ---x\n', pieces: ['a: |\n  x\nb: ---x\n'] },
  'indented --- is content': { text: 'a:\n  ---\n', pieces: ['a:\n  ---\n'] },
  '... ends a document': { text: 'a: 1\n...\nb: 2\n', pieces: ['a: 1\n...\n', 'b: 2\n'] },
  '... then ---': { text: 'a: 1\n...\n---\nb: 2\n', pieces: ['a: 1\n...\n', '---\nb: 2\n'] },
  '... with comment': { text: 'a: 1\n... # end\n---\nb: 2\n', pieces: ['a: 1\n... # end\n', '---\nb: 2\n'] },
  '--- ends a block scalar': { text: 'a: |\n  x\n---\nb: 1\n', pieces: ['a: |\n  x\n', '---\nb: 1\n'] },
  '--- in a block scalar, indented, is content': { text: 'a: |\n  ---\n  x\nb: 1\n', pieces: ['a: |\n  ---\n  x\nb: 1\n'] },
  CRLF: { text: 'a: 1\r\n---\r\nb: 2\r\n', pieces: ['a: 1\r\n', '---\r\nb: 2\r\n'] },
  'BOM then ---': { text: '\uFEFF---\na: 1\n---\nb: 2\n', pieces: ['\uFEFF---\na: 1\n', '---\nb: 2\n'] },
  'BOM without ---': { text: '\uFEFFa: 1\n---\nb: 2', pieces: ['\uFEFFa: 1\n', '---\nb: 2'] },
  'no trailing newline': { text: 'a: 1\n---\nb: 2', pieces: ['a: 1\n', '---\nb: 2'] },
  'ends with ---': { text: 'a: 1\n---', pieces: ['a: 1\n', '---'] },
  'empty documents': { text: '---\n---\n---\n', pieces: ['---\n', '---\n', '---\n'] },
  'comment before first ---': { text: '# header\n---\na: 1\n', pieces: ['# header\n', '---\na: 1\n'] },
  'a directive stays with its document': { text: '%YAML 1.1\n---\na: yes\n', pieces: ['%YAML 1.1\n---\na: yes\n'] },
  'a %TAG directive stays with its document': {
    text: 'a: 1\n...\n%TAG !k! tag:example.com,2000:\n# comment\n---\nb: !k!x 1\n',
    pieces: ['a: 1\n...\n', '%TAG !k! tag:example.com,2000:\n# comment\n---\nb: !k!x 1\n'],
  },
};

describe('splitDocuments', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(name, () => {
      const chunks = splitDocuments(c.text);
      assertPartition(c.text, chunks);
      expect(pieces(c.text)).toEqual(c.pieces);
      sameDocuments(c.text);
    });
  }

  it('partitions random multi-document streams and keeps every document intact', () => {
    const parts = ['a: 1\n', '---\n', '--- # c\n', '...\n', 'b:\n  - x\n', 'c: |\n  ---x\n', '\r\n', 'd: "q"\r\n', '# comment\n', '--- {e: 1}\n', 'f: 🚀\n'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 300; i++) {
      let text = '';
      const n = Math.floor(next() * 10);
      for (let k = 0; k < n; k++) text += parts[Math.floor(next() * parts.length)];
      assertPartition(text, splitDocuments(text));
      // Each chunk holds at most one document.
      for (const piece of pieces(text)) {
        const docs = parseAllDocuments(piece);
        expect('length' in docs ? docs.length : 0, JSON.stringify(piece)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('splits in linear time: 20,000 documents without `...` in well under a second', () => {
    const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: |\n    line\n';
    const text = Array.from({ length: 20_000 }, () => `---\n${doc}`).join('');
    const t0 = performance.now();
    const chunks = splitDocuments(text);
    expect(chunks.length).toBe(20_000);
    // It searched for the next `...` from every line: 10 s here before the fix.
    expect(performance.now() - t0).toBeLessThan(300);
  });
});
