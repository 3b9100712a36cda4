/**
 * A YAML writer that produces byte for byte what Helm's `toYaml` produces (sigs.k8s.io/yaml, that
 * is go-yaml v2's emitter): keys in go-yaml's natural order, sequences not indented under their
 * key, strings plain when they would read back as strings (YAML 1.1), else single- or
 * double-quoted, multi-line strings as literal blocks, long scalars folded past column 80.
 * Byte equality matters: charts hash this text into checksum annotations.
 */
import { formatFloatG, isMap } from './template/values';

const BEST_WIDTH = 80;

/** go-yaml v2's key order: digit runs compare as numbers, letters sort after other characters. */
export function goYamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  const isLetter = (c: string): boolean => /\p{L}/u.test(c);
  const isDigit = (c: string | undefined): boolean => c !== undefined && /\p{Nd}/u.test(c);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]! < br[i]!;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]! < br[i]!;
  }
  return ar.length < br.length;
}

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const BOOLS = new Set([
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'true',
  'True',
  'TRUE',
  'false',
  'False',
  'FALSE',
  'on',
  'On',
  'ON',
  'off',
  'Off',
  'OFF',
]);

/** Whether go-yaml v2 reads the plain scalar back as something other than a string. */
function resolvesToNonString(s: string): boolean {
  if (NULLS.has(s) || BOOLS.has(s)) return true;
  if (/^[-+]?\.(inf|Inf|INF)$/.test(s) || /^\.(nan|NaN|NAN)$/.test(s)) return true;
  const c = s[0];
  if (c === undefined || !/[-+.0-9]/.test(c)) return false;
  const plain = s.replace(/_/g, '');
  // strconv.ParseInt(plain, 0, 64) / ParseUint
  if (/^[-+]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO]?[0-7]*|[1-9][0-9]*)$/.test(plain)) return true;
  // strconv.ParseFloat
  if (/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(plain)) return true;
  if (/^[-+]?(inf|infinity|nan)$/i.test(plain)) return true;
  if (/^[-+]?0[xX]([0-9a-fA-F]+(\.[0-9a-fA-F]*)?|\.[0-9a-fA-F]+)[pP][-+]?\d+$/.test(plain)) return true;
  // timestamps
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(s)) return true;
  if (/^\d{4}-\d{1,2}-\d{1,2}([Tt]|[ \t]+)\d{1,2}:\d{1,2}:\d{1,2}(\.\d*)?([ \t]*(Z|[-+]\d{1,2}(:\d{2})?))?$/.test(s)) return true;
  // base 60 floats
  if (/^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(s)) return true;
  return false;
}

function isPrintableCp(cp: number): boolean {
  if (cp === 0x0a) return true;
  if (cp >= 0x20 && cp <= 0x7e) return true;
  if (cp >= 0xa0 && cp <= 0xd7ff) return true;
  if (cp >= 0xe000 && cp <= 0xfffd) return cp !== 0xfeff;
  return false;
}
const isBreakCp = (cp: number): boolean => cp === 0x0d || cp === 0x0a || cp === 0x85 || cp === 0x2028 || cp === 0x2029;

interface Analysis {
  blockPlain: boolean;
  single: boolean;
  block: boolean;
}

function analyze(s: string): Analysis {
  const cps = [...s].map((c) => c.codePointAt(0)!);
  let blockIndicators = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let lineBreaks = false;
  let prevSpace = false;
  let prevBreak = false;
  if (s.startsWith('---') || s.startsWith('...')) blockIndicators = true;
  let precededByWs = true;
  const isBlank = (cp: number | undefined): boolean => cp === 0x20 || cp === 0x09;
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i]!;
    const ch = String.fromCodePoint(cp);
    const followedByWs = i + 1 >= cps.length || isBlank(cps[i + 1]) || isBreakCp(cps[i + 1]!);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      else if ((ch === '?' || ch === ':') && followedByWs) blockIndicators = true;
      else if (ch === '-' && followedByWs) blockIndicators = true;
    } else {
      if (ch === ':' && followedByWs) blockIndicators = true;
      else if (ch === '#' && precededByWs) blockIndicators = true;
    }
    if (!isPrintableCp(cp)) special = true;
    if (cp === 0x20) {
      if (i === 0) leadingSpace = true;
      if (i === cps.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreakCp(cp)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === cps.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = isBlank(cp) || isBreakCp(cp);
  }
  const a: Analysis = { blockPlain: true, single: true, block: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlain = false;
  if (trailingSpace) a.block = false;
  if (breakSpace) {
    a.blockPlain = false;
    a.single = false;
  }
  if (spaceBreak || special) {
    a.blockPlain = false;
    a.single = false;
    a.block = false;
  }
  if (lineBreaks) a.blockPlain = false;
  if (blockIndicators) a.blockPlain = false;
  return a;
}

class Writer {
  out = '';
  column = 0;
  put(s: string): void {
    this.out += s;
    this.column += [...s].length;
  }
  /** Newline and indent (go-yaml's write_indent, when not already at the indent). */
  indent(n: number): void {
    this.out += '\n' + ' '.repeat(n);
    this.column = n;
  }
}

function writePlain(w: Writer, s: string, indent: number, allowBreaks: boolean): void {
  const cps = [...s];
  let spaces = false;
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]!;
    if (c === ' ') {
      if (allowBreaks && !spaces && w.column > BEST_WIDTH && cps[i + 1] !== ' ') w.indent(indent);
      else w.put(c);
      spaces = true;
    } else {
      w.put(c);
      spaces = false;
    }
  }
}

function writeSingle(w: Writer, s: string, indent: number, allowBreaks: boolean): void {
  const cps = [...s];
  w.put("'");
  let spaces = false;
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]!;
    if (c === ' ') {
      if (allowBreaks && !spaces && w.column > BEST_WIDTH && i !== 0 && i !== cps.length - 1 && cps[i + 1] !== ' ') w.indent(indent);
      else w.put(c);
      spaces = true;
    } else {
      w.put(c === "'" ? "''" : c);
      spaces = false;
    }
  }
  w.put("'");
}

const DQ_ESC: Record<number, string> = {
  0: '0',
  7: 'a',
  8: 'b',
  9: 't',
  10: 'n',
  11: 'v',
  12: 'f',
  13: 'r',
  0x1b: 'e',
  0x22: '"',
  0x5c: '\\',
  0x85: 'N',
  0xa0: '_',
  0x2028: 'L',
  0x2029: 'P',
};

function writeDouble(w: Writer, s: string, indent: number, allowBreaks: boolean): void {
  const cps = [...s];
  w.put('"');
  let spaces = false;
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]!;
    const cp = c.codePointAt(0)!;
    if (!isPrintableCp(cp) || cp === 0xfeff || isBreakCp(cp) || c === '"' || c === '\\') {
      let e = DQ_ESC[cp];
      if (e === undefined) {
        const hex = cp.toString(16).toUpperCase();
        e = cp <= 0xff ? 'x' + hex.padStart(2, '0') : cp <= 0xffff ? 'u' + hex.padStart(4, '0') : 'U' + hex.padStart(8, '0');
      }
      w.put('\\' + e);
      spaces = false;
    } else if (c === ' ') {
      if (allowBreaks && !spaces && w.column > BEST_WIDTH && i > 0 && i < cps.length - 1) {
        w.indent(indent);
        if (cps[i + 1] === ' ') w.put('\\');
      } else w.put(c);
      spaces = true;
    } else {
      w.put(c);
      spaces = false;
    }
  }
  w.put('"');
}

function writeLiteral(w: Writer, s: string, indent: number): void {
  let hints = '';
  const first = s.codePointAt(0);
  if (first === 0x20 || (first !== undefined && isBreakCp(first))) hints += '2';
  if (s.length === 0 || !isBreakCp(s.codePointAt(s.length - 1)!)) hints += '-';
  else if (s.length === 1 || isBreakCp(s.codePointAt(s.length - 2)!)) hints += '+';
  w.put('|' + hints);
  // content lines
  const lines = s.split('\n');
  if (s.endsWith('\n')) lines.pop();
  for (const line of lines) {
    if (line === '') {
      w.out += '\n';
      w.column = 0;
    } else {
      w.indent(indent);
      w.put(line);
    }
  }
}

function writeString(w: Writer, s: string, indent: number, isKey: boolean): void {
  const a = analyze(s);
  const canPlain = !resolvesToNonString(s);
  let style: 'plain' | 'single' | 'double' | 'literal' = s.includes('\n') ? 'literal' : canPlain ? 'plain' : 'double';
  if (style === 'plain' && (!a.blockPlain || s.length === 0)) style = 'single';
  if (style === 'single' && !a.single) style = 'double';
  if (style === 'literal' && (!a.block || isKey)) style = 'double';
  const allowBreaks = !isKey;
  switch (style) {
    case 'plain':
      writePlain(w, s, indent, allowBreaks);
      break;
    case 'single':
      writeSingle(w, s, indent, allowBreaks);
      break;
    case 'double':
      writeDouble(w, s, indent, allowBreaks);
      break;
    case 'literal':
      writeLiteral(w, s, indent);
      break;
  }
}

function scalarText(v: unknown): string | undefined {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return '.nan';
    if (v === Infinity) return '.inf';
    if (v === -Infinity) return '-.inf';
    // JSON prints integral floats below 1e21 as integers, which go-yaml then reads as ints.
    if (Number.isInteger(v) && Math.abs(v) < 1e21) return Object.is(v, -0) ? '0' : BigInt(v).toString();
    return formatFloatG(v);
  }
  return undefined;
}

function sortedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o).sort((a, b) => (goYamlKeyLess(a, b) ? -1 : goYamlKeyLess(b, a) ? 1 : 0));
}

/** Writes a value at a position where a node starts; `indent` is the enclosing block's indent. */
function writeNode(w: Writer, v: unknown, indent: number, ctx: 'top' | 'mapValue' | 'seqItem'): void {
  const s = scalarText(v);
  if (s !== undefined) {
    w.put(s);
    return;
  }
  if (typeof v === 'string') {
    writeString(w, v, indent + 2, false);
    return;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) {
      w.put('[]');
      return;
    }
    // In a mapping, a sequence is not indented; elsewhere it is indented by 2.
    const seqIndent = ctx === 'mapValue' ? indent : ctx === 'top' ? 0 : indent + 2;
    v.forEach((item, i) => {
      // After "key:" every item starts a line; at the top or after "- " the first one is inline.
      if (i > 0 || ctx === 'mapValue') w.indent(seqIndent);
      w.put('- ');
      writeNode(w, item, seqIndent, 'seqItem');
    });
    return;
  }
  if (isMap(v)) {
    const keys = sortedKeys(v);
    if (keys.length === 0) {
      w.put('{}');
      return;
    }
    const mapIndent = ctx === 'top' ? 0 : indent + 2;
    keys.forEach((k, i) => {
      if (!(i === 0 && (ctx === 'top' || ctx === 'seqItem'))) w.indent(mapIndent);
      writeString(w, k, mapIndent, true);
      w.put(':');
      const val = v[k];
      const isBlock = (Array.isArray(val) && val.length > 0) || (isMap(val) && Object.keys(val).length > 0);
      if (!isBlock) w.put(' ');
      writeNode(w, val, mapIndent, 'mapValue');
    });
    return;
  }
  w.put('null');
}

/** sigs.k8s.io/yaml.Marshal of a JSON-like value, with its final newline. */
export function goYamlMarshal(v: unknown): string {
  const w = new Writer();
  // A scalar at the top is indented by 2 when it continues (go-yaml's flow indent).
  writeNode(w, v, 0, 'top');
  return w.out + '\n';
}
