/** The objects a build works on, with their name history, and how builds select them. */
import type { BuildFiles } from './files';
import type { Gvk } from './fieldspecs';
import { get, getString, isKMap, map, scalar, scalarText, type KMap, type KNode, type Origin } from './node';
import { KINDS } from './schema.generated';
import type { BuildIssue } from './types';

/** Limits that keep a hostile layout from stalling the build. */
export const LIMITS = {
  /** Bytes of one generator source file (a ConfigMap holds at most 1 MiB). */
  generatorFileBytes: 1024 * 1024,
  /** Nesting of kustomizations. */
  depth: 50,
  /** Kustomizations built in one build (a base reached by several paths is built each time, as kustomize does). */
  kustomizations: 1000,
};

export interface Res {
  node: KMap;
  /** Every name the object had, the first as written. */
  names: string[];
  namespaces: (string | undefined)[];
  /** Generated with a content-hash suffix still to add. */
  hash?: boolean;
}

export interface Var {
  name: string;
  kind: string;
  objName: string;
  fieldPath: string;
  o: Origin;
}

export interface Ctx {
  files: BuildFiles;
  issues: BuildIssue[];
  kustomizations: string[];
  vars: Var[];
}

export const gvkOf = (n: KMap): Gvk => {
  const apiVersion = getString(n, 'apiVersion') ?? '';
  const [group, version] = apiVersion.includes('/') ? (apiVersion.split('/', 2) as [string, string]) : ['', apiVersion];
  return { group, version, kind: getString(n, 'kind') ?? '' };
};
export const nameOf = (r: Res) => getString(r.node, 'metadata', 'name') ?? '';
export const nsOf = (r: Res) => getString(r.node, 'metadata', 'namespace');

export const CLUSTER_GROUP_KINDS = new Map<string, boolean>();
for (const [k, [, namespaced]] of Object.entries(KINDS)) {
  const [group, , kind] = k.split('/');
  CLUSTER_GROUP_KINDS.set(`${group}/${kind}`, namespaced);
}
/** Namespaced per the Kubernetes OpenAPI; a kind it does not know (custom resources) counts as namespaced. */
export function isNamespaced(g: Gvk): boolean {
  const exact = KINDS[`${g.group}/${g.version}/${g.kind}`];
  if (exact) return exact[1];
  return CLUSTER_GROUP_KINDS.get(`${g.group}/${g.kind}`) ?? true;
}

export function setName(r: Res, name: string, o: Origin) {
  const meta = ensureMap(r.node, 'metadata', o);
  meta.e.set('name', scalar(name, o));
  r.names.push(name);
}

export function ensureMap(parent: KMap, key: string, o: Origin): KMap {
  const cur = parent.e.get(key);
  if (isKMap(cur)) return cur;
  const m = map(o);
  parent.e.set(key, m);
  return m;
}

export function issue(ctx: Ctx, o: Origin | { file: string; range: readonly [number, number] }, message: string, severity: BuildIssue['severity'] = 'error') {
  ctx.issues.push({ file: o.file, range: o.range, message, severity });
}

// ---------------------------------------------------------------- selection

export interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

export function selectorOf(n: KNode | undefined): Selector {
  const s: Selector = {};
  if (!isKMap(n)) return s;
  for (const k of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const) {
    const v = getString(n, k);
    if (v !== undefined) s[k] = v;
  }
  return s;
}

/**
 * A selector field as kustomize reads it: an anchored regular expression (Go's
 * RE2, linear). JavaScript's can backtrack exponentially, so a pattern with a
 * quantified group, a backreference, more than three quantifiers (names are at
 * most 253 characters: at worst 253^3 steps) or over 256 characters is matched
 * as a literal string instead; kustomize layouts select with names, `.*` and
 * simple alternations.
 */
export const anchored = (re: string): { test(s: string): boolean } => {
  const literal = { test: (s: string) => s === re };
  if (re.length > 256 || /\)\s*[*+?{]|\\\d/.test(re) || (re.match(/[*+?{]/g)?.length ?? 0) > 3) return literal;
  try {
    return new RegExp(`^(?:${re})$`);
  } catch {
    return literal;
  }
};

export function matchesLabels(expr: string, labels: KNode | undefined): boolean {
  const get = (k: string) => (isKMap(labels) ? scalarText(labels.e.get(k)) : undefined);
  const parts = expr
    .split(/,(?![^(]*\))/)
    .map((s) => s.trim())
    .filter(Boolean);
  return parts.every((p) => {
    let m: RegExpMatchArray | null;
    if ((m = p.match(/^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/))) {
      const vals = m[3]!.split(',').map((s) => s.trim());
      const v = get(m[1]!);
      return m[2] === 'in' ? v !== undefined && vals.includes(v) : v === undefined || !vals.includes(v);
    }
    if ((m = p.match(/^([^!=\s]+)\s*(==|=|!=)\s*(.*)$/))) {
      const v = get(m[1]!);
      return m[2] === '!=' ? v !== m[3] : v === m[3];
    }
    if (p.startsWith('!')) return get(p.slice(1)) === undefined;
    return get(p) !== undefined;
  });
}

export function select(ra: Res[], s: Selector): Res[] {
  return ra.filter((r) => {
    const g = gvkOf(r.node);
    // Like kustomize, every selector field is an anchored regular expression.
    if (s.group && !anchored(s.group).test(g.group)) return false;
    if (s.version && !anchored(s.version).test(g.version)) return false;
    if (s.kind && !anchored(s.kind).test(g.kind)) return false;
    if (s.name) {
      const re = anchored(s.name);
      if (!r.names.some((n) => re.test(n)) && !re.test(nameOf(r))) return false;
    }
    if (s.namespace) {
      const re = anchored(s.namespace);
      const nss = [...r.namespaces, nsOf(r)].map((n) => n ?? 'default');
      if (!nss.some((n) => re.test(n))) return false;
    }
    if (s.labelSelector && !matchesLabels(s.labelSelector, get(r.node, 'metadata', 'labels'))) return false;
    if (s.annotationSelector && !matchesLabels(s.annotationSelector, get(r.node, 'metadata', 'annotations'))) return false;
    return true;
  });
}
