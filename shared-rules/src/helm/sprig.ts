/**
 * The Sprig functions Helm ships (without `env`, `expandenv` and network look-ups), with Sprig's
 * conversions (`strval`, cast.ToInt64…) and edge cases. Regular expressions use re2js: Go's RE2
 * syntax, linear time.
 */
import { RE2JS } from 're2js';
import type { FuncMap, ParamKind, TemplateFunc } from './template/exec';
import {
  compareStrings,
  formatV,
  isMap,
  isNil,
  kindOf,
  sprintf,
  TemplateError,
  trimEnd,
  trimWith,
  truth,
  typeOf,
  utf8Decode,
  utf8Encode,
} from './template/values';
import { adler32, base32Decode, base32Encode, base64Decode, base64Encode, sha1, sha256, sha512 } from './hash';
import { fromJson, parseYamlValues, toJson } from './codec';
import { semverCompare, parseSemver } from './semver';

const fn = (params: ParamKind[], f: (...a: never[]) => unknown, variadic = false): TemplateFunc => ({ params, fn: f, variadic });

/** Sprig's strval: strings as is, bytes decoded, everything else with %v. */
export function strval(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return utf8Decode(v);
  if (v instanceof Error) return v.message;
  return formatV(v);
}

function strslice(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((e) => !isNil(e)).map(strval);
  if (isNil(v)) return [];
  return [strval(v)];
}

/** cast.ToInt64 as Sprig uses it: strings parsed with base prefixes, floats truncated, errors give 0. */
export function toInt64(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? BigInt(Math.trunc(v)) : 0n;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'string') {
    let s = v;
    if (/^[+-]?\d+\.0*$/.test(s)) s = s.replace(/\.0*$/, '');
    const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(s);
    if (!m) return 0n;
    let body = m[2]!.replace(/_/g, '');
    if (/^0[0-7]+$/.test(body)) body = '0o' + body.slice(1);
    try {
      const n = BigInt(body);
      return m[1] === '-' ? -n : n;
    } catch {
      return 0n;
    }
  }
  return 0n;
}

export function toFloat64(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const s = v.trim() === v ? v : '';
    if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s) || /^[+-]?(inf|infinity|nan)$/i.test(s)) {
      const n = Number(s.replace(/^([+-]?)inf(inity)?$/i, '$1Infinity'));
      return Number.isNaN(n) && !/nan/i.test(s) ? 0 : n;
    }
    return 0;
  }
  return 0;
}

function empty(v: unknown): boolean {
  return !truth(v);
}

function deepCopy<T>(v: T): T {
  if (Array.isArray(v)) return v.map(deepCopy) as T;
  if (isMap(v)) {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v)) o[k] = deepCopy(v[k]);
    return o as T;
  }
  return v;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return a === b || (isNil(a) && isNil(b));
}

/** mergo.Merge (dst wins unless empty) and mergo.Merge WithOverride (src wins unless empty). */
function mergeInto(dst: Record<string, unknown>, src: Record<string, unknown>, override: boolean): void {
  for (const k of Object.keys(src)) {
    const s = src[k];
    const has = Object.prototype.hasOwnProperty.call(dst, k);
    const d = dst[k];
    if (has && isMap(d) && isMap(s)) {
      mergeInto(d, s, override);
      continue;
    }
    if (!has) {
      dst[k] = deepCopy(s);
      continue;
    }
    if (override) {
      if (!empty(s)) dst[k] = deepCopy(s);
    } else if (empty(d) && !isMap(d) && !empty(s)) dst[k] = deepCopy(s);
  }
}

function asList(v: unknown, fname: string): unknown[] {
  if (Array.isArray(v)) return v;
  if (v instanceof Uint8Array) return Array.from(v, (b) => BigInt(b));
  throw new TemplateError(`Cannot ${fname} on type ${typeOf(v)}`);
}

function titleCase(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    const sep = !/[\p{L}\p{Nd}_]/u.test(prev) && !/[\p{L}\p{Nd}_]/u.test(prev) && (/\s/.test(prev) || /[\x00-\x7f]/.test(prev));
    out += sep ? ch.toUpperCase() : ch;
    prev = ch;
  }
  return out;
}

function untitle(s: string): string {
  return s.replace(/(^|\s)(\S)/g, (_m, a: string, b: string) => a + b.toLowerCase());
}

function words(s: string): string[] {
  return s.split(/[^\p{L}\p{Nd}]+/u).filter(Boolean);
}

function snakecase(s: string): string {
  // xstrings.ToSnakeCase
  let out = '';
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const isUpper = c !== c.toLowerCase();
    if (/[\s\-_.]/.test(c)) {
      if (out && !out.endsWith('_')) out += '_';
      continue;
    }
    if (isUpper) {
      const prev = chars[i - 1];
      const next = chars[i + 1];
      const prevLower = prev !== undefined && prev === prev.toLowerCase() && /[\p{L}\p{Nd}]/u.test(prev);
      const nextLower = next !== undefined && next === next.toLowerCase() && next !== next.toUpperCase();
      const prevUpper = prev !== undefined && prev !== prev.toLowerCase();
      if (out && !out.endsWith('_') && (prevLower || (prevUpper && nextLower))) out += '_';
      out += c.toLowerCase();
    } else out += c;
  }
  return trimEnd(out, '_');
}

function camelcase(s: string): string {
  // xstrings.ToCamelCase: split on _ and capitalise each part
  return s
    .split('_')
    .map((p) => (p ? p[0]!.toUpperCase() + p.slice(1) : ''))
    .join('');
}

function reCompile(pattern: string): RE2JS {
  try {
    return RE2JS.compile(pattern);
  } catch (e) {
    throw new TemplateError(`error parsing regexp: ${(e as Error).message}`);
  }
}

/** Go's Regexp.Expand syntax ($1, ${1}, $name, $$) to a replacement function. */
function goReplace(re: RE2JS, s: string, repl: string, literal: boolean): string {
  const m = re.matcher(s);
  let out = '';
  let last = 0;
  let guard = 0;
  while (m.find()) {
    if (++guard > 10_000_000) throw new TemplateError('regexp replace budget exceeded');
    const start = m.start();
    const end = m.end();
    out += s.slice(last, start);
    if (literal) out += repl;
    else
      out += repl.replace(/\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g, (_x, all: string, braced?: string, bare?: string) => {
        if (all === '$') return '$';
        const name = braced ?? bare!;
        if (/^\d+$/.test(name)) {
          const n = Number(name);
          return n <= m.groupCount() ? (m.group(n) ?? '') : '';
        }
        try {
          return m.group(name) ?? '';
        } catch {
          return '';
        }
      });
    last = end;
    if (end === start) {
      if (end < s.length) out += s[end];
      last = end + 1;
      if (last > s.length) break;
      // re2js advances itself on empty matches
    }
  }
  return out + s.slice(Math.min(last, s.length));
}

function regexFindAll(re: RE2JS, s: string, n: bigint): string[] {
  const out: string[] = [];
  const m = re.matcher(s);
  while ((n < 0n || BigInt(out.length) < n) && m.find()) out.push(m.group() ?? '');
  return out;
}

function regexSplit(re: RE2JS, s: string, n: bigint): string[] {
  if (n === 0n) return [];
  if (re.pattern().length > 0 && s.length === 0) return [''];
  const out: string[] = [];
  const m = re.matcher(s);
  let beg = 0;
  while (m.find()) {
    if (n > 0n && BigInt(out.length) === n - 1n) break;
    const end = m.start();
    if (m.end() === 0) continue;
    out.push(s.slice(beg, end));
    beg = m.end();
  }
  out.push(s.slice(beg));
  return out;
}

function goSplit(s: string, sep: string, n = -1): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const chars = [...s];
    if (n > 0 && chars.length > n) return [...chars.slice(0, n - 1), chars.slice(n - 1).join('')];
    return chars;
  }
  const parts = s.split(sep);
  if (n > 0 && parts.length > n) return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
  return parts;
}

function goTrim(s: string, cutset: string): string {
  const set = new Set([...cutset]);
  const chars = [...s];
  let i = 0;
  let j = chars.length;
  while (i < j && set.has(chars[i]!)) i++;
  while (j > i && set.has(chars[j - 1]!)) j--;
  return chars.slice(i, j).join('');
}

const GO_SPACE = new Set(['\t', '\n', '\v', '\f', '\r', ' ', '\u0085', '\u00a0']);

/** Byte-indexed substring of a UTF-8 string, as Go slices strings. */
function byteSlice(s: string, i: number, j?: number): string {
  const b = utf8Encode(s);
  return utf8Decode(b.slice(i, j));
}

function pathClean(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
    } else parts.push(seg);
  }
  const out = (rooted ? '/' : '') + parts.join('/');
  return out === '' ? '.' : out;
}

function pathBase(p: string): string {
  if (p === '') return '.';
  const t = trimEnd(p, '/');
  if (t === '') return '/';
  return t.slice(t.lastIndexOf('/') + 1);
}

function pathDir(p: string): string {
  const i = p.lastIndexOf('/');
  return pathClean(p.slice(0, i + 1));
}

function pathExt(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) if (p[i] === '.') return p.slice(i);
  return '';
}

/** A deterministic stand-in for randomness: renders stay stable between keystrokes. */
class Prng {
  private s = 0x2545f491;
  next(): number {
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return this.s / 0x100000000;
  }
  pick(alphabet: string, n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function placeholderPem(kind: string, seed: string): string {
  const body = base64Encode(utf8Encode(`kubeward placeholder ${kind} ${seed}`.padEnd(96, '.')));
  return `-----BEGIN ${kind}-----\n${body.match(/.{1,64}/g)!.join('\n')}\n-----END ${kind}-----\n`;
}

/** A certificate generated at render time; Kubeward renders a stable placeholder instead. */
class Certificate {
  readonly goType = 'sprig.certificate';
  constructor(
    readonly Cert: string,
    readonly Key: string,
  ) {}
}

function divInt(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new TemplateError('runtime error: integer divide by zero');
  return a / b;
}

function round(v: unknown, p: bigint, ropt?: unknown): number {
  const val = toFloat64(v);
  const roundOn = ropt === undefined ? 0.5 : toFloat64(ropt);
  const pow = 10 ** Number(p);
  const digit = pow * val;
  const [int, frac] = [Math.trunc(digit), digit - Math.trunc(digit)];
  const r = frac >= roundOn ? Math.ceil(digit) : int;
  return r / pow;
}

/** The Sprig function map (text flavour), less what Helm removes. */
export function sprigFuncs(): FuncMap {
  const prng = new Prng();
  const m = new Map<string, TemplateFunc>();
  const def = (name: string, params: ParamKind[], f: (...a: never[]) => unknown, variadic = false): void => {
    m.set(name, fn(params, f, variadic));
  };
  const S = 'string' as const;
  const I = 'int' as const;
  const A = 'any' as const;

  // strings
  def('hello', [], () => 'Hello!');
  def('upper', [S], ((s: string) => s.toUpperCase()) as never);
  def('lower', [S], ((s: string) => s.toLowerCase()) as never);
  def('title', [S], titleCase as never);
  def('untitle', [S], untitle as never);
  def('substr', [I, I, S], ((a: bigint, b: bigint, s: string) => {
    const len = utf8Encode(s).length;
    const i = Number(a);
    const j = Number(b);
    if (i < 0) return byteSlice(s, 0, j);
    if (j < 0 || j > len) return byteSlice(s, i);
    if (i > j) throw new TemplateError(`slice bounds out of range [${i}:${j}]`);
    return byteSlice(s, i, j);
  }) as never);
  def('repeat', [I, S], ((n: bigint, s: string) => {
    if (n < 0n) throw new TemplateError('strings: negative Repeat count');
    if (BigInt(s.length) * n > 16n * 1024n * 1024n) throw new TemplateError('repeat result too large');
    return s.repeat(Number(n));
  }) as never);
  def('trim', [S], ((s: string) => trimWith(s, (c) => GO_SPACE.has(c))) as never);
  def('trimAll', [S, S], ((c: string, s: string) => goTrim(s, c)) as never);
  def('trimall', [S, S], ((c: string, s: string) => goTrim(s, c)) as never);
  def('trimSuffix', [S, S], ((a: string, s: string) => (a && s.endsWith(a) ? s.slice(0, s.length - a.length) : s)) as never);
  def('trimPrefix', [S, S], ((a: string, s: string) => (a && s.startsWith(a) ? s.slice(a.length) : s)) as never);
  def('nospace', [S], ((s: string) => s.replace(/\s/gu, '')) as never);
  def('initials', [S], ((s: string) =>
    words(s.replace(/[^\p{L}\p{Nd}\s]/gu, ' '))
      .map((w) => [...w][0])
      .join('')) as never);
  def('randAlphaNum', [I], ((n: bigint) => prng.pick(ALNUM, Number(n))) as never);
  def('randAlpha', [I], ((n: bigint) => prng.pick(ALNUM.slice(0, 52), Number(n))) as never);
  def('randAscii', [I], ((n: bigint) => prng.pick(ALNUM + '!#$%&()*+,-./:;<=>?@[]^_{|}~', Number(n))) as never);
  def('randNumeric', [I], ((n: bigint) => prng.pick('0123456789', Number(n))) as never);
  def('randBytes', [I], ((n: bigint) => base64Encode(Uint8Array.from({ length: Number(n) }, () => Math.floor(prng.next() * 256)))) as never);
  def('uuidv4', [], () => {
    const h = prng.pick('0123456789abcdef', 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
  });
  def('swapcase', [S], ((s: string) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('')) as never);
  def('shuffle', [S], ((s: string) => s) as never);
  def('snakecase', [S], snakecase as never);
  def('camelcase', [S], camelcase as never);
  def('kebabcase', [S], ((s: string) => snakecase(s).replace(/_/g, '-')) as never);
  def('wrap', [I, S], ((n: bigint, s: string) => wrapText(s, Number(n), '\n')) as never);
  def('wrapWith', [I, S, S], ((n: bigint, w: string, s: string) => wrapText(s, Number(n), w)) as never);
  def('contains', [S, S], ((sub: string, s: string) => s.includes(sub)) as never);
  def('hasPrefix', [S, S], ((p: string, s: string) => s.startsWith(p)) as never);
  def('hasSuffix', [S, S], ((p: string, s: string) => s.endsWith(p)) as never);
  def(
    'quote',
    [A],
    ((...a: unknown[]) =>
      a
        .filter((x) => !isNil(x))
        .map((x) => JSON.stringify(strval(x)).replace(/[\u007f-\u009f]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')))
        .join(' ')) as never,
    true,
  );
  def(
    'squote',
    [A],
    ((...a: unknown[]) =>
      a
        .filter((x) => !isNil(x))
        .map((x) => `'${strval(x)}'`)
        .join(' ')) as never,
    true,
  );
  def(
    'cat',
    [A],
    ((...a: unknown[]) =>
      a
        .filter((x) => !isNil(x))
        .map((x) => formatV(x))
        .join(' ')) as never,
    true,
  );
  def('indent', [I, S], ((n: bigint, s: string) => {
    const pad = ' '.repeat(Math.max(0, Number(n)));
    return pad + s.split('\n').join('\n' + pad);
  }) as never);
  def('nindent', [I, S], ((n: bigint, s: string) => {
    const pad = ' '.repeat(Math.max(0, Number(n)));
    return '\n' + pad + s.split('\n').join('\n' + pad);
  }) as never);
  def('replace', [S, S, S], ((o: string, n: string, s: string) => (o === '' ? [...s].join(n).replace(/^/, n) + (s ? n : '') : s.split(o).join(n))) as never);
  def('plural', [S, S, I], ((one: string, many: string, n: bigint) => (n === 1n ? one : many)) as never);
  def('sha1sum', [S], ((s: string) => sha1(utf8Encode(s))) as never);
  def('sha256sum', [S], ((s: string) => sha256(utf8Encode(s))) as never);
  def('sha512sum', [S], ((s: string) => sha512(utf8Encode(s))) as never);
  def('adler32sum', [S], ((s: string) => String(adler32(utf8Encode(s)))) as never);
  def('toString', [A], strval as never);
  def('abbrev', [I, S], ((n: bigint, s: string) => (n < 4n || s.length <= Number(n) ? s : s.slice(0, Number(n) - 3) + '...')) as never);
  def('abbrevboth', [I, I, S], ((l: bigint, r: bigint, s: string) => abbrevBoth(s, Number(l), Number(r))) as never);
  def('trunc', [I, S], ((n: bigint, s: string) => {
    const c = Number(n);
    const len = utf8Encode(s).length;
    if (c < 0 && len + c > 0) return byteSlice(s, len + c);
    if (c >= 0 && len > c) return byteSlice(s, 0, c);
    return s;
  }) as never);

  // conversions
  def('atoi', [S], ((s: string) => (/^[+-]?\d+$/.test(s) ? BigInt(s) : 0n)) as never);
  def('int', [A], toInt64 as never);
  def('int64', [A], toInt64 as never);
  def('float64', [A], toFloat64 as never);
  def('toDecimal', [A], ((v: unknown) => {
    const s = strval(v);
    return /^[0-7]+$/.test(s) ? BigInt('0o' + s) : 0n;
  }) as never);
  def('toStrings', [A], ((v: unknown) => (Array.isArray(v) ? v.map((e) => (isNil(e) ? '' : strval(e))) : isNil(v) ? [] : [strval(v)])) as never);
  def('seq', [I], ((...p: bigint[]) => seq(p)) as never, true);

  // split / join
  def('split', [S, S], ((sep: string, s: string) => {
    const o: Record<string, unknown> = {};
    goSplit(s, sep).forEach((p, i) => (o['_' + i] = p));
    return o;
  }) as never);
  def('splitList', [S, S], ((sep: string, s: string) => goSplit(s, sep)) as never);
  def('splitn', [S, I, S], ((sep: string, n: bigint, s: string) => {
    const o: Record<string, unknown> = {};
    goSplit(s, sep, Number(n)).forEach((p, i) => (o['_' + i] = p));
    return o;
  }) as never);
  def('join', [S, A], ((sep: string, v: unknown) => strslice(v).join(sep)) as never);
  def('sortAlpha', [A], ((v: unknown) => {
    if (!Array.isArray(v)) return [strval(v)];
    return strslice(v).sort(compareStrings);
  }) as never);

  // numbers
  def('until', [I], ((n: bigint) => untilStep(0n, n, n < 0n ? -1n : 1n)) as never);
  def('untilStep', [I, I, I], untilStep as never);
  def('add1', [A], ((a: unknown) => toInt64(a) + 1n) as never);
  def('add', [A], ((...a: unknown[]) => a.reduce<bigint>((s, x) => s + toInt64(x), 0n)) as never, true);
  def('sub', [A, A], ((a: unknown, b: unknown) => toInt64(a) - toInt64(b)) as never);
  def('div', [A, A], ((a: unknown, b: unknown) => divInt(toInt64(a), toInt64(b))) as never);
  def('mod', [A, A], ((a: unknown, b: unknown) => {
    const d = toInt64(b);
    if (d === 0n) throw new TemplateError('runtime error: integer divide by zero');
    return toInt64(a) % d;
  }) as never);
  def('mul', [A, A], ((a: unknown, ...r: unknown[]) => r.reduce<bigint>((s, x) => s * toInt64(x), toInt64(a))) as never, true);
  def('randInt', [I, I], ((a: bigint, b: bigint) => a + BigInt(Math.floor(prng.next() * Number(b - a)))) as never);
  def('add1f', [A], ((a: unknown) => toFloat64(a) + 1) as never);
  def('addf', [A], ((...a: unknown[]) => a.reduce<number>((s, x) => s + toFloat64(x), 0)) as never, true);
  def('subf', [A, A], ((a: unknown, ...r: unknown[]) => r.reduce<number>((s, x) => s - toFloat64(x), toFloat64(a))) as never, true);
  def('divf', [A, A], ((a: unknown, ...r: unknown[]) => r.reduce<number>((s, x) => s / toFloat64(x), toFloat64(a))) as never, true);
  def('mulf', [A, A], ((a: unknown, ...r: unknown[]) => r.reduce<number>((s, x) => s * toFloat64(x), toFloat64(a))) as never, true);
  const maxI = (a: unknown, ...r: unknown[]): bigint => r.reduce<bigint>((s, x) => (toInt64(x) > s ? toInt64(x) : s), toInt64(a));
  const minI = (a: unknown, ...r: unknown[]): bigint => r.reduce<bigint>((s, x) => (toInt64(x) < s ? toInt64(x) : s), toInt64(a));
  def('biggest', [A, A], maxI as never, true);
  def('max', [A, A], maxI as never, true);
  def('min', [A, A], minI as never, true);
  def('maxf', [A, A], ((a: unknown, ...r: unknown[]) => Math.max(toFloat64(a), ...r.map(toFloat64))) as never, true);
  def('minf', [A, A], ((a: unknown, ...r: unknown[]) => Math.min(toFloat64(a), ...r.map(toFloat64))) as never, true);
  def('ceil', [A], ((a: unknown) => Math.ceil(toFloat64(a))) as never);
  def('floor', [A], ((a: unknown) => Math.floor(toFloat64(a))) as never);
  def('round', [A, I, 'float'], round as never, true);

  // defaults and flow
  def('default', [A, A], ((d: unknown, ...given: unknown[]) => (given.length === 0 || empty(given[0]) ? d : given[0])) as never, true);
  def('empty', [A], empty as never);
  def('coalesce', [A], ((...a: unknown[]) => a.find((x) => !empty(x)) ?? null) as never, true);
  def('all', [A], ((...a: unknown[]) => a.every((x) => !empty(x))) as never, true);
  def('any', [A], ((...a: unknown[]) => a.some((x) => !empty(x))) as never, true);
  def('compact', [A], ((l: unknown) => asList(l, 'compact').filter((x) => !empty(x))) as never);
  def('mustCompact', [A], ((l: unknown) => asList(l, 'compact').filter((x) => !empty(x))) as never);
  def('ternary', [A, A, 'bool'], ((t: unknown, f: unknown, c: boolean) => (c ? t : f)) as never);
  def('fail', [S], ((msg: string) => {
    throw new TemplateError(msg);
  }) as never);
  def('deepCopy', [A], deepCopy as never);
  def('mustDeepCopy', [A], deepCopy as never);
  def('typeOf', [A], typeOf as never);
  def('typeIs', [S, A], ((t: string, v: unknown) => t === typeOf(v)) as never);
  def('typeIsLike', [S, A], ((t: string, v: unknown) => t === typeOf(v) || '*' + t === typeOf(v)) as never);
  def('kindOf', [A], kindOf as never);
  def('kindIs', [S, A], ((k: string, v: unknown) => k === kindOf(v)) as never);
  def('deepEqual', [A, A], deepEqual as never);

  // encoding
  def('b64enc', [S], ((s: string) => base64Encode(utf8Encode(s))) as never);
  def('b64dec', [S], ((s: string) => {
    const b = base64Decode(s);
    return b ? utf8Decode(b) : `illegal base64 data at input byte ${firstBad(s)}`;
  }) as never);
  def('b32enc', [S], ((s: string) => base32Encode(utf8Encode(s))) as never);
  def('b32dec', [S], ((s: string) => {
    const b = base32Decode(s);
    return b ? utf8Decode(b) : 'illegal base32 data';
  }) as never);
  def('toJson', [A], ((v: unknown) => safe(() => toJson(v), '')) as never);
  def('mustToJson', [A], ((v: unknown) => toJson(v)) as never);
  def('toPrettyJson', [A], ((v: unknown) => safe(() => toJson(v, { indent: '  ' }), '')) as never);
  def('mustToPrettyJson', [A], ((v: unknown) => toJson(v, { indent: '  ' })) as never);
  def('toRawJson', [A], ((v: unknown) => safe(() => toJson(v, { escapeHtml: false }), '')) as never);
  def('mustToRawJson', [A], ((v: unknown) => toJson(v, { escapeHtml: false })) as never);

  // paths
  def('base', [S], pathBase as never);
  def('dir', [S], pathDir as never);
  def('clean', [S], pathClean as never);
  def('ext', [S], pathExt as never);
  def('isAbs', [S], ((s: string) => s.startsWith('/')) as never);
  def('osBase', [S], pathBase as never);
  def('osDir', [S], pathDir as never);
  def('osClean', [S], pathClean as never);
  def('osExt', [S], pathExt as never);
  def('osIsAbs', [S], ((s: string) => s.startsWith('/')) as never);

  // lists
  const list = (...a: unknown[]): unknown[] => a;
  def('list', [A], list as never, true);
  def('tuple', [A], list as never, true);
  const push = (l: unknown, v: unknown): unknown[] => [...asList(l, 'push'), v];
  def('append', [A, A], push as never);
  def('push', [A, A], push as never);
  def('mustAppend', [A, A], push as never);
  def('mustPush', [A, A], push as never);
  const prepend = (l: unknown, v: unknown): unknown[] => [v, ...asList(l, 'prepend')];
  def('prepend', [A, A], prepend as never);
  def('mustPrepend', [A, A], prepend as never);
  const first = (l: unknown): unknown => (isNil(l) ? null : (asList(l, 'find first').at(0) ?? null));
  def('first', [A], first as never);
  def('mustFirst', [A], first as never);
  const last = (l: unknown): unknown => (isNil(l) ? null : (asList(l, 'find last').at(-1) ?? null));
  def('last', [A], last as never);
  def('mustLast', [A], last as never);
  const rest = (l: unknown): unknown => (isNil(l) ? null : asList(l, 'find rest').length === 0 ? null : asList(l, 'find rest').slice(1));
  def('rest', [A], rest as never);
  def('mustRest', [A], rest as never);
  const initial = (l: unknown): unknown => (isNil(l) ? null : asList(l, 'find initial').length === 0 ? null : asList(l, 'find initial').slice(0, -1));
  def('initial', [A], initial as never);
  def('mustInitial', [A], initial as never);
  const reverse = (l: unknown): unknown[] => [...asList(l, 'find reverse')].reverse();
  def('reverse', [A], reverse as never);
  def('mustReverse', [A], reverse as never);
  const uniq = (l: unknown): unknown[] => {
    const out: unknown[] = [];
    for (const x of asList(l, 'find uniq')) if (!out.some((y) => deepEqual(x, y))) out.push(x);
    return out;
  };
  def('uniq', [A], uniq as never);
  def('mustUniq', [A], uniq as never);
  const without = (l: unknown, ...omit: unknown[]): unknown[] => asList(l, 'find without').filter((x) => !omit.some((o) => deepEqual(x, o)));
  def('without', [A, A], without as never, true);
  def('mustWithout', [A, A], without as never, true);
  const has = (needle: unknown, hay: unknown): boolean => (isNil(hay) ? false : asList(hay, 'find has').some((x) => deepEqual(x, needle)));
  def('has', [A, A], has as never);
  def('mustHas', [A, A], has as never);
  const slice = (l: unknown, ...ix: unknown[]): unknown[] => {
    const arr = asList(l, 'slice');
    const a = ix.length > 0 ? Number(toInt64(ix[0])) : 0;
    const b = ix.length > 1 ? Number(toInt64(ix[1])) : arr.length;
    if (a < 0 || b > arr.length || a > b) throw new TemplateError(`slice bounds out of range [${a}:${b}]`);
    return arr.slice(a, b);
  };
  def('slice', [A, A], slice as never, true);
  def('mustSlice', [A, A], slice as never, true);
  def('concat', [A], ((...ls: unknown[]) => ls.flatMap((l) => (isNil(l) ? [] : asList(l, 'concat')))) as never, true);
  const chunk = (size: bigint, l: unknown): unknown[][] => {
    const arr = asList(l, 'chunk');
    const n = Number(size);
    const out: unknown[][] = [];
    for (let i = 0; i < arr.length; i += n) out.push(arr.slice(i, i + n));
    return out;
  };
  def('chunk', [I, A], chunk as never);
  def('mustChunk', [I, A], chunk as never);

  // dicts
  def(
    'dict',
    [A],
    ((...a: unknown[]) => {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < a.length; i += 2) o[strval(a[i])] = i + 1 < a.length ? a[i + 1] : '';
      return o;
    }) as never,
    true,
  );
  def('get', ['map', S], ((d: Record<string, unknown> | null, k: string) => (d && Object.prototype.hasOwnProperty.call(d, k) ? d[k] : '')) as never);
  def('set', ['map', S, A], ((d: Record<string, unknown>, k: string, v: unknown) => {
    if (!d) throw new TemplateError('assignment to entry in nil map');
    d[k] = v;
    return d;
  }) as never);
  def('unset', ['map', S], ((d: Record<string, unknown>, k: string) => {
    if (d) delete d[k];
    return d;
  }) as never);
  def('hasKey', ['map', S], ((d: Record<string, unknown> | null, k: string) => !!d && Object.prototype.hasOwnProperty.call(d, k)) as never);
  def(
    'pluck',
    [S, 'map'],
    ((k: string, ...ds: (Record<string, unknown> | null)[]) => ds.filter((d) => d && Object.prototype.hasOwnProperty.call(d, k)).map((d) => d![k])) as never,
    true,
  );
  def('keys', ['map'], ((...ds: (Record<string, unknown> | null)[]) => ds.flatMap((d) => (d ? Object.keys(d) : []))) as never, true);
  def('values', ['map'], ((d: Record<string, unknown> | null) =>
    d
      ? Object.keys(d)
          .sort(compareStrings)
          .map((k) => d[k])
      : []) as never);
  def(
    'pick',
    ['map', S],
    ((d: Record<string, unknown>, ...ks: string[]) => {
      const o: Record<string, unknown> = {};
      for (const k of ks) if (d && Object.prototype.hasOwnProperty.call(d, k)) o[k] = d[k];
      return o;
    }) as never,
    true,
  );
  def(
    'omit',
    ['map', S],
    ((d: Record<string, unknown>, ...ks: string[]) => {
      const o: Record<string, unknown> = {};
      for (const k of Object.keys(d ?? {})) if (!ks.includes(k)) o[k] = d[k];
      return o;
    }) as never,
    true,
  );
  const merge =
    (override: boolean) =>
    (dst: Record<string, unknown>, ...srcs: (Record<string, unknown> | null)[]) => {
      for (const s of srcs) if (s) mergeInto(dst, s, override);
      return dst;
    };
  def('merge', ['map', 'map'], merge(false) as never, true);
  def('mustMerge', ['map', 'map'], merge(false) as never, true);
  def('mergeOverwrite', ['map', 'map'], merge(true) as never, true);
  def('mustMergeOverwrite', ['map', 'map'], merge(true) as never, true);
  def(
    'dig',
    [A, A],
    ((...a: unknown[]) => {
      if (a.length < 3) throw new TemplateError('dig needs at least three arguments');
      const dict = a[a.length - 1];
      const dflt = a[a.length - 2];
      let cur: unknown = dict;
      for (const k of a.slice(0, -2)) {
        if (!isMap(cur) || !Object.prototype.hasOwnProperty.call(cur, strval(k))) return dflt;
        cur = cur[strval(k)];
      }
      return cur;
    }) as never,
    true,
  );

  // regular expressions (RE2 syntax, linear time)
  def('regexMatch', [S, S], ((r: string, s: string) => reCompile(r).matcher(s).find()) as never);
  def('mustRegexMatch', [S, S], ((r: string, s: string) => reCompile(r).matcher(s).find()) as never);
  const find = (r: string, s: string): string => {
    const mm = reCompile(r).matcher(s);
    return mm.find() ? (mm.group() ?? '') : '';
  };
  def('regexFind', [S, S], find as never);
  def('mustRegexFind', [S, S], find as never);
  def('regexFindAll', [S, S, I], ((r: string, s: string, n: bigint) => regexFindAll(reCompile(r), s, n)) as never);
  def('mustRegexFindAll', [S, S, I], ((r: string, s: string, n: bigint) => regexFindAll(reCompile(r), s, n)) as never);
  def('regexReplaceAll', [S, S, S], ((r: string, s: string, repl: string) => goReplace(reCompile(r), s, repl, false)) as never);
  def('mustRegexReplaceAll', [S, S, S], ((r: string, s: string, repl: string) => goReplace(reCompile(r), s, repl, false)) as never);
  def('regexReplaceAllLiteral', [S, S, S], ((r: string, s: string, repl: string) => goReplace(reCompile(r), s, repl, true)) as never);
  def('mustRegexReplaceAllLiteral', [S, S, S], ((r: string, s: string, repl: string) => goReplace(reCompile(r), s, repl, true)) as never);
  def('regexSplit', [S, S, I], ((r: string, s: string, n: bigint) => regexSplit(reCompile(r), s, n)) as never);
  def('mustRegexSplit', [S, S, I], ((r: string, s: string, n: bigint) => regexSplit(reCompile(r), s, n)) as never);
  def('regexQuoteMeta', [S], ((s: string) => s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&')) as never);

  // semver
  def('semverCompare', [S, S], semverCompare as never);
  def('semver', [S], ((s: string) => {
    const v = parseSemver(s);
    if (!v) throw new TemplateError('Invalid Semantic Version');
    return v;
  }) as never);

  // crypto and time: generated at render time by Helm; Kubeward renders stable placeholders.
  def('genCA', [S, I], ((cn: string) => new Certificate(placeholderPem('CERTIFICATE', cn), placeholderPem('RSA PRIVATE KEY', cn))) as never);
  def('genCAWithKey', [S, I, S], ((cn: string, _d: bigint, key: string) => new Certificate(placeholderPem('CERTIFICATE', cn), key)) as never);
  def('genSelfSignedCert', [S, A, A, I], ((cn: string) => new Certificate(placeholderPem('CERTIFICATE', cn), placeholderPem('RSA PRIVATE KEY', cn))) as never);
  def(
    'genSelfSignedCertWithKey',
    [S, A, A, I, S],
    ((cn: string, _a: unknown, _b: unknown, _d: bigint, key: string) => new Certificate(placeholderPem('CERTIFICATE', cn), key)) as never,
  );
  def('genSignedCert', [S, A, A, I, A], ((cn: string) => new Certificate(placeholderPem('CERTIFICATE', cn), placeholderPem('RSA PRIVATE KEY', cn))) as never);
  def(
    'genSignedCertWithKey',
    [S, A, A, I, A, S],
    ((cn: string, _a: unknown, _b: unknown, _d: bigint, _c: unknown, key: string) => new Certificate(placeholderPem('CERTIFICATE', cn), key)) as never,
  );
  def('genPrivateKey', [S], ((t: string) =>
    placeholderPem(t === 'ecdsa' ? 'EC PRIVATE KEY' : t === 'ed25519' ? 'PRIVATE KEY' : 'RSA PRIVATE KEY', t)) as never);
  def('derivePassword', [I, S, S, S, S], ((_c: bigint, _t: string, p: string, u: string, s: string) =>
    sha256(utf8Encode(`${p}/${u}/${s}`)).slice(0, 20)) as never);
  def('htpasswd', [S, S], ((u: string, p: string) => `${u}:$2a$10$${base64Encode(utf8Encode(sha256(utf8Encode(p)))).slice(0, 53)}`) as never);
  def('bcrypt', [S], ((p: string) => `$2a$10$${base64Encode(utf8Encode(sha256(utf8Encode(p)))).slice(0, 53)}`) as never);
  def('encryptAES', [S, S], ((_k: string, t: string) => base64Encode(utf8Encode(t))) as never);
  def('decryptAES', [S, S], ((_k: string, t: string) => utf8Decode(base64Decode(t) ?? new Uint8Array())) as never);
  def('sprintf', [S, A], ((f: string, ...a: unknown[]) => sprintf(f, a)) as never, true);
  return m;
}

function firstBad(s: string): number {
  for (let i = 0; i < s.length; i++) if (!/[A-Za-z0-9+/=]/.test(s[i]!)) return i;
  return s.length - (s.length % 4);
}

function safe<T>(f: () => T, dflt: T): T {
  try {
    return f();
  } catch {
    return dflt;
  }
}

function untilStep(start: bigint, stop: bigint, step: bigint): bigint[] {
  const out: bigint[] = [];
  if (step === 0n) return out;
  if (stop < start) {
    if (step >= 0n) return out;
    for (let i = start; i > stop; i += step) {
      out.push(i);
      if (out.length > 1_000_000) throw new TemplateError('until: more than 1000000 numbers');
    }
    return out;
  }
  if (step <= 0n) return out;
  for (let i = start; i < stop; i += step) {
    out.push(i);
    if (out.length > 1_000_000) throw new TemplateError('until: more than 1000000 numbers');
  }
  return out;
}

function seq(p: bigint[]): string {
  let start = 1n;
  let step = 1n;
  let end: bigint;
  if (p.length === 0) return '';
  if (p.length === 1) end = p[0]!;
  else if (p.length === 2) {
    start = p[0]!;
    end = p[1]!;
    step = start > end ? -1n : 1n;
  } else if (p.length === 3) {
    start = p[0]!;
    step = p[1]!;
    end = p[2]!;
  } else return '';
  if (end < start && step >= 0n) return '';
  if (end > start && step <= 0n) return '';
  const out: string[] = [];
  if (step > 0n) for (let i = start; i <= end; i += step) out.push(String(i));
  else for (let i = start; i >= end; i += step) out.push(String(i));
  return out.join(' ');
}

function abbrevBoth(s: string, left: number, right: number): string {
  if (right < 4 || (left > 0 && right < 7)) return s;
  if (s.length <= right) return s;
  let offset = left;
  if (offset > s.length) offset = s.length;
  if (s.length - offset < right - 3) offset = s.length - (right - 3);
  if (offset <= 4) return s.slice(0, right - 3) + '...';
  if (right < 7) return s;
  if (offset + right - 3 < s.length) return '...' + (s.slice(offset, offset + right - 6) + '...');
  return '...' + s.slice(s.length - (right - 3));
}

function wrapText(s: string, width: number, nl: string): string {
  // goutils.WrapCustom with wrapLongWords=false
  if (width < 1) width = 1;
  const out: string[] = [];
  for (const line of s.split('\n')) {
    let rest = line;
    while (rest.length > width) {
      let cut = rest.lastIndexOf(' ', width);
      if (cut <= 0) {
        cut = rest.indexOf(' ', width);
        if (cut < 0) break;
      }
      out.push(rest.slice(0, cut));
      rest = rest.slice(cut + 1);
    }
    out.push(rest);
  }
  return out.join(nl);
}

/** `fromYaml`, `fromJson`…: parse errors become an "Error" key, as Helm does. */
export function helmCodecFuncs(): FuncMap {
  const m = new Map<string, TemplateFunc>();
  m.set(
    'fromYaml',
    fn(['string'], ((s: string) => {
      try {
        const { value } = parseYamlValues(s);
        if (value === null) return {};
        if (!isMap(value))
          return {
            Error: `error unmarshaling JSON: json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value === 'string' ? 'string' : 'number'} into Go value of type map[string]interface {}`,
          };
        return value;
      } catch (e) {
        return { Error: (e as Error).message };
      }
    }) as never),
  );
  m.set(
    'fromYamlArray',
    fn(['string'], ((s: string) => {
      try {
        const { value } = parseYamlValues(s);
        if (value === null) return [];
        if (!Array.isArray(value)) return [`error unmarshaling JSON: json: cannot unmarshal object into Go value of type []interface {}`];
        return value as unknown[];
      } catch (e) {
        return [(e as Error).message];
      }
    }) as never),
  );
  m.set(
    'fromJson',
    fn(['string'], ((s: string) => {
      try {
        const v = fromJson(s);
        if (!isMap(v)) return { Error: 'json: cannot unmarshal into Go value of type map[string]interface {}' };
        return v;
      } catch (e) {
        return { Error: (e as Error).message };
      }
    }) as never),
  );
  m.set(
    'fromJsonArray',
    fn(['string'], ((s: string) => {
      try {
        const v = fromJson(s);
        if (!Array.isArray(v)) return ['json: cannot unmarshal object into Go value of type []interface {}'];
        return v as unknown[];
      } catch (e) {
        return [(e as Error).message];
      }
    }) as never),
  );
  return m;
}
