/** computeLineStarts: the same line starts as a character-by-character reading, and no slow path. */
import { describe, expect, it } from 'vitest';
import { computeLineStarts, LineIndex } from '../../shared-rules/src/index';

function reference(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') starts.push(i + 1);
    else if (text[i] === '\r') {
      if (text[i + 1] === '\n') i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

describe('computeLineStarts', () => {
  it('agrees with a character-by-character reading for \\n, \\r\\n and lone \\r', () => {
    const pieces = ['a', 'é', '😀', '\n', '\r', '\r\n', ' ', '\n\n', '\r\r\n'];
    let seed = 11;
    for (let round = 0; round < 2000; round++) {
      let text = '';
      for (let i = 0; i < round % 17; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        text += pieces[seed % pieces.length];
      }
      expect(computeLineStarts(text), JSON.stringify(text)).toEqual(reference(text));
    }
    expect(new LineIndex('a\r\nb\rc\n').lineCount).toBe(4);
  });

  it('stays fast over one-byte, two-byte, concatenated and CRLF texts of a megabyte', () => {
    const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  key: value\n';
    const one = doc.repeat(15_000);
    const two = one.replace('ConfigMap', 'ConfigMäp');
    // The order that once sent V8 down the slow path: warm on one kind of string, then others.
    const texts = [one, one, one, two, one, one.slice(0, 400_000) + 'x' + one.slice(400_000), one, two, one, one.replace(/\n/g, '\r\n'), one];
    const started = Date.now();
    for (let round = 0; round < 3; round++) for (const text of texts) expect(computeLineStarts(text).length).toBeGreaterThan(90_000);
    // 33 megabytes: well under a second when linear; the slow path took over a second each.
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
