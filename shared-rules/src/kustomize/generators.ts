/** `configMapGenerator` and `secretGenerator`, with `generatorOptions`. */
import { utf8Bytes } from '../text/sha256';
import { basename, joinPath } from './files';
import { get, getString, isKMap, isKScalar, isKSeq, map, scalar, scalarText, type KMap, type KNode, type Origin } from './node';
import { LIMITS, gvkOf, nsOf, ensureMap, issue, type Res, type Ctx } from './resmap';

export function runGenerators(
  ctx: Ctx,
  dir: string,
  kfile: string,
  field: 'configMapGenerator' | 'secretGenerator',
  list: KNode | undefined,
  opts: KNode | undefined,
  ra: Res[],
) {
  if (!isKSeq(list)) return;
  const secret = field === 'secretGenerator';
  for (const g of list.items) {
    if (!isKMap(g)) continue;
    const at: Origin = { cause: 'generator', file: kfile, range: g.o.range, field };
    const name = getString(g, 'name');
    if (!name) {
      issue(ctx, at, `${field} entry has no name`);
      continue;
    }
    const data = map(at);
    const literal = (text: string, o: Origin) => {
      const eq = text.indexOf('=');
      if (eq <= 0) {
        issue(ctx, o, `literal "${text}" is not key=value`);
        return;
      }
      let v = text.slice(eq + 1);
      if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) v = v.slice(1, -1);
      data.e.set(text.slice(0, eq), scalar(secret ? base64(v) : v, o));
    };
    const literals = get(g, 'literals');
    if (isKSeq(literals)) for (const l of literals.items) if (isKScalar(l)) literal(scalarText(l) ?? '', { ...at, range: l.o.range });
    const envs = [...(isKSeq(get(g, 'envs')) ? (get(g, 'envs') as { items: KNode[] }).items : []), ...(get(g, 'env') ? [get(g, 'env')!] : [])];
    for (const e of envs) {
      const p = scalarText(e);
      if (!p) continue;
      const o: Origin = { ...at, range: e.o.range };
      const text = readSource(ctx, joinPath(dir, p), p, o);
      if (text === undefined) continue;
      for (const line of text.split(/\r?\n/)) {
        const t = line.replace(/^\s+/, '');
        if (!t || t.startsWith('#')) continue;
        if (!t.includes('=')) continue; // a bare name reads the environment, which a build here does not have
        literal(t, o);
      }
    }
    const fileList = get(g, 'files');
    if (isKSeq(fileList)) {
      for (const f of fileList.items) {
        const s = scalarText(f);
        if (!s) continue;
        const o: Origin = { ...at, range: f.o.range };
        const eq = s.indexOf('=');
        const key = eq > 0 ? s.slice(0, eq) : basename(s);
        const rel = eq > 0 ? s.slice(eq + 1) : s;
        const text = readSource(ctx, joinPath(dir, rel), rel, o);
        if (text === undefined) continue;
        data.e.set(key, scalar(secret ? base64(text) : text, o));
      }
    }
    const behavior = getString(g, 'behavior') ?? 'create';
    const ns = getString(g, 'namespace');
    const gopts = mergeOptions(opts, get(g, 'options'));
    const existing = ra.find((r) => gvkOf(r.node).kind === (secret ? 'Secret' : 'ConfigMap') && r.names.includes(name) && (ns === undefined || nsOf(r) === ns));
    if (behavior === 'merge' || behavior === 'replace') {
      if (!existing) {
        issue(ctx, at, `${field} ${name}: behavior ${behavior} but no ${secret ? 'Secret' : 'ConfigMap'} ${name} to ${behavior}`);
        continue;
      }
      const cur = ensureMap(existing.node, 'data', at);
      if (behavior === 'replace') cur.e.clear();
      for (const [k, v] of data.e) cur.e.set(k, v);
      applyGenOptions(existing, gopts, at);
      if (gopts.disable !== undefined) existing.hash = !gopts.disable;
      continue;
    }
    if (existing) {
      issue(ctx, at, `${field} ${name}: already exists (use behavior: merge or replace)`);
      continue;
    }
    const node = map(at);
    node.e.set('apiVersion', scalar('v1', at));
    node.e.set('kind', scalar(secret ? 'Secret' : 'ConfigMap', at));
    const meta = map(at);
    meta.e.set('name', scalar(name, { ...at, range: get(g, 'name')!.o.range }));
    if (ns) meta.e.set('namespace', scalar(ns, at));
    node.e.set('metadata', meta);
    if (data.e.size) node.e.set('data', data);
    if (secret) node.e.set('type', scalar(getString(g, 'type') ?? 'Opaque', at));
    const r: Res = { node, names: [name], namespaces: [ns] };
    applyGenOptions(r, gopts, at);
    r.hash = !gopts.disable;
    ra.push(r);
  }
}

export interface GenOptions {
  labels?: KMap;
  annotations?: KMap;
  disable?: boolean;
  immutable?: boolean;
}

export function mergeOptions(global: KNode | undefined, own: KNode | undefined): GenOptions {
  const out: GenOptions = {};
  for (const src of [global, own]) {
    if (!isKMap(src)) continue;
    for (const k of ['labels', 'annotations'] as const) {
      const m = get(src, k);
      if (isKMap(m)) {
        out[k] ??= map(m.o);
        for (const [a, b] of m.e) out[k]!.e.set(a, b);
      }
    }
    const d = getString(src, 'disableNameSuffixHash');
    if (d !== undefined) out.disable = d === 'true';
    const im = getString(src, 'immutable');
    if (im !== undefined) out.immutable = im === 'true';
  }
  return out;
}

export function applyGenOptions(r: Res, o: GenOptions, at: Origin) {
  for (const k of ['labels', 'annotations'] as const) {
    if (!o[k]) continue;
    const target = ensureMap(ensureMap(r.node, 'metadata', at), k, at);
    for (const [a, b] of o[k]!.e) target.e.set(a, scalar(scalarText(b) ?? '', b.o));
  }
  if (o.immutable) r.node.e.set('immutable', scalar(true, at));
}

export function readSource(ctx: Ctx, path: string, rel: string, o: Origin): string | undefined {
  const text = ctx.files.read(path);
  if (text === undefined) {
    issue(ctx, o, `generator source not found: ${rel}`);
    return undefined;
  }
  if (text.length > LIMITS.generatorFileBytes) {
    issue(ctx, o, `generator source ${rel} is larger than ${LIMITS.generatorFileBytes} bytes`);
    return undefined;
  }
  return text;
}

export const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
export function base64(text: string): string {
  const bytes = utf8Bytes(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    out += B64[a >> 2]! + B64[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : B64[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : B64[c & 63]!;
  }
  return out;
}
