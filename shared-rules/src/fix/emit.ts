/**
 * Writes new YAML text for values a fix inserts, in the file's own style:
 * its indentation unit, its sequence style (indented or flush), the spacing
 * after the `-` of its sequence items and its line break. Only inserted text is produced here; existing text is never rewritten.
 */
import { parseDocument } from 'yaml';

export interface SourceStyle {
  eol: '\n' | '\r\n';
  /** Spaces per nesting level. */
  indentUnit: number;
  /** `key:\n- item` (flush) rather than `key:\n  - item`. */
  flushSequences: boolean;
  /**
   * Spaces between the `-` of a block sequence item and its content: 3 in
   * files written `-   name: web` (keys on a 4-space grid). Absent means 1
   * (`- name: web`); `detectStyle` only sets it when the file uses another.
   */
  dashSpacing?: number;
}

export const DEFAULT_STYLE: SourceStyle = { eol: '\n', indentUnit: 2, flushSequences: false };

/** A string that must be double-quoted (`"true"`, `"HTTPS"` in annotations). */
export class Quoted {
  constructor(readonly value: string) {}
}

/** A value the user must replace: emitted as is and selected in editors that support it. */
export class Placeholder {
  constructor(readonly value: string) {}
}

export const quoted = (value: string) => new Quoted(value);
export const placeholder = (value: string) => new Placeholder(value);

export type EmitValue = string | number | boolean | null | Quoted | Placeholder | readonly EmitValue[] | { readonly [key: string]: EmitValue | undefined };

const AMBIGUOUS = /^(?:~|null|true|false|yes|no|y|n|on|off|=|<<)$/i;
const NUMBERISH = /^[-+]?(?:\.?\d|\.(?:inf|nan)$|0x|0o)/i;
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;

/** True when `s` can be written as a plain scalar and read back as the same string. */
export function isPlainSafe(s: string, inFlow = false): boolean {
  if (s === '' || s.trim() !== s) return false;
  if (AMBIGUOUS.test(s) || NUMBERISH.test(s)) return false;
  if (INDICATOR_START.test(s) && !/^[-?:][^\s,[\]{}]/.test(s)) return false;
  if (/^[-?:]/.test(s) && inFlow) return false;
  if (s.includes(': ') || s.includes(' #') || s.endsWith(':')) return false;
  if (/[\u0000-\u001f\u007f\u0085\u2028\u2029\ufeff]/.test(s)) return false;
  if (inFlow && /[,[\]{}]/.test(s)) return false;
  // Last word to the parser: YAML 1.1 (as Kubernetes reads it) and 1.2 must both read it back as this string.
  return readsBackAsString(s, inFlow);
}

const roundTrips = new Map<string, boolean>();

function readsBackAsString(s: string, inFlow: boolean): boolean {
  const key = `${inFlow ? 1 : 0}${s}`;
  let ok = roundTrips.get(key);
  if (ok === undefined) {
    ok = (['1.1', '1.2'] as const).every((version) => {
      const doc = parseDocument(inFlow ? `[${s}]` : `k: ${s}`, { version });
      if (doc.errors.length > 0) return false;
      const value = doc.toJS() as unknown;
      return inFlow ? Array.isArray(value) && value.length === 1 && value[0] === s : (value as { k?: unknown } | null)?.k === s;
    });
    if (roundTrips.size > 10_000) roundTrips.clear();
    roundTrips.set(key, ok);
  }
  return ok;
}

export function doubleQuote(s: string): string {
  return JSON.stringify(s);
}

export function singleQuote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

export function isScalarValue(v: unknown): v is string | number | boolean | null | Quoted | Placeholder {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Quoted || v instanceof Placeholder;
}

export function formatScalar(v: string | number | boolean | null | Quoted | Placeholder, inFlow = false): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (v instanceof Quoted) return doubleQuote(v.value);
  const s = v instanceof Placeholder ? v.value : v;
  return isPlainSafe(s, inFlow) ? s : doubleQuote(s);
}

export function formatKey(key: string): string {
  return isPlainSafe(key) ? key : doubleQuote(key);
}

function isEmptyCollection(v: EmitValue): boolean {
  if (Array.isArray(v)) return v.length === 0;
  if (v && typeof v === 'object' && !(v instanceof Quoted) && !(v instanceof Placeholder)) return Object.keys(v).length === 0;
  return false;
}

function entriesOf(v: { readonly [key: string]: EmitValue | undefined }): Array<[string, EmitValue]> {
  return Object.entries(v).filter((e): e is [string, EmitValue] => e[1] !== undefined);
}

/** Flow style (`{a: 1, b: [x]}`), for insertion inside flow collections. */
export function emitFlow(v: EmitValue): string {
  if (isScalarValue(v)) return formatScalar(v, true);
  if (Array.isArray(v)) return `[${v.map(emitFlow).join(', ')}]`;
  const map = v as { readonly [key: string]: EmitValue | undefined };
  const parts = entriesOf(map).map(([k, val]) => `${formatKey(k)}: ${emitFlow(val)}`);
  return `{${parts.join(', ')}}`;
}

/**
 * Lines for `key: value` with the key at column `col`. Nested maps go one
 * indent unit deeper; sequences follow the file's style.
 */
export function emitPairLines(key: string, value: EmitValue, col: number, style: SourceStyle): string[] {
  const pad = ' '.repeat(col);
  const k = formatKey(key);
  if (isScalarValue(value)) return [`${pad}${k}: ${formatScalar(value)}`];
  if (isEmptyCollection(value)) return [`${pad}${k}: ${Array.isArray(value) ? '[]' : '{}'}`];
  return [`${pad}${k}:`, ...emitBlockLines(value, col + style.indentUnit, style, col)];
}

/**
 * Lines for a collection value whose entries start at column `col`.
 * `parentCol` is the column of the key that owns it (for flush sequences).
 */
export function emitBlockLines(value: EmitValue, col: number, style: SourceStyle, parentCol = col - style.indentUnit): string[] {
  if (isScalarValue(value)) return [`${' '.repeat(col)}${formatScalar(value)}`];
  if (Array.isArray(value)) {
    const dashCol = style.flushSequences ? parentCol : col;
    const lines: string[] = [];
    for (const item of value as readonly EmitValue[]) lines.push(...emitSeqItemLines(item, dashCol, style));
    return lines;
  }
  const lines: string[] = [];
  for (const [k, v] of entriesOf(value as { readonly [key: string]: EmitValue | undefined })) lines.push(...emitPairLines(k, v, col, style));
  return lines;
}

/**
 * Lines for one `- item` with its dash at column `dashCol`, followed by
 * `spacing` spaces (by default the style's: `- `, `-   `); the keys of a
 * mapping item line up under its first key (`-   name: web` / `    image: x`).
 * Sequences inside the item are written in the style's spacing.
 */
export function emitSeqItemLines(item: EmitValue, dashCol: number, style: SourceStyle, spacing = style.dashSpacing ?? 1): string[] {
  const pad = ' '.repeat(dashCol);
  const dash = `-${' '.repeat(spacing)}`;
  if (isScalarValue(item) || isEmptyCollection(item) || Array.isArray(item)) {
    return [`${pad}${dash}${isScalarValue(item) ? formatScalar(item) : emitFlow(item)}`];
  }
  const inner = dashCol + dash.length;
  const lines: string[] = [];
  const entries = entriesOf(item as { readonly [key: string]: EmitValue | undefined });
  entries.forEach(([k, v], i) => {
    const pairLines = emitPairLines(k, v, inner, style);
    if (i === 0) pairLines[0] = `${pad}${dash}${pairLines[0]!.slice(inner)}`;
    lines.push(...pairLines);
  });
  return lines;
}

/** Placeholder strings anywhere in a value. */
export function collectPlaceholders(value: EmitValue, out: string[] = []): string[] {
  if (value instanceof Placeholder) out.push(value.value);
  else if (Array.isArray(value)) for (const v of value as readonly EmitValue[]) collectPlaceholders(v, out);
  else if (value && typeof value === 'object' && !(value instanceof Quoted)) {
    for (const v of Object.values(value)) if (v !== undefined) collectPlaceholders(v as EmitValue, out);
  }
  return out;
}

/** Deep-merges plain objects (b wins on scalars); arrays are not merged. */
export function mergeValues(a: EmitValue | undefined, b: EmitValue): EmitValue {
  if (a === undefined) return b;
  const isObj = (v: EmitValue | undefined): v is { readonly [key: string]: EmitValue | undefined } =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Quoted) && !(v instanceof Placeholder);
  if (isObj(a) && isObj(b)) {
    const out: { [key: string]: EmitValue | undefined } = { ...a };
    for (const [k, v] of Object.entries(b)) if (v !== undefined) out[k] = mergeValues(out[k], v);
    return out;
  }
  return b;
}

/** Measures the file's indentation unit, sequence style and dash spacing from its text. */
export function detectStyle(text: string, eol: '\n' | '\r\n'): SourceStyle {
  const lines = text.split(/\r?\n/, 4000);
  const unitVotes = new Map<number, number>();
  let flush = 0;
  let indented = 0;
  for (let i = 0; i < lines.length - 1; i++) {
    const line = lines[i]!;
    const m = /^( *)(?:- )?[^\s#][^#]*:\s*(?:#.*)?$/.exec(line);
    if (!m) continue;
    // The column of the key itself (after a `- `).
    const keyCol = line.search(/[^\s-]/);
    let j = i + 1;
    while (j < lines.length && /^\s*(#.*)?$/.test(lines[j]!)) j++;
    const next = lines[j];
    if (next === undefined) continue;
    const nextCol = next.search(/\S/);
    if (nextCol < 0) continue;
    const isItem = next.slice(nextCol).startsWith('- ') || next.slice(nextCol) === '-';
    if (isItem) {
      if (nextCol === keyCol) flush++;
      else if (nextCol > keyCol) {
        indented++;
        unitVotes.set(nextCol - keyCol, (unitVotes.get(nextCol - keyCol) ?? 0) + 1);
      }
    } else if (nextCol > keyCol) {
      unitVotes.set(nextCol - keyCol, (unitVotes.get(nextCol - keyCol) ?? 0) + 1);
    }
  }
  let unit = 2;
  let best = 0;
  for (const [u, votes] of unitVotes) if (u >= 1 && u <= 8 && votes > best) [unit, best] = [u, votes];
  const style: SourceStyle = { eol, indentUnit: unit, flushSequences: flush > indented };
  const dashSpacing = detectDashSpacing(lines);
  if (dashSpacing !== 1) style.dashSpacing = dashSpacing;
  return style;
}

/**
 * When `line` opens a block scalar (`key: |`, `- >-`, `key: &a !!str |2 # c`):
 * the column its content lines are deeper than (the key's, or the `-`'s of a
 * `- |` item). -1 otherwise. Token by token, without backtracking patterns.
 */
function blockScalarOwner(line: string, indent: number): number {
  const hash = line.search(/(?:^|[ \t])#/);
  const tokens = (hash >= 0 ? line.slice(0, hash) : line).trim().split(/[ \t]+/);
  let i = tokens.length - 1;
  if (!/^[|>][1-9+-]{0,2}$/.test(tokens[i]!)) return -1;
  i--;
  while (i >= 0 && /^[!&]/.test(tokens[i]!)) i--; // a tag or an anchor
  if (i < 0) return -1;
  if (tokens[i] === '-') return indent;
  return tokens[i]!.endsWith(':') ? line.search(/[^\s-]/) : -1;
}

/** A block sequence item: indentation, its `-`, the spaces after it, and what follows. */
const SEQUENCE_ITEM = /^( *)-( +)([^\s#])/;

/**
 * Spaces after the `-` of the file's block sequence items. Every item line
 * votes for its spacing (an item whose `-` is followed by a comment, a tab or
 * nothing, and lines inside block scalars, do not vote). A spacing other than
 * 1 is taken only when at least two items in three use it; otherwise (no
 * items, or a file that mixes styles without one clearly dominating) the
 * default `- ` stays.
 */
export function detectDashSpacing(lines: readonly string[]): number {
  const votes = new Map<number, number>();
  let total = 0;
  /** Inside a block scalar: the column its content must be deeper than. */
  let scalarOwner = -1;
  for (const line of lines) {
    const indent = line.search(/\S/);
    if (scalarOwner >= 0) {
      if (indent < 0 || indent > scalarOwner) continue;
      scalarOwner = -1;
    }
    if (indent < 0 || line[indent] === '#') continue;
    const item = SEQUENCE_ITEM.exec(line);
    if (item && item[2]!.length <= 8) {
      const spacing = item[2]!.length;
      votes.set(spacing, (votes.get(spacing) ?? 0) + 1);
      total++;
    }
    scalarOwner = blockScalarOwner(line, indent);
  }
  let spacing = 1;
  let best = 0;
  for (const [s, n] of votes) if (s !== 1 && n > best) [spacing, best] = [s, n];
  return best > 0 && 3 * best >= 2 * total ? spacing : 1;
}
