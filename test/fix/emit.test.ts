/**
 * Values a fix writes read back as what was meant, under YAML 1.1 (as
 * Kubernetes reads them) and YAML 1.2, in block and flow context.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import {
  detectDashSpacing,
  detectStyle,
  emitBlockLines,
  emitSeqItemLines,
  emitFlow,
  formatKey,
  formatScalar,
  isPlainSafe,
  placeholder,
  quoted,
  type EmitValue,
} from '../../shared-rules/src/index';

function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TRICKY = [
  '',
  ' ',
  'yes',
  'No',
  'on',
  'OFF',
  'y',
  'n',
  'true',
  'null',
  '~',
  'Null',
  '0',
  '0x1F',
  '0o17',
  '017',
  '1e3',
  '1_000',
  '.5',
  '-.inf',
  '.NaN',
  '1:30',
  '12:30:45',
  '2024-01-01',
  '<<',
  '=',
  '-',
  '- x',
  '? x',
  ': x',
  'a: b',
  'a #b',
  'a#b',
  '#x',
  '@x',
  '`x',
  '%x',
  '!x',
  '&x',
  '*x',
  '|',
  '>',
  "'",
  '"',
  '{a}',
  '[a]',
  'a,b',
  'x:',
  'tab\there',
  'new\nline',
  'trailing ',
  ' leading',
  '🚀',
  '日本',
  '\u0000',
  '\u2028',
  'nginx.ingress.kubernetes.io/ssl-redirect',
  'https://a.example.com/x?y=1#z',
  '10.0.0.0/8',
  '*.example.com',
  '<your-cidr>',
];

function readBack(yamlText: string, version: '1.1' | '1.2'): unknown {
  const doc = parseDocument(yamlText, { version });
  expect(
    doc.errors.map((e) => e.message),
    yamlText,
  ).toEqual([]);
  return doc.toJS();
}

describe('formatScalar and formatKey', () => {
  it('round-trip tricky strings in block and flow, YAML 1.1 and 1.2', () => {
    for (const s of TRICKY) {
      for (const version of ['1.1', '1.2'] as const) {
        expect(readBack(`k: ${formatScalar(s)}\n`, version), JSON.stringify(s)).toEqual({ k: s });
        expect(readBack(`k: [${formatScalar(s, true)}]\n`, version), JSON.stringify(s)).toEqual({ k: [s] });
        expect(readBack(`${formatKey(s)}: 1\n`, version), JSON.stringify(s)).toEqual({ [s]: 1 });
      }
    }
  });

  it('round-trip 2,000 random strings', () => {
    const next = rng(3);
    const alphabet = 'ab yYnN01:-#,[]{}"\'&*!|>%@`?~\\.\t';
    for (let i = 0; i < 2000; i++) {
      let s = '';
      const n = Math.floor(next() * 8);
      for (let k = 0; k < n; k++) s += alphabet[Math.floor(next() * alphabet.length)];
      expect(readBack(`k: ${formatScalar(s)}\n`, '1.1'), JSON.stringify(s)).toEqual({ k: s });
      expect(readBack(`k: {x: ${formatScalar(s, true)}}\n`, '1.1'), JSON.stringify(s)).toEqual({ k: { x: s } });
    }
  });

  it('writes plain what is plain-safe, and the typed values as themselves', () => {
    expect(formatScalar('nginx')).toBe('nginx');
    expect(isPlainSafe('yes')).toBe(false);
    expect(formatScalar(true)).toBe('true');
    expect(formatScalar(80)).toBe('80');
    expect(formatScalar(null)).toBe('null');
    expect(formatScalar(quoted('true'))).toBe('"true"');
    expect(formatScalar(placeholder('<your-cidr>'))).toBe('<your-cidr>');
    expect(formatScalar('.')).toBe('"."'); // yaml reads a lone dot as NaN under YAML 1.1
  });
});

describe('emitBlockLines and emitFlow', () => {
  const value: EmitValue = { a: 'x', list: ['one', { name: 'n', ports: [80, 443] }, []], empty: {}, 'quoted key': quoted('v') };

  it('block output in every style reads back as the value', () => {
    for (const style of [
      { eol: '\n' as const, indentUnit: 2, flushSequences: false },
      { eol: '\n' as const, indentUnit: 4, flushSequences: false },
      { eol: '\n' as const, indentUnit: 2, flushSequences: true },
      { eol: '\n' as const, indentUnit: 4, flushSequences: true },
    ]) {
      const text = `root:\n${emitBlockLines(value, style.indentUnit, style, 0).join('\n')}\n`;
      expect(readBack(text, '1.1'), text).toEqual({ root: { a: 'x', list: ['one', { name: 'n', ports: [80, 443] }, []], empty: {}, 'quoted key': 'v' } });
    }
  });

  it('flow output reads back as the value', () => {
    expect(readBack(`k: ${emitFlow(value)}\n`, '1.1')).toEqual({
      k: { a: 'x', list: ['one', { name: 'n', ports: [80, 443] }, []], empty: {}, 'quoted key': 'v' },
    });
  });
});

describe('detectStyle', () => {
  it('measures the indentation unit and the sequence style', () => {
    expect(detectStyle('a:\n  b:\n    - c\n', '\n')).toEqual({ eol: '\n', indentUnit: 2, flushSequences: false });
    expect(detectStyle('a:\n    b:\n        c: 1\n    d:\n    - x\n', '\n')).toEqual({ eol: '\n', indentUnit: 4, flushSequences: true });
    expect(detectStyle('a:\r\n  b: 1\r\n', '\r\n').eol).toBe('\r\n');
    expect(detectStyle('', '\n')).toEqual({ eol: '\n', indentUnit: 2, flushSequences: false });
  });
});

describe('dash spacing', () => {
  const spacing = (...l: string[]) => detectDashSpacing(l);

  it('reads `-   ` items as dash spacing 3, and sets it in the style only when it is not 1', () => {
    const text = 'spec:\n    containers:\n    -   name: web\n        ports:\n        -   containerPort: 80\n';
    expect(detectStyle(text, '\n')).toEqual({ eol: '\n', indentUnit: 4, flushSequences: true, dashSpacing: 3 });
    expect(detectStyle('a:\n  - b\n  - c: 1\n', '\n')).toEqual({ eol: '\n', indentUnit: 2, flushSequences: false });
    expect(detectStyle('a: [b, c]\n', '\n').dashSpacing).toBeUndefined();
    expect(spacing('l:', '-  a', '-  b')).toBe(2);
  });

  it('takes another spacing only when at least two items in three use it', () => {
    expect(spacing('l:', '-   a', '-   b', '- c')).toBe(3);
    expect(spacing('l:', '-   a', '- b')).toBe(1);
    expect(spacing('l:', '-   a', '-  b', '- c')).toBe(1);
    // One stray item among the others (as in some corpus files) changes nothing.
    expect(spacing('args:', '- a', '- b', '-  --c', '- d', '- e')).toBe(1);
    expect(spacing('l:', '-   a', '-   b', '-   c', '-  d')).toBe(3);
  });

  it('counts only real block sequence items', () => {
    // Inside block scalars, comments, flow collections, document markers: no votes.
    expect(spacing('script: |', '  -   not an item', '  -   nor this', 'l:', '- a')).toBe(1);
    expect(spacing('l:', '- |', '    -   text', '    -   text', '    -   text', '- >-', '    -   text', '    -   text', '    -   text', '- b')).toBe(1);
    expect(spacing('-   run: |-', '        -   text', '        -   text', '        -   text', '    x: 1', '- b')).toBe(1);
    expect(spacing('k: &a !!str >2', '    -   text', '    -   text', '    -   text', 'l:', '- b')).toBe(1);
    expect(spacing('# -   a', '#-   b', 'l: [-   c]', '---', '--- x', '- d')).toBe(1);
    // `-` followed by a comment, nothing, or a tab does not say how items are spaced.
    expect(spacing('l:', '-   # c', '    x', '-   # d', '    y', '-', '    z', '-\tz', '-\tz', '- w')).toBe(1);
    // Past a block scalar, items count again.
    expect(spacing('a: |', '  -   x', 'l:', '-   y', '-   z')).toBe(3);
  });

  it('writes items with the spacing, nested keys lined up under the first', () => {
    const style = { eol: '\n' as const, indentUnit: 4, flushSequences: true, dashSpacing: 3 };
    expect(emitSeqItemLines({ name: 'web', ports: [{ containerPort: 80 }], env: { a: 'b' } }, 4, style)).toEqual([
      '    -   name: web',
      '        ports:',
      '        -   containerPort: 80',
      '        env:',
      '            a: b',
    ]);
    expect(emitSeqItemLines('ALL', 0, style)).toEqual(['-   ALL']);
    expect(emitSeqItemLines(['a', 'b'], 0, style)).toEqual(['-   [a, b]']);
    for (const s of [style, { ...style, flushSequences: false }, { ...style, indentUnit: 2 }, { ...style, dashSpacing: 2 }]) {
      const value: EmitValue = { list: ['one', { name: 'n', ports: [80, { p: [1] }] }, []], m: { l: [{ a: 1, b: { c: [2] } }] } };
      const text = `root:\n${emitBlockLines(value, s.indentUnit, s, 0).join('\n')}\n`;
      expect(readBack(text, '1.1'), text).toEqual({ root: value });
    }
  });
});
