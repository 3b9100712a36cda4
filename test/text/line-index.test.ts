/**
 * LineIndex is the one offset ⇄ position mapping of the project. It must
 * agree exactly with the LSP reference implementation
 * (vscode-languageserver-textdocument) and, where YAML and LSP count lines
 * the same way (no lone CR), with yaml's LineCounter.
 */
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineCounter } from 'yaml';
import { computeLineStarts, detectEol, LineIndex } from '../../shared-rules/src/index';

const CRAFTED: Record<string, string> = {
  empty: '',
  'one char': 'a',
  'only LF': '\n',
  'only CRLF': '\r\n',
  'only CR': '\r',
  LF: 'apiVersion: v1\nkind: Pod\n',
  'LF no trailing newline': 'apiVersion: v1\nkind: Pod',
  CRLF: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: x\r\n',
  'lone CR': 'a: 1\rb: 2\rc: 3',
  'mixed breaks': 'a\r\nb\nc\rd\r\r\ne\n\r\n\n\rf',
  'CR CR LF': 'a\r\r\nb',
  'blank lines': '\n\n\n',
  BOM: '\uFEFFapiVersion: v1\nkind: Pod\n',
  'BOM CRLF': '\uFEFFa: 1\r\nb: 2\r\n',
  emoji: 'name: "🚀🚀"\nlabel: 👩‍👩‍👧 x\n',
  'emoji CRLF': '🚀\r\n🚀🚀\r\nx',
  CJK: 'description: 日本語のテキスト\n名前: 値\n',
  tabs: 'a:\t"x\ty"\n\tb\n',
  'surrogate at end': 'x: 🚀',
  'lone surrogate': 'x: \uD83D\ny: \uDE80\n',
};

/** Deterministic PRNG (mulberry32) so a failure is reproducible. */
function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = ['a', 'b', ' ', ':', '-', '\t', '\n', '\r\n', '\r', '\uFEFF', '🚀', '日', 'é', '#', '"', '\n---\n', '\r\r'];

function randomText(next: () => number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET[Math.floor(next() * ALPHABET.length)];
  return s;
}

function compareWithTextDocument(text: string, label: string): void {
  const index = new LineIndex(text);
  const doc = TextDocument.create('file:///x.yaml', 'yaml', 1, text);
  expect(index.lineCount, `${label}: lineCount`).toBe(doc.lineCount);
  for (let offset = -2; offset <= text.length + 2; offset++) {
    expect(index.positionAt(offset), `${label}: positionAt(${offset})`).toEqual(doc.positionAt(offset));
  }
  for (let line = -1; line <= doc.lineCount + 1; line++) {
    const lineLength = line >= 0 && line < index.lineCount ? index.lineText(line).length : 0;
    for (let character = -1; character <= lineLength + 3; character++) {
      expect(index.offsetAt({ line, character }), `${label}: offsetAt(${line}:${character})`).toBe(doc.offsetAt({ line, character }));
    }
  }
  // lineText is the line without its break, as the LSP reference counts it.
  for (let line = 0; line < index.lineCount; line++) {
    const end = doc.offsetAt({ line, character: Number.MAX_SAFE_INTEGER });
    expect(index.lineText(line), `${label}: lineText(${line})`).toBe(text.slice(doc.offsetAt({ line, character: 0 }), end));
    expect(index.lineEnd(line)).toBe(end);
  }
}

describe('LineIndex agrees with vscode-languageserver-textdocument', () => {
  for (const [name, text] of Object.entries(CRAFTED)) {
    it(name, () => compareWithTextDocument(text, name));
  }

  it('on 300 random texts', () => {
    const next = rng(20240501);
    for (let i = 0; i < 300; i++) {
      const text = randomText(next, Math.floor(next() * 60));
      compareWithTextDocument(text, `random #${i} ${JSON.stringify(text)}`);
    }
  });

  it('maps an offset between \\r and \\n to the end of the line', () => {
    const index = new LineIndex('ab\r\ncd');
    expect(index.positionAt(3)).toEqual({ line: 0, character: 2 });
    expect(index.positionAt(4)).toEqual({ line: 1, character: 0 });
  });

  it('counts UTF-16 code units: an emoji is two characters, a CJK ideograph one', () => {
    const index = new LineIndex('🚀日x');
    expect(index.positionAt(2)).toEqual({ line: 0, character: 2 });
    expect(index.positionAt(3)).toEqual({ line: 0, character: 3 });
    expect(index.offsetAt({ line: 0, character: 3 })).toBe(3);
  });

  it('counts a BOM as a character (callers strip it when editors do not show it)', () => {
    expect(new LineIndex('\uFEFFa').positionAt(1)).toEqual({ line: 0, character: 1 });
  });

  it('clamps offsets past the end and characters past the line end', () => {
    const index = new LineIndex('ab\ncd\n');
    expect(index.positionAt(100)).toEqual({ line: 2, character: 0 });
    expect(index.offsetAt({ line: 0, character: 100 })).toBe(2);
    expect(index.offsetAt({ line: 9, character: 0 })).toBe(6);
    expect(index.positionAt(-5)).toEqual({ line: 0, character: 0 });
  });
});

describe('LineIndex agrees with yaml LineCounter (1-based) where YAML breaks lines the same way', () => {
  function compareWithLineCounter(text: string, label: string): void {
    // YAML breaks lines on \n only (a \r before it belongs to the break); LSP also on a lone \r.
    const counter = new LineCounter();
    for (const start of computeLineStarts(text)) counter.addNewLine(start);
    const index = new LineIndex(text);
    for (let offset = 0; offset <= text.length; offset++) {
      if (text[offset - 1] === '\r' && text[offset] === '\n') continue; // inside a CRLF: LSP clamps, YAML does not
      const { line, col } = counter.linePos(offset);
      const position = index.positionAt(offset);
      expect({ line: position.line + 1, col: position.character + 1 }, `${label}: ${offset}`).toEqual({ line, col });
    }
  }

  for (const [name, text] of Object.entries(CRAFTED)) {
    if (/\r(?!\n)/.test(text)) continue;
    it(name, () => compareWithLineCounter(text, name));
  }

  it('matches the LineCounter that yaml fills while parsing', async () => {
    const { parseAllDocuments } = await import('yaml');
    for (const [name, text] of Object.entries(CRAFTED)) {
      if (/\r(?!\n)/.test(text)) continue;
      const counter = new LineCounter();
      parseAllDocuments(text, { lineCounter: counter });
      expect(counter.lineStarts, name).toEqual(computeLineStarts(text).slice(0, counter.lineStarts.length));
      expect(counter.lineStarts.length, name).toBe(computeLineStarts(text).length);
    }
  });
});

describe('detectEol', () => {
  it('finds the break the file uses', () => {
    expect(detectEol('a\r\nb')).toBe('\r\n');
    expect(detectEol('a\nb')).toBe('\n');
    expect(detectEol('ab')).toBe('\n');
    expect(detectEol('\nb')).toBe('\n');
  });
});
