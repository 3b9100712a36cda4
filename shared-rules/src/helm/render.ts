/**
 * Renders a Helm chart as `helm template` does, offline and without the helm binary: same values
 * pipeline, same template set (every chart's templates and defines together, deeper charts parsed
 * first so the parent's defines win), same functions (Sprig and Helm's own), same output order.
 *
 * Safe by construction: no file access outside the chart (files come through ChartFiles), no
 * network (`lookup` returns an empty map as in `helm template`), no environment (`env` and
 * `expandenv` do not exist), budgets on steps, nesting, range iterations and output size.
 */
import { type Chart, type ChartFiles, ChartError, globMatcher, globToRegex, loadChart } from './chart';
import { mergeValues, parseSet, processValues } from './chart-values';
import { parseYamlValues, toJson, toToml, toYaml } from './codec';
import { helmCodecFuncs, sprigFuncs } from './sprig';
import {
  BudgetError,
  DEFAULT_BUDGETS,
  ExecError,
  Executor,
  goMethod,
  Output,
  type Budgets,
  type ExecContext,
  type FuncMap,
  type NamedTemplate,
  type OutputSegment,
  type TemplateFunc,
  type ValueOrigin,
} from './template/exec';
import { valueOrigins, type ValuesSource } from './provenance';
import { parseTemplate, TemplateParseError } from './template/parse';
import { isMap, TemplateError, utf8Decode } from './template/values';
import { base64Encode } from './hash';

export { ChartError, loadChart, type ChartFiles } from './chart';
export type { OutputSegment, ValueOrigin } from './template/exec';

export interface RenderOptions {
  releaseName?: string;
  namespace?: string;
  /** Target Kubernetes version, "1.33" or "v1.33.0"; default v1.35.0 as helm 4.1. */
  kubeVersion?: string;
  /** Extra API versions for `.Capabilities.APIVersions` (helm's --api-versions). */
  apiVersions?: string[];
  /** Values files' texts in order (helm -f), with the name used in errors and provenance. */
  valueFiles?: { name: string; text: string }[];
  /** `--set` expressions in order. */
  set?: string[];
  setString?: string[];
  budgets?: Partial<Budgets>;
  /** Record output segments (which template range produced each span). */
  provenance?: boolean;
}

/** One rendered YAML document, as `helm template` prints it after `# Source:`. */
export interface Manifest {
  /** Template path, as "chart/templates/x.yaml". */
  source: string;
  content: string;
  kind?: string;
  name?: string;
  /** The helm.sh/hook annotation, when the document is a hook. */
  hook?: string;
}

export interface RenderedTemplate {
  /** Template path, as "chart/templates/x.yaml". */
  name: string;
  /** Path of the template file relative to the root chart folder. */
  file: string;
  text: string;
  /** Provenance, when asked: each span of `text` and the template range that produced it. */
  segments?: OutputSegment[];
}

export interface RenderResult {
  chart: Chart;
  values: Record<string, unknown>;
  templates: RenderedTemplate[];
  manifests: Manifest[];
  hooks: Manifest[];
  crds: { source: string; content: string }[];
  notes?: string;
}

/** A render that failed: the message says which template and why, as helm's error does. */
export class RenderError extends Error {
  constructor(
    message: string,
    readonly template?: string,
    readonly kind: 'parse' | 'exec' | 'budget' | 'chart' | 'yaml' = 'exec',
    /** For 'yaml': the rendered text that does not parse. */
    readonly text?: string,
  ) {
    super(message);
  }
}

const HELM_VERSION = { Version: 'v4.1.4', GitCommit: '', GitTreeState: 'clean', GoVersion: 'go1.25', KubeClientVersion: 'v1.35' };

/** API group versions helm 4.1 reports by default (its client-go scheme), measured with helm itself. */
const DEFAULT_API_VERSIONS = [
  'v1',
  'admissionregistration.k8s.io/v1',
  'admissionregistration.k8s.io/v1alpha1',
  'admissionregistration.k8s.io/v1beta1',
  'internal.apiserver.k8s.io/v1alpha1',
  'apps/v1',
  'apps/v1beta1',
  'apps/v1beta2',
  'authentication.k8s.io/v1',
  'authentication.k8s.io/v1alpha1',
  'authentication.k8s.io/v1beta1',
  'authorization.k8s.io/v1',
  'authorization.k8s.io/v1beta1',
  'autoscaling/v1',
  'autoscaling/v2',
  'autoscaling/v2beta1',
  'autoscaling/v2beta2',
  'batch/v1',
  'batch/v1beta1',
  'certificates.k8s.io/v1',
  'certificates.k8s.io/v1beta1',
  'certificates.k8s.io/v1alpha1',
  'coordination.k8s.io/v1alpha2',
  'coordination.k8s.io/v1beta1',
  'coordination.k8s.io/v1',
  'discovery.k8s.io/v1',
  'discovery.k8s.io/v1beta1',
  'events.k8s.io/v1',
  'events.k8s.io/v1beta1',
  'extensions/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1beta2',
  'flowcontrol.apiserver.k8s.io/v1beta3',
  'networking.k8s.io/v1',
  'networking.k8s.io/v1beta1',
  'node.k8s.io/v1',
  'node.k8s.io/v1alpha1',
  'node.k8s.io/v1beta1',
  'policy/v1',
  'policy/v1beta1',
  'rbac.authorization.k8s.io/v1',
  'rbac.authorization.k8s.io/v1beta1',
  'rbac.authorization.k8s.io/v1alpha1',
  'resource.k8s.io/v1',
  'resource.k8s.io/v1beta2',
  'resource.k8s.io/v1beta1',
  'resource.k8s.io/v1alpha3',
  'scheduling.k8s.io/v1alpha1',
  'scheduling.k8s.io/v1beta1',
  'scheduling.k8s.io/v1',
  'storage.k8s.io/v1beta1',
  'storage.k8s.io/v1',
  'storage.k8s.io/v1alpha1',
  'storagemigration.k8s.io/v1beta1',
  'apiextensions.k8s.io/v1beta1',
  'apiextensions.k8s.io/v1',
];

class APIVersions extends Array<string> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
  readonly goType = 'common.VersionSet';
  Has = goMethod(['string'], (v: string): boolean => this.includes(v));
}

class KubeVersion {
  readonly goType = 'common.KubeVersion';
  constructor(
    readonly Version: string,
    readonly Major: string,
    readonly Minor: string,
  ) {}
  get GitVersion(): string {
    return this.Version;
  }
  String = goMethod([], (): string => this.Version);
  goString(): string {
    return this.Version;
  }
}

class Capabilities {
  readonly goType = '*common.Capabilities';
  constructor(
    readonly KubeVersion: KubeVersion,
    readonly APIVersions: APIVersions,
    readonly HelmVersion: Record<string, unknown>,
  ) {}
}

function parseKubeVersion(v: string | undefined): KubeVersion {
  if (!v) return new KubeVersion('v1.35.0', '1', '35');
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?([-+].*)?$/.exec(v.trim());
  if (!m) throw new RenderError(`invalid kube version ${JSON.stringify(v)}`, undefined, 'chart');
  const ver = 'v' + v.trim().replace(/^v/, '');
  return new KubeVersion(ver, m[1]!, m[2] ?? '0');
}

/** `.Files`: the chart's files other than templates, Chart.yaml and values. */
class Files {
  readonly goType = 'engine.files';
  constructor(private readonly map: Map<string, Uint8Array>) {}
  Get = goMethod(['string'], (name: string): string => {
    const b = this.map.get(name);
    return b ? utf8Decode(b) : '';
  });
  GetBytes = goMethod(['string'], (name: string): Uint8Array => this.map.get(name) ?? new Uint8Array());
  Glob = goMethod(['string'], (pattern: string): Files => {
    const re = globMatcher(globToRegex(pattern));
    return new Files(new Map([...this.map].filter(([k]) => re.test(k))));
  });
  Lines = goMethod(['string'], (path: string): string[] => {
    const b = this.map.get(path);
    if (!b) return [];
    let s = utf8Decode(b);
    if (s.endsWith('\n')) s = s.slice(0, -1);
    return s.split('\n');
  });
  AsConfig = goMethod([], (): string => {
    const m: Record<string, unknown> = {};
    for (const [k, v] of this.map) m[k.slice(k.lastIndexOf('/') + 1)] = utf8Decode(v);
    return this.map.size === 0 ? '' : trimNewline(toYaml(m));
  });
  AsSecrets = goMethod([], (): string => {
    const m: Record<string, unknown> = {};
    for (const [k, v] of this.map) m[k.slice(k.lastIndexOf('/') + 1)] = base64Encode(v);
    return this.map.size === 0 ? '' : trimNewline(toYaml(m));
  });
  goEntries(): [string, unknown][] {
    return [...this.map.keys()].sort().map((k) => [k, this.map.get(k)!]);
  }
  goString(): string {
    return (
      'map[' +
      [...this.map.keys()]
        .sort()
        .map((k) => `${k}:[${Array.from(this.map.get(k)!).join(' ')}]`)
        .join(' ') +
      ']'
    );
  }
}

function trimNewline(s: string): string {
  return s.endsWith('\n') ? s.slice(0, -1) : s;
}

function chartMap(c: Chart, isRoot: boolean): Record<string, unknown> {
  const m = c.metadata;
  const str = (k: string): string =>
    typeof m[k] === 'string' ? (m[k] as string) : m[k] === undefined || m[k] === null ? '' : String(m[k] as string | number | boolean);
  const list = (k: string): unknown[] => (Array.isArray(m[k]) ? (m[k] as unknown[]) : []);
  const capital = (o: unknown): unknown => {
    if (!isMap(o)) return o;
    const r: Record<string, unknown> = {};
    for (const k of Object.keys(o)) r[k === 'import-values' ? 'ImportValues' : k.charAt(0).toUpperCase() + k.slice(1)] = o[k];
    return r;
  };
  return {
    APIVersion: str('apiVersion'),
    Annotations: isMap(m.annotations) ? m.annotations : {},
    AppVersion: str('appVersion'),
    Condition: str('condition'),
    Dependencies: list('dependencies').map(capital),
    Deprecated: m.deprecated === true,
    Description: str('description'),
    Home: str('home'),
    Icon: str('icon'),
    IsRoot: isRoot,
    Keywords: list('keywords'),
    KubeVersion: str('kubeVersion'),
    Maintainers: list('maintainers').map(capital),
    Name: c.name,
    Sources: list('sources'),
    Tags: str('tags'),
    Type: str('type'),
    Version: str('version'),
  };
}

/** Kinds in the order Helm installs (and `helm template` prints) them. */
const INSTALL_ORDER = [
  'PriorityClass',
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
];

interface ChartScope {
  chart: Chart;
  /** "root" or "root/charts/sub". */
  path: string;
  /** Folder of the chart relative to the root chart folder. */
  dir: string;
  values: Record<string, unknown>;
  isRoot: boolean;
}

function scopes(chart: Chart, values: Record<string, unknown>, path: string, dir: string, isRoot: boolean, out: ChartScope[]): void {
  out.push({ chart, path, dir, values, isRoot });
  for (const d of chart.dependencies) {
    const v = isMap(values[d.name]) ? (values[d.name] as Record<string, unknown>) : {};
    scopes(d, v, `${path}/charts/${d.name}`, d.readPrefix === chart.readPrefix ? dir : dir ? `${dir}/${d.origin}` : d.origin, false, out);
  }
}

function sortTemplates(names: string[]): string[] {
  const depth = (s: string): number => s.split('/').length - 1;
  return [...names].sort((a, b) => {
    const da = depth(a);
    const db = depth(b);
    if (da !== db) return db - da;
    return a < b ? 1 : a > b ? -1 : 0;
  });
}

/** Renders a loaded chart. */
export function renderLoadedChart(chart: Chart, opts: RenderOptions = {}): RenderResult {
  // user values: -f files in order, then --set, then --set-string
  let user: Record<string, unknown> = {};
  for (const f of opts.valueFiles ?? []) {
    let v: unknown;
    try {
      v = parseYamlValues(f.text).value;
    } catch (e) {
      throw new RenderError(`${f.name}: ${(e as Error).message}`, undefined, 'chart');
    }
    if (v === null) continue;
    if (!isMap(v)) throw new RenderError(`${f.name}: values must be a map`, undefined, 'chart');
    user = mergeValues(user, v);
  }
  const setValues: Record<string, unknown> = {};
  try {
    for (const s of opts.set ?? []) {
      parseSet(s, user);
      parseSet(s, setValues);
    }
    for (const s of opts.setString ?? []) {
      parseSet(s, user, true);
      parseSet(s, setValues, true);
    }
  } catch (e) {
    throw new RenderError(`failed parsing --set data: ${(e as Error).message}`, undefined, 'chart');
  }
  const values = processValues(chart, user);
  const budgets: Budgets = { ...DEFAULT_BUDGETS, ...opts.budgets };
  const kube = parseKubeVersion(opts.kubeVersion);
  const apis = new APIVersions(...DEFAULT_API_VERSIONS, ...(opts.apiVersions ?? []));
  const caps = new Capabilities(kube, apis, HELM_VERSION);
  const release = {
    IsInstall: true,
    IsUpgrade: false,
    Name: opts.releaseName ?? 'release-name',
    Namespace: opts.namespace ?? 'default',
    Revision: 1n,
    Service: 'Helm',
  };

  const all: ChartScope[] = [];
  scopes(chart, values, chart.name, '', true, all);
  interface Tpl {
    name: string;
    file: string;
    data: string;
    scope: ChartScope;
  }
  const tpls = new Map<string, Tpl>();
  const topBy = new Map<ChartScope, Record<string, unknown>>();
  if (chart.metadata.type === 'library') throw new RenderError(`${chart.name} is a library chart: library charts are not installable`, undefined, 'chart');
  for (const s of all) {
    // A library chart only lends its defines (files starting with "_").
    const library = s.chart.metadata.type === 'library';
    for (const t of s.chart.templates) {
      if (library && !t.name.slice(t.name.lastIndexOf('/') + 1).startsWith('_')) continue;
      tpls.set(`${s.path}/${t.name}`, { name: `${s.path}/${t.name}`, file: s.dir ? `${s.dir}/${t.name}` : t.name, data: t.data, scope: s });
    }
  }
  const subchartsOf = (s: ChartScope): Record<string, unknown> => {
    const o: Record<string, unknown> = {};
    for (const c of all) if (c.path.startsWith(s.path + '/charts/') && !c.path.slice(s.path.length + 8).includes('/')) o[c.chart.name] = topOf(c);
    return o;
  };
  const topOf = (s: ChartScope): Record<string, unknown> => {
    let t = topBy.get(s);
    if (!t) {
      t = {
        Chart: chartMap(s.chart, s.isRoot),
        Capabilities: caps,
        Files: new Files(new Map(s.chart.files.map((f) => [f.name, f.data]))),
        Release: release,
        Values: s.values,
        Template: {},
      };
      topBy.set(s, t);
      t.Subcharts = subchartsOf(s);
    }
    return t;
  };

  const templates = new Map<string, NamedTemplate>();
  const order = sortTemplates([...tpls.keys()]);
  for (const name of order) {
    const t = tpls.get(name)!;
    let parsed;
    try {
      parsed = parseTemplate(name, t.data);
    } catch (e) {
      if (e instanceof TemplateParseError)
        throw new RenderError(`parse error at (${name}:${e.line}): ${e.message.replace(/^template: [^:]+:\d+: /, '')}`, name, 'parse');
      throw e;
    }
    templates.set(name, { root: parsed.root, source: t.data, file: name });
    for (const [dn, d] of parsed.defines) {
      const prev = templates.get(dn);
      const emptyDef = d.root.every((n) => n.type === 'text' && n.text.trim() === '');
      if (prev && emptyDef) continue;
      templates.set(dn, d);
    }
  }

  const funcs: FuncMap = new Map([...sprigFuncs(), ...helmCodecFuncs()]);
  const ctx: ExecContext = { templates, funcs, budgets, provenance: opts.provenance };
  if (opts.provenance) {
    // Sources in priority order: -f files (the last wins), then each chart's values.yaml from the
    // root down (a parent's values override its subchart's).
    const sources: ValuesSource[] = [];
    for (const f of [...(opts.valueFiles ?? [])].reverse()) sources.push({ file: f.name, text: f.text, prefix: [] });
    for (const s of all) {
      if (s.chart.valuesText === undefined) continue;
      const prefix = s.path.split('/charts/').slice(1);
      sources.push({ file: s.dir ? `${s.dir}/values.yaml` : 'values.yaml', text: s.chart.valuesText, doc: s.chart.valuesDoc, prefix });
    }
    ctx.origins = valueOrigins(values, sources, (opts.set?.length ?? 0) + (opts.setString?.length ?? 0) > 0 ? setValues : undefined);
  }
  const ex = new Executor(ctx);
  installHelmFuncs(funcs, ex, ctx);

  const rendered: RenderedTemplate[] = [];
  let notes: string | undefined;
  for (const name of order) {
    const t = tpls.get(name)!;
    const base = name.slice(name.lastIndexOf('/') + 1);
    if (base.startsWith('_')) continue;
    const top = { ...topOf(t.scope), Template: { Name: name, BasePath: `${t.scope.path}/templates` } };
    let out: Output;
    try {
      out = ex.execute(name, top);
    } catch (e) {
      throw toRenderError(e, name);
    }
    const text = removeNoValue(out);
    if (base === 'NOTES.txt') {
      if (t.scope.isRoot) notes = text.text;
      continue;
    }
    rendered.push({ name, file: t.file, text: text.text, ...(opts.provenance ? { segments: text.segments } : {}) });
  }

  const manifests: Manifest[] = [];
  const hooks: Manifest[] = [];
  for (const r of [...rendered].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    for (const content of splitManifests(r.text)) {
      const m: Manifest = { source: r.name, content, ...manifestHead(content) };
      (m.hook ? hooks : manifests).push(m);
    }
  }
  const rank = (k: string | undefined): number => {
    const i = k ? INSTALL_ORDER.indexOf(k) : -1;
    return i < 0 ? INSTALL_ORDER.length : i;
  };
  const sorted = manifests
    .map((m, i) => ({ m, i }))
    .sort(
      (a, b) => rank(a.m.kind) - rank(b.m.kind) || (rank(a.m.kind) === INSTALL_ORDER.length ? (a.m.kind ?? '').localeCompare(b.m.kind ?? '') : 0) || a.i - b.i,
    )
    .map((x) => x.m);
  const crds: { source: string; content: string }[] = [];
  for (const s of all) for (const c of s.chart.crds) crds.push({ source: `${s.path}/${c.name}`, content: c.data });
  return { chart, values, templates: rendered, manifests: sorted, hooks, crds, ...(notes !== undefined ? { notes } : {}) };
}

/** Loads and renders the chart at the root of `files`. */
export function renderChart(files: ChartFiles, opts: RenderOptions = {}): RenderResult {
  let chart: Chart;
  try {
    chart = loadChart(files);
  } catch (e) {
    if (e instanceof ChartError) throw new RenderError(e.message, undefined, 'chart');
    throw e;
  }
  return renderLoadedChart(chart, opts);
}

/** The text `helm template` prints for a render. */
export function formatManifests(r: RenderResult, opts: { includeCrds?: boolean; noHooks?: boolean } = {}): string {
  let out = '';
  if (opts.includeCrds) for (const c of r.crds) out += `---\n# Source: ${c.source}\n${c.content.replace(/\n$/, '')}\n`;
  for (const m of r.manifests) out += `---\n# Source: ${m.source}\n${m.content}\n`;
  if (!opts.noHooks) for (const m of r.hooks) out += `---\n# Source: ${m.source}\n${m.content}\n`;
  return out;
}

/** Helm's releaseutil.SplitManifests: documents separated by `---` at a line start, trimmed, empty ones dropped. */
export function splitManifests(text: string): string[] {
  let t = text.trim();
  if (t.startsWith('---')) t = t.slice(3);
  return t
    .split('\n---')
    .map((d) => d.trim())
    .filter((d) => d !== '');
}

function unquoteScalar(v: string): string {
  const hash = v.search(/[ \t]#/);
  let s = (hash >= 0 ? v.slice(0, hash) : v).trim();
  if ((s.startsWith('"') && s.endsWith('"')) || (s.startsWith("'") && s.endsWith("'"))) s = s.slice(1, -1);
  return s;
}

/**
 * kind, metadata.name and the helm.sh/hook annotation of a manifest, read from its top-level
 * lines (helm parses the whole document; a line scan is 20 times faster and enough to sort).
 */
export function manifestHead(content: string): { kind?: string; name?: string; hook?: string } {
  const out: { kind?: string; name?: string; hook?: string } = {};
  let inMeta = false;
  let metaIndent = -1;
  let inAnn = false;
  let annIndent = -1;
  for (const line of content.split('\n')) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    if (indent === 0) {
      inMeta = /^metadata:\s*(#.*)?$/.test(line);
      inAnn = false;
      metaIndent = -1;
      const k = /^kind:\s*(.*)$/.exec(line);
      if (k && out.kind === undefined) out.kind = unquoteScalar(k[1]!);
      continue;
    }
    if (!inMeta) continue;
    if (metaIndent < 0) metaIndent = indent;
    if (indent === metaIndent) {
      inAnn = /^\s*annotations:\s*(#.*)?$/.test(line);
      annIndent = -1;
      const n = /^\s*name:\s*(.*)$/.exec(line);
      if (n && out.name === undefined) out.name = unquoteScalar(n[1]!);
      continue;
    }
    if (inAnn) {
      if (annIndent < 0) annIndent = indent;
      if (indent !== annIndent) continue;
      const h = /^\s*["']?helm\.sh\/hook["']?:\s*(.*)$/.exec(line);
      if (h) out.hook = unquoteScalar(h[1]!);
    }
  }
  return out;
}

/** Helm removes every "<no value>" from the output (missing values print nothing). */
function removeNoValue(out: Output): { text: string; segments: OutputSegment[] } {
  const text = out.text();
  if (!text.includes('<no value>')) return { text, segments: out.segments };
  const cuts: number[] = [];
  for (let i = text.indexOf('<no value>'); i >= 0; i = text.indexOf('<no value>', i + 10)) cuts.push(i);
  const shift = (pos: number): number => {
    let s = 0;
    for (const c of cuts) {
      if (c + 10 <= pos) s += 10;
      else if (c < pos) s += pos - c;
    }
    return pos - s;
  };
  const segments = out.segments.map((g) => ({ ...g, outStart: shift(g.outStart), outEnd: shift(g.outEnd) })).filter((g) => g.outEnd > g.outStart);
  return { text: text.split('<no value>').join(''), segments };
}

function toRenderError(e: unknown, name: string): RenderError {
  if (e instanceof RenderError) return e;
  if (e instanceof BudgetError) return new RenderError(`${name}: ${e.message}`, name, 'budget');
  if (e instanceof ExecError) return new RenderError(e.message, e.file, 'exec');
  if (e instanceof TemplateParseError) return new RenderError(e.message, name, 'parse');
  if (e instanceof TemplateError) return new RenderError(e.message, name, 'exec');
  if (e instanceof RangeError) return new RenderError(`${name}: ${e.message}`, name, 'budget');
  throw e;
}

const fn = (params: TemplateFunc['params'], f: (...a: never[]) => unknown, variadic = false): TemplateFunc => ({ params, fn: f, variadic });

/** The value origins a helper's output printed, in order, without repeats. */
function helperOrigins(segments: OutputSegment[]): ValueOrigin[] {
  const out: ValueOrigin[] = [];
  const seen = new Set<string>();
  for (const s of segments) {
    for (const o of [...(s.value ? [s.value] : []), ...(s.helperValues ?? [])]) {
      const k = `${o.file}\0${o.path.join('\0')}`;
      if (!seen.has(k)) {
        seen.add(k);
        out.push(o);
      }
    }
  }
  return out;
}

/** include, tpl, required, lookup, toYaml… : the functions Helm adds to Sprig's. */
function installHelmFuncs(funcs: FuncMap, ex: Executor, ctx: ExecContext): void {
  const included = new Map<string, number>();
  funcs.set(
    'include',
    fn(['string', 'any'], ((name: string, data: unknown) => {
      const n = (included.get(name) ?? 0) + 1;
      if (n > 1000) throw new TemplateError(`rendering template has a nested reference name: ${name}: unable to execute template`);
      included.set(name, n);
      try {
        const t = ctx.templates.get(name);
        if (!t) throw new TemplateError(`template: no template ${JSON.stringify(name)} associated with template "gotpl"`);
        const out = new Output(ex.counter);
        const outer = ex.helperValues;
        ex.run(t, data, out);
        if (ctx.provenance) ex.helperValues = [...(outer ?? []), ...helperOrigins(out.segments)];
        return out.text();
      } finally {
        included.set(name, n - 1);
      }
    }) as never),
  );
  funcs.set(
    'tpl',
    fn(['string', 'map'], ((text: string, vals: Record<string, unknown> | null) => {
      const tn = vals && isMap(vals.Template) && typeof vals.Template.Name === 'string' ? vals.Template.Name : 'gotpl';
      let parsed;
      try {
        parsed = parseTemplate(tn, text);
      } catch (e) {
        throw new TemplateError(`cannot parse template ${JSON.stringify(text)}: ${(e as Error).message}`);
      }
      // defines inside the text are visible to this tpl call only
      const saved = new Map<string, NamedTemplate | undefined>();
      for (const [k, d] of parsed.defines) {
        saved.set(k, ctx.templates.get(k));
        ctx.templates.set(k, d);
      }
      try {
        const out = new Output(ex.counter);
        const outer = ex.helperValues;
        ex.run({ root: parsed.root, source: text, file: tn }, vals, out);
        if (ctx.provenance) ex.helperValues = [...(outer ?? []), ...helperOrigins(out.segments)];
        return out.text().split('<no value>').join('');
      } catch (e) {
        if (e instanceof BudgetError) throw e;
        throw new TemplateError(`error during tpl function execution for ${JSON.stringify(text)}: ${(e as Error).message}`);
      } finally {
        for (const [k, v] of saved) {
          if (v) ctx.templates.set(k, v);
          else ctx.templates.delete(k);
        }
      }
    }) as never),
  );
  funcs.set(
    'required',
    fn(['string', 'any'], ((warn: string, val: unknown) => {
      if (val === null || val === undefined) throw new TemplateError(warn);
      if (typeof val === 'string' && val === '') throw new TemplateError(warn);
      return val;
    }) as never),
  );
  funcs.set('lookup', fn(['string', 'string', 'string', 'string'], (() => ({})) as never));
  funcs.set(
    'toYaml',
    fn(['any'], ((v: unknown) => {
      try {
        return trimNewline(toYaml(v));
      } catch {
        return '';
      }
    }) as never),
  );
  funcs.set('mustToYaml', fn(['any'], ((v: unknown) => trimNewline(toYaml(v))) as never));
  funcs.set('toYamlPretty', fn(['any'], ((v: unknown) => trimNewline(toYaml(v, true))) as never));
  funcs.set('toToml', fn(['any'], ((v: unknown) => toToml(v)) as never));
  funcs.set(
    'toJson',
    fn(['any'], ((v: unknown) => {
      try {
        return toJson(v);
      } catch {
        return '';
      }
    }) as never),
  );
  funcs.set('mustToJson', fn(['any'], ((v: unknown) => toJson(v)) as never));
}
