/**
 * The engine: text in, findings out.
 *
 * A file is masked (Helm), split into documents on `---` lines, and each
 * document is parsed and checked on its own. Results are cached by the
 * document's content, so after an edit only the changed document is parsed
 * and checked again; unchanged ones are reused even when they moved. Caches
 * hold findings and small summaries, never ASTs, so memory stays a small
 * multiple of the text.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, YAMLParseError, type Document } from 'yaml';
import { applyEdits, shiftEdits, shiftFix, type Applicability, type Fix } from '../fix/edit';
import { EditBuilder, NoFix, type FixSource } from '../fix/edit-builder';
import { DEFAULT_STYLE, detectStyle, type SourceStyle } from '../fix/emit';
import { MAX_NESTING, nestsDeeperThan } from '../source/depth';
import { hasActionLineIn, maskTemplates, overlapsRegion, SENTINEL } from '../source/helm';

import { objectsOf, podMetadataOf, type K8sObject } from '../source/k8s';
import { YNode, type NodeHost } from '../source/nav';
import { splitDocuments, type Chunk } from '../source/split';
import { parseManifestDocuments } from '../source/yaml-parse';
import { hashRange } from '../text/hash';
import { detectEol, LineIndex } from '../text/line-index';
import { configuredSeverity, ruleSetting, type ResolvedConfig } from './config';
import { exceptionCovers, isEnforced, type ExceptionScope } from './exceptions';
import { locusOf, normaliseValue } from './fingerprint';
import type { FileObject, FixInput, MissingDescriptor, ReportDescriptor, Rule, RuleContext, SummarizeContext, WorkspaceFix } from './rule';
import { ANNOTATION_PREFIX, applySuppressions, parseDirectives, type AnnotationSuppression } from './suppress';
import type { Finding, Severity } from './types';
import { shiftSummary, type ObjectSummary, type WorkspaceIndex } from './workspace';

export interface AnalyzeOptions {
  config: ResolvedConfig;
  rules: readonly Rule[];
  /** How the file is named in summaries (a path or a URI). */
  file?: string;
  /** The file is a Kustomize patch: missing fields are not findings. */
  partial?: boolean;
  /**
   * Every object of the workspace, for cross-document rules. A function is
   * called with this file's summaries once its documents are analysed (to
   * update the index in the same analysis) and returns the index.
   */
  workspace?: WorkspaceIndex | ((summaries: readonly ObjectSummary[]) => WorkspaceIndex | undefined);
  /** Compute fixes (CLI --fix, code actions). */
  withFixes?: boolean;
  /** Only documents overlapping this range (for code actions); no caching. */
  range?: [number, number];
  /**
   * Analysis shared with other threads: called for each document the cache
   * lacks, with its index in the file; false when another thread analyses it.
   * Such a pass only fills the cache (its result has no findings): hand the
   * other threads' analyses over with `exportCache`/`importCache` and
   * analyse again, all from the cache.
   */
  claim?: (documentIndex: number) => boolean;
  /** Where the file is, for the scopes of `.kubeward.yaml` exceptions (path relative to it, chart or overlay). */
  scope?: ExceptionScope;
}

/** Cached document analyses, to hand from one thread's FileAnalyzer to another's (structured-clone safe). */
export interface CachedDocuments {
  fingerprint: string;
  entries: Array<[key: string, analysis: unknown]>;
}

export interface RuleError {
  ruleId: string;
  message: string;
}

export interface FileResult {
  findings: Finding[];
  summaries: ObjectSummary[];
  /** At least one Kubernetes object (or a broken document that looks like one). */
  kubernetes: boolean;
  lines: LineIndex;
  documentCount: number;
  /** Rules that threw; their other findings are kept, the engine goes on. */
  ruleErrors: RuleError[];
  /** Documents parsed anew (not reused from the cache) in this run. */
  parsedDocuments: number;
}

/** Findings of one document, offsets relative to the document's start. */
interface ChunkAnalysis {
  findings: Finding[];
  summaries: ObjectSummary[];
  annotations: AnnotationSuppression[];
  kubernetes: boolean;
  ruleErrors: RuleError[];
}


const ENGINE_RULES = new Set(['yaml-syntax', 'unused-suppression', 'config-invalid', 'analysis-skipped']);

// ---------------------------------------------------------------- rule plans

interface RulePlan {
  byKind: Map<string, Rule[]>;
  anyKind: Rule[];
  workspaceRules: Rule[];
  severity: Map<string, Severity>;
  known: Set<string>;
  active: Set<string>;
}

const plans = new WeakMap<readonly Rule[], Map<string, RulePlan>>();

function planFor(rules: readonly Rule[], config: ResolvedConfig): RulePlan {
  let byConfig = plans.get(rules);
  if (!byConfig) plans.set(rules, (byConfig = new Map()));
  const cached = byConfig.get(config.fingerprint);
  if (cached) return cached;
  const plan: RulePlan = { byKind: new Map(), anyKind: [], workspaceRules: [], severity: new Map(), known: new Set(), active: new Set() };
  for (const rule of rules) {
    const { id } = rule.meta;
    plan.known.add(id);
    if (!isRuleActive(rule, config)) continue;
    plan.active.add(id);
    plan.severity.set(id, configuredSeverity(config, id) ?? rule.meta.severity);
    if (rule.checkWorkspace) plan.workspaceRules.push(rule);
    if (!rule.check) continue;
    if (rule.meta.kinds === '*') plan.anyKind.push(rule);
    else
      for (const kind of rule.meta.kinds) {
        const list = plan.byKind.get(kind);
        if (list) list.push(rule);
        else plan.byKind.set(kind, [rule]);
      }
  }
  if (byConfig.size > 8) byConfig.clear();
  byConfig.set(config.fingerprint, plan);
  return plan;
}

/** True when the rule runs under this configuration (its setting, profile and opt-in status). */
export function isRuleActive(rule: Rule, config: ResolvedConfig): boolean {
  const setting = ruleSetting(config, rule.meta.id);
  if (setting === 'off') return false;
  // A rule outside the profile, or opt-in, runs only when the user named it:
  // a glob (`pod-*: warning`) changes severities, it does not turn rules on.
  const named = config.rules.some(([pattern, value]) => pattern === rule.meta.id && value !== 'off');
  if (!named && rule.meta.profiles && !rule.meta.profiles.includes(config.profile)) return false;
  if (!named && rule.meta.optIn) return false;
  return true;
}

function format(template: string, data: Record<string, string | number> | undefined): string {
  if (!data) return template;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, key: string) => (key in data ? String(data[key]) : m));
}

// ---------------------------------------------------------------- one document

interface ChunkInput {
  original: string;
  parse: string;
  regions: Array<[number, number]>;
  /** The regions that may print text (control actions removed). */
  printing: Array<[number, number]>;
  actionLines: number[];
  plan: RulePlan;
  options: AnalyzeOptions;
  style: () => SourceStyle;
  file: string;
  /** Objects of the file's other documents, parsed on demand; only while fixes are built. */
  otherObjects?: () => FileObject[];
}

function clampRegions(regions: ReadonlyArray<readonly [number, number]>, start: number, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [s, e] of regions) if (s < end && e > start) out.push([Math.max(s, start) - start, Math.min(e, end) - start]);
  return out;
}

function looksLikeManifest(text: string): boolean {
  return /^apiVersion[ \t]*:/m.test(text) && /^kind[ \t]*:/m.test(text);
}

/** One `analysis-skipped` finding on the first line of a document that could not be parsed. */
function skipChunk(input: ChunkInput, result: ChunkAnalysis, text: string, reason: string): void {
  if (!looksLikeManifest(text) || !input.plan.active.has('analysis-skipped')) return;
  result.kubernetes = true;
  const firstLine = input.parse.indexOf('\n');
  result.findings.push({
    ruleId: 'analysis-skipped',
    severity: input.plan.severity.get('analysis-skipped') ?? 'info',
    message: `Kubeward skipped this document: it could not be parsed (${reason}). Nothing in it was checked.`,
    start: 0,
    end: Math.min(firstLine === -1 ? input.parse.length : firstLine, 200),
  });
}

function analyzeChunk(input: ChunkInput): ChunkAnalysis {
  const result: ChunkAnalysis = { findings: [], summaries: [], annotations: [], kubernetes: false, ruleErrors: [] };
  const { plan } = input;
  let docs: Document.Parsed[];
  // A document that never writes `apiVersion` holds no Kubernetes object, and
  // non-Kubernetes YAML gets no finding at all (syntax errors included): not
  // parsed. CI configs, Helm values and compose files cost a substring search.
  // Only an escape in a double-quoted key could spell the key otherwise.
  if (!input.parse.includes('apiVersion') && !input.parse.includes('\\')) return result;
  // Not parsed at all: at the parser's stack limit V8 can abort the process (see source/depth.ts).
  if (nestsDeeperThan(input.parse)) {
    skipChunk(input, result, input.parse, `nested too deeply: more than ${MAX_NESTING} levels, where real manifests nest a few dozen`);
    return result;
  }
  try {
    docs = parseManifestDocuments(input.parse);
  } catch (error) {
    // The parser recurses per nesting level; absurd nesting overflows the stack.
    skipChunk(input, result, input.parse, error instanceof RangeError ? 'nesting too deep' : String(error));
    return result;
  }
  for (const doc of docs) {
    const host: NodeHost = { doc, templateRegions: input.regions };
    let root: YNode | undefined;
    let objects: K8sObject[] = [];
    try {
      root = YNode.root(doc.contents, host);
      objects = objectsOf(root);
    } catch {
      objects = [];
    }
    // yaml catches its own stack overflow on absurd nesting: not a syntax error, a skipped document.
    if (doc.errors.some((e) => e.code === 'RESOURCE_EXHAUSTION')) {
      const [ds, , de] = doc.range;
      skipChunk(input, result, input.parse.slice(ds, de), 'nesting too deep');
      continue;
    }
    doc.errors.push(...duplicateKeyErrors(doc));
    const duplicates = doc.errors.filter((e) => e.code === 'DUPLICATE_KEY');
    const fatal = doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY');
    if (doc.errors.length > 0) {
      const [ds, , de] = doc.range;
      const templated = input.regions.some(([s, e]) => s < de && e > ds);
      if ((objects.length > 0 || looksLikeManifest(input.parse.slice(ds, de))) && !templated) {
        result.kubernetes = true;
        if (plan.active.has('yaml-syntax')) {
          // One finding per broken document: later errors are usually the first one's echo.
          const first = fatal[0];
          if (first) result.findings.push(syntaxFinding(first.pos, `YAML syntax error: ${cleanMessage(first.message)}. Kubernetes cannot read this document, and Kubeward checks nothing in it until it parses.`, plan.severity.get('yaml-syntax') ?? 'error', input.parse.length));
          // Duplicate keys parse (the last one wins), so each is reported and the document still analysed.
          for (const d of duplicates) {
            // duplicateKeyErrors places each on the whole repeated key.
            const key = input.parse.slice(d.pos[0], d.pos[1]).split(/[:\n]/)[0]!.trim();
            result.findings.push(syntaxFinding(d.pos, `Duplicate key${key ? ` "${key}"` : ''}: Kubernetes keeps only the last value and silently drops the other, so what you read here is not what runs. Remove one of them.`, 'warning', input.parse.length));
          }
        }
      }
      if (fatal.length > 0) continue;
    }
    if (objects.length === 0) continue;
    result.kubernetes = true;
    for (const object of objects) runObject(object, input, result, doc, objects);
  }
  return result;
}

const NONE: never[] = [];
Object.freeze(NONE);

/** A cached analysis shares one empty array for each empty list (most documents have no annotation, rule error, finding…). */
function compact(analysis: ChunkAnalysis): ChunkAnalysis {
  if (analysis.findings.length === 0) analysis.findings = NONE;
  if (analysis.summaries.length === 0) analysis.summaries = NONE;
  if (analysis.annotations.length === 0) analysis.annotations = NONE;
  if (analysis.ruleErrors.length === 0) analysis.ruleErrors = NONE;
  return analysis;
}

/** Objects of one document's text, for fixes that edit other documents. */
function objectsOfText(parse: string, regions: Array<[number, number]>): K8sObject[] {
  const out: K8sObject[] = [];
  if (nestsDeeperThan(parse)) return out;
  try {
    for (const doc of parseManifestDocuments(parse)) {
      if (doc.errors.some((e) => e.code !== 'DUPLICATE_KEY')) continue;
      out.push(...objectsOf(YNode.root(doc.contents, { doc, templateRegions: regions })));
    }
  } catch {
    // Unparseable (absurd nesting): nothing to edit there.
  }
  return out;
}

/**
 * DUPLICATE_KEY errors as yaml's `uniqueKeys` finds them (a later scalar
 * key equal to an earlier one of the same map), found with one Set per map
 * and placed on the whole repeated key: yaml's check, and a search for the
 * key of each duplicate, were both quadratic.
 * An explicit stack: documents can nest deeper than the call stack allows.
 */
function duplicateKeyErrors(doc: Document.Parsed): YAMLParseError[] {
  const out: YAMLParseError[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key) && typeof key.value !== 'symbol') {
          if (seen.has(key.value) && key.range) out.push(new YAMLParseError([key.range[0], key.range[1]], 'DUPLICATE_KEY', 'Map keys must be unique'));
          seen.add(key.value);
        }
        if (key && !isScalar(key) && !isAlias(key)) stack.push(key);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(isPair(item) ? item.value : item);
    }
  }
  return out.sort((a, b) => a.pos[0] - b.pos[0]);
}

function cleanMessage(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function syntaxFinding(pos: [number, number], message: string, severity: Severity, length: number): Finding {
  const [s, e] = pos;
  return { ruleId: 'yaml-syntax', messageId: 'syntax', severity, message, start: Math.min(s, length), end: Math.min(Math.max(e, s + 1), length) };
}

/** What findings say of their object: one per object, shared by its findings. */
const objectRefs = new WeakMap<K8sObject, NonNullable<Finding['object']>>();
function objectRef(object: K8sObject): NonNullable<Finding['object']> {
  let ref = objectRefs.get(object);
  if (!ref) objectRefs.set(object, (ref = { kind: object.kind, name: object.name, namespace: object.namespace }));
  return ref;
}

function objectSpan(object: K8sObject): [number, number] {
  const [s, e] = object.root.range;
  return [s, e];
}

function runObject(object: K8sObject, input: ChunkInput, result: ChunkAnalysis, doc: Document.Parsed, documentObjects: readonly K8sObject[]): void {
  const { plan, options } = input;
  const [objectStart, objectEnd] = objectSpan(object);

  // Annotation suppressions, on the object and on its pod template.
  const podMetadata = podMetadataOf(object);
  for (const meta of podMetadata && podMetadata.node !== object.metadata?.node ? [object.metadata, podMetadata] : [object.metadata]) {
    const annotations = meta?.get('annotations');
    if (!annotations?.isMap) continue;
    for (const [key, value, keyNode] of annotations.entries()) {
      if (!key.startsWith(ANNOTATION_PREFIX) || !keyNode.range) continue;
      const [ruleId, container] = key.slice(ANNOTATION_PREFIX.length).split('.', 2) as [string, string | undefined];
      const suppression: AnnotationSuppression = { ruleId, objectStart, objectEnd, start: keyNode.range[0], end: keyNode.range[1] };
      if (container) suppression.container = container;
      // How to remove it, should it suppress nothing (a cheap, rare edit).
      if (!value?.indirect) {
        try {
          const removal = new EditBuilder({ text: input.original, templateRegions: input.regions, style: DEFAULT_STYLE }).removePair(annotations, key).build();
          if (removal.length > 0) suppression.removal = removal;
        } catch (error) {
          if (!(error instanceof NoFix)) result.ruleErrors.push({ ruleId: 'unused-suppression', message: `removal failed: ${String(error)}` });
        }
      }
      result.annotations.push(suppression);
    }
  }

  const rules = [...(plan.byKind.get(object.kind) ?? []), ...plan.anyKind];
  for (const rule of rules) {
    const context = new ObjectContext(rule, object, input, result, objectStart, documentObjects);
    try {
      rule.check!(context as RuleContext);
    } catch (error) {
      result.ruleErrors.push({ ruleId: rule.meta.id, message: error instanceof Error ? `${error.message}` : String(error) });
    }
  }

  if (plan.workspaceRules.length > 0) {
    const data: Record<string, unknown> = {};
    for (const rule of plan.workspaceRules) {
      if (!rule.summarize) continue;
      try {
        const value = rule.summarize(object, new ObjectSummarizeContext(new ObjectContext(rule, object, input, result, objectStart, documentObjects), input));
        if (value !== undefined) data[rule.meta.id] = value;
      } catch (error) {
        result.ruleErrors.push({ ruleId: rule.meta.id, message: String(error) });
      }
    }
    const labels: Record<string, string> = {};
    for (const [k, v] of object.metadata?.get('labels')?.entries() ?? []) if (v?.str !== undefined) labels[k] = v.str;
    const nameNode = object.metadata?.get('name');
    const anchor = nameNode && !nameNode.isNull ? nameNode.range : (object.root.get('kind')?.range ?? [objectStart, objectStart]);
    result.summaries.push({
      file: input.file,
      kind: object.kind,
      apiVersion: object.apiVersion,
      name: object.name,
      namespace: object.namespace,
      labels,
      start: objectStart,
      end: objectEnd,
      anchor: [anchor[0], anchor[1]],
      documentEnd: doc.range[2],
      partial: Boolean(options.partial),
      data,
    });
  }
}

/**
 * What a workspace rule's `summarize` gets: ranges and fixes relative to the object's start.
 * A class, not an object literal: a getter in a literal made per object sends V8 down a
 * slow path whose objects reference the document from old space, so every parsed document
 * survived the young-generation collections (about a third more GC time over the corpus).
 */
class ObjectSummarizeContext implements SummarizeContext {
  private readonly start: number;
  constructor(
    private readonly context: ObjectContext,
    private readonly input: ChunkInput,
  ) {
    this.start = context.objectStart;
  }

  get text(): string {
    return this.input.original;
  }

  get style(): SourceStyle {
    return this.input.style();
  }

  get config(): ResolvedConfig {
    return this.context.config;
  }

  isUncertain(node: YNode): boolean {
    return isUncertain(node, this.input);
  }

  edit(): EditBuilder {
    return new EditBuilder({ text: this.input.original, templateRegions: this.input.regions, style: this.input.style() });
  }

  rangeOf(node: YNode, at?: 'value' | 'key'): [number, number] {
    let range = at === 'key' ? node.keyRange : node.range;
    if (range[1] <= range[0] && node.keyNode?.range) range = node.keyRange; // `key:` with no value
    const [s, e] = this.context.singleLine(range);
    return [s - this.start, e - this.start];
  }

  fixes(inputs: readonly FixInput[]): WorkspaceFix[] {
    if (!this.context.withFixes) return [];
    const start = this.start;
    return this.context.buildFixes(inputs).map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ start: e.start - start, end: e.end - start, text: e.text })) }));
  }
}

class ObjectContext implements RuleContext<string> {
  constructor(
    private readonly rule: Rule,
    readonly object: K8sObject,
    private readonly input: ChunkInput,
    private readonly result: ChunkAnalysis,
    readonly objectStart: number,
    private readonly documentObjects: readonly K8sObject[],
  ) {}

  get withFixes(): boolean {
    return Boolean(this.input.options.withFixes);
  }

  private fixSource(): FixSource {
    return { text: this.input.original, templateRegions: this.input.regions, style: this.input.style() };
  }

  fileObjects(kinds?: readonly string[]): FileObject[] {
    if (!this.input.options.withFixes) return [];
    const here = { source: this.fixSource(), offset: 0 };
    const all = [...this.documentObjects.filter((o) => o !== this.object).map((object) => ({ object, document: here })), ...(this.input.otherObjects?.() ?? [])];
    return kinds ? all.filter((f) => kinds.includes(f.object.kind)) : all;
  }

  get config(): ResolvedConfig {
    return this.input.options.config;
  }
  get partial(): boolean {
    return Boolean(this.input.options.partial);
  }

  sourceOf(node: YNode): string {
    const [s, e] = node.range;
    return this.input.original.slice(s, e);
  }

  report(d: ReportDescriptor<string>): void {
    let range: [number, number];
    if (d.range) range = d.range;
    else if (d.node) {
      range = d.at === 'key' ? d.node.keyRange : d.node.range;
      if (range[1] <= range[0] && d.node.keyNode?.range) range = d.node.keyRange; // `key:` with no value
    } else range = this.object.root.get('kind')?.range ?? [this.objectStart, this.objectStart];
    range = this.singleLine(range);
    this.push(range, d.messageId, d.data, d.fix, d.severity);
  }

  reportMissing(d: MissingDescriptor<string>): void {
    if (this.isUncertain(d.parent)) return;
    const anchor = d.parent === this.object.root ? (this.object.root.get('kind')?.range ?? d.parent.anchorRange) : d.parent.anchorRange;
    this.push(this.singleLine(anchor), d.messageId, d.data, d.fix, d.severity);
  }

  isUncertain(node: YNode): boolean {
    return isUncertain(node, this.input);
  }

  singleLine([s, e]: [number, number]): [number, number] {
    const text = this.input.parse;
    const nl = text.indexOf('\n', s);
    if (nl !== -1 && nl < e) {
      const end = text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      return [s, Math.max(end, s)];
    }
    return [s, e];
  }

  private push(range: [number, number], messageId: string, data: Record<string, string | number> | undefined, fix: FixInput | readonly FixInput[] | undefined, severity: Severity | undefined): void {
    const meta = this.rule.meta;
    const template = (meta.messages as Record<string, string>)[messageId];
    if (template === undefined) throw new Error(`${meta.id}: unknown messageId "${messageId}"`);
    const configured = configuredSeverity(this.config, meta.id);
    const finding: Finding = {
      ruleId: meta.id,
      messageId,
      severity: configured ?? severity ?? this.input.plan.severity.get(meta.id) ?? meta.severity,
      message: format(template, data),
      start: range[0],
      end: range[1],
      object: objectRef(this.object),
      locus: locusOf(this.object.root.node, range[0], range[1], this.input.original),
    };
    if (meta.deprecation) finding.deprecated = true;
    if (this.input.options.withFixes && fix) {
      const fixes = this.buildFixes(Array.isArray(fix) ? (fix as readonly FixInput[]) : [fix as FixInput]);
      if (fixes.length > 0) finding.fixes = fixes;
    }
    this.result.findings.push(finding);
  }

  buildFixes(inputs: readonly FixInput[]): Fix[] {
    const meta = this.rule.meta;
    const out: Fix[] = [];
    const source = this.fixSource();
    inputs.forEach((input, i) => {
      const spec = typeof input === 'function' ? { apply: input } : input;
      const builder = new EditBuilder(source);
      try {
        spec.apply(builder);
        const edits = builder.build();
        if (edits.length === 0) return;
        // Applying must actually change the text (edits in other documents always do).
        const local = edits.every((e) => e.start >= 0 && e.end <= source.text.length);
        if (local && applyEdits(source.text, edits) === source.text) return;
        let applicability: Applicability = spec.applicability ?? meta.fix.applicability ?? 'unsafe';
        if (applicability === 'safe' && (builder.removesComments || builder.placeholders.length > 0)) applicability = 'unsafe';
        const title = spec.title ?? meta.fix.title ?? `Fix ${meta.id}`;
        const fix: Fix = { title, applicability, edits, preferred: spec.preferred ?? i === 0 };
        if (builder.placeholders.length > 0) fix.placeholders = [...new Set(builder.placeholders)];
        out.push(fix);
      } catch (error) {
        if (!(error instanceof NoFix)) this.result.ruleErrors.push({ ruleId: meta.id, message: `fix failed: ${String(error)}` });
      }
    });
    return out;
  }
}

function isUncertain(node: YNode, input: ChunkInput): boolean {
  if (input.options.partial) return true;
  // A template standing where keys would be (a templated key or whole value).
  // A template inside a value (`image: "{{ … }}"`) hides no key of its mapping.
  if (hidesKeys(node)) return true;
  // Whole-line actions that print text (`{{- toYaml . | nindent 12 }}`) inside
  // the node's span, or right after its last line, may supply the field; the
  // document's last key spans to the end of its chunk. `if`/`end`/`range`
  // lines print nothing: what they wrap is visible.
  const [start, spanEnd] = spanOf(node, input.parse.length);
  const end = Math.max(spanEnd, skipBlank(input.parse, spanEnd));
  if (hasActionLineIn(input.actionLines, start, end)) return true;
  // A merge key could bring the field in; we resolve merges, but stay modest.
  if (node.isMap && (node.node as { items: Array<{ key: unknown }> }).items.some((p) => isMergeKey(p.key))) return true;
  return false;
}

function isMergeKey(key: unknown): boolean {
  const k = key as { value?: unknown } | null;
  return Boolean(k && (typeof k.value === 'symbol' || k.value === '<<'));
}

/**
 * True when a template action stands where keys or items would be: a
 * templated scalar (`securityContext: {{ toYaml … }}`), a templated key, or a
 * templated list item. A template inside a value (`image: "{{ … }}"`) hides
 * no key of the mapping that holds it.
 */
function hidesKeys(node: YNode): boolean {
  if (node.isScalar) return node.templated;
  if (node.isMap) return node.keys().some((k) => k.includes(SENTINEL));
  if (node.isSeq) return node.items().some((i) => i.isScalar && i.templated);
  return node.templated;
}

/** Offset of the first non-white character at or after `offset` (white space only, line breaks included). */
function skipBlank(text: string, offset: number): number {
  let i = offset;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    i++;
  }
  return i;
}

/**
 * From a node's key to where its next sibling starts: action lines there may
 * belong to it. A document's root spans to the end of its chunk (`docEnd`).
 */
function spanOf(node: YNode, docEnd: number): [number, number] {
  const start = node.keyNode?.range?.[0] ?? node.range[0];
  let end = node.range[1];
  const parent = node.parent;
  if (!parent) end = Math.max(end, docEnd);
  else if (parent.isMap && node.pair) {
    const items = (parent.node as { items: Array<{ key: { range?: number[] } | null }> }).items;
    const index = items.indexOf(node.pair as never);
    const next = index === -1 ? undefined : items[index + 1];
    end = next?.key?.range ? next.key.range[0]! : Math.max(end, spanOf(parent, docEnd)[1]);
  } else if (parent.isSeq && node.index !== undefined) {
    const next = (parent.node as { items: Array<{ range?: number[] } | null> }).items[node.index + 1];
    end = next?.range ? next.range[0]! : Math.max(end, spanOf(parent, docEnd)[1]);
  }
  return [start, Math.max(start, end)];
}

// ---------------------------------------------------------------- files

/** The ids of a rule list, so a cache never serves one list's findings for another (a fresh array of the same rules is the same). */
const ruleSetIds = new WeakMap<readonly Rule[], string>();
function ruleSetId(rules: readonly Rule[]): string {
  let id = ruleSetIds.get(rules);
  if (id === undefined) ruleSetIds.set(rules, (id = rules.map((r) => r.meta.id).join(',')));
  return id;
}

/**
 * Analyses files, reusing the results of documents whose text did not change.
 * One analyzer per open document in the server; the CLI uses one per file.
 */
export class FileAnalyzer {
  private cache = new Map<string, ChunkAnalysis>();
  private fingerprint = '';
  /** The line index of the last text analysed: analysing the same text again (the CLI's second pass, a re-check) reuses it. */
  private lines: LineIndex | undefined;

  /** Drops every cached result (memory released when a document closes). */
  clear(): void {
    this.cache.clear();
    this.lines = undefined;
  }

  get cachedDocuments(): number {
    return this.cache.size;
  }

  /** What the cache holds, for another thread's analyzer of the same file (see AnalyzeOptions.claim). */
  exportCache(): CachedDocuments {
    return { fingerprint: this.fingerprint, entries: [...this.cache] };
  }

  /**
   * Adds analyses made by another analyzer under the same configuration and
   * rules (a new analyzer takes them as they are); others are ignored.
   */
  importCache(cached: CachedDocuments): void {
    if (this.fingerprint === '' && this.cache.size === 0) this.fingerprint = cached.fingerprint;
    if (cached.fingerprint !== this.fingerprint) return;
    for (const [key, analysis] of cached.entries) if (!this.cache.has(key)) this.cache.set(key, analysis as ChunkAnalysis);
  }

  analyze(text: string, options: AnalyzeOptions): FileResult {
    const steps = this.analyzeInSteps(text, options);
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
    }
  }

  /**
   * The same analysis, yielding after each parsed document, so a caller can
   * interleave other work and abandon a superseded version.
   */
  *analyzeInSteps(text: string, options: AnalyzeOptions): Generator<void, FileResult, void> {
    const { config } = options;
    const plan = planFor(options.rules, config);
    const lines = this.lines?.text === text ? this.lines : (this.lines = new LineIndex(text));
    const file = options.file ?? '';
    const result: FileResult = { findings: [], summaries: [], kubernetes: false, lines, documentCount: 0, ruleErrors: [], parsedDocuments: 0 };

    if (text.length > config.maxFileSize) {
      if (looksLikeManifest(text.slice(0, 65536)) && plan.active.has('analysis-skipped')) {
        result.kubernetes = true;
        result.findings.push({
          ruleId: 'analysis-skipped',
          severity: plan.severity.get('analysis-skipped') ?? 'info',
          message: `Kubeward skipped this file: it is ${(text.length / 1048576).toFixed(1)} MB, above the ${(config.maxFileSize / 1048576).toFixed(1)} MB limit (setting maxFileSize). Nothing in it was checked.`,
          start: 0,
          end: lines.lineEnd(0),
        });
      }
      return result;
    }
    if (isBinary(text)) return result;

    const fingerprint = `${config.fingerprint}|${options.partial ? 1 : 0}|${ruleSetId(options.rules)}`;
    if (fingerprint !== this.fingerprint) {
      this.cache.clear();
      this.fingerprint = fingerprint;
    }

    const mask = maskTemplates(text);
    const parseText = mask?.text ?? text;
    const chunks = splitDocuments(parseText);
    result.documentCount = chunks.length;
    let style: SourceStyle | undefined;
    const styleOf = () => (style ??= text.length > 0 ? detectStyle(text, detectEol(text)) : DEFAULT_STYLE);
    const useCache = !options.withFixes && !options.range;
    const nextCache = new Map<string, ChunkAnalysis>();
    const annotations: AnnotationSuppression[] = [];
    // Other documents' objects, parsed only if a fix asks for them.
    const parsedChunks = new Map<Chunk, { objects: K8sObject[]; source: FixSource }>();
    const chunkObjects = (c: Chunk) => {
      let parsed = parsedChunks.get(c);
      if (!parsed) {
        const regions = mask ? clampRegions(mask.regions, c.start, c.end) : [];
        parsed = {
          objects: objectsOfText(parseText.slice(c.start, c.end), regions),
          source: { text: text.slice(c.start, c.end), templateRegions: regions, style: styleOf() },
        };
        parsedChunks.set(c, parsed);
      }
      return parsed;
    };
    const otherObjects = (current: Chunk) => (): FileObject[] =>
      chunks
        .filter((c) => c !== current)
        .flatMap((c) => {
          const { objects, source } = chunkObjects(c);
          return objects.map((object) => ({ object, document: { source, offset: c.start - current.start } }));
        });

    let documentIndex = -1;
    for (const chunk of chunks) {
      documentIndex++;
      if (options.range && (chunk.end < options.range[0] || chunk.start > options.range[1])) continue;
      // Keyed by the original text (rules may read template text), and by the
      // masked text too, as an unterminated action can change how the next chunk masks.
      const key = `${hashRange(text, chunk.start, chunk.end)}:${mask ? hashRange(parseText, chunk.start, chunk.end) : ''}:${chunk.end - chunk.start}`;
      const known = useCache ? this.cache.get(key) : undefined;
      let analysis = known ?? (useCache ? nextCache.get(key) : undefined);
      // Another thread analyses this document (AnalyzeOptions.claim). A repeat
      // of a document analysed in this run is claimed too: only one thread has it.
      if (!known && options.claim && !options.claim(documentIndex) && !analysis) continue;
      if (!analysis) {
        const original = text.slice(chunk.start, chunk.end);
        const parse = mask ? parseText.slice(chunk.start, chunk.end) : original;
        analysis = compact(analyzeChunk({
          original,
          parse,
          regions: mask ? clampRegions(mask.regions, chunk.start, chunk.end) : [],
          printing: mask ? clampRegions(mask.printing, chunk.start, chunk.end) : [],
          actionLines: mask ? mask.actionLines.filter((o) => o >= chunk.start && o < chunk.end).map((o) => o - chunk.start) : [],
          plan,
          options,
          style: styleOf,
          file,
          otherObjects: options.withFixes ? otherObjects(chunk) : undefined,
        }));
        result.parsedDocuments++;
        if (useCache) nextCache.set(key, analysis);
        yield;
      } else if (useCache) nextCache.set(key, analysis);
      // A shared pass only fills the cache: the result comes from the pass after it.
      if (options.claim) continue;

      const by = chunk.start;
      for (const f of analysis.findings) {
        const shifted: Finding = { ...f, start: f.start + by, end: f.end + by };
        if (f.fixes) shifted.fixes = f.fixes.map((fix) => shiftFix(fix, by));
        result.findings.push(shifted);
      }
      for (const s of analysis.summaries) result.summaries.push(shiftSummary(s, by, file));
      for (const a of analysis.annotations) {
        const shifted: AnnotationSuppression = { ...a, objectStart: a.objectStart + by, objectEnd: a.objectEnd + by, start: a.start + by, end: a.end + by };
        if (a.removal) shifted.removal = shiftEdits(a.removal, by);
        annotations.push(shifted);
      }
      if (analysis.kubernetes) result.kubernetes = true;
      result.ruleErrors.push(...analysis.ruleErrors);
    }
    if (useCache) this.cache = nextCache;
    if (options.claim) return result;

    // Cross-document rules, from summaries only.
    const index = typeof options.workspace === 'function' ? options.workspace(result.summaries) : options.workspace;
    if (index && plan.workspaceRules.length > 0) {
      for (const summary of result.summaries) {
        for (const rule of plan.workspaceRules) runWorkspaceRule(rule, summary, index, options, plan, result);
      }
    }

    if (!result.kubernetes) {
      // Not a manifest: no findings at all, whatever the comments say.
      result.findings = [];
      return result;
    }

    const directives = parseDirectives(text, lines);
    const { kept, unused, refused } = applySuppressions(result.findings, directives, annotations, lines, {
      reportUnused: !options.range && plan.active.has('unused-suppression'),
      knownRuleIds: plan.known,
      unsuppressible: new Set(['unused-suppression']),
      // Cross-document rules decide only with a complete workspace index.
      undecided: index?.complete ? undefined : new Set(plan.workspaceRules.map((r) => r.meta.id)),
      enforced: config.enforce.length > 0 ? (ruleId) => isEnforced(config.enforce, ruleId) : undefined,
    });
    for (const u of unused) {
      u.severity = plan.severity.get('unused-suppression') ?? 'hint';
      if (options.withFixes && u.removal) u.fixes = [{ title: 'Remove the unused suppression', applicability: 'safe', edits: u.removal, preferred: true }];
      delete u.removal;
    }
    for (const r of refused) r.severity = plan.severity.get('suppression-enforced') ?? 'warning';
    // Exceptions of .kubeward.yaml: reviewed waivers, which enforced rules honour too.
    const excepted = config.exceptions.length > 0 ? kept.filter((f) => !config.exceptions.some((e) => exceptionCovers(e, f, options.scope ?? {}))) : kept;
    result.findings = [...excepted, ...unused, ...(plan.active.has('suppression-enforced') ? refused : [])].sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
    // Findings built without a node (cross-document, engine) are known by their text.
    for (const f of result.findings) f.locus ??= { path: '', value: normaliseValue(text.slice(f.start, f.end)) };
    return result;
  }
}

function runWorkspaceRule(rule: Rule, summary: ObjectSummary, index: WorkspaceIndex, options: AnalyzeOptions, plan: RulePlan, result: FileResult): void {
  const kinds = rule.meta.kinds;
  if (kinds !== '*' && !kinds.includes(summary.kind)) return;
  try {
    rule.checkWorkspace!({
      summary,
      index,
      config: options.config,
      report: (d) => {
        const finding: Finding = {
          ruleId: rule.meta.id,
          messageId: d.messageId,
          severity: configuredSeverity(options.config, rule.meta.id) ?? d.severity ?? plan.severity.get(rule.meta.id) ?? rule.meta.severity,
          message: format((rule.meta.messages as Record<string, string>)[d.messageId] ?? d.messageId, d.data),
          start: d.range[0],
          end: d.range[1],
          object: { kind: summary.kind, name: summary.name, namespace: summary.namespace },
        };
        if (rule.meta.deprecation) finding.deprecated = true;
        const fixes = options.withFixes ? (typeof d.fix === 'function' ? d.fix() : d.fix) : undefined;
        if (fixes?.length) {
          finding.fixes = fixes.map((f, i) => {
            const fix: Fix = { title: f.title, applicability: f.applicability, edits: f.edits, preferred: f.preferred ?? i === 0 };
            if (f.placeholders?.length) fix.placeholders = f.placeholders;
            return fix;
          });
        }
        result.findings.push(finding);
      },
    });
  } catch (error) {
    result.ruleErrors.push({ ruleId: rule.meta.id, message: String(error) });
  }
}

/** Binary junk: NUL bytes or mostly control characters in the first 8 KB. */
function isBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  if (sample.includes('\u0000')) return true;
  // Text files have no control character at all: one native scan decides most files.
  if (!/[\x01-\x08\x0b\x0c\x0e-\x1f\ufffd]/.test(sample)) return false;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1;
}

export { ENGINE_RULES, overlapsRegion };
