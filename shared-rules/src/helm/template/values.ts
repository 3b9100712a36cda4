/**
 * How Go values are represented while rendering, and Go's `fmt` printing of them.
 *
 *   Go                         JavaScript
 *   string                     string
 *   bool                       boolean
 *   int, int64 (any integer)   bigint
 *   float64                    number  (values files hold float64 numbers, as Helm reads them)
 *   nil                        null (undefined is treated the same)
 *   []interface{}              Array
 *   map[string]interface{}     plain object (prototype Object.prototype or null)
 *   []byte                     Uint8Array
 *   struct / object with methods   instance of a class (fields are properties, methods are functions)
 */

export type GoValue = unknown;

/** `s` without the trailing run of `ch` (a loop: /x+$/ is quadratic on long runs). */
export function trimEnd(s: string, ch: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === ch) end--;
  return s.slice(0, end);
}

/** `s` without the leading and trailing characters for which `isTrimmed` holds. */
export function trimWith(s: string, isTrimmed: (c: string) => boolean): string {
  let start = 0;
  let end = s.length;
  while (start < end && isTrimmed(s[start]!)) start++;
  while (end > start && isTrimmed(s[end - 1]!)) end--;
  return s.slice(start, end);
}

export class TemplateError extends Error {}

export function isMap(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const p: unknown = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

export function isStruct(v: unknown): v is object {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array) && !isMap(v);
}

export function isNil(v: unknown): boolean {
  return v === null || v === undefined;
}

/** Go's template truth: false, 0, nil, empty string/slice/map are false. */
export function truth(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'string':
      return v.length > 0;
    case 'bigint':
      return v !== 0n;
    case 'number':
      return v !== 0;
    case 'function':
      return true;
  }
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Uint8Array) return v.length > 0;
  if (isMap(v)) return Object.keys(v).length > 0;
  return true;
}

/** Go's reflect kind name, as `kindOf` prints it. */
export function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'invalid';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'bigint':
      return 'int64';
    case 'number':
      return 'float64';
    case 'function':
      return 'func';
  }
  if (Array.isArray(v) || v instanceof Uint8Array) return 'slice';
  if (isMap(v)) return 'map';
  return 'struct';
}

/** Go's %T. */
export function typeOf(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float64';
    case 'function':
      return 'func';
  }
  if (Array.isArray(v)) return '[]interface {}';
  if (v instanceof Uint8Array) return '[]uint8';
  if (isMap(v)) return 'map[string]interface {}';
  const name = (v as { goType?: string }).goType;
  return name ?? 'struct';
}

// ---------------------------------------------------------------- numbers

/** strconv.FormatFloat(f, 'g', -1, 64), the %v of a float64. */
export function formatFloatG(f: number, upper = false): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mant, expStr] = f.toExponential().split('e') as [string, string];
  const exp = Number(expStr);
  // Go's shortest %g switches to an exponent below 1e-4 and from 1e6 on (1e+06).
  if (exp < -4 || exp >= 6) return goExp(mant, exp, upper);
  return String(f);
}

/** True when the exact decimal expansion of `digits` (as toFixed prints it) is a tie at `keep` digits. */
function isTie(longer: string, keep: number): boolean {
  const frac = longer.split('.')[1] ?? '';
  return frac[keep] === '5' && /^0*$/.test(frac.slice(keep + 1));
}

/** Go rounds to nearest, ties to even (on the exact binary value); JavaScript rounds ties up. */
function toFixedEven(f: number, prec: number): string {
  const s = f.toFixed(prec);
  if (prec > 70) return s;
  const longer = Math.abs(f).toFixed(Math.min(100, prec + 30));
  if (!isTie(longer, prec)) return s;
  const truncated = longer.slice(0, longer.length - (Math.min(100, prec + 30) - prec)).replace(/\.$/, '');
  const lastDigit = Number(truncated.replace('.', '').slice(-1));
  if (lastDigit % 2 === 0) return (f < 0 ? '-' : '') + truncated;
  return s;
}

function toExponentialEven(f: number, prec: number): string {
  const s = f.toExponential(prec);
  if (prec > 70 || f === 0) return s;
  const longer = Math.abs(f).toExponential(Math.min(100, prec + 30));
  const [m] = longer.split('e') as [string];
  if (!isTie(m, prec)) return s;
  const lastDigit = Number(m.replace('.', '').charAt(prec));
  if (lastDigit % 2 !== 0) return s;
  const exp = longer.split('e')[1];
  const mant = m.slice(0, prec === 0 ? 1 : prec + 2);
  return (f < 0 ? '-' : '') + mant + 'e' + exp;
}

function goExp(mant: string, exp: number, upper: boolean): string {
  const sign = exp < 0 ? '-' : '+';
  const a = Math.abs(exp);
  return `${mant}${upper ? 'E' : 'e'}${sign}${a < 10 ? '0' : ''}${a}`;
}

/** %e / %f / %g with an explicit precision. */
function formatFloatVerb(f: number, verb: string, prec: number | undefined): string {
  if (!Number.isFinite(f)) return formatFloatG(f);
  switch (verb) {
    case 'f':
    case 'F':
      return toFixedEven(f, prec ?? 6);
    case 'e':
    case 'E': {
      const [m, e] = toExponentialEven(f, prec ?? 6).split('e') as [string, string];
      return goExp(m, Number(e), verb === 'E');
    }
    case 'g':
    case 'G': {
      if (prec === undefined) return formatFloatG(f, verb === 'G');
      const p = prec === 0 ? 1 : prec;
      const [m0, e0] = f.toExponential(p - 1).split('e') as [string, string];
      const exp = Number(e0);
      if (exp < -4 || exp >= p) {
        const m = m0.includes('.') ? trimEnd(trimEnd(m0, '0'), '.') : m0;
        return goExp(m, exp, verb === 'G');
      }
      const s = f.toFixed(Math.max(0, p - 1 - exp));
      return s.includes('.') ? trimEnd(trimEnd(s, '0'), '.') : s;
    }
  }
  return String(f);
}

// ---------------------------------------------------------------- strings

/** strconv.Quote. */
export function quoteGo(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c === 0xfffd && ch !== '\ufffd') out += '\\ufffd';
    else if (!isPrint(c)) out += c > 0xffff ? '\\U' + c.toString(16).padStart(8, '0') : '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

function isPrint(c: number): boolean {
  if (c < 0x80) return c >= 0x20 && c < 0x7f;
  if (c >= 0x80 && c < 0xa0) return false;
  if (c === 0xad) return false;
  if (c >= 0x2028 && c <= 0x202e) return false;
  if (c >= 0x200b && c <= 0x200f) return false;
  if (c >= 0x2060 && c <= 0x2064) return false;
  if (c === 0xfeff) return false;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  if (c >= 0xe000 && c <= 0xf8ff) return false;
  return true;
}

// ---------------------------------------------------------------- UTF-8

export function utf8Encode(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

export function utf8Decode(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length;) {
    const c = b[i]!;
    let cp = 0xfffd;
    let n = 1;
    if (c < 0x80) cp = c;
    else if (c >= 0xc2 && c < 0xe0 && i + 1 < b.length && (b[i + 1]! & 0xc0) === 0x80) {
      cp = ((c & 31) << 6) | (b[i + 1]! & 63);
      n = 2;
    } else if (c >= 0xe0 && c < 0xf0 && i + 2 < b.length && (b[i + 1]! & 0xc0) === 0x80 && (b[i + 2]! & 0xc0) === 0x80) {
      cp = ((c & 15) << 12) | ((b[i + 1]! & 63) << 6) | (b[i + 2]! & 63);
      n = 3;
    } else if (c >= 0xf0 && c < 0xf5 && i + 3 < b.length && (b[i + 1]! & 0xc0) === 0x80 && (b[i + 2]! & 0xc0) === 0x80 && (b[i + 3]! & 0xc0) === 0x80) {
      cp = ((c & 7) << 18) | ((b[i + 1]! & 63) << 12) | ((b[i + 2]! & 63) << 6) | (b[i + 3]! & 63);
      n = 4;
    }
    out += String.fromCodePoint(cp);
    i += n;
  }
  return out;
}

export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

// ---------------------------------------------------------------- fmt

/** fmt.Sprint of one value with %v. */
export function formatV(v: unknown, plus = false, top = true): string {
  if (v === null || v === undefined) return '<nil>';
  switch (typeof v) {
    case 'string':
      return v;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return v.toString();
    case 'number':
      return formatFloatG(v);
    case 'function':
      return '0x1';
  }
  if (Array.isArray(v)) return '[' + v.map((e) => formatV(e, plus, false)).join(' ') + ']';
  if (v instanceof Uint8Array) return '[' + Array.from(v).join(' ') + ']';
  if (isMap(v)) {
    const keys = Object.keys(v).sort(compareStrings);
    return 'map[' + keys.map((k) => `${k}:${formatV(v[k], plus, false)}`).join(' ') + ']';
  }
  const s = (v as { goString?: () => string }).goString;
  if (typeof s === 'function') return s.call(v);
  void top;
  const fields = Object.keys(v).filter((k) => /^[A-Z]/.test(k));
  return '{' + fields.map((k) => (plus ? `${k}:` : '') + formatV((v as Record<string, unknown>)[k], plus, false)).join(' ') + '}';
}

/** Go compares strings by bytes; for UTF-16 this equals code point order except surrogates (rare). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: unknown[]): string {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    if (i > 0 && typeof args[i] !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatV(args[i]);
  }
  return out;
}

export function sprintln(args: unknown[]): string {
  return args.map((a) => formatV(a)).join(' ') + '\n';
}

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width?: number;
  prec?: number;
}

function pad(s: string, sp: Spec, numeric = false): string {
  if (sp.width === undefined) return s;
  const len = [...s].length;
  if (len >= sp.width) return s;
  const n = sp.width - len;
  if (sp.minus) return s + ' '.repeat(n);
  if (sp.zero && numeric) {
    const sign = s[0] === '-' || s[0] === '+' ? s[0] : '';
    return sign + '0'.repeat(n) + s.slice(sign.length);
  }
  if (sp.zero && !numeric) return '0'.repeat(n) + s;
  return ' '.repeat(n) + s;
}

function badVerb(verb: string, v: unknown): string {
  if (v === null || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeOf(v)}=${formatV(v)})`;
}

function fmtInteger(n: bigint, verb: string, sp: Spec): string {
  const neg = n < 0n;
  const a = neg ? -n : n;
  let digits: string;
  switch (verb) {
    case 'd':
    case 'v':
      digits = a.toString();
      break;
    case 'b':
      digits = a.toString(2);
      break;
    case 'o':
    case 'O':
      digits = a.toString(8);
      if (verb === 'O') digits = '0o' + digits;
      else if (sp.sharp) digits = '0' + digits;
      break;
    case 'x':
      digits = a.toString(16);
      if (sp.sharp) digits = '0x' + digits;
      break;
    case 'X':
      digits = a.toString(16).toUpperCase();
      if (sp.sharp) digits = '0X' + digits;
      break;
    case 'c':
      return pad(String.fromCodePoint(Number(n)), sp);
    case 'q':
      return pad("'" + String.fromCodePoint(Number(n)) + "'", sp);
    case 'U':
      return pad('U+' + a.toString(16).toUpperCase().padStart(4, '0'), sp);
    default:
      return badVerb(verb, n);
  }
  if (sp.prec !== undefined) digits = digits.padStart(sp.prec, '0');
  const sign = neg ? '-' : sp.plus ? '+' : sp.space ? ' ' : '';
  return pad(sign + digits, sp, sp.prec === undefined);
}

function fmtOne(verb: string, v: unknown, sp: Spec): string {
  if (verb === 'T') return pad(typeOf(v), sp);
  if (verb === 'v') {
    if (typeof v === 'number') {
      const g = sp.prec !== undefined ? formatFloatVerb(v, 'g', sp.prec) : formatFloatG(v);
      return pad(sp.plus && v >= 0 ? '+' + g : g, sp, true);
    }
    if (typeof v === 'bigint') return fmtInteger(v, 'd', sp);
    if (sp.sharp) return pad(goSyntax(v), sp);
    return pad(formatV(v, sp.plus), sp);
  }
  if (v === null || v === undefined) return badVerb(verb, v);
  if (typeof v === 'bigint') return fmtInteger(v, verb, sp);
  if (typeof v === 'number') {
    if ('eEfFgG'.includes(verb)) {
      let s = formatFloatVerb(v, verb, sp.prec);
      if (sp.plus && v >= 0) s = '+' + s;
      else if (sp.space && v >= 0) s = ' ' + s;
      return pad(s, sp, true);
    }
    return badVerb(verb, v);
  }
  if (typeof v === 'boolean') return verb === 't' ? pad(String(v), sp) : badVerb(verb, v);
  if (typeof v === 'string' || v instanceof Uint8Array) {
    let s = typeof v === 'string' ? v : utf8Decode(v);
    switch (verb) {
      case 's':
        if (sp.prec !== undefined) s = [...s].slice(0, sp.prec).join('');
        return pad(s, sp);
      case 'q':
        return pad(sp.sharp && !s.includes('`') ? '`' + s + '`' : quoteGo(s), sp);
      case 'x':
      case 'X': {
        const h = Array.from(typeof v === 'string' ? utf8Encode(v) : v)
          .map((b) => b.toString(16).padStart(2, '0'))
          .join(sp.space ? ' ' : '');
        return pad(verb === 'X' ? h.toUpperCase() : h, sp);
      }
    }
    if (v instanceof Uint8Array && verb === 'd') return pad('[' + Array.from(v).join(' ') + ']', sp);
    return badVerb(verb, v);
  }
  if (Array.isArray(v)) {
    if (verb === 's' || verb === 'd' || verb === 'q' || verb === 'x' || 'eEfFgG'.includes(verb)) return '[' + v.map((e) => fmtOne(verb, e, sp)).join(' ') + ']';
    return badVerb(verb, v);
  }
  if (isMap(v)) {
    const keys = Object.keys(v).sort(compareStrings);
    return 'map[' + keys.map((k) => `${fmtOne(verb, k, sp)}:${fmtOne(verb, v[k], sp)}`).join(' ') + ']';
  }
  if (verb === 's') return pad(formatV(v), sp);
  return badVerb(verb, v);
}

function goSyntax(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return quoteGo(v);
  if (typeof v === 'number') return formatFloatG(v);
  if (Array.isArray(v)) return '[]interface {}{' + v.map(goSyntax).join(', ') + '}';
  if (isMap(v)) {
    const keys = Object.keys(v).sort(compareStrings);
    return 'map[string]interface {}{' + keys.map((k) => `${quoteGo(k)}:${goSyntax(v[k])}`).join(', ') + '}';
  }
  return formatV(v);
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: unknown[]): string {
  let out = '';
  let argi = 0;
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    i++;
    const sp: Spec = { minus: false, plus: false, sharp: false, space: false, zero: false };
    for (; i < format.length; i++) {
      const f = format[i];
      if (f === '-') sp.minus = true;
      else if (f === '+') sp.plus = true;
      else if (f === '#') sp.sharp = true;
      else if (f === ' ') sp.space = true;
      else if (f === '0') sp.zero = !sp.minus;
      else break;
    }
    const num = (): number | undefined => {
      if (format[i] === '*') {
        i++;
        const a = args[argi++];
        return typeof a === 'bigint' ? Number(a) : undefined;
      }
      const m = /^[0-9]+/.exec(format.slice(i));
      if (!m) return undefined;
      i += m[0].length;
      return Number(m[0]);
    };
    sp.width = num();
    if (format[i] === '.') {
      i++;
      sp.prec = num() ?? 0;
    }
    const verb = format[i];
    if (verb === undefined) {
      out += '%!(NOVERB)';
      break;
    }
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += fmtOne(verb, args[argi++], sp);
  }
  if (argi < args.length) {
    out +=
      '%!(EXTRA ' +
      args
        .slice(argi)
        .map((a) => `${typeOf(a)}=${formatV(a)}`)
        .join(', ') +
      ')';
  }
  return out;
}
