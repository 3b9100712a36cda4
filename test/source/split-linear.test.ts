/** splitDocuments stays linear in the file size (it used to rescan the rest of the file once per document). */
import { describe, expect, it } from 'vitest';
import { splitDocuments } from '../../shared-rules/src/index';

/** The obvious line-by-line split, to compare against. */
function reference(text: string): Array<{ start: number; end: number }> {
  const chunks: Array<{ start: number; end: number }> = [];
  let chunkStart = 0;
  const cut = (at: number) => {
    if (at > chunkStart) chunks.push({ start: chunkStart, end: at });
    chunkStart = at;
  };
  const first = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let lineStart = first; lineStart < text.length;) {
    const nl = text.indexOf('\n', lineStart);
    const next = nl === -1 ? text.length : nl + 1;
    const line = text.slice(lineStart, nl === -1 ? text.length : nl).replace(/\r$/, '');
    if (/^---([ \t#]|$)/.test(line) && lineStart > first) cut(lineStart);
    else if (/^\.\.\.([ \t]|$)/.test(line)) cut(next);
    lineStart = next;
  }
  cut(text.length);
  if (chunks.length === 0) chunks.push({ start: 0, end: text.length });
  return chunks;
}

describe('splitDocuments', () => {
  it('agrees with a line-by-line split on mixed markers', () => {
    const pieces = ['a: 1\n', '---\n', '...\n', '--- # c\n', 'b: |\n  ---\n', '---x\n', '...\r\n', '---\r\n', 'c: 2', '\n', '\uFEFF', ' ---\n'];
    let seed = 7;
    for (let round = 0; round < 500; round++) {
      let text = '';
      const n = 1 + (round % 12);
      for (let i = 0; i < n; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        text += pieces[seed % pieces.length];
      }
      expect(splitDocuments(text), JSON.stringify(text)).toEqual(reference(text));
    }
  });

  it('splits 20,000 documents without a "..." marker in linear time', () => {
    const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n';
    const text = Array.from({ length: 20_000 }, () => doc).join('---\n');
    const started = Date.now();
    expect(splitDocuments(text)).toHaveLength(20_000);
    // Quadratic scanning took minutes here; linear takes milliseconds. Generous bound.
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
