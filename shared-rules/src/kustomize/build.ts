/**
 * `kustomize build` in TypeScript, following kustomize 5.7.1 (the one inside
 * kubectl 1.35): resources and bases, components, generators, patches and the
 * built-in transformers, run in kustomize's order; name hashes, name
 * references and vars are fixed once, at the root, as kustomize does.
 * Pure: files come through BuildFiles.
 */
import { KUSTOMIZATION_FILES } from '../k8s/kustomize';
import { sha256Hex, utf8Bytes } from '../text/sha256';
import { basename, joinPath, type BuildFiles } from './files';
import {
  cloneConfig,
  defaultConfig,
  mergeConfig,
  specMatches,
  specSegments,
  visitSpec,
  type FieldSpec,
  type Gvk,
  type TransformerConfig,
} from './fieldspecs';
import { applyJson6902, Json6902Error, type PatchOp } from './json6902';
import {
  clone,
  get,
  getString,
  isKMap,
  isKScalar,
  isKSeq,
  map,
  parseYamlDocs,
  scalar,
  scalarText,
  toJS,
  type KMap,
  type KNode,
  type Origin,
} from './node';
import { strategicMerge } from './smp';
import { KINDS } from './schema.generated';
import type { BuildIssue, BuildResult, BuiltResource } from './types';

/** Limits that keep a hostile layout from stalling the build. */
export const LIMITS = {
  /** Bytes of one generator source file (a ConfigMap holds at most 1 MiB). */
  generatorFileBytes: 1024 * 1024,
  /** Nesting of kustomizations. */
  depth: 50,
  /** Kustomizations built in one build (a base reached by several paths is built each time, as kustomize does). */
  kustomizations: 1000,
};

interface Res {
  node: KMap;
  /** Every name the object had, the first as written. */
  names: string[];
  namespaces: (string | undefined)[];
  /** Generated with a content-hash suffix still to add. */
  hash?: boolean;
}

interface Var {
  name: string;
  kind: string;
  objName: string;
  fieldPath: string;
  o: Origin;
}

interface Ctx {
  files: BuildFiles;
  issues: BuildIssue[];
  kustomizations: string[];
  vars: Var[];
}

const gvkOf = (n: KMap): Gvk => {
  const apiVersion = getString(n, 'apiVersion') ?? '';
  const [group, version] = apiVersion.includes('/') ? (apiVersion.split('/', 2) as [string, string]) : ['', apiVersion];
  return { group, version, kind: getString(n, 'kind') ?? '' };
};
const nameOf = (r: Res) => getString(r.node, 'metadata', 'name') ?? '';
const nsOf = (r: Res) => getString(r.node, 'metadata', 'namespace');

const CLUSTER_GROUP_KINDS = new Map<string, boolean>();
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

function setName(r: Res, name: string, o: Origin) {
  const meta = ensureMap(r.node, 'metadata', o);
  meta.e.set('name', scalar(name, o));
  r.names.push(name);
}

function ensureMap(parent: KMap, key: string, o: Origin): KMap {
  const cur = parent.e.get(key);
  if (isKMap(cur)) return cur;
  const m = map(o);
  parent.e.set(key, m);
  return m;
}

function issue(ctx: Ctx, o: Origin | { file: string; range: readonly [number, number] }, message: string, severity: BuildIssue['severity'] = 'error') {
  ctx.issues.push({ file: o.file, range: o.range, message, severity });
}

function findKustomization(files: BuildFiles, dir: string): string | undefined {
  for (const f of KUSTOMIZATION_FILES) {
    const p = joinPath(dir, f);
    if (files.read(p) !== undefined) return p;
  }
  return undefined;
}

const isRemote = (s: string) => /^(https?:\/\/|git@|ssh:\/\/|git::|github\.com\/|gitlab\.com\/|bitbucket\.org\/)/.test(s) || /\?ref=/.test(s);

/** Build the kustomization in `dir` as `kubectl kustomize dir` would. */
export function buildKustomization(dir: string, files: BuildFiles): BuildResult {
  const ctx: Ctx = { files, issues: [], kustomizations: [], vars: [] };
  const ra: Res[] = [];
  const kfile = findKustomization(files, dir);
  if (!kfile) {
    ctx.issues.push({ file: dir, range: [0, 0], message: `no kustomization file in ${dir}`, severity: 'error' });
    return { resources: [], issues: ctx.issues, kustomizations: [] };
  }
  const extras: Record<string, unknown>[] = [];
  runTarget(ctx, dir, kfile, ra, extras, [dir], false);
  const config = configOf(extras);
  addHashes(ra);
  fixNameReferences(ra, config);
  resolveVars(ctx, ra, config);
  const sorted = legacySort(ra);
  return {
    resources: sorted.map((r) => {
      const g = gvkOf(r.node);
      return {
        node: r.node,
        apiVersion: getString(r.node, 'apiVersion') ?? '',
        kind: g.kind,
        name: nameOf(r),
        namespace: nsOf(r),
      } satisfies BuiltResource;
    }),
    issues: ctx.issues,
    kustomizations: ctx.kustomizations,
  };
}

function configOf(extras: Record<string, unknown>[]): TransformerConfig {
  const c = cloneConfig(defaultConfig());
  for (const e of extras) mergeConfig(c, e);
  return c;
}

/** Read one kustomization (YAML 1.1, as kustomize decodes it) and apply it to `ra`. */
function runTarget(ctx: Ctx, dir: string, kfile: string, ra: Res[], extras: Record<string, unknown>[], stack: string[], component: boolean) {
  const text = ctx.files.read(kfile) ?? '';
  ctx.kustomizations.push(kfile);
  const docs = parseYamlDocs(text, kfile, 'field', undefined, '1.1');
  const k = docs[0]?.node;
  if (docs[0]?.errors.length) issue(ctx, { file: kfile, range: [0, 0] }, `kustomization does not parse: ${docs[0].errors[0]}`);
  if (!isKMap(k)) return;
  const entry = (field: string) => k.e.get(field);
  const fieldOrigin = (field: string, n: KNode | undefined): Origin => ({
    cause: 'field',
    file: kfile,
    range: n?.o.range ?? [0, 0],
    field,
  });
  const strings = (field: string): [string, KNode][] => {
    const v = entry(field);
    if (!isKSeq(v)) return [];
    return v.items.filter(isKScalar).map((i) => [scalarText(i) ?? '', i]);
  };

  // Resources, then the deprecated `bases` (kustomize appends them).
  const accumulated: Res[] = component ? ra : [];
  for (const [res, n] of [...strings('resources'), ...strings('bases')]) {
    accumulate(ctx, dir, res, n, kfile, accumulated, extras, stack);
  }
  if (!component) ra.push(...accumulated);

  for (const [c, n] of strings('configurations')) {
    const p = joinPath(dir, c);
    const t = ctx.files.read(p);
    if (t === undefined) {
      issue(ctx, fieldOrigin('configurations', n), `configuration file not found: ${c}`);
      continue;
    }
    const d = parseYamlDocs(t, p)[0]?.node;
    const v = toJS(d);
    if (v && typeof v === 'object') extras.push(v as Record<string, unknown>);
  }
  const config = configOf(extras);

  const opts = entry('generatorOptions');
  runGenerators(ctx, dir, kfile, 'configMapGenerator', entry('configMapGenerator'), opts, ra);
  runGenerators(ctx, dir, kfile, 'secretGenerator', entry('secretGenerator'), opts, ra);

  for (const [c, n] of strings('components')) {
    if (isRemote(c)) {
      issue(ctx, fieldOrigin('components', n), `remote component not built offline: ${c}`, 'unsupported');
      continue;
    }
    const p = joinPath(dir, c);
    const kf = ctx.files.isDir(p) ? findKustomization(ctx.files, p) : undefined;
    if (!kf) {
      issue(ctx, fieldOrigin('components', n), `component not found: ${c}`);
      continue;
    }
    if (stack.includes(p)) {
      issue(ctx, fieldOrigin('components', n), `cycle: ${c} includes itself`);
      continue;
    }
    runTarget(ctx, p, kf, ra, extras, [...stack, p], true);
  }

  for (const f of ['helmCharts', 'helmChartInflationGenerator', 'generators', 'transformers', 'validators', 'crds']) {
    const v = entry(f);
    if (v && !(isKSeq(v) && v.items.length === 0)) issue(ctx, fieldOrigin(f, v), `${f} is not built offline by Kubeward`, 'unsupported');
  }

  // Transformers, in kustomize's order.
  const psm = entry('patchesStrategicMerge');
  if (isKSeq(psm)) {
    for (const p of psm.items) {
      const s = scalarText(p);
      if (s === undefined) continue;
      const inline = s.includes('\n');
      applyPatch(ctx, dir, ra, inline ? { patch: s, node: p } : { path: s, node: p }, kfile, 'patchesStrategicMerge');
    }
  }
  const patches = entry('patches');
  if (isKSeq(patches)) {
    for (const p of patches.items) {
      if (isKScalar(p)) applyPatch(ctx, dir, ra, { path: scalarText(p) ?? '', node: p }, kfile, 'patches');
      else if (isKMap(p))
        applyPatch(ctx, dir, ra, { path: getString(p, 'path'), patch: getString(p, 'patch'), target: get(p, 'target'), node: p }, kfile, 'patches');
    }
  }
  const ns = entry('namespace');
  if (scalarText(ns)) namespaceTransform(ra, scalarText(ns)!, config, fieldOrigin('namespace', ns));
  const prefix = entry('namePrefix');
  const suffix = entry('nameSuffix');
  if (scalarText(prefix)) affix(ra, scalarText(prefix)!, '', config, fieldOrigin('namePrefix', prefix));
  if (scalarText(suffix)) affix(ra, '', scalarText(suffix)!, config, fieldOrigin('nameSuffix', suffix));
  const labels = entry('labels');
  if (isKSeq(labels)) {
    for (const l of labels.items) {
      if (!isKMap(l)) continue;
      const pairs = get(l, 'pairs');
      if (!isKMap(pairs)) continue;
      const specs: FieldSpec[] = [];
      if (scalarText(get(l, 'includeSelectors')) === 'true') specs.push(...config.commonLabels);
      else specs.push({ path: 'metadata/labels', create: true });
      if (scalarText(get(l, 'includeTemplates')) === 'true') specs.push(...config.templateLabels);
      const fields = get(l, 'fields');
      if (isKSeq(fields)) for (const f of fields.items) if (isKMap(f) && getString(f, 'path')) specs.push(toSpecNode(f));
      setPairs(ra, pairs, specs, 'labels');
    }
  }
  const commonLabels = entry('commonLabels');
  if (isKMap(commonLabels)) setPairs(ra, commonLabels, config.commonLabels, 'commonLabels');
  const annotations = entry('commonAnnotations');
  if (isKMap(annotations)) setPairs(ra, annotations, config.commonAnnotations, 'commonAnnotations');
  const pj = entry('patchesJson6902');
  if (isKSeq(pj)) {
    for (const p of pj.items) {
      if (isKMap(p))
        applyPatch(ctx, dir, ra, { path: getString(p, 'path'), patch: getString(p, 'patch'), target: get(p, 'target'), node: p }, kfile, 'patchesJson6902');
    }
  }
  const replicas = entry('replicas');
  if (isKSeq(replicas)) for (const r of replicas.items) if (isKMap(r)) replicaTransform(ra, r, config, fieldOrigin('replicas', r));
  const images = entry('images');
  if (isKSeq(images)) for (const i of images.items) if (isKMap(i)) imageTransform(ra, i, config, fieldOrigin('images', i));
  const replacements = entry('replacements');
  if (isKSeq(replacements)) {
    for (const r of replacements.items) {
      if (isKMap(r) && getString(r, 'path')) {
        const p = joinPath(dir, getString(r, 'path')!);
        const t = ctx.files.read(p);
        if (t === undefined) {
          issue(ctx, fieldOrigin('replacements', r), `replacement file not found: ${getString(r, 'path')}`);
          continue;
        }
        for (const d of parseYamlDocs(t, p, 'replacement')) {
          const list = isKSeq(d.node) ? d.node.items : d.node ? [d.node] : [];
          for (const x of list) if (isKMap(x)) replace(ctx, ra, x, fieldOrigin('replacements', x));
        }
      } else if (isKMap(r)) replace(ctx, ra, r, fieldOrigin('replacements', r));
    }
  }
  const vars = entry('vars');
  if (isKSeq(vars)) {
    for (const v of vars.items) {
      if (!isKMap(v)) continue;
      ctx.vars.push({
        name: getString(v, 'name') ?? '',
        kind: getString(v, 'objref', 'kind') ?? '',
        objName: getString(v, 'objref', 'name') ?? '',
        fieldPath: getString(v, 'fieldref', 'fieldpath') ?? 'metadata.name',
        o: fieldOrigin('vars', v),
      });
    }
  }
}

function toSpecNode(f: KMap): FieldSpec {
  return {
    path: getString(f, 'path')!,
    ...(getString(f, 'kind') ? { kind: getString(f, 'kind') } : {}),
    ...(getString(f, 'group') ? { group: getString(f, 'group') } : {}),
    ...(getString(f, 'version') ? { version: getString(f, 'version') } : {}),
    ...(getString(f, 'create') === 'true' ? { create: true } : {}),
  };
}

function accumulate(ctx: Ctx, dir: string, entry: string, n: KNode, kfile: string, out: Res[], extras: Record<string, unknown>[], stack: string[]) {
  const o: Origin = { cause: 'field', file: kfile, range: n.o.range, field: 'resources' };
  if (isRemote(entry)) {
    issue(ctx, o, `remote resource not built offline: ${entry}`, 'unsupported');
    return;
  }
  const p = joinPath(dir, entry);
  if (ctx.files.isDir(p)) {
    if (stack.includes(p)) {
      issue(ctx, o, `cycle: ${entry} includes a kustomization that includes it`);
      return;
    }
    if (stack.length > LIMITS.depth) {
      issue(ctx, o, `kustomizations nest deeper than ${LIMITS.depth}`);
      return;
    }
    const kf = findKustomization(ctx.files, p);
    if (!kf) {
      issue(ctx, o, `no kustomization file in ${entry}`);
      return;
    }
    if (ctx.kustomizations.length >= LIMITS.kustomizations) {
      issue(ctx, o, `more than ${LIMITS.kustomizations} kustomizations to build: ${entry} skipped`);
      return;
    }
    const sub: Res[] = [];
    const subExtras: Record<string, unknown>[] = [];
    runTarget(ctx, p, kf, sub, subExtras, [...stack, p], false);
    addUnique(ctx, sub, out, o, entry);
    extras.push(...subExtras);
    return;
  }
  const text = ctx.files.read(p);
  if (text === undefined) {
    issue(ctx, o, `resource not found: ${entry}`);
    return;
  }
  const loaded: Res[] = [];
  for (const d of parseYamlDocs(text, p, 'resource')) {
    if (d.errors.length) {
      issue(ctx, o, `${entry} does not parse: ${d.errors[0]}`);
      continue;
    }
    addResourceDoc(d.node, loaded);
  }
  addUnique(ctx, loaded, out, o, entry);
}

const idOf = (r: Res) => {
  const g = gvkOf(r.node);
  return `${g.group}/${g.version}/${g.kind}/${nsOf(r) ?? 'default'}/${nameOf(r)}`;
};

/** Kustomize refuses two objects with the same id: the later one is reported and left out. */
function addUnique(ctx: Ctx, from: Res[], out: Res[], o: Origin, entry: string) {
  const ids = new Set(out.map(idOf));
  for (const r of from) {
    const id = idOf(r);
    if (ids.has(id)) {
      issue(ctx, o, `${entry}: ${gvkOf(r.node).kind} ${nameOf(r)} is already in the build`);
      continue;
    }
    ids.add(id);
    out.push(r);
  }
}

function addResourceDoc(node: KNode | undefined, out: Res[]) {
  if (!isKMap(node)) return;
  const kind = getString(node, 'kind');
  const items = node.e.get('items');
  if (kind && kind.endsWith('List') && isKSeq(items)) {
    for (const i of items.items) addResourceDoc(i, out);
    return;
  }
  const r: Res = { node, names: [], namespaces: [] };
  r.names.push(nameOf(r));
  r.namespaces.push(nsOf(r));
  out.push(r);
}

// ---------------------------------------------------------------- selection

interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

function selectorOf(n: KNode | undefined): Selector {
  const s: Selector = {};
  if (!isKMap(n)) return s;
  for (const k of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const) {
    const v = getString(n, k);
    if (v !== undefined) s[k] = v;
  }
  return s;
}

const anchored = (re: string) => {
  try {
    return new RegExp(`^(?:${re})$`);
  } catch {
    return { test: (s: string) => s === re };
  }
};

function matchesLabels(expr: string, labels: KNode | undefined): boolean {
  const get = (k: string) => (isKMap(labels) ? scalarText(labels.e.get(k)) : undefined);
  const parts = expr.split(/,(?![^(]*\))/).map((s) => s.trim()).filter(Boolean);
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

function select(ra: Res[], s: Selector): Res[] {
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

// ---------------------------------------------------------------- patches

interface PatchEntry {
  path?: string | undefined;
  patch?: string | undefined;
  target?: KNode | undefined;
  node: KNode;
}

function applyPatch(ctx: Ctx, dir: string, ra: Res[], p: PatchEntry, kfile: string, field: string) {
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
      let pc = patch;
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
function shift(n: KNode, to: (offset: number) => number) {
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
  for (let i = firstLine; i < end && i > 0; ) {
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

// ---------------------------------------------------------------- transformers

function namespaceTransform(ra: Res[], ns: string, config: TransformerConfig, o: Origin) {
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
          for (const s of subjects.items)
            if (isKMap(s) && scalarText(s.e.get('namespace')) === 'default') s.e.set('namespace', scalar(ns, o));
        continue;
      }
      visitSpec(r.node, specSegments(spec.path), !!spec.create, o, (parent, key) => parent.e.set(key, scalar(ns, o)));
    }
  }
}

const NO_AFFIX = new Set(['Namespace', 'CustomResourceDefinition', 'APIService']);

function affix(ra: Res[], prefix: string, suffix: string, config: TransformerConfig, o: Origin) {
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

function setPairs(ra: Res[], pairs: KMap, specs: FieldSpec[], field: string) {
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

function replicaTransform(ra: Res[], entry: KMap, config: TransformerConfig, o: Origin) {
  const name = getString(entry, 'name');
  const count = entry.e.get('count');
  if (name === undefined || !isKScalar(count)) return;
  for (const r of ra) {
    if (!r.names.includes(name) && nameOf(r) !== name) continue;
    const g = gvkOf(r.node);
    for (const spec of config.replicas) {
      if (!specMatches(spec, g)) continue;
      visitSpec(r.node, specSegments(spec.path), !!spec.create, o, (parent, key) =>
        parent.e.set(key, scalar(Number(count.v), { ...o, range: count.o.range })),
      );
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

function imageTransform(ra: Res[], entry: KMap, config: TransformerConfig, o: Origin) {
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

// ---------------------------------------------------------------- replacements

/** A replacement field path: `a.b.[name=x].c`, `[key.with.dots]`, `0`, `*`. */
function fieldPathSegments(path: string): string[] {
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

type Slot = { parent: KMap; key: string } | { parent: KNode & { t: 'q' }; index: number };

function lookup(root: KNode, segs: string[], create: boolean, o: Origin): Slot[] {
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

const slotValue = (s: Slot): KNode | undefined => ('key' in s ? s.parent.e.get(s.key) : s.parent.items[s.index]);
const setSlot = (s: Slot, v: KNode) => ('key' in s ? s.parent.e.set(s.key, v) : (s.parent.items[s.index] = v));

function replace(ctx: Ctx, ra: Res[], r: KMap, o: Origin) {
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
    if (isKSeq(reject)) for (const rj of reject.items) {
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

function withSource(v: KNode, o: Origin): KNode {
  const c = clone(v);
  c.o = o;
  return c;
}

// ---------------------------------------------------------------- generators

function runGenerators(ctx: Ctx, dir: string, kfile: string, field: 'configMapGenerator' | 'secretGenerator', list: KNode | undefined, opts: KNode | undefined, ra: Res[]) {
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
    const existing = ra.find(
      (r) => gvkOf(r.node).kind === (secret ? 'Secret' : 'ConfigMap') && r.names.includes(name) && (ns === undefined || nsOf(r) === ns),
    );
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

interface GenOptions {
  labels?: KMap;
  annotations?: KMap;
  disable?: boolean;
  immutable?: boolean;
}

function mergeOptions(global: KNode | undefined, own: KNode | undefined): GenOptions {
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

function applyGenOptions(r: Res, o: GenOptions, at: Origin) {
  for (const k of ['labels', 'annotations'] as const) {
    if (!o[k]) continue;
    const target = ensureMap(ensureMap(r.node, 'metadata', at), k, at);
    for (const [a, b] of o[k]!.e) target.e.set(a, scalar(scalarText(b) ?? '', b.o));
  }
  if (o.immutable) r.node.e.set('immutable', scalar(true, at));
}

function readSource(ctx: Ctx, path: string, rel: string, o: Origin): string | undefined {
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

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
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

// ---------------------------------------------------------------- root-only steps

/** Go's encoding/json string escaping (HTML-safe), which kustomize's hash input uses. */
function goJson(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function sortedObject(n: KNode | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isKMap(n)) return out;
  for (const k of [...n.e.keys()].sort()) out[k] = scalarText(n.e.get(k)) ?? '';
  return out;
}

/** The suffix kustomize appends to a generated ConfigMap or Secret name. */
export function contentHash(node: KMap): string {
  const kind = getString(node, 'kind');
  const o: Record<string, unknown> = {};
  if (kind === 'Secret') {
    o.data = sortedObject(node.e.get('data'));
    o.kind = 'Secret';
    o.name = '';
    o.type = getString(node, 'type') ?? '';
  } else {
    const bin = node.e.get('binaryData');
    if (isKMap(bin) && bin.e.size) o.binaryData = sortedObject(bin);
    o.data = sortedObject(node.e.get('data'));
    o.kind = 'ConfigMap';
    o.name = '';
  }
  const hex = sha256Hex(utf8Bytes(goJson(o)));
  return hex.slice(0, 10).replace(/[013ae]/g, (c) => ({ '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' })[c]!);
}

function addHashes(ra: Res[]) {
  for (const r of ra) {
    if (!r.hash) continue;
    const nameNode = get(r.node, 'metadata', 'name');
    setName(r, `${nameOf(r)}-${contentHash(r.node)}`, nameNode?.o ?? r.node.o);
  }
}

function fixNameReferences(ra: Res[], config: TransformerConfig) {
  for (const ref of config.nameReference) {
    const candidates = ra.filter((t) => {
      const g = gvkOf(t.node);
      return g.kind === ref.kind && (!ref.group || g.group === ref.group);
    });
    // Only objects whose name changed can need an update.
    const moved = candidates.filter((t) => t.names.some((n) => n !== nameOf(t)) || t.namespaces.some((n) => n !== nsOf(t)));
    if (!moved.length) continue;
    for (const referrer of ra) {
      const g = gvkOf(referrer.node);
      for (const spec of ref.fieldSpecs) {
        if (!specMatches(spec, g)) continue;
        const pick = (name: string, ns: string | undefined, withNs: boolean): Res | undefined => {
          let c = candidates.filter((t) => t.names.includes(name));
          if (withNs) c = c.filter((t) => t.namespaces.some((n) => (n ?? 'default') === (ns ?? 'default')));
          else if (c.length > 1) {
            const same = c.filter((t) => !isNamespaced(gvkOf(t.node)) || nsOf(t) === nsOf(referrer));
            if (same.length) c = same;
          }
          return c[0];
        };
        visitSpec(referrer.node, specSegments(spec.path), false, referrer.node.o, (parent, key) => {
          const v = parent.e.get(key);
          if (isKScalar(v)) {
            const t = v.v === null ? undefined : pick(scalarText(v)!, undefined, false);
            if (t && nameOf(t) !== v.v) parent.e.set(key, scalar(nameOf(t), get(t.node, 'metadata', 'name')!.o));
          } else if (isKSeq(v)) {
            v.items = v.items.map((i) => {
              if (isKMap(i)) {
                const kind = getString(i, 'kind');
                if (kind === undefined || kind === ref.kind) updateRef(i);
                return i;
              }
              const s = scalarText(i);
              const t = s === undefined ? undefined : pick(s, undefined, false);
              return t && isKScalar(i) ? scalar(nameOf(t), get(t.node, 'metadata', 'name')!.o) : i;
            });
          } else if (isKMap(v)) updateRef(v);
        });
        // A reference held as a map: { name, namespace } (webhook services, RBAC subjects).
        function updateRef(m: KMap) {
          const name = getString(m, 'name');
          if (name === undefined) return;
          const ns = getString(m, 'namespace');
          const t = pick(name, ns, m.e.has('namespace'));
          if (!t) return;
          if (nameOf(t) !== name) m.e.set('name', scalar(nameOf(t), get(t.node, 'metadata', 'name')!.o));
          const tns = nsOf(t);
          if (tns !== undefined && tns !== ns) m.e.set('namespace', scalar(tns, get(t.node, 'metadata', 'namespace')!.o));
        }
      }
    }
  }
}

function resolveVars(ctx: Ctx, ra: Res[], config: TransformerConfig) {
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

function ctxVarOrigin(ctx: Ctx, name: string): Origin {
  return (ctx.vars.find((x) => x.name === name) ?? ctx.vars[0]!).o;
}

const ORDER_FIRST = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'ServiceAccount',
  'PodSecurityPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'Service',
  'LimitRange',
  'PriorityClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

/** kustomize's default ("legacy") output order. */
function legacySort(ra: Res[]): Res[] {
  const rank = (k: string) => {
    const f = ORDER_FIRST.indexOf(k);
    if (f >= 0) return f;
    const l = ORDER_LAST.indexOf(k);
    return l >= 0 ? 1000 + l : 500;
  };
  const key = (r: Res) => {
    const g = gvkOf(r.node);
    return `${g.group}~${g.version}~${g.kind}|${nsOf(r) ?? ''}|${nameOf(r)}`;
  };
  return ra
    .map((r, i) => ({ r, i, k: rank(gvkOf(r.node).kind), s: key(r) }))
    .sort((a, b) => a.k - b.k || (a.s < b.s ? -1 : a.s > b.s ? 1 : a.i - b.i))
    .map((x) => x.r);
}

