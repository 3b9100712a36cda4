/** `patches`, `patchesStrategicMerge`, `patchesJson6902`: loading, detection, targets, application. */
import { joinPath } from './files';
import { applyJson6902, Json6902Error, type PatchOp } from './json6902';
import { clone, get, getString, isKMap, isKSeq, parseYamlDocs, scalar, type KMap, type KNode, type Origin } from './node';
import { strategicMerge } from './smp';
import { gvkOf, nameOf, nsOf, ensureMap, issue, select, selectorOf, type Res, type Ctx } from './resmap';

export interface PatchEntry {
  path?: string | undefined;
  patch?: string | undefined;
  target?: KNode | undefined;
  node: KNode;
}

export function applyPatch(ctx: Ctx, dir: string, ra: Res[], p: PatchEntry, kfile: string, field: string) {
  const at: Origin = { cause: 'field', file: kfile, range: p.node.o.range, field };
  let text: string;
  let file: string;
  let mapInline: ((offset: number) => number) | undefined;
  if (p.path !== undefined) {
    file = joinPath(dir, p.path);
    const t = ctx.files.read(file);
    if (t === undefined) {
      issue(ctx, at, `patch file not found: ${p.path}`);
      return;
    }
    text = t;
  } else if (p.patch !== undefined) {
    // An inline patch: its nodes point into the kustomization itself.
    file = kfile;
    text = p.patch;
    const pn = isKMap(p.node) ? p.node.e.get('patch') : p.node;
    if (pn) mapInline = inlineOffsets(ctx.files.read(kfile) ?? '', pn.o.range, text);
  } else {
    issue(ctx, at, `patch has neither path nor patch`);
    return;
  }
  const docs = parseYamlDocs(text, file, 'patch');
  if (mapInline) for (const d of docs) if (d.node) shift(d.node, mapInline);
  const bad = docs.find((d) => d.errors.length);
  if (bad) {
    issue(ctx, at, `patch does not parse: ${bad.errors[0]}`);
    return;
  }
  const first = docs.find((d) => d.node)?.node;
  const target = p.target ? selectorOf(p.target) : undefined;
  if (isKSeq(first) || field === 'patchesJson6902') {
    // JSON 6902: a list of operations, applied to the target.
    if (!target) {
      issue(ctx, at, `JSON 6902 patch needs a target`);
      return;
    }
    const ops: PatchOp[] = [];
    for (const op of isKSeq(first) ? first.items : []) {
      if (!isKMap(op)) continue;
      const o: PatchOp = { op: getString(op, 'op') ?? '', path: getString(op, 'path') ?? '' };
      const from = getString(op, 'from');
      if (from !== undefined) o.from = from;
      const v = op.e.get('value');
      if (v) o.value = v;
      ops.push(o);
    }
    const targets = select(ra, target);
    if (!targets.length) issue(ctx, at, `patch matches no resource`, 'warning');
    for (const r of targets) {
      try {
        const out = applyJson6902(r.node, ops);
        if (isKMap(out)) r.node = out;
      } catch (e) {
        if (!(e instanceof Json6902Error)) throw e;
        issue(ctx, at, `JSON 6902 patch failed on ${gvkOf(r.node).kind} ${nameOf(r)}: ${e.message}`);
      }
    }
    return;
  }
  for (const d of docs) {
    if (!isKMap(d.node)) continue;
    const patch = d.node;
    let targets: Res[];
    if (target) targets = select(ra, target);
    else {
      const g = gvkOf(patch);
      const name = getString(patch, 'metadata', 'name');
      const ns = getString(patch, 'metadata', 'namespace');
      targets = ra.filter((r) => {
        const rg = gvkOf(r.node);
        if (rg.kind !== g.kind || (g.group && rg.group !== g.group) || (g.version && rg.version !== g.version)) return false;
        if (name !== undefined && !r.names.includes(name) && nameOf(r) !== name) return false;
        if (ns !== undefined && ![...r.namespaces, nsOf(r)].some((x) => (x ?? 'default') === ns)) return false;
        return true;
      });
    }
    if (!targets.length) {
      issue(ctx, at, `patch matches no resource`, target ? 'warning' : 'error');
      continue;
    }
    for (const r of targets) {
      let pc: KMap;
      if (target) {
        // kustomize points the patch at each target: its own name and kind do not count.
        pc = clone(patch) as KMap;
        const meta = ensureMap(pc, 'metadata', patch.o);
        meta.e.set('name', get(r.node, 'metadata', 'name') ?? scalar(nameOf(r), patch.o));
        const rns = get(r.node, 'metadata', 'namespace');
        if (rns) meta.e.set('namespace', rns);
        else meta.e.delete('namespace');
        pc.e.set('apiVersion', r.node.e.get('apiVersion')!);
        pc.e.set('kind', r.node.e.get('kind')!);
      } else {
        // Identity fields of the patch keep the target's origin.
        pc = clone(patch) as KMap;
        for (const k of ['apiVersion', 'kind'] as const) if (r.node.e.get(k)) pc.e.set(k, r.node.e.get(k)!);
        // The patch names the object as it was written; the object keeps its current name.
        const pm = get(pc, 'metadata');
        const rn = get(r.node, 'metadata', 'name');
        const rns = get(r.node, 'metadata', 'namespace');
        if (isKMap(pm) && rn) pm.e.set('name', rn);
        if (isKMap(pm) && pm.e.has('namespace')) {
          if (rns) pm.e.set('namespace', rns);
          else pm.e.delete('namespace');
        }
      }
      const out = strategicMerge(r.node, pc);
      if (out) r.node = out;
      else ra.splice(ra.indexOf(r), 1);
    }
  }
}

/** Move the origins of an inline patch from the patch text to the kustomization. */
export function shift(n: KNode, to: (offset: number) => number) {
  n.o = { ...n.o, range: [to(n.o.range[0]), to(n.o.range[1])] };
  if (isKMap(n)) for (const v of n.e.values()) shift(v, to);
  else if (isKSeq(n)) for (const v of n.items) shift(v, to);
}

/**
 * Where an offset of an inline patch's text lies in the kustomization: the
 * text is a block scalar (`patch: |-`), so line i of the text is line i of the
 * block, shifted by its indentation; a quoted or plain scalar maps from its start.
 */
export function inlineOffsets(source: string, range: readonly [number, number], value: string): (offset: number) => number {
  const [start, end] = range;
  const raw = source.slice(start, end);
  if (!/^[|>]/.test(raw)) {
    const q = raw.startsWith('"') || raw.startsWith("'") ? 1 : 0;
    return (o) => Math.min(start + q + o, end);
  }
  // Source line starts of the block's content lines.
  const firstLine = source.indexOf('\n', start) + 1;
  const srcLines: number[] = [];
  let indent = -1;
  for (let i = firstLine; i < end && i > 0;) {
    const nl = source.indexOf('\n', i);
    const line = source.slice(i, nl < 0 ? source.length : nl);
    if (indent < 0 && line.trim() !== '') indent = line.length - line.trimStart().length;
    srcLines.push(i);
    if (nl < 0) break;
    i = nl + 1;
  }
  if (indent < 0) indent = 0;
  const valueLines: number[] = [0];
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) === 10) valueLines.push(i + 1);
  return (o) => {
    let line = 0;
    while (line + 1 < valueLines.length && valueLines[line + 1]! <= o) line++;
    const base = srcLines[line];
    if (base === undefined) return end;
    return Math.min(base + indent + (o - valueLines[line]!), end);
  };
}
