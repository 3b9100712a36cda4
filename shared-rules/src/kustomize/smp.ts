/**
 * Strategic merge patch as kustomize 5.7 applies it (kyaml merge2, patch list
 * items first): maps merge field by field, `null` deletes, lists whose schema
 * field has patch strategy `merge` merge by their merge key (or as a set of
 * scalars), other lists are replaced. `$patch: delete` removes a map or list
 * item, `$patch: replace` replaces a map (or, as a list item, the list). Like kustomize, the other directives
 * (`$retainKeys`, `$setElementOrder/…`, `$deleteFromPrimitiveList/…`) are not
 * interpreted and stay in the output as plain fields. Merge keys come from the
 * Kubernetes OpenAPI that kustomize embeds (schema.generated.ts); kinds
 * without a schema (custom resources) replace every list, as kustomize does.
 */
import { KINDS, MERGE_SCHEMA } from './schema.generated';
import { isKMap, isKScalar, map, scalarText, seq, type KMap, type KNode, type KSeq } from './node';

interface FieldInfo {
  def: string;
  strategy: string;
  key: string;
}

const NO_FIELD: FieldInfo = { def: '', strategy: '', key: '' };

/** The schema definition of a kind ('' when Kubeward has no merge schema for it). */
export function rootDefinition(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
  return KINDS[`${group}/${version}/${kind}`]?.[0] ?? '';
}

function field(def: string, name: string): FieldInfo {
  const row = def ? MERGE_SCHEMA[def]?.[name] : undefined;
  if (!row) return NO_FIELD;
  return { def: row[0], strategy: row[1] ?? '', key: row[2] ?? '' };
}

const directive = (n: KNode | undefined): string | undefined => (isKMap(n) ? scalarText(n.e.get('$patch')) : undefined);

function withoutDirective(m: KMap): KMap {
  const out = map(m.o);
  for (const [k, v] of m.e) if (k !== '$patch') out.e.set(k, v);
  return out;
}

/** The patch's value as added where the target has none: directives applied, nulls dropped. */
function added(p: KNode, info: FieldInfo): KNode | undefined {
  if (isKScalar(p)) return p.v === null ? undefined : p;
  if (isKMap(p)) {
    if (directive(p) === 'delete') return undefined;
    const out = map(p.o);
    for (const [k, v] of p.e) {
      if (k === '$patch') continue;
      const r = added(v, field(info.def, k));
      if (r !== undefined) out.e.set(k, r);
    }
    return out;
  }
  const elem: FieldInfo = { def: info.def, strategy: '', key: '' };
  const items: KNode[] = [];
  for (const i of p.items) {
    const r = associative(info) ? added(i, elem) : i;
    if (r !== undefined) items.push(r);
  }
  return seq(p.o, items);
}

const associative = (info: FieldInfo) => info.strategy.split(',').includes('merge');

/** Merge `patch` into `dest`; undefined means the value is deleted. */
export function mergeNode(dest: KNode | undefined, patch: KNode | undefined, info: FieldInfo): KNode | undefined {
  if (patch === undefined) return dest;
  if (isKScalar(patch) && patch.v === null) return undefined;
  if (dest === undefined || dest.t !== patch.t || (isKScalar(dest) && dest.v === null)) return added(patch, info);
  // A patch that restates a value (a merge key, an unchanged field) does not become its cause.
  if (isKScalar(patch)) return (dest as typeof patch).v === patch.v ? dest : patch;
  if (isKMap(patch)) {
    const d = dest as KMap;
    const dir = directive(patch);
    if (dir === 'delete') return undefined;
    if (dir === 'replace') return added(withoutDirective(patch), info);
    const out = map(d.o);
    for (const [k, v] of d.e) out.e.set(k, v);
    for (const [k, v] of patch.e) {
      if (k === '$patch') continue;
      const r = mergeNode(out.e.get(k), v, field(info.def, k));
      if (r === undefined) out.e.delete(k);
      else out.e.set(k, r);
    }
    return out;
  }
  const d = dest as KSeq;
  // A list item `{$patch: replace}` replaces the whole list with the patch's other items.
  const marker = patch.items.findIndex((i) => isKMap(i) && i.e.size === 1 && directive(i) === 'replace');
  if (marker >= 0)
    return added(
      seq(
        patch.o,
        patch.items.filter((_, n) => n !== marker),
      ),
      info,
    );
  if (!associative(info)) return added(patch, { ...info, strategy: '' });
  if (!info.key) return mergeScalars(d, patch);
  return info.key.includes(',') ? mergeMultiKeyed(d, patch, info) : mergeKeyed(d, patch, info);
}

function mergeScalars(dest: KSeq, patch: KSeq): KSeq {
  const out: KNode[] = [];
  const seen = new Set<string>();
  for (const i of [...patch.items, ...dest.items]) {
    const k = isKScalar(i) ? String(i.v) : JSON.stringify(i);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(i);
  }
  return seq(patch.o, out);
}

function mergeKeyed(dest: KSeq, patch: KSeq, info: FieldInfo): KSeq {
  const key = info.key;
  const elem: FieldInfo = { def: info.def, strategy: '', key: '' };
  const keyOf = (n: KNode) => (isKMap(n) ? scalarText(n.e.get(key)) : undefined);
  const order: string[] = [];
  const seen = new Set<string>();
  for (const i of [...patch.items, ...dest.items]) {
    const k = keyOf(i);
    if (k === undefined || seen.has(k)) continue;
    seen.add(k);
    order.push(k);
  }
  const out: KNode[] = [];
  for (const k of order) {
    const d = dest.items.find((i) => keyOf(i) === k);
    const p = patch.items.find((i) => keyOf(i) === k);
    if (p && directive(p) === 'delete') continue;
    if (d && p) {
      // kyaml keeps the target item when the patch item says `$patch: replace`.
      if (directive(p) === 'replace') out.push(d);
      else {
        const r = mergeNode(d, p, elem);
        if (r !== undefined) out.push(r);
      }
    } else if (p) {
      const r = added(p, elem);
      if (r !== undefined) out.push(r);
    } else if (d) out.push(d);
  }
  // Target items without the merge key stay, after the others.
  for (const i of dest.items) if (keyOf(i) === undefined) out.push(i);
  return seq(dest.o, out);
}

/**
 * Lists keyed by several fields (x-kubernetes-list-map-keys: container ports
 * by containerPort and protocol), as kustomize merges them: a patch item
 * merges into the target item with the same key values (a missing key counts
 * as empty); the other patch items come first, then the target's items in
 * their order, each replacing an earlier item that matches it on the keys it
 * has (a key the earlier item lacks matches anything).
 */
function mergeMultiKeyed(dest: KSeq, patch: KSeq, info: FieldInfo): KSeq {
  const keys = info.key.split(',');
  const elem: FieldInfo = { def: info.def, strategy: '', key: '' };
  const tuple = (n: KNode) => keys.map((k) => (isKMap(n) ? (scalarText(n.e.get(k)) ?? '') : ''));
  const targets = [...dest.items];
  const fresh: KNode[] = [];
  for (const p of patch.items) {
    const tp = tuple(p);
    const at = targets.findIndex((d) => tuple(d).every((v, i) => v === tp[i]));
    if (directive(p) === 'delete') {
      if (at >= 0) targets.splice(at, 1);
      continue;
    }
    if (at < 0) {
      const r = added(p, elem);
      if (r !== undefined) fresh.push(r);
    } else if (directive(p) !== 'replace') {
      const r = mergeNode(targets[at], p, elem);
      if (r === undefined) targets.splice(at, 1);
      else targets[at] = r;
    }
  }
  const out = fresh;
  for (const d of targets) {
    const td = tuple(d);
    const present = td.map((v, i) => [v, i] as const).filter(([v]) => v !== '');
    const i = present.length ? out.findIndex((o) => present.every(([v, k]) => ['', v].includes(tuple(o)[k]!))) : -1;
    if (i >= 0) out[i] = d;
    else out.push(d);
  }
  return seq(dest.o, out);
}

/** Apply a strategic-merge patch document to a resource; undefined when the patch deletes it. */
export function strategicMerge(resource: KMap, patch: KMap): KMap | undefined {
  const apiVersion = scalarText(resource.e.get('apiVersion')) ?? '';
  const kind = scalarText(resource.e.get('kind')) ?? '';
  const info: FieldInfo = { def: rootDefinition(apiVersion, kind), strategy: '', key: '' };
  const r = mergeNode(resource, patch, info);
  return isKMap(r) ? r : undefined;
}
