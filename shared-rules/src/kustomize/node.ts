/**
 * The tree a Kustomize build works on: plain YAML values where every node
 * carries its Origin (where the value comes from). Builders copy nodes with
 * their origin; a transformer that writes a value gives it its own origin
 * (the kustomization field), so provenance is never computed after the fact.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node as YNode } from 'yaml';
import { MAX_NESTING, nestsDeeperThan } from '../yaml/depth';

/** What put a value in the built output. */
export type OriginCause =
  /** Read from a resource file (a base or the overlay's own `resources:`). */
  | 'resource'
  /** Set by a patch (strategic merge or JSON 6902). */
  | 'patch'
  /** Made by a configMapGenerator / secretGenerator entry. */
  | 'generator'
  /** Written by a kustomization field (`namespace:`, `images:`, `namePrefix:`, labels…). */
  | 'field'
  /** Set by a replacement (or a deprecated var). */
  | 'replacement';

/**
 * Where a node of the built output comes from: a file and a character range
 * [start, end) in it, and why. For 'field' and 'generator', the range is the
 * kustomization entry at work (the `images:` item, the `namespace:` line, the
 * generator literal); `field` names the kustomization field.
 */
export interface Origin {
  cause: OriginCause;
  file: string;
  range: readonly [number, number];
  field?: string;
}

export type KScalarValue = string | number | boolean | null;
export interface KScalar {
  t: 's';
  v: KScalarValue;
  o: Origin;
  /** Source text of a plain scalar that YAML read as a non-string (`1.0`, `.`, `yes`). */
  raw?: string;
}
export interface KMap {
  t: 'm';
  /** Keys in document order. */
  e: Map<string, KNode>;
  o: Origin;
}
export interface KSeq {
  t: 'q';
  items: KNode[];
  o: Origin;
}
export type KNode = KScalar | KMap | KSeq;

export const scalar = (v: KScalarValue, o: Origin): KScalar => ({ t: 's', v, o });
export const map = (o: Origin, entries?: Iterable<[string, KNode]>): KMap => ({ t: 'm', e: new Map(entries), o });
export const seq = (o: Origin, items: KNode[] = []): KSeq => ({ t: 'q', items, o });

export const isKMap = (n: KNode | undefined): n is KMap => n?.t === 'm';
export const isKSeq = (n: KNode | undefined): n is KSeq => n?.t === 'q';
export const isKScalar = (n: KNode | undefined): n is KScalar => n?.t === 's';

/**
 * How kustomize reads YAML: resources with go-yaml v3 (YAML 1.2 core schema,
 * merge keys); kustomization files are decoded as YAML 1.1 (`n`, `yes` are booleans).
 */
const KUSTOMIZE_YAML = { version: '1.2' as const, merge: true, prettyErrors: false, uniqueKeys: false, strict: false };

export interface ParsedDoc {
  node: KNode | undefined;
  /** Range of the whole document in its file. */
  range: [number, number];
  errors: string[];
}

/** Every document of a YAML text as KNodes whose origins point into `file`. */
export function parseYamlDocs(text: string, file: string, cause: OriginCause = 'resource', field?: string, version: '1.1' | '1.2' = '1.2'): ParsedDoc[] {
  // Too deep a text is not parsed at all (see yaml/depth.ts): it would exhaust the stack.
  if (nestsDeeperThan(text)) return [{ node: undefined, range: [0, text.length], errors: [`nests deeper than ${MAX_NESTING} levels`] }];
  const docs = parseAllDocuments(text, { ...KUSTOMIZE_YAML, version }) as unknown as Document.Parsed[];
  return docs.map((doc) => ({
    node: doc.contents ? fromYaml(doc.contents as YNode, file, cause, field, doc) : undefined,
    range: [doc.range[0], doc.range[2]],
    errors: doc.errors.map((e) => e.message),
  }));
}

export function fromYaml(n: YNode, file: string, cause: OriginCause, field: string | undefined, doc: Document.Parsed): KNode {
  const range: [number, number] = n.range ? [n.range[0], n.range[1]] : [0, 0];
  const o: Origin = field ? { cause, file, range, field } : { cause, file, range };
  if (isAlias(n)) {
    const target = n.resolve(doc);
    return target ? fromYaml(target as YNode, file, cause, field, doc) : scalar(null, o);
  }
  if (isMap(n)) {
    const m = map(o);
    for (const pair of n.items) {
      if (!isPair(pair)) continue;
      const k = pair.key;
      const key = isScalar(k) ? String(k.value) : String(k);
      if (key === '<<' && pair.value) {
        // YAML merge key: the referenced map's entries, unless already set.
        const merged = fromYaml(pair.value as YNode, file, cause, field, doc);
        const sources = isKSeq(merged) ? merged.items : [merged];
        for (const s of sources) if (isKMap(s)) for (const [mk, mv] of s.e) if (!m.e.has(mk)) m.e.set(mk, mv);
        continue;
      }
      const vr = pair.value as YNode | null;
      const value = vr ? fromYaml(vr, file, cause, field, doc) : scalar(null, { ...o, range: keyEnd(k, o.range) });
      m.e.set(key, value);
    }
    return tightEnd(m);
  }
  if (isSeq(n))
    return tightEnd(
      seq(
        o,
        n.items.map((i) => (i ? fromYaml(i as YNode, file, cause, field, doc) : scalar(null, o))),
      ),
    );
  if (isScalar(n)) {
    const v = n.value;
    const out = scalar(typeof v === 'bigint' ? Number(v) : v === undefined ? null : (v as KScalarValue), o);
    if (typeof v !== 'string' && typeof n.source === 'string') out.raw = n.source;
    return out;
  }
  return scalar(null, o);
}

/** A block collection's range ends where its last value does (yaml's includes the line break). */
function tightEnd<T extends KMap | KSeq>(n: T): T {
  if (n.o.range[1] - n.o.range[0] <= 1) return n;
  const kids = n.t === 'm' ? [...n.e.values()] : n.items;
  const last = kids[kids.length - 1];
  if (last && last.o.file === n.o.file && last.o.range[1] > n.o.range[0] && last.o.range[1] < n.o.range[1])
    n.o = { ...n.o, range: [n.o.range[0], last.o.range[1]] };
  return n;
}

function keyEnd(k: unknown, fallback: readonly [number, number]): [number, number] {
  const r = (k as { range?: [number, number, number] } | null)?.range;
  return r ? [r[0], r[1]] : [fallback[0], fallback[1]];
}

/** Plain JavaScript value of a node. */
export function toJS(n: KNode | undefined): unknown {
  if (!n) return undefined;
  if (n.t === 's') return n.v;
  if (n.t === 'q') return n.items.map(toJS);
  const out: Record<string, unknown> = {};
  for (const [k, v] of n.e) out[k] = toJS(v);
  return out;
}

/** A node made from a plain value, every part with origin `o`. */
export function fromJS(v: unknown, o: Origin): KNode {
  if (Array.isArray(v))
    return seq(
      o,
      v.map((x) => fromJS(x, o)),
    );
  if (v !== null && typeof v === 'object')
    return map(
      o,
      Object.entries(v).map(([k, x]) => [k, fromJS(x, o)] as [string, KNode]),
    );
  return scalar(v as KScalarValue, o);
}

export function clone(n: KNode): KNode {
  if (n.t === 's') return { ...n };
  if (n.t === 'q') return seq(n.o, n.items.map(clone));
  return map(
    n.o,
    [...n.e].map(([k, v]) => [k, clone(v)] as [string, KNode]),
  );
}

/** Deep equality of values (origins ignored). */
export function sameValue(a: KNode | undefined, b: KNode | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.t !== b.t) return false;
  if (a.t === 's') return a.v === (b as KScalar).v;
  if (a.t === 'q') {
    const bi = (b as KSeq).items;
    return a.items.length === bi.length && a.items.every((x, i) => sameValue(x, bi[i]));
  }
  const be = (b as KMap).e;
  if (a.e.size !== be.size) return false;
  for (const [k, v] of a.e) if (!sameValue(v, be.get(k))) return false;
  return true;
}

export function get(n: KNode | undefined, ...path: string[]): KNode | undefined {
  let cur = n;
  for (const p of path) {
    if (!isKMap(cur)) return undefined;
    cur = cur.e.get(p);
  }
  return cur;
}

export function getString(n: KNode | undefined, ...path: string[]): string | undefined {
  return scalarText(get(n, ...path));
}

/** The scalar as kustomize reads it for names and keys (a string, whatever its YAML type). */
export function scalarText(n: KNode | undefined): string | undefined {
  if (!isKScalar(n) || n.v === null) return undefined;
  return typeof n.v === 'string' ? n.v : (n.raw ?? String(n.v));
}

/** Set every origin of a subtree (for values a transformer or patch writes). */
export function withOrigin(n: KNode, o: Origin): KNode {
  if (n.t === 's') return { ...n, o };
  if (n.t === 'q')
    return seq(
      o,
      n.items.map((i) => withOrigin(i, o)),
    );
  return map(
    o,
    [...n.e].map(([k, v]) => [k, withOrigin(v, o)] as [string, KNode]),
  );
}
