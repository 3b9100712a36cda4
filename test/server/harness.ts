/**
 * A real LSP client for the server's tests: starts the BUILT server
 * (`node dist/server.js --stdio`) as a child process and speaks JSON-RPC to it
 * over the child's stdio with vscode-languageserver-protocol, as an editor does.
 * It records what the server sends (diagnostics, status, log messages, edits it
 * asks to apply, documents it asks to show, progress) and answers the server's
 * requests (configuration, applyEdit, showDocument, registrations).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ApplyWorkspaceEditRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  DiagnosticRefreshRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowDocumentRequest,
  ShowMessageRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  type ApplyWorkspaceEditParams,
  type ClientCapabilities,
  type FileEvent,
  type InitializeResult,
  type LogMessageParams,
  type MessageConnection,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
  type ShowDocumentParams,
  type ShowMessageRequestParams,
  type MessageActionItem,
  type TextDocumentContentChangeEvent,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument, type TextEdit } from 'vscode-languageserver-textdocument';
import { parseAllDocuments } from 'yaml';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');

/** What VS Code announces, minus pull diagnostics and snippet edits (tests add them where they matter). */
export function fullCapabilities(): ClientCapabilities {
  return {
    workspace: {
      applyEdit: true,
      configuration: true,
      workspaceFolders: true,
      didChangeWatchedFiles: { dynamicRegistration: true },
      workspaceEdit: { documentChanges: true },
      diagnostics: { refreshSupport: true },
    },
    textDocument: {
      synchronization: { didSave: true, dynamicRegistration: false },
      publishDiagnostics: { versionSupport: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
      codeAction: {
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
        isPreferredSupport: true,
        dataSupport: true,
        resolveSupport: { properties: ['edit'] },
      },
      hover: { contentFormat: ['markdown', 'plaintext'] },
    },
    window: { workDoneProgress: true, showDocument: { support: true } },
  };
}

export interface StartOptions {
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  /** `kubeward` settings answered to `workspace/configuration` (mutable later through `client.settings`). */
  settings?: Record<string, unknown>;
  /** Workspace folder paths. */
  folders?: string[];
  env?: Record<string, string>;
  /** What the client answers to `workspace/applyEdit`. */
  applyEditResult?: { applied: boolean; failureReason?: string };
}

export interface ProgressEvent {
  token: string | number;
  value: { kind: 'begin' | 'report' | 'end'; title?: string; message?: string; percentage?: number };
}

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

export function tempDir(prefix = 'kubeward-ls-'): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

export class TestClient {
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly statuses: Array<{ rulesActive: number; filesChecked: number; ruleErrors: number; profile: string }> = [];
  readonly logs: LogMessageParams[] = [];
  readonly applied: ApplyWorkspaceEditParams[] = [];
  readonly shown: ShowDocumentParams[] = [];
  /** window/showMessageRequest calls, and how the user answers them (default: dismissed). */
  readonly messageRequests: ShowMessageRequestParams[] = [];
  answerMessage: (params: ShowMessageRequestParams) => MessageActionItem | null = () => null;
  readonly registrations: Registration[] = [];
  readonly progress: ProgressEvent[] = [];
  readonly configurationRequests: Array<{ scopeUri?: string; section?: string }> = [];
  refreshRequests = 0;
  stderr = '';
  settings: Record<string, unknown>;
  applyEditResult: { applied: boolean; failureReason?: string };
  exitCode: number | null | undefined;
  readonly exited: Promise<number | null>;
  initializeResult!: InitializeResult;
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, TextDocument>();

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
    options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
    this.applyEditResult = options.applyEditResult ?? { applied: true };
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve((this.exitCode = code))));
  }

  static async start(options: StartOptions = {}): Promise<TestClient> {
    if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
    const child = spawn(process.execPath, [SERVER, '--stdio'], { env: { ...process.env, ...options.env }, stdio: 'pipe' });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new TestClient(child, connection, options);
    child.stderr.on('data', (d: Buffer) => void (client.stderr += d.toString()));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => void client.diagnostics.push(p));
    connection.onNotification(LogMessageNotification.type, (p) => void client.logs.push(p));
    connection.onNotification('kubeward/status', (p: TestClient['statuses'][number]) => void client.statuses.push(p));
    connection.onRequest(ConfigurationRequest.type, (p) =>
      p.items.map((item) => {
        client.configurationRequests.push({ scopeUri: item.scopeUri, section: item.section });
        return item.section === 'kubeward' ? client.settings : null;
      }),
    );
    connection.onRequest(ApplyWorkspaceEditRequest.type, (p) => {
      client.applied.push(p);
      return client.applyEditResult;
    });
    connection.onRequest(ShowMessageRequest.type, (p) => {
      client.messageRequests.push(p);
      return client.answerMessage(p);
    });
    connection.onRequest(ShowDocumentRequest.type, (p) => {
      client.shown.push(p);
      return { success: true };
    });
    connection.onRequest(RegistrationRequest.type, (p) => {
      client.registrations.push(...p.registrations);
    });
    connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    connection.onRequest(DiagnosticRefreshRequest.type, () => {
      client.refreshRequests++;
    });
    // Progress with a token the client created: jsonrpc hands it to "unhandled progress".
    (connection as unknown as MessageConnection).onUnhandledProgress((p) => void client.progress.push(p as ProgressEvent));
    connection.listen();
    const folders = options.folders ?? [];
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders[0] ? uriOf(folders[0]) : null,
      workspaceFolders: folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })),
      capabilities: options.capabilities ?? fullCapabilities(),
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  // ---------------------------------------------------------------- documents

  text(uri: string): string {
    return this.texts.get(uri)!.getText();
  }

  version(uri: string): number {
    return this.versions.get(uri)!;
  }

  async open(uri: string, text: string, languageId = 'yaml'): Promise<void> {
    this.versions.set(uri, 1);
    this.texts.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Incremental changes (ranges in the current text), as editors send keystrokes. Returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = this.versions.get(uri)! + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, TextDocument.update(this.texts.get(uri)!, changes, version));
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /** Replaces the text with `next`, as one ranged change over the whole document. */
  async replace(uri: string, next: string): Promise<number> {
    const doc = this.texts.get(uri)!;
    return this.change(uri, [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) }, text: next }]);
  }

  /** Applies a WorkspaceEdit of the server to the document and sends the change, as an editor does. */
  async applyEdit(uri: string, edit: WorkspaceEdit, client: SnippetClient = 'literal'): Promise<string> {
    const next = applyWorkspaceEdit(this.text(uri), uri, edit, client);
    await this.replace(uri, next);
    return next;
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    this.texts.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async changeConfiguration(settings?: Record<string, unknown>): Promise<void> {
    if (settings) this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { kubeward: this.settings } });
  }

  async watchedFilesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  // ---------------------------------------------------------------- waiting

  async waitFor<T>(what: string, probe: () => T | undefined | false, timeout = 15_000): Promise<T> {
    const until = Date.now() + timeout;
    for (;;) {
      const value = probe();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > until)
        throw new Error(`timed out waiting for ${what}\nserver stderr:\n${this.stderr}\nlogs:\n${this.logs.map((l) => l.message).join('\n')}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** The diagnostics published for `uri` (and `version`, when given), waiting for them. */
  waitForDiagnostics(uri: string, version?: number, predicate: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    return this.waitFor(`diagnostics of ${uri}${version !== undefined ? ` at version ${version}` : ''}`, () =>
      [...this.diagnostics].reverse().find((p) => p.uri === uri && (version === undefined || p.version === version) && predicate(p)),
    );
  }

  published(uri: string): PublishDiagnosticsParams[] {
    return this.diagnostics.filter((p) => p.uri === uri);
  }

  /** Server log lines (window/logMessage). */
  logText(): string {
    return this.logs.map((l) => l.message).join('\n');
  }

  async stop(): Promise<void> {
    if (this.exitCode !== undefined) return;
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    const timer = setTimeout(() => this.child.kill(), 5000);
    await this.exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

/**
 * How a client inserts snippet edits:
 * - `literal`: the snippet's text as it is (tab stops at their defaults), as the LSP text says;
 * - `vscode`: as VS Code's workbench does for the document in the active editor. When any edit of the
 *   document is a snippet, every edit of it (plain ones escaped) goes through the snippet controller,
 *   which re-indents each text element (SnippetSession.adjustWhitespace): every line after a line break
 *   gets the leading whitespace of the insertion line up to the insertion column, then each such line's
 *   indentation is normalised (tabs to spaces, YAML's `insertSpaces`);
 * - `neovim`: as vim.snippet.expand does: every line after a line break of a snippet gets the whole
 *   current line's leading whitespace (the line the edit starts on); plain edits stay plain.
 */
export type SnippetClient = 'literal' | 'vscode' | 'neovim';

/** Applies a WorkspaceEdit for one document (changes or documentChanges), snippets inserted as `client` does. */
export function applyWorkspaceEdit(text: string, uri: string, edit: WorkspaceEdit, client: SnippetClient = 'literal'): string {
  const lines = text.split(/\r?\n/);
  const edits: TextEdit[] = [];
  for (const [u, list] of Object.entries(edit.changes ?? {})) if (u === uri) edits.push(...list);
  for (const change of edit.documentChanges ?? []) {
    if (!('textDocument' in change) || change.textDocument.uri !== uri) continue;
    const anySnippet = change.edits.some((e) => 'snippet' in e);
    for (const e of change.edits) {
      const line = lines[e.range.start.line] ?? '';
      if ('snippet' in e) {
        const segments = snippetSegments(e.snippet.value);
        if (client === 'vscode') edits.push({ range: e.range, newText: vscodeAdjust(segments, line, e.range.start.character) });
        else if (client === 'neovim') edits.push({ range: e.range, newText: neovimAdjust(segments, line) });
        else edits.push({ range: e.range, newText: segments.map((s) => s.text).join('') });
      } else if (client === 'vscode' && anySnippet && 'newText' in e) {
        edits.push({ range: e.range, newText: vscodeAdjust([{ text: e.newText, placeholder: false }], line, e.range.start.character) });
      } else edits.push(e);
    }
  }
  return TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 0, text), edits);
}

interface SnippetSegment {
  text: string;
  placeholder: boolean;
}

/** A snippet as its text elements: literal text and the default of each `${n:default}` (no nesting, as the server writes them). */
function snippetSegments(snippet: string): SnippetSegment[] {
  const out: SnippetSegment[] = [];
  let text = '';
  const flush = (placeholder: boolean) => {
    if (text !== '' || placeholder) out.push({ text, placeholder });
    text = '';
  };
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i]!;
    if (c === '\\' && i + 1 < snippet.length) text += snippet[++i];
    else if (c === '$' && snippet[i + 1] === '{') {
      flush(false);
      let j = snippet.indexOf(':', i) + 1;
      for (; j < snippet.length && snippet[j] !== '}'; j++) text += snippet[j] === '\\' ? snippet[++j] : snippet[j];
      flush(true);
      i = j;
    } else text += c;
  }
  flush(false);
  return out;
}

/** VS Code's `normalizeIndentation` with spaces (YAML): the leading whitespace as that many columns of spaces, tabs to the next stop of 2. */
function normalizeIndentation(s: string, tabSize = 2): string {
  let i = 0;
  let columns = 0;
  for (; i < s.length && (s[i] === ' ' || s[i] === '\t'); i++) columns = s[i] === '\t' ? (Math.floor(columns / tabSize) + 1) * tabSize : columns + 1;
  return ' '.repeat(columns) + s.slice(i);
}

/** SnippetSession.adjustWhitespace, element by element, on the document line the snippet starts on. */
function vscodeAdjust(segments: SnippetSegment[], line: string, column: number): string {
  let lead = 0;
  while (lead < column && lead < line.length && (line[lead] === ' ' || line[lead] === '\t')) lead++;
  const leading = line.slice(0, lead);
  let out = '';
  for (const { text } of segments) {
    const parts = text.split(/\r\n|\r|\n/);
    if (out.length === 0) parts[0] = normalizeIndentation(parts[0]!);
    else if (out.endsWith('\n') || out.endsWith('\r')) parts[0] = normalizeIndentation(leading + parts[0]!);
    for (let i = 1; i < parts.length; i++) parts[i] = normalizeIndentation(leading + parts[i]!);
    out += parts.join('\n');
  }
  return out;
}

/** vim.snippet.expand: lines after a line break get the current line's indentation. */
function neovimAdjust(segments: SnippetSegment[], line: string): string {
  const base = /^\s*/.exec(line)![0];
  return segments
    .map(({ text }) =>
      text
        .split('\n')
        .map((l, i) => (i > 0 ? base + l : l))
        .join('\n'),
    )
    .join('');
}

export function parses(text: string): boolean {
  return parseAllDocuments(text).every((d) => d.errors.length === 0);
}

/** Every comment of `before` is still in `after`. */
export function keepsComments(before: string, after: string): boolean {
  const comments = before.match(/(^|\s)#[^\n]*/g) ?? [];
  return comments.every((c) => after.includes(c.trim()));
}
