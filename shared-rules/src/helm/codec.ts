/**
 * YAML and JSON as Helm reads and writes them: values files and `fromYaml` parse YAML 1.1 (as
 * go-yaml v2 does: `yes`/`on` are booleans, numbers become float64), `toYaml` writes keys sorted
 * with sequences not indented under their key, `toJson` writes Go's encoding/json output (sorted
 * keys, `<`, `>`, `&` escaped).
 */
import { Document, isMap as isYamlMap, isScalar, isSeq, parseAllDocuments, parseDocument, stringify, type Node as YamlNode } from 'yaml';
import { isMap } from './template/values';
import { formatFloatG } from './template/values';
import { goYamlMarshal } from './goyaml';

const PARSE_OPTIONS = { version: '1.1', merge: true, uniqueKeys: false, maxAliasCount: 10_000 } as const;

/** Converts a parsed YAML value to render values: integers and floats become float64 numbers. */
export function fromYamlValue(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(fromYamlValue);
  if (v instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v) o[String(k)] = fromYamlValue(x);
    return o;
  }
  if (typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v)) o[k] = fromYamlValue((v as Record<string, unknown>)[k]);
    return o;
  }
  return v;
}

export class YamlError extends Error {}

/** Parses one YAML document as Helm's values; throws YamlError. */
export function parseYamlValues(text: string): { value: unknown; doc: Document } {
  const doc = parseDocument(text, PARSE_OPTIONS);
  if (doc.errors.length > 0) throw new YamlError(doc.errors[0]!.message);
  return { value: fromYamlValue(doc.toJS({ maxAliasCount: 10_000 })), doc };
}

export function parseYamlAll(text: string): unknown[] {
  const docs = parseAllDocuments(text, PARSE_OPTIONS);
  const arr = Array.isArray(docs) ? docs : [docs];
  const out: unknown[] = [];
  for (const d of arr) {
    if (d.errors.length > 0) throw new YamlError(d.errors[0]!.message);
    out.push(fromYamlValue(d.toJS({ maxAliasCount: 10_000 })));
  }
  return out;
}

/** Converts a render value to a plain JSON-like value for encoders: structs become maps, bytes base64. */
function toPlain(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v;
  if (Array.isArray(v)) return v.map(toPlain);
  if (v instanceof Uint8Array) {
    let s = '';
    for (const b of v) s += String.fromCharCode(b);
    return b64(s);
  }
  if (typeof v === 'object') {
    const o: Record<string, unknown> = {};
    const src = v as Record<string, unknown>;
    const keys = isMap(v) ? Object.keys(src) : Object.keys(src).filter((k) => /^[A-Z]/.test(k) && typeof src[k] !== 'function');
    for (const k of keys.sort()) o[k] = toPlain(src[k]);
    return o;
  }
  if (typeof v === 'function') return null;
  return v;
}

function b64(bin: string): string {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bin.length; i += 3) {
    const n = (bin.charCodeAt(i) << 16) | ((bin.charCodeAt(i + 1) || 0) << 8) | (bin.charCodeAt(i + 2) || 0);
    out += A[(n >> 18) & 63]! + A[(n >> 12) & 63]! + (i + 1 < bin.length ? A[(n >> 6) & 63]! : '=') + (i + 2 < bin.length ? A[n & 63]! : '=');
  }
  return out;
}

/** Go's encoding/json.Marshal (escapeHTML on) or json.MarshalIndent. */
export function toJson(v: unknown, opts: { escapeHtml?: boolean; indent?: string } = {}): string {
  const plain = toPlain(v);
  const enc = (x: unknown, depth: number): string => {
    if (x === null) return 'null';
    if (typeof x === 'bigint') return x.toString();
    if (typeof x === 'number') {
      if (!Number.isFinite(x)) throw new Error(`json: unsupported value: ${formatFloatG(x)}`);
      return jsonFloat(x);
    }
    if (typeof x === 'boolean') return x ? 'true' : 'false';
    if (typeof x === 'string') return jsonString(x, opts.escapeHtml !== false);
    const ind = opts.indent;
    const nl = ind ? '\n' + ind.repeat(depth + 1) : '';
    const close = ind ? '\n' + ind.repeat(depth) : '';
    if (Array.isArray(x)) {
      if (x.length === 0) return '[]';
      return '[' + nl + x.map((e) => enc(e, depth + 1)).join(',' + nl) + close + ']';
    }
    const o = x as Record<string, unknown>;
    const keys = Object.keys(o).sort();
    if (keys.length === 0) return '{}';
    return '{' + nl + keys.map((k) => jsonString(k, opts.escapeHtml !== false) + (ind ? ': ' : ':') + enc(o[k], depth + 1)).join(',' + nl) + close + '}';
  };
  return enc(plain, 0);
}

function jsonFloat(x: number): string {
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-6 || a >= 1e21)) {
    let s = x.toExponential();
    s = s.replace(/e([+-])(\d)$/, 'e$10$2');
    // Go: e-07 → e-7 cleanup for two-digit negative exponents
    s = s.replace(/e-0(\d)$/, 'e-$1');
    return s;
  }
  return String(x);
}

function jsonString(s: string, escapeHtml: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i]!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c < 0x20) {
      if (c === 10) out += '\\n';
      else if (c === 13) out += '\\r';
      else if (c === 9) out += '\\t';
      else out += '\\u00' + c.toString(16).padStart(2, '0');
    } else if (escapeHtml && (ch === '<' || ch === '>' || ch === '&')) out += '\\u00' + c.toString(16);
    else if (c === 0x2028 || c === 0x2029) out += '\\u' + c.toString(16);
    else out += ch;
  }
  return out + '"';
}

/** Go's json.Unmarshal into interface{}: numbers float64, objects maps. */
export function fromJson(text: string): unknown {
  return fromYamlValue(JSON.parse(text));
}

/** sigs.k8s.io/yaml.Marshal as Helm's toYaml uses it (with the final newline); `pretty` is toYamlPretty. */
export function toYaml(v: unknown, pretty = false): string {
  const plain = jsonRoundTrip(toPlain(v));
  if (!pretty) return goYamlMarshal(plain);
  if (plain === null) return 'null\n';
  const doc = new Document(plain, { version: '1.1' });
  yamlStyle(doc.contents as YamlNode | null);
  return doc.toString({ indent: 2, indentSeq: true, lineWidth: 0, minContentWidth: 0, nullStr: 'null', trueStr: 'true', falseStr: 'false' });
}

/** sigs.k8s.io/yaml goes through JSON: integral floats become ints. */
function jsonRoundTrip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(jsonRoundTrip);
  if (v !== null && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) o[k] = jsonRoundTrip((v as Record<string, unknown>)[k]);
    return o;
  }
  if (typeof v === 'bigint') return Number(v) === Number(v) && Math.abs(Number(v)) < 2 ** 53 ? Number(v) : v;
  return v;
}

function yamlStyle(n: YamlNode | null): void {
  if (!n) return;
  if (isYamlMap(n) || isSeq(n)) {
    if (n.items.length === 0) n.flow = true;
    for (const it of n.items as unknown[]) {
      if (isScalar(it)) yamlStyle(it);
      else if (it && typeof it === 'object' && 'value' in it) {
        yamlStyle((it as { value: YamlNode | null }).value);
        const key = (it as unknown as { key: unknown }).key;
        if (isScalar(key)) yamlStyle(key);
      } else yamlStyle(it as YamlNode);
    }
  } else if (isScalar(n)) {
    if (typeof n.value === 'string' && n.value.includes('\n') && !/[ \t]\n|[ \t]$|^[ \t]|[\x00-\x08\x0b-\x1f]/.test(n.value)) n.type = 'BLOCK_LITERAL';
    else if (typeof n.value === 'number' && Number.isInteger(n.value) && Math.abs(n.value) >= 1e21) n.format = 'EXP';
  }
}

/** `toToml` (BurntSushi/toml encoder, enough for maps of scalars, lists and tables). */
export function toToml(v: unknown): string {
  const plain = toPlain(v);
  if (!plain || typeof plain !== 'object' || Array.isArray(plain)) return '';
  const lines: string[] = [];
  const scalar = (x: unknown): string => {
    if (typeof x === 'string') return JSON.stringify(x);
    if (typeof x === 'bigint') return x.toString();
    if (typeof x === 'number') return Number.isInteger(x) ? x.toFixed(1) : String(x);
    if (typeof x === 'boolean') return String(x);
    if (Array.isArray(x)) return '[' + x.map(scalar).join(', ') + ']';
    return '""';
  };
  const key = (k: string): string => (/^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k));
  const table = (o: Record<string, unknown>, path: string[]): void => {
    const simple = Object.keys(o).filter((k) => o[k] !== null && (typeof o[k] !== 'object' || Array.isArray(o[k])));
    for (const k of simple) lines.push(`${'  '.repeat(Math.max(0, path.length - 1))}${key(k)} = ${scalar(o[k])}`);
    for (const k of Object.keys(o).filter((k) => o[k] !== null && typeof o[k] === 'object' && !Array.isArray(o[k]))) {
      const p = [...path, k];
      lines.push('');
      lines.push(`${'  '.repeat(path.length)}[${p.map(key).join('.')}]`);
      table(o[k] as Record<string, unknown>, p);
    }
  };
  table(plain as Record<string, unknown>, []);
  return lines.join('\n').replace(/^\n/, '') + '\n';
}

export { stringify };
