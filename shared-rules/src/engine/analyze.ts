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
import { shiftEdits, shiftFix } from '../fix/edit';
import type { FixSource } from '../fix/edit-builder';
import { DEFAULT_STYLE, detectStyle, type SourceStyle } from '../fix/emit';
import type { K8sObject } from '../k8s/objects';
import { hashRange } from '../text/hash';
import { detectEol, LineIndex } from '../text/line-index';
import { documentText, splitFile } from '../yaml/documents';
import type { Chunk } from '../yaml/split';
import { compact, type ChunkAnalysis } from './chunk';
import { analyzeChunk, objectsOfText } from './document';
import { isBinary, oversizeFinding } from './limits';
import type { AnalyzeOptions, CachedDocuments, FileResult } from './options';
import { planFor, ruleSetId } from './plan';
import type { FileObject } from './rule';
import { exceptionCovers, isEnforced } from './exceptions';
import { normaliseValue } from './fingerprint';
import { parsePeerDirectives } from './peer-suppressions';
import { applySuppressions, NOT_BY_ANNOTATION, NOT_BY_COMMENT, parseDirectives, type AnnotationSuppression } from './suppress';
import type { Finding } from './types';
import { shiftSummary } from './workspace';
import { runWorkspaceRule } from './workspace-pass';

export type { AnalyzeOptions, CachedDocuments, FileResult, RuleError } from './options';
export { ENGINE_RULES, isRuleActive } from './plan';

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
      const skipped = oversizeFinding(text, config.maxFileSize, plan, lines);
      if (skipped) {
        result.kubernetes = true;
        result.findings.push(skipped);
      }
      return result;
    }
    if (isBinary(text)) return result;

    const fingerprint = `${config.fingerprint}|${options.partial ? 1 : 0}|${ruleSetId(options.rules)}`;
    if (fingerprint !== this.fingerprint) {
      this.cache.clear();
      this.fingerprint = fingerprint;
    }

    const split = splitFile(text);
    const { mask, parseText, chunks } = split;
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
        const document = documentText(split, c);
        parsed = {
          objects: objectsOfText(document.parse, document.regions),
          source: { text: document.original, templateRegions: document.regions, style: styleOf() },
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
        const { original, parse, regions, actionLines } = documentText(split, chunk);
        analysis = compact(
          analyzeChunk({
            original,
            parse,
            regions,
            actionLines,
            plan,
            options,
            style: styleOf,
            file,
            otherObjects: options.withFixes ? otherObjects(chunk) : undefined,
          }),
        );
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
    if (config.peerSuppressions) directives.push(...parsePeerDirectives(text, lines, options.rules));
    const { kept, unused, refused } = applySuppressions(result.findings, directives, annotations, lines, {
      reportUnused: !options.range && plan.active.has('unused-suppression'),
      knownRuleIds: plan.known,
      unsuppressible: NOT_BY_COMMENT,
      notByAnnotation: NOT_BY_ANNOTATION,
      // Without a complete index a cross-document rule may still report (from another file): keep its suppressions.
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
    result.findings = [...excepted, ...unused, ...(plan.active.has('suppression-enforced') ? refused : [])].sort(
      (a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId),
    );
    // Findings built without a node (cross-document, engine) are known by their text.
    for (const f of result.findings) f.locus ??= { path: '', value: normaliseValue(text.slice(f.start, f.end)) };
    const map = options.sourceMap;
    if (map)
      for (const f of result.findings) {
        const source = map.toSource(f.start, f.end);
        if (source) f.source = source;
      }
    return result;
  }
}
