/** The built-in transformers: namespace, name prefix/suffix, labels, annotations, replicas, images. */
import { specMatches, specSegments, visitSpec, type FieldSpec, type TransformerConfig } from './fieldspecs';
import { getString, isKMap, isKScalar, isKSeq, scalar, scalarText, type KMap, type KNode, type Origin } from './node';
import { gvkOf, nameOf, isNamespaced, setName, ensureMap, type Res } from './resmap';

export function namespaceTransform(ra: Res[], ns: string, config: TransformerConfig, o: Origin) {
  for (const r of ra) {
    const g = gvkOf(r.node);
    for (const spec of config.namespace) {
      if (!specMatches(spec, g)) continue;
      if (spec.path === 'metadata/namespace') {
        if (!isNamespaced(g)) continue;
        ensureMap(r.node, 'metadata', o).e.set('namespace', scalar(ns, o));
        r.namespaces.push(ns);
        continue;
      }
      if (spec.path === 'metadata/name' && g.kind === 'Namespace') {
        setName(r, ns, o);
        continue;
      }
      if (spec.path.startsWith('subjects')) {
        const subjects = r.node.e.get('subjects');
        if (isKSeq(subjects))
          for (const s of subjects.items) if (isKMap(s) && scalarText(s.e.get('namespace')) === 'default') s.e.set('namespace', scalar(ns, o));
        continue;
      }
      visitSpec(r.node, specSegments(spec.path), !!spec.create, o, (parent, key) => parent.e.set(key, scalar(ns, o)));
    }
  }
}

export const NO_AFFIX = new Set(['Namespace', 'CustomResourceDefinition', 'APIService']);

export function affix(ra: Res[], prefix: string, suffix: string, config: TransformerConfig, o: Origin) {
  for (const r of ra) {
    const g = gvkOf(r.node);
    if (NO_AFFIX.has(g.kind)) continue;
    for (const spec of config.namePrefix) {
      if (!specMatches(spec, g)) continue;
      if (spec.path === 'metadata/name') {
        setName(r, prefix + nameOf(r) + suffix, o);
        continue;
      }
      visitSpec(r.node, specSegments(spec.path), false, o, (parent, key) => {
        const v = scalarText(parent.e.get(key));
        if (v !== undefined) parent.e.set(key, scalar(prefix + v + suffix, o));
      });
    }
  }
}

export function setPairs(ra: Res[], pairs: KMap, specs: FieldSpec[], field: string) {
  for (const r of ra) {
    const g = gvkOf(r.node);
    for (const spec of specs) {
      if (!specMatches(spec, g)) continue;
      for (const [k, v] of pairs.e) {
        const o: Origin = { cause: 'field', file: v.o.file, range: [v.o.range[0], v.o.range[1]], field };
        const value = scalar(scalarText(v) ?? '', o);
        visitSpec(r.node, specSegments(spec.path), !!spec.create, o, (parent, key) => {
          const target = ensureMap(parent, key, o);
          target.e.set(k, value);
        });
      }
    }
  }
}

export function replicaTransform(ra: Res[], entry: KMap, config: TransformerConfig, o: Origin) {
  const name = getString(entry, 'name');
  const count = entry.e.get('count');
  if (name === undefined || !isKScalar(count)) return;
  for (const r of ra) {
    if (!r.names.includes(name) && nameOf(r) !== name) continue;
    const g = gvkOf(r.node);
    for (const spec of config.replicas) {
      if (!specMatches(spec, g)) continue;
      visitSpec(r.node, specSegments(spec.path), !!spec.create, o, (parent, key) => parent.e.set(key, scalar(Number(count.v), { ...o, range: count.o.range })));
    }
  }
}

/** name, tag, digest of an image reference. */
export function splitImage(image: string): { name: string; tag?: string; digest?: string } {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), ...(digest ? { digest } : {}) };
  return { name: rest, ...(digest ? { digest } : {}) };
}

export function imageTransform(ra: Res[], entry: KMap, config: TransformerConfig, o: Origin) {
  const name = getString(entry, 'name');
  if (!name) return;
  const newName = getString(entry, 'newName');
  const newTag = getString(entry, 'newTag');
  const digest = getString(entry, 'digest');
  const update = (parent: KMap, key: string) => {
    const cur = scalarText(parent.e.get(key));
    if (cur === undefined) return;
    const img = splitImage(cur);
    if (img.name !== name) return;
    let out = newName ?? img.name;
    if (digest) out += `@${digest}`;
    else if (newTag) out += `:${newTag}`;
    else if (img.tag !== undefined) out += `:${img.tag}${img.digest ? `@${img.digest}` : ''}`;
    else if (img.digest) out += `@${img.digest}`;
    parent.e.set(key, scalar(out, o));
  };
  const walk = (n: KNode) => {
    if (isKMap(n)) {
      for (const [k, v] of n.e) {
        if ((k === 'containers' || k === 'initContainers') && isKSeq(v)) {
          for (const c of v.items) if (isKMap(c) && c.e.has('image')) update(c, 'image');
        }
        walk(v);
      }
    } else if (isKSeq(n)) n.items.forEach(walk);
  };
  for (const r of ra) {
    walk(r.node);
    const g = gvkOf(r.node);
    for (const spec of config.images) if (specMatches(spec, g)) visitSpec(r.node, specSegments(spec.path), false, o, update);
  }
}
