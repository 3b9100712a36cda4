/**
 * A minimal LSP client for benchmarks: starts a server over stdio, answers
 * its requests (configuration, registrations), and measures how long it
 * takes from a notification to the diagnostics of that document version.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export interface LspServerSpec {
  name: string;
  command: string;
  args: string[];
  /** Answers to workspace/configuration, by section. */
  settings: Record<string, unknown>;
  initializationOptions?: unknown;
}

export class BenchClient {
  private readonly child: ChildProcess;
  readonly connection: ProtocolConnection;
  private readonly waiters: Array<{ uri: string; version: number; resolve: (p: PublishDiagnosticsParams) => void }> = [];
  private readonly latest = new Map<string, PublishDiagnosticsParams>();

  constructor(
    readonly spec: LspServerSpec,
    cwd: string,
  ) {
    this.child = spawn(spec.command, spec.args, { cwd, stdio: ['pipe', 'pipe', 'ignore'] });
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
      params.items.map((item) => (item.section ? (spec.settings[item.section] ?? null) : spec.settings)),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('client/unregisterCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.latest.set(p.uri, p);
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        const w = this.waiters[i]!;
        // Servers that do not echo versions are matched on the next publication.
        if (w.uri === p.uri && (p.version === undefined || p.version === null || p.version >= w.version)) {
          this.waiters.splice(i, 1);
          w.resolve(p);
        }
      }
    });
    this.connection.listen();
  }

  async initialize(rootUri: string): Promise<void> {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: { synchronization: { dynamicRegistration: false, didSave: true }, publishDiagnostics: { versionSupport: true } },
      },
      initializationOptions: this.spec.initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: this.spec.settings });
  }

  private diagnostics(uri: string, version: number, timeoutMs: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.spec.name}: no diagnostics for ${uri}@${version} in ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        uri,
        version,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
  }

  /** ms from didOpen to the diagnostics of that version. */
  async open(uri: string, text: string, version = 1, timeoutMs = 300_000): Promise<{ ms: number; count: number }> {
    const start = performance.now();
    const waiting = this.diagnostics(uri, version, timeoutMs);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
    const p = await waiting;
    return { ms: performance.now() - start, count: p.diagnostics.length };
  }

  /** ms from a one-character didChange to the diagnostics of the new version. */
  async insertChar(uri: string, version: number, line: number, character: number, ch: string, timeoutMs = 300_000): Promise<{ ms: number; count: number }> {
    const start = performance.now();
    const waiting = this.diagnostics(uri, version, timeoutMs);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: ch }],
    });
    const p = await waiting;
    return { ms: performance.now() - start, count: p.diagnostics.length };
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async shutdown(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    this.child.kill();
  }
}
