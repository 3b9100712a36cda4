/**
 * `kustomize build` in TypeScript, following kustomize 5.7.1 (the one inside
 * kubectl 1.35): resources and bases, components, generators, patches and the
 * built-in transformers, run in kustomize's order; name hashes, name
 * references and vars are fixed once, at the root, as kustomize does.
 * Pure: files come through BuildFiles.
 */
import { KUSTOMIZATION_FILES } from '../k8s/kustomize';
import { sha256Hex, utf8Bytes } from '../text/sha256';
import { joinPath, type BuildFiles } from './files';
import { cloneConfig, defaultConfig, mergeConfig, specMatches, specSegments, visitSpec, type FieldSpec, type TransformerConfig } from './fieldspecs';
import { applyPatch } from './patches';
import { get, getString, isKMap, isKScalar, isKSeq, parseYamlDocs, scalar, scalarText, toJS, type KMap, type KNode, type Origin } from './node';
import { replace, resolveVars } from './replacements';
import { runGenerators } from './generators';
import { gvkOf, isNamespaced, issue, LIMITS, nameOf, nsOf, setName, type Ctx, type Res } from './resmap';
import { affix, imageTransform, namespaceTransform, replicaTransform, setPairs } from './transformers';
import type { BuildResult, BuiltResource } from './types';

export { isNamespaced, LIMITS } from './resmap';

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

// Root-only steps: kustomize runs them once, after every kustomization is built.

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
