/** Semantic versions and constraints as Masterminds/semver v3 (used by Sprig and Helm) reads them. */
import { TemplateError } from './template/values';

export class SemVer {
  readonly goType = '*semver.Version';
  constructor(
    readonly major: bigint,
    readonly minor: bigint,
    readonly patch: bigint,
    readonly pre: string,
    readonly meta: string,
    readonly original: string,
  ) {}
  Major(): bigint {
    return this.major;
  }
  Minor(): bigint {
    return this.minor;
  }
  Patch(): bigint {
    return this.patch;
  }
  Prerelease(): string {
    return this.pre;
  }
  Metadata(): string {
    return this.meta;
  }
  Original(): string {
    return this.original;
  }
  String(): string {
    return `${this.major}.${this.minor}.${this.patch}${this.pre ? '-' + this.pre : ''}${this.meta ? '+' + this.meta : ''}`;
  }
  goString(): string {
    return this.String();
  }
}

const LOOSE = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

export function parseSemver(s: string): SemVer | undefined {
  const m = LOOSE.exec(s);
  if (!m) return undefined;
  return new SemVer(BigInt(m[1]!), m[2] ? BigInt(m[2].slice(1)) : 0n, m[3] ? BigInt(m[3].slice(1)) : 0n, m[5] ?? '', m[8] ?? '', s);
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) {
      const d = BigInt(x) - BigInt(y);
      if (d !== 0n) return d < 0n ? -1 : 1;
    } else if (nx) return -1;
    else if (ny) return 1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function compareSemver(a: SemVer, b: SemVer): number {
  for (const k of ['major', 'minor', 'patch'] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  return comparePre(a.pre, b.pre);
}

interface Bound {
  op: string;
  v: SemVer;
  /** Which parts were wildcards or missing: 0 none, 1 patch, 2 minor, 3 major. */
  dirty: number;
  hasPre: boolean;
}

const CONSTRAINT = /^(=>|=<|>=|<=|!=|~>|[=><~^])?\s*(v?([0-9xX*]+)(\.[0-9xX*]+)?(\.[0-9xX*]+)?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?)$/;

function parseBound(s: string): Bound {
  const m = CONSTRAINT.exec(s.trim());
  if (!m) throw new TemplateError(`improper constraint: ${s}`);
  const op = m[1] === '=>' ? '>=' : m[1] === '=<' ? '<=' : m[1] === '~>' ? '~' : (m[1] ?? '');
  const wild = (x: string | undefined): boolean => x === undefined || /^\.?[xX*]$/.test(x);
  const parts = [m[3], m[4], m[5]];
  let dirty = 0;
  if (wild(parts[0])) dirty = 3;
  else if (wild(parts[1])) dirty = 2;
  else if (wild(parts[2])) dirty = 1;
  const num = (x: string | undefined): bigint => (x === undefined || wild(x) ? 0n : BigInt(x.replace('.', '')));
  const pre = m[6] ? m[6].slice(1) : '';
  const v = new SemVer(num(parts[0]), num(parts[1]), num(parts[2]), pre, '', m[2]!);
  // A missing part (1.2) is "dirty" only for range-like operators; for >= and friends it is 0.
  const explicitWild = [m[3], m[4], m[5]].some((x) => x !== undefined && /[xX*]/.test(x));
  return {
    op,
    v,
    dirty: explicitWild || op === '' || op === '=' || op === '~' || op === '^' || op === '!=' ? dirty : dirty === 0 ? 0 : op === '<=' || op === '>' ? dirty : 0,
    hasPre: pre !== '',
  };
}

function bump(v: SemVer, part: 'major' | 'minor' | 'patch'): SemVer {
  if (part === 'major') return new SemVer(v.major + 1n, 0n, 0n, '', '', '');
  if (part === 'minor') return new SemVer(v.major, v.minor + 1n, 0n, '', '', '');
  return new SemVer(v.major, v.minor, v.patch + 1n, '', '', '');
}

function check(b: Bound, v: SemVer): boolean {
  if (v.pre !== '' && !b.hasPre) return false;
  const c = compareSemver(v, b.v);
  const upperOf = (d: number): SemVer => (d >= 3 ? new SemVer(1n << 62n, 0n, 0n, '', '', '') : d === 2 ? bump(b.v, 'major') : bump(b.v, 'minor'));
  switch (b.op) {
    case '':
    case '=':
      if (b.dirty > 0) return c >= 0 && compareSemver(v, upperOf(b.dirty)) < 0;
      return c === 0;
    case '!=':
      if (b.dirty > 0) return !(c >= 0 && compareSemver(v, upperOf(b.dirty)) < 0);
      return c !== 0;
    case '>':
      if (b.dirty > 0) return compareSemver(v, upperOf(b.dirty)) >= 0;
      return c > 0;
    case '>=':
      return c >= 0;
    case '<':
      return c < 0;
    case '<=':
      if (b.dirty > 0) return compareSemver(v, upperOf(b.dirty)) < 0;
      return c <= 0;
    case '~': {
      if (c < 0) return false;
      if (b.dirty >= 3) return true;
      const upper = b.dirty === 2 ? bump(b.v, 'major') : bump(b.v, 'minor');
      return compareSemver(v, upper) < 0;
    }
    case '^': {
      if (c < 0) return false;
      if (b.dirty >= 3) return true;
      let upper: SemVer;
      if (b.v.major > 0n || b.dirty === 2) upper = bump(b.v, 'major');
      else if (b.v.minor > 0n || b.dirty === 1) upper = bump(b.v, 'minor');
      else upper = bump(b.v, 'patch');
      return compareSemver(v, upper) < 0;
    }
  }
  return false;
}

/** Masterminds' NewConstraint(c).Check(NewVersion(v)). */
export function semverCompare(constraint: string, version: string): boolean {
  const v = parseSemver(version);
  if (!v) throw new TemplateError(`Invalid Semantic Version`);
  for (const group of constraint.split('||')) {
    // Words of the group; an operator alone joins the next word; "a - b" is a hyphen range.
    const words = group.split(/[\s,]/).filter(Boolean);
    const parts: string[] = [];
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if (words[i + 1] === '-' && i + 2 < words.length) {
        parts.push('>=' + w, '<=' + words[i + 2]!);
        i += 2;
      } else if (/^(=>|=<|>=|<=|!=|~>|[=><~^])$/.test(w) && i + 1 < words.length) {
        parts.push(w + words[++i]!);
      } else parts.push(w);
    }
    if (parts.length === 0) throw new TemplateError(`improper constraint: ${constraint}`);
    const bounds = parts.map(parseBound);
    if (bounds.every((b) => check(b, v))) return true;
  }
  return false;
}
