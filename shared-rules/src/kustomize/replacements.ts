/** `replacements` and the deprecated `vars`. */
import { specMatches, specSegments, visitSpec, type TransformerConfig } from './fieldspecs';
import { clone, get, getString, isKMap, isKScalar, isKSeq, map, scalar, scalarText, type KMap, type KNode, type Origin } from './node';
import { gvkOf, nameOf, nsOf, issue, select, selectorOf, type Res, type Ctx } from './resmap';

/** A replacement field path: `a.b.[name=x].c`, `[key.with.dots]`, `0`, `*`. */
export function fieldPathSegments(path: string): string[] {
  const out: string[] = [];
  let i = 0;
  let cur = '';
  while (i < path.length) {
    const ch = path[i]!;
    if (ch === '[') {
      const end = path.indexOf(']', i);
      if (end < 0) {
        cur += path.slice(i);
        break;
      }
      cur += path.slice(i, end + 1);
      i = end + 1;
    } else if (ch === '.') {
      out.push(cur);
      cur = '';
      i++;
    } else {
      cur += ch;
      i++;
    }
  }
  if (cur !== '') out.push(cur);
  return out.filter((s) => s !== '');
}

export type Slot = { parent: KMap; key: string } | { parent: KNode & { t: 'q' }; index: number };

export function lookup(root: KNode, segs: string[], create: boolean, o: Origin): Slot[] {
  let cur: { node: KNode; slot?: Slot }[] = [{ node: root }];
  for (let s = 0; s < segs.length; s++) {
    const seg = segs[s]!;
    const last = s === segs.length - 1;
    const next: { node: KNode; slot?: Slot }[] = [];
    for (const { node } of cur) {
      const m = seg.match(/^\[([^=\]]+)=([^\]]*)\]$/);
      if (m && isKSeq(node)) {
        node.items.forEach((item, index) => {
          if (isKMap(item) && scalarText(item.e.get(m[1]!)) === m[2]) next.push({ node: item, slot: { parent: node, index } });
        });
        continue;
      }
      if (seg === '*' && isKSeq(node)) {
        node.items.forEach((item, index) => next.push({ node: item, slot: { parent: node, index } }));
        continue;
      }
      if (/^\d+$/.test(seg) && isKSeq(node)) {
        const index = Number(seg);
        const item = node.items[index];
        if (item) next.push({ node: item, slot: { parent: node, index } });
        continue;
      }
      const key = seg.startsWith('[') && seg.endsWith(']') ? seg.slice(1, -1) : seg;
      if (!isKMap(node)) continue;
      let child = node.e.get(key);
      if (!child && create) {
        child = last ? scalar(null, o) : map(o);
        node.e.set(key, child);
      }
      if (child) next.push({ node: child, slot: { parent: node, key } });
    }
    cur = next;
  }
  return cur.map((c) => c.slot).filter((s): s is Slot => !!s);
}

export const slotValue = (s: Slot): KNode | undefined => ('key' in s ? s.parent.e.get(s.key) : s.parent.items[s.index]);
export const setSlot = (s: Slot, v: KNode) => ('key' in s ? s.parent.e.set(s.key, v) : (s.parent.items[s.index] = v));

export function replace(ctx: Ctx, ra: Res[], r: KMap, o: Origin) {
  const source = get(r, 'source');
  const sel = selectorOf(source);
  const sources = select(ra, sel);
  if (sources.length !== 1) {
    issue(ctx, o, sources.length ? `replacement source matches ${sources.length} resources` : `replacement source matches no resource`);
    return;
  }
  const src = sources[0]!;
  const fp = getString(source, 'fieldPath') ?? 'metadata.name';
  const slot = lookup(src.node, fieldPathSegments(fp), false, o)[0];
  let value = slot ? slotValue(slot) : undefined;
  if (!value) {
    issue(ctx, o, `replacement source field ${fp} not found`);
    return;
  }
  const sdelim = getString(source, 'options', 'delimiter');
  if (sdelim !== undefined && isKScalar(value)) {
    const parts = (scalarText(value) ?? '').split(sdelim);
    const idx = Number(getString(source, 'options', 'index') ?? '0');
    value = scalar(parts[idx] ?? '', value.o);
  }
  const targets = get(r, 'targets');
  if (!isKSeq(targets)) return;
  for (const t of targets.items) {
    if (!isKMap(t)) continue;
    let chosen = select(ra, selectorOf(get(t, 'select')));
    const reject = get(t, 'reject');
    if (isKSeq(reject))
      for (const rj of reject.items) {
        const out = new Set(select(ra, selectorOf(rj)));
        chosen = chosen.filter((c) => !out.has(c));
      }
    const paths = get(t, 'fieldPaths');
    const create = getString(t, 'options', 'create') === 'true';
    const delim = getString(t, 'options', 'delimiter');
    const index = Number(getString(t, 'options', 'index') ?? '0');
    for (const res of chosen) {
      for (const p of isKSeq(paths) ? paths.items : []) {
        const path = scalarText(p);
        if (!path) continue;
        const vo: Origin = { ...value.o, cause: 'replacement', file: o.file, range: o.range, field: 'replacements' };
        for (const s of lookup(res.node, fieldPathSegments(path), create, vo)) {
          const cur = slotValue(s);
          if (delim !== undefined && isKScalar(cur) && isKScalar(value)) {
            const parts = cur.v === null ? [] : (scalarText(cur) ?? '').split(delim);
            const sv = scalarText(value) ?? '';
            if (index >= parts.length) parts.push(sv);
            else if (index < 0) parts.unshift(sv);
            else parts[index] = sv;
            setSlot(s, scalar(parts.join(delim), vo));
          } else setSlot(s, withSource(value, vo));
        }
        if (path.startsWith('metadata.name')) res.names.push(nameOf(res));
        if (path.startsWith('metadata.namespace')) res.namespaces.push(nsOf(res));
      }
    }
  }
}

export function withSource(v: KNode, o: Origin): KNode {
  const c = clone(v);
  c.o = o;
  return c;
}

export function resolveVars(ctx: Ctx, ra: Res[], config: TransformerConfig) {
  if (!ctx.vars.length) return;
  const values = new Map<string, KNode>();
  for (const v of ctx.vars) {
    const r = ra.find((x) => gvkOf(x.node).kind === v.kind && (x.names.includes(v.objName) || nameOf(x) === v.objName));
    if (!r) {
      issue(ctx, v.o, `var ${v.name}: no ${v.kind} ${v.objName}`);
      continue;
    }
    const slot = lookup(r.node, fieldPathSegments(v.fieldPath), false, v.o)[0];
    const val = slot && slotValue(slot);
    if (isKScalar(val)) values.set(v.name, val);
  }
  const re = /\$\(([A-Za-z0-9_.-]+)\)/g;
  const sub = (n: KNode): KNode => {
    if (!isKScalar(n) || typeof n.v !== 'string' || !n.v.includes('$(')) return n;
    const whole = n.v.match(/^\$\(([A-Za-z0-9_.-]+)\)$/);
    if (whole && values.has(whole[1]!)) return { ...values.get(whole[1]!)!, o: { ...ctxVarOrigin(ctx, whole[1]!), cause: 'replacement' } };
    let first: string | undefined;
    const out = n.v.replace(re, (m, name: string) => {
      if (!values.has(name)) return m;
      first ??= name;
      return scalarText(values.get(name)) ?? '';
    });
    return first === undefined ? n : scalar(out, { ...ctxVarOrigin(ctx, first), cause: 'replacement' });
  };
  for (const r of ra) {
    const g = gvkOf(r.node);
    for (const spec of config.varReference) {
      if (!specMatches(spec, g)) continue;
      visitSpec(r.node, specSegments(spec.path), false, r.node.o, (parent, key) => {
        const v = parent.e.get(key);
        if (!v) return;
        if (isKSeq(v)) v.items = v.items.map(sub);
        else if (isKMap(v)) for (const [k, x] of v.e) v.e.set(k, sub(x));
        else parent.e.set(key, sub(v));
      });
    }
  }
}

export function ctxVarOrigin(ctx: Ctx, name: string): Origin {
  return (ctx.vars.find((x) => x.name === name) ?? ctx.vars[0]!).o;
}
