/**
 * The workspace: its folders, the index of every object's summary that
 * cross-document rules see (fed by open documents and by reading the
 * manifests on disk), and "Scan workspace", which publishes the findings of
 * every manifest under the workspace folders.
 *
 * Files are read, never evaluated. `node_modules` and `.git` are skipped, and
 * so is whatever the configuration's `ignore` globs name.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CancellationToken, Connection, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { isFile, isManifestName, SKIPPED_DIRECTORIES, yieldToEventLoop } from '../../shared-rules/src/host/files';
import {
  FileAnalyzer,
  pathIgnored,
  WorkspaceObjects,
  type AnalyzeOptions,
  type FileResult,
  type ObjectSummary,
  type Rule,
  type RuleError,
} from '../../shared-rules/src/index';
import type { ScanWorkspaceResult } from '../../shared-rules/src/protocol';
import { applyBaseline } from './baseline';
import { toDiagnostics, type Publisher } from './diagnostics';
import { hasActiveWorkspaceRules } from './documents';
import { isConfigFileName, type DocumentSettings, type Settings } from './settings';
import { fileKey, isInside, pathToUri, uriToPath } from './uri';

export interface WorkspaceHost {
  connection: Connection;
  settings: Settings;
  publisher: Publisher;
  rules: readonly Rule[];
  /** The open document with this file key, if any (its text, not the disk's, is what counts). */
  openUri(key: string): string | undefined;
  /** The index changed in a way other files can see. */
  onIndexChanged(): void;
  onRuleErrors(errors: readonly RuleError[]): void;
}

/**
 * What other files can see of a file's objects is the same (offsets aside).
 * Summaries of documents that did not change share their `labels` and `data`
 * with the previous ones (the analysis cache hands them out again), so after a
 * keystroke only the edited document's summaries are compared in depth.
 */
export function sameSummaries(a: readonly ObjectSummary[], b: readonly ObjectSummary[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.kind !== y.kind || x.apiVersion !== y.apiVersion || x.name !== y.name || x.namespace !== y.namespace || x.partial !== y.partial) return false;
    if (x.labels !== y.labels && JSON.stringify(x.labels) !== JSON.stringify(y.labels)) return false;
    if (x.data !== y.data && JSON.stringify(x.data) !== JSON.stringify(y.data)) return false;
  }
  return true;
}

export class Workspace {
  readonly index = new WorkspaceObjects(false);
  /** Each file's summaries as last indexed. */
  private readonly summaries = new Map<string, readonly ObjectSummary[]>();
  private folderList: Array<{ uri: string; path: string }> = [];
  /** Files whose findings a scan published (file key → uri). */
  private readonly scanned = new Map<string, string>();
  /** The index holds every manifest of the workspace (after a scan or the start-up indexing). */
  private indexedAll = false;
  private generation = 0;
  private running = false;
  /** Manifests the last published scan checked (file keys). */
  private checked = new Set<string>();

  constructor(private readonly host: WorkspaceHost) {}

  setFolders(folders: ReadonlyArray<{ uri: string }>): void {
    this.folderList = folders.flatMap((f) => {
      const p = uriToPath(f.uri);
      return p ? [{ uri: f.uri, path: p }] : [];
    });
  }

  addFolders(added: ReadonlyArray<{ uri: string }>, removed: ReadonlyArray<{ uri: string }>): void {
    const gone = new Set(removed.map((f) => f.uri));
    this.setFolders([...this.folderList.filter((f) => !gone.has(f.uri)), ...added]);
  }

  folders(): string[] {
    return this.folderList.map((f) => f.path);
  }

  folderUris(): string[] {
    return this.folderList.map((f) => f.uri);
  }

  checkedFiles(): ReadonlySet<string> {
    return this.checked;
  }

  get indexed(): boolean {
    return this.indexedAll;
  }

  get scannedCount(): number {
    return this.scanned.size;
  }

  /** Replaces a file's summaries; true when what other files see of it changed. */
  update(uri: string, summaries: readonly ObjectSummary[]): boolean {
    const key = fileKey(uri);
    this.index.setFile(key, summaries);
    const previous = this.summaries.get(key) ?? [];
    if (summaries.length === 0) this.summaries.delete(key);
    else this.summaries.set(key, summaries);
    return !sameSummaries(previous, summaries);
  }

  private remove(key: string): boolean {
    const had = this.summaries.has(key);
    this.index.deleteFile(key);
    this.summaries.delete(key);
    return had;
  }

  /** A document closed: the disk's text counts again (or nothing, when the workspace is not indexed). */
  async documentClosed(uri: string): Promise<void> {
    const key = fileKey(uri);
    const file = uriToPath(uri);
    if ((this.indexedAll || this.scanned.has(key) || this.checked.has(key)) && file && this.inWorkspace(file)) {
      await this.refreshFile(file, 'closed');
      return;
    }
    if (this.remove(key)) this.host.onIndexChanged();
  }

  /** A manifest changed on disk (watched files). Open documents are not affected: their buffer counts. */
  async fileChanged(uri: string, deleted: boolean): Promise<void> {
    const key = fileKey(uri);
    if (this.host.openUri(key)) return;
    const file = uriToPath(uri);
    if (!file) return;
    if (deleted) {
      const changed = this.remove(key);
      this.checked.delete(key);
      const published = this.scanned.get(key);
      if (published) {
        this.scanned.delete(key);
        this.host.publisher.file(published, []);
      }
      if (changed) this.host.onIndexChanged();
      return;
    }
    if (this.indexedAll || this.scanned.has(key) || this.checked.has(key)) await this.refreshFile(file, 'changed');
  }

  private inWorkspace(file: string): boolean {
    return this.folderList.some((f) => isInside(file, f.path));
  }

  /** Reads one file from disk again: its summaries, and its diagnostics when a scan published them. */
  private async refreshFile(file: string, why: 'closed' | 'changed'): Promise<void> {
    const uri = pathToUri(file);
    const key = fileKey(uri);
    const folder = this.folderFor(file);
    const settings = await this.host.settings.forDocument(uri, folder?.uri ?? uri);
    const text = settings.enable && !settings.ignored ? await readText(file) : undefined;
    if (this.host.openUri(key)) return; // reopened meanwhile
    const analyzer = new FileAnalyzer();
    let result: FileResult | undefined;
    if (text !== undefined) {
      const options = { rules: this.host.rules, config: settings.config, file: uri, partial: settings.partial, scope: settings.scope };
      result = await analyzeYielding(analyzer, text, options);
      if (this.host.openUri(key)) return;
      if (hasActiveWorkspaceRules(this.host.rules, settings)) {
        const changed = this.update(uri, result.summaries);
        result = analyzer.analyze(text, { ...options, workspace: this.index });
        if (changed || why === 'closed') this.host.onIndexChanged();
      }
    } else if (this.remove(key)) this.host.onIndexChanged();
    // A file a scan checked shows what is on disk again (and nothing once it is gone or clean).
    if (!this.checked.has(key) && !this.scanned.has(key)) return;
    const diagnostics = result?.kubernetes ? toDiagnostics(applyBaseline(result.findings, settings.baseline), result.lines) : [];
    const previous = this.scanned.get(key);
    if (diagnostics.length > 0) {
      this.host.publisher.file(uri, diagnostics);
      this.scanned.set(key, uri);
      this.checked.add(key);
    } else if (previous !== undefined) {
      this.host.publisher.file(previous, []);
      this.scanned.delete(key);
    }
    if (result) this.host.onRuleErrors(result.ruleErrors);
  }

  private folderFor(file: string): { uri: string; path: string } | undefined {
    return this.folderList.filter((f) => isInside(file, f.path)).sort((a, b) => b.path.length - a.path.length)[0];
  }

  /** Every manifest under the workspace folders, in a stable order, ignored paths pruned. */
  async listFiles(token?: CancellationToken): Promise<string[]> {
    const out: string[] = [];
    const seen = new Set<string>();
    for (const folder of this.folderList) {
      const root = this.host.settings.trusted ? this.host.settings.configStateFor(path.join(folder.path, '.kubeward-probe')) : undefined;
      const ignore = root?.parsed.config.ignore ?? [];
      const base = root ? path.dirname(root.path) : folder.path;
      const skip = (full: string) => {
        if (ignore.length === 0) return false;
        const rel = path.relative(base, full).split(path.sep).join('/');
        return !rel.startsWith('..') && pathIgnored(ignore, rel);
      };
      await walk(folder.path, out, seen, skip, token);
    }
    return out;
  }

  /**
   * Reads and analyses every manifest of the workspace. Builds the index
   * (then complete) for cross-document rules and, with `publish`, publishes
   * the findings of every file that is not open (open documents are checked
   * by their own analyses, which this re-runs against the complete index).
   */
  async scan(options: { publish: boolean; progress?: WorkDoneProgressReporter; token?: CancellationToken }): Promise<ScanWorkspaceResult> {
    // Indexing alone never interrupts a scan in progress (which indexes too); a scan that publishes supersedes any other.
    if (!options.publish && this.running) return { filesChecked: 0, findings: 0, cancelled: true };
    const generation = ++this.generation;
    this.running = true;
    try {
      return await this.scanFiles(generation, options);
    } finally {
      if (generation === this.generation) this.running = false;
    }
  }

  private async scanFiles(
    generation: number,
    options: { publish: boolean; progress?: WorkDoneProgressReporter; token?: CancellationToken },
  ): Promise<ScanWorkspaceResult> {
    const cancelled = () => generation !== this.generation || Boolean(options.token?.isCancellationRequested);
    const { progress } = options;
    progress?.report(0, 'Looking for manifests…');
    const files = await this.listFiles(options.token);
    const settingsFor = (file: string, uri: string) => {
      // Client settings are asked once per folder, not once per file; `.kubeward.yaml` is still per file.
      const scope = this.folderFor(file)?.uri ?? uri;
      return this.host.settings.clientSettings(scope).then((client) => this.host.settings.combine(uri, client));
    };

    interface Pending {
      uri: string;
      key: string;
      text: string;
      analyzer: FileAnalyzer;
      result: FileResult;
      settings: DocumentSettings;
    }
    const second: Pending[] = [];
    // Findings by file key; only kept when they are published.
    const results = new Map<string, { uri: string; result: FileResult }>();
    let filesChecked = 0;
    const checkedKeys: string[] = [];
    let indexChanged = false;
    let lastReport = 0;
    for (let i = 0; i < files.length; i++) {
      if (cancelled()) return { filesChecked, findings: 0, cancelled: true };
      const file = files[i]!;
      const uri = pathToUri(file);
      const key = fileKey(uri);
      const now = Date.now();
      if (progress && (now - lastReport > 100 || i === files.length - 1)) {
        lastReport = now;
        progress.report(Math.floor((i * 100) / Math.max(files.length, 1)), `${i + 1}/${files.length} ${path.basename(file)}`);
      }
      if (isConfigFileName(file)) continue;
      if (this.host.openUri(key)) {
        filesChecked++;
        checkedKeys.push(key);
        continue;
      }
      const settings = await settingsFor(file, uri);
      if (!settings.enable || settings.ignored) {
        if (this.remove(key)) indexChanged = true;
        continue;
      }
      const text = await readText(file);
      if (text === undefined) continue;
      const analyzer = new FileAnalyzer();
      const analyzeOptions = { rules: this.host.rules, config: settings.config, file: uri, partial: settings.partial, scope: settings.scope };
      const result = await analyzeYielding(analyzer, text, analyzeOptions);
      await yieldToEventLoop();
      if (!result.kubernetes) {
        if (this.remove(key)) indexChanged = true;
        if (options.publish && this.scanned.has(key)) results.set(key, { uri, result });
        continue;
      }
      filesChecked++;
      checkedKeys.push(key);
      if (hasActiveWorkspaceRules(this.host.rules, settings)) {
        if (this.update(uri, result.summaries)) indexChanged = true;
        if (result.summaries.length > 0) {
          second.push({ uri, key, text, analyzer, result, settings });
          continue;
        }
      }
      if (options.publish) results.set(key, { uri, result: { ...result, findings: applyBaseline(result.findings, settings.baseline) } });
    }
    if (cancelled()) return { filesChecked, findings: 0, cancelled: true };
    // Documents analysed before now saw an incomplete index (their cross-document rules were silent): check them again.
    const completed = !this.index.complete;
    this.index.complete = true;
    this.indexedAll = true;

    // Cross-document rules, now that every object is known (from the cache: nothing is parsed again).
    for (const p of second) {
      const result = p.analyzer.analyze(p.text, {
        rules: this.host.rules,
        config: p.settings.config,
        file: p.uri,
        partial: p.settings.partial,
        workspace: this.index,
        scope: p.settings.scope,
      });
      if (options.publish) results.set(p.key, { uri: p.uri, result: { ...result, findings: applyBaseline(result.findings, p.settings.baseline) } });
    }

    let findings = 0;
    let hints = 0;
    if (options.publish) {
      progress?.report(100, 'Publishing findings…');
      this.checked = new Set(checkedKeys);
      const before = new Map(this.scanned);
      this.scanned.clear();
      for (const [key, { uri, result }] of results) {
        findings += result.findings.length;
        hints += result.findings.filter((f) => f.severity === 'hint').length;
        this.host.onRuleErrors(result.ruleErrors);
        if (result.findings.length > 0 || before.has(key)) {
          this.host.publisher.file(uri, toDiagnostics(result.findings, result.lines));
          if (result.findings.length > 0) this.scanned.set(key, uri);
        }
        before.delete(key);
      }
      // Files that a previous scan published and that are gone, ignored or open now.
      for (const [key, uri] of before) if (!this.host.openUri(key)) this.host.publisher.file(uri, []);
    }
    if (indexChanged || options.publish || completed) this.host.onIndexChanged();
    return { filesChecked, findings, hints, cancelled: false };
  }

  /** Stops a scan in progress. */
  cancel(): void {
    this.generation++;
    this.running = false;
  }
}

/** An analysis that lets other work in after each parsed document. */
async function analyzeYielding(analyzer: FileAnalyzer, text: string, options: AnalyzeOptions): Promise<FileResult> {
  const steps = analyzer.analyzeInSteps(text, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await yieldToEventLoop();
  }
}

async function readText(file: string): Promise<string | undefined> {
  try {
    const text = await fs.promises.readFile(file, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

async function walk(dir: string, out: string[], seen: Set<string>, skip: (full: string) => boolean, token?: CancellationToken): Promise<void> {
  if (token?.isCancellationRequested) return;
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(dir, { withFileTypes: true });
  } catch {
    return; // unreadable folders are skipped, not fatal
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (skip(full)) continue;
    if (entry.isDirectory()) {
      if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
      await walk(full, out, seen, skip, token);
    } else if (isManifestName(entry.name) && (entry.isFile() || (entry.isSymbolicLink() && isFile(full)))) {
      // Symbolic links to folders are not followed (no cycles); links to files are read once.
      if (!seen.has(full)) {
        seen.add(full);
        out.push(full);
      }
    }
  }
}
