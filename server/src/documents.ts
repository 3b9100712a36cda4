/**
 * Open documents and their analyses.
 *
 * Each open document keeps one FileAnalyzer, whose cache holds the findings of
 * every YAML document of the file by content, so after an edit only the edited
 * document is parsed again. Changes are debounced briefly (`debounceMs`, 30 ms
 * by default); one analysis runs at a time, and it yields to the event loop
 * after each parsed document, so a newer version of the file abandons the work
 * on an older one. A version is published only while it is still the
 * document's current version. Closing a document releases its cache.
 * The first analysis of a large file (nothing cached yet) is shared with a
 * helper thread (parallel.ts): each takes the next document not yet taken.
 */
import {
  CancellationToken,
  TextDocuments,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  FileAnalyzer,
  isKustomizationFile,
  isRuleActive,
  LineIndex,
  parseConfigFile,
  type AnalyzeOptions,
  type FileResult,
  type Finding,
  type ObjectSummary,
  type Rule,
  type RuleError,
  type WorkspaceIndex,
} from '../../shared-rules/src/index';
import { yieldToEventLoop } from '../../shared-rules/src/host/files';
import { applyBaseline } from './baseline';
import { toDiagnostics, type Publisher } from './diagnostics';
import type { AnalysisHelper } from './parallel';
import { isConfigFileName, type DocumentSettings, type Settings } from './settings';
import { uriToPath } from './uri';

export interface AnalysisResult {
  uri: string;
  version: number;
  findings: Finding[];
  lines: LineIndex;
  diagnostics: Diagnostic[];
  ruleErrors: RuleError[];
  /** Changes with every new result (pull diagnostics answer "unchanged" otherwise). */
  resultId: string;
  settings: DocumentSettings;
  /** Rules that ran. */
  rulesActive: number;
  /** The file holds a Kubernetes object (the status counts these files only). */
  kubernetes: boolean;
}

export interface DocumentsHost {
  connection: Connection;
  settings: Settings;
  publisher: Publisher;
  rules: readonly Rule[];
  knownRuleIds: ReadonlySet<string>;
  /** Shares the first analysis of large files with a second thread (absent: one thread). */
  helper?: AnalysisHelper;
  workspace: {
    readonly index: WorkspaceIndex;
    /** Replaces the file's summaries; true when what other files see of it changed. */
    update(uri: string, summaries: readonly ObjectSummary[]): boolean;
  };
  onAnalysed(result: AnalysisResult): void;
  /** The objects of `uri` changed: other documents' cross-document findings may change. */
  onSummariesChanged(uri: string): void;
  onOpened(uri: string): void;
  onClosed(uri: string): void;
  /** A configuration or kustomization file was saved. */
  onProjectFileSaved(uri: string): void;
}

interface Waiter {
  minVersion: number | undefined;
  resolve(result: AnalysisResult | undefined): void;
}

interface DocumentState {
  uri: string;
  analyzer: FileAnalyzer;
  result?: AnalysisResult;
  /** The current result must be recomputed though the text did not change (settings, other files). */
  stale: boolean;
  /** Pull mode: the next result was not asked for by the client, so it must be told to pull. */
  refresh: boolean;
  timer?: NodeJS.Timeout;
  waiters: Waiter[];
  isConfig: boolean;
  /** Opened and not yet analysed: the first analysis runs at once, without debounce. */
  fresh: boolean;
  /** The text and findings last published in full: what a half-typed line is compared with. */
  settled?: { text: string; findings: Finding[] };
  /** The text of the last analysis: what the lines being typed are found from. */
  lastText?: string;
  /** Publishes the syntax error held back while a line is being typed. */
  calmTimer?: NodeJS.Timeout;
}

/** A syntax error on the line being typed (a key half written: `securi`) is shown once typing pauses this long (see `calmFindings`). */
export const CALM_SYNTAX_MS = 1000;

/** Analyses slower than this are logged (the first analysis of each document always is). */
const SLOW_ANALYSIS_MS = 200;

/** Longest stretch of analysis between two turns of the event loop. */
const YIELD_EVERY_MS = 8;

let resultCounter = 0;

export function hasActiveWorkspaceRules(rules: readonly Rule[], settings: DocumentSettings): boolean {
  return rules.some((r) => r.checkWorkspace && isRuleActive(r, settings.config));
}

export function countActiveRules(rules: readonly Rule[], settings: DocumentSettings): number {
  return rules.filter((r) => isRuleActive(r, settings.config)).length;
}

export class Documents {
  readonly text = new TextDocuments(TextDocument);
  private readonly states = new Map<string, DocumentState>();
  private readonly urgent = new Set<string>();
  private readonly background = new Set<string>();
  private pumping = false;
  private disposed = false;

  constructor(private readonly host: DocumentsHost) {
    this.text.onDidOpen((e) => this.opened(e.document));
    this.text.onDidChangeContent((e) => this.changed(e.document));
    this.text.onDidSave((e) => this.saved(e.document));
    this.text.onDidClose((e) => this.closed(e.document));
  }

  listen(connection: Connection): void {
    this.text.listen(connection);
  }

  get(uri: string): TextDocument | undefined {
    return this.text.get(uri);
  }

  uris(): string[] {
    return [...this.states.keys()];
  }

  /** Results of documents whose last analysis is current. */
  results(): AnalysisResult[] {
    return [...this.states.values()].flatMap((s) => (s.result ? [s.result] : []));
  }

  /** The latest result, when it is for the document's current version. */
  current(uri: string): AnalysisResult | undefined {
    const state = this.states.get(uri);
    const doc = this.text.get(uri);
    return state?.result && doc && state.result.version === doc.version ? state.result : undefined;
  }

  /** The options the document was (or will be) analysed with, for code actions and commands. */
  analyzeOptions(uri: string, settings: DocumentSettings): AnalyzeOptions {
    const options: AnalyzeOptions = { rules: this.host.rules, config: settings.config, file: uri, partial: settings.partial, scope: settings.scope };
    if (hasActiveWorkspaceRules(this.host.rules, settings)) options.workspace = this.host.workspace.index;
    return options;
  }

  // ---------------------------------------------------------------- events

  private opened(doc: TextDocument): void {
    const path = uriToPath(doc.uri);
    this.states.set(doc.uri, {
      uri: doc.uri,
      analyzer: new FileAnalyzer(),
      stale: false,
      refresh: false,
      waiters: [],
      isConfig: path !== undefined && isConfigFileName(path),
      fresh: true,
    });
    this.host.onOpened(doc.uri);
  }

  private changed(doc: TextDocument): void {
    const state = this.states.get(doc.uri);
    if (!state) return;
    if (state.calmTimer) clearTimeout(state.calmTimer);
    state.calmTimer = undefined;
    if (state.fresh) {
      this.schedule(doc.uri, 0);
      return;
    }
    // Settings are normally known by now; until then the default debounce applies.
    const settings = this.host.settings.knownSettings(doc.uri);
    if (settings.run === 'onSave' && !state.isConfig) return;
    this.schedule(doc.uri, settings.debounceMs);
  }

  private saved(doc: TextDocument): void {
    const state = this.states.get(doc.uri);
    if (!state) return;
    const path = uriToPath(doc.uri);
    if (path && (state.isConfig || isKustomizationFile(path))) this.host.onProjectFileSaved(doc.uri);
    if (this.host.settings.knownSettings(doc.uri).run === 'onSave') {
      state.refresh = true;
      state.stale = true;
      this.schedule(doc.uri, 0);
    }
  }

  private closed(doc: TextDocument): void {
    const state = this.states.get(doc.uri);
    if (!state) return;
    if (state.timer) clearTimeout(state.timer);
    if (state.calmTimer) clearTimeout(state.calmTimer);
    this.urgent.delete(doc.uri);
    this.background.delete(doc.uri);
    state.analyzer.clear();
    this.states.delete(doc.uri);
    for (const waiter of state.waiters) waiter.resolve(undefined);
    this.host.settings.forget(doc.uri);
    this.host.onClosed(doc.uri);
  }

  // ---------------------------------------------------------------- scheduling

  /** Analyse again soon, after `delay` ms (the debounce). */
  schedule(uri: string, delay: number, background = false): void {
    const state = this.states.get(uri);
    if (!state || this.disposed) return;
    if (state.timer) clearTimeout(state.timer);
    state.timer = undefined;
    this.urgent.delete(uri);
    this.background.delete(uri);
    if (delay <= 0) {
      (background ? this.background : this.urgent).add(uri);
      void this.pump();
    } else {
      state.timer = setTimeout(() => {
        state.timer = undefined;
        (background ? this.background : this.urgent).add(uri);
        void this.pump();
      }, delay);
    }
  }

  /** Every open document (except `except`) again: settings or other files changed. Cached documents are not parsed again. */
  recheckAll(except?: string): void {
    for (const state of this.states.values()) {
      if (state.uri === except) continue;
      state.stale = true;
      state.refresh = true;
      if (!state.timer && !this.urgent.has(state.uri)) this.schedule(state.uri, 0, true);
    }
  }

  private isPending(uri: string): boolean {
    return Boolean(this.states.get(uri)?.timer) || this.urgent.has(uri) || this.background.has(uri);
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        const uri = first(this.urgent) ?? first(this.background);
        if (uri === undefined || this.disposed) break;
        this.urgent.delete(uri);
        this.background.delete(uri);
        try {
          await this.run(uri);
        } catch (error) {
          this.host.connection.console.error(`Kubeward: analysis of ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  // ---------------------------------------------------------------- analysis

  private async run(uri: string): Promise<void> {
    const state = this.states.get(uri);
    const doc = this.text.get(uri);
    if (!state || !doc) return;
    const version = doc.version;
    if (state.result && state.result.version === version && !state.stale) {
      this.settle(state);
      return;
    }
    const superseded = () => this.states.get(uri) !== state || this.text.get(uri)?.version !== version;
    // Taken by this run: a recheck asked for while it runs sets it again for the next run.
    const refresh = state.refresh;
    state.refresh = false;
    const abandon = () => {
      if (refresh && this.states.get(uri) === state) state.refresh = true;
      // A newer version is scheduled by its change; make sure of it (onSave mode schedules nothing).
      if (this.states.get(uri) === state && !this.isPending(uri)) this.schedule(uri, this.host.settings.knownSettings(uri).debounceMs);
    };
    const first = state.result === undefined;
    const started = performance.now();
    state.fresh = false;
    state.stale = false;
    const settings = await this.host.settings.forDocument(uri);
    if (superseded()) return abandon();
    const text = doc.getText();

    let file: { findings: Finding[]; lines: LineIndex; ruleErrors: RuleError[]; kubernetes?: boolean };
    let rulesActive = 0;
    if (!settings.enable || settings.ignored) {
      file = { findings: [], lines: new LineIndex(text), ruleErrors: [] };
    } else if (state.isConfig) {
      // `.kubeward.yaml` itself: its problems, live as it is typed (none while untrusted: it is ignored).
      const findings = this.host.settings.trusted ? parseConfigFile(text, this.host.knownRuleIds).findings : [];
      file = { findings, lines: new LineIndex(text), ruleErrors: [] };
    } else {
      const options: AnalyzeOptions = { rules: this.host.rules, config: settings.config, file: uri, partial: settings.partial, scope: settings.scope };
      // Nothing cached (just opened, or new settings) and a large file: a helper thread takes half the documents.
      const shared =
        state.analyzer.cachedDocuments === 0 ? this.host.helper?.start(text, { config: settings.config, file: uri, partial: settings.partial }) : undefined;
      if (shared) {
        const mine = await this.steps(state.analyzer.analyzeInSteps(text, { ...options, claim: (index) => shared.claim(index) }), superseded);
        if (!mine) {
          shared.cancel();
          return abandon();
        }
        const theirs = await shared.done;
        if (superseded()) return abandon();
        if (theirs) state.analyzer.importCache(theirs);
      }
      // Cross-document rules see this file as it is now: the index is updated
      // with its summaries within the analysis, then the workspace pass runs.
      let indexed = false;
      let summariesChanged = false;
      if (hasActiveWorkspaceRules(this.host.rules, settings)) {
        options.workspace = (summaries) => {
          indexed = true;
          summariesChanged = this.host.workspace.update(uri, summaries);
          return this.host.workspace.index;
        };
      }
      const result = await this.steps(state.analyzer.analyzeInSteps(text, options), superseded);
      if (!result) return abandon();
      if (options.workspace && !indexed) summariesChanged = this.host.workspace.update(uri, result.summaries);
      if (summariesChanged) this.host.onSummariesChanged(uri);
      file = result;
      rulesActive = countActiveRules(this.host.rules, settings);
    }
    if (superseded()) return abandon();

    // The document stopped parsing: the findings the edit cannot have changed stay, and a syntax error
    // on the line being typed waits for a pause.
    const calm =
      state.settled && state.lastText !== undefined && !state.isConfig ? calmFindings(state.settled, state.lastText, text, file.findings) : undefined;
    state.lastText = text;
    if (state.calmTimer) clearTimeout(state.calmTimer);
    state.calmTimer = undefined;
    if (!calm) state.settled = { text, findings: file.findings };
    else if (calm.held.length > 0) {
      const all = [...calm.shown, ...calm.held].sort((a, b) => a.start - b.start || a.end - b.end);
      state.calmTimer = setTimeout(() => this.release(uri, state, version, all), CALM_SYNTAX_MS);
    }
    const shown = calm ? calm.shown : file.findings;

    const result: AnalysisResult = {
      uri,
      version,
      findings: applyBaseline(shown, settings.baseline),
      lines: file.lines,
      diagnostics: [],
      ruleErrors: file.ruleErrors,
      resultId: String(++resultCounter),
      settings,
      rulesActive,
      kubernetes: file.kubernetes === true,
    };
    result.diagnostics = toDiagnostics(result.findings, file.lines);
    state.result = result;
    // The output channel: where a document's configuration comes from, and what analyses cost.
    const ms = performance.now() - started;
    if (first || ms > SLOW_ANALYSIS_MS) {
      const source = settings.configFile ? `${settings.configFile} and the editor's settings` : "the editor's settings (no .kubeward.yaml)";
      this.host.connection.console.log(
        `${uri.slice(uri.lastIndexOf('/') + 1)} v${version}: ${shown.length} findings in ${ms.toFixed(1)} ms (${text.length} characters)${first ? `; ${settings.config.profile} profile, ${rulesActive} rules, from ${source}` : ''}`,
      );
    }
    this.host.publisher.open(uri, version, result.diagnostics);
    const asked = state.waiters.length > 0;
    this.settle(state);
    if (refresh && !asked) this.host.publisher.refresh();
    this.host.onAnalysed(result);
  }

  /** Typing paused on a half-typed line: the held-back syntax error is published with the document's findings. */
  private release(uri: string, state: DocumentState, version: number, findings: Finding[]): void {
    state.calmTimer = undefined;
    const result = state.result;
    if (this.states.get(uri) !== state || !result || result.version !== version || this.text.get(uri)?.version !== version) return;
    const shown = applyBaseline(findings, result.settings.baseline);
    state.result = { ...result, findings: shown, diagnostics: toDiagnostics(shown, result.lines), resultId: String(++resultCounter) };
    this.host.publisher.open(uri, version, state.result.diagnostics);
    this.host.publisher.refresh();
  }

  /** Runs an analysis, yielding to the event loop after each parsed document; undefined when superseded meanwhile. */
  private async steps(steps: Generator<void, FileResult, void>, superseded: () => boolean): Promise<FileResult | undefined> {
    let yielded = performance.now();
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
      // Back to the event loop every few milliseconds, not after every document:
      // requests and newer versions still wait at most one slice.
      if (performance.now() - yielded < YIELD_EVERY_MS) continue;
      await yieldToEventLoop();
      yielded = performance.now();
      if (superseded()) {
        steps.return(undefined as never);
        return undefined;
      }
    }
  }

  private settle(state: DocumentState): void {
    const result = state.result;
    if (!result) return;
    const keep: Waiter[] = [];
    for (const waiter of state.waiters) {
      if (waiter.minVersion === undefined || result.version >= waiter.minVersion) waiter.resolve(result);
      else keep.push(waiter);
    }
    state.waiters = keep;
  }

  /**
   * The result for the document at `minVersion` or later (any result when
   * undefined), waiting for the analysis in progress. Undefined when the
   * document closes or the request is cancelled first.
   */
  resultFor(uri: string, minVersion: number | undefined, token: CancellationToken = CancellationToken.None): Promise<AnalysisResult | undefined> {
    const state = this.states.get(uri);
    if (!state) return Promise.resolve(undefined);
    const result = state.result;
    if (result && !state.stale && (minVersion === undefined || result.version >= minVersion)) return Promise.resolve(result);
    if (result && minVersion === undefined) return Promise.resolve(result);
    return new Promise((resolve) => {
      const waiter: Waiter = { minVersion, resolve };
      state.waiters.push(waiter);
      const listener = token.onCancellationRequested(() => {
        state.waiters = state.waiters.filter((w) => w !== waiter);
        resolve(undefined);
      });
      // eslint-disable-next-line @typescript-eslint/unbound-method -- a promise's resolve function, not a method
      const done = waiter.resolve;
      waiter.resolve = (r) => {
        listener.dispose();
        done(r);
      };
      if (!this.isPending(uri)) this.schedule(uri, 0);
    });
  }

  /** `textDocument/diagnostic`: the diagnostics of the current version (onSave: of the last analysis). */
  async pull(params: DocumentDiagnosticParams, token: CancellationToken): Promise<DocumentDiagnosticReport | undefined> {
    const uri = params.textDocument.uri;
    const doc = this.text.get(uri);
    if (!doc) return { kind: 'full', items: [] };
    const onSave = this.host.settings.knownSettings(uri).run === 'onSave';
    const result = await this.resultFor(uri, onSave ? undefined : doc.version, token);
    if (!result) return token.isCancellationRequested ? undefined : { kind: 'full', items: [] };
    if (params.previousResultId === result.resultId) return { kind: 'unchanged', resultId: result.resultId };
    return { kind: 'full', resultId: result.resultId, items: result.diagnostics };
  }

  dispose(): void {
    this.disposed = true;
    for (const state of this.states.values()) {
      if (state.timer) clearTimeout(state.timer);
      for (const waiter of state.waiters) waiter.resolve(undefined);
    }
  }
}

/**
 * A document that no longer parses while it is edited (a key half typed: `securi`). `settled` is the
 * last text published in full, `previous` the text of the last analysis. Answers what to show:
 * the new findings, plus the settled ones outside the lines edited since (shifted by the edit),
 * which the edit cannot have changed but the broken document no longer yields; and, `held` apart,
 * the syntax errors on the lines the last edit typed (or the next: the parser often reports a
 * half-typed key there), shown only once typing pauses. Undefined when `findings` has no syntax error.
 */
export function calmFindings(
  settled: { text: string; findings: readonly Finding[] },
  previous: string,
  text: string,
  findings: readonly Finding[],
): { shown: Finding[]; held: Finding[] } | undefined {
  if (!findings.some((f) => f.ruleId === 'yaml-syntax')) return undefined;
  const typing = changedLines(previous, text);
  const typingEnd = endOfLine(text, typing.end + 1);
  const held = findings.filter((f) => f.ruleId === 'yaml-syntax' && f.start >= typing.start && f.start <= typingEnd);
  const edited = changedLines(settled.text, text);
  const delta = text.length - settled.text.length;
  const shown = findings.filter((f) => !held.includes(f));
  const key = (f: Finding) => `${f.ruleId}:${f.start}:${f.end}:${f.message}`;
  const seen = new Set(findings.map(key));
  for (const f of settled.findings) {
    if (f.ruleId === 'yaml-syntax') continue;
    const moved = f.end <= edited.start ? f : f.start > edited.beforeEnd ? { ...f, start: f.start + delta, end: f.end + delta } : undefined;
    if (!moved || seen.has(key(moved))) continue;
    seen.add(key(moved));
    shown.push(moved);
  }
  shown.sort((a, b) => a.start - b.start || a.end - b.end);
  return { shown, held };
}

/** The whole lines where two texts differ: from `start` to `end` in `after`, to `beforeEnd` in `before`. */
function changedLines(before: string, after: string): { start: number; end: number; beforeEnd: number } {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start: after.lastIndexOf('\n', prefix - 1) + 1, end: endOfLine(after, after.length - suffix), beforeEnd: endOfLine(before, before.length - suffix) };
}

function endOfLine(text: string, offset: number): number {
  const at = text.indexOf('\n', offset);
  return at === -1 ? text.length : at;
}

function first<T>(set: Set<T>): T | undefined {
  for (const value of set) return value;
  return undefined;
}
