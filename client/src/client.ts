/**
 * The language client: starts dist/server.js over Node IPC for YAML and Helm
 * documents, tells the server whether the workspace is trusted, and feeds the
 * language status item. Bundled on its own (dist/language-client.js) and
 * loaded right after activation, so that vscode-languageclient is not parsed
 * on the activation path.
 */
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  LanguageClient,
  LSPErrorCodes,
  ResponseError,
  State,
  TransportKind,
  WorkDoneProgress,
  type LanguageClientOptions,
  type ServerOptions,
  type WorkDoneProgressBegin,
  type WorkDoneProgressReport,
} from 'vscode-languageclient/node';
import { Commands, StatusNotification, WorkspaceTrustedNotification, type InitializationOptions, type StatusParams } from '../../shared-rules/src/protocol';
import { CLIENT_COMMANDS, SHOW_RULE_DOCUMENTATION } from './command-ids';
import { DOCUMENT_SELECTOR } from './selector';
import type { KubewardStatus } from './status';

export class KubewardClient {
  readonly client: LanguageClient;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly trustedAtStart = vscode.workspace.isTrusted;

  constructor(
    readonly context: vscode.ExtensionContext,
    readonly status: KubewardStatus,
  ) {
    const module = context.asAbsolutePath('dist/server.js');
    // TransportKind.ipc forks the module with Node's IPC channel and passes --node-ipc.
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const initializationOptions: InitializationOptions = {
      workspaceTrusted: this.trustedAtStart,
      clientCommands: [...CLIENT_COMMANDS],
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      initializationOptions,
      // Hovers link to these two commands (the rule's page; a Secret value revealed on request), nothing else.
      markdown: { isTrusted: { enabledCommands: [SHOW_RULE_DOCUMENTATION, Commands.revealSecretValue] } },
      synchronize: {
        // didChangeConfiguration on every change of a kubeward.* setting; the server reads them per resource.
        configurationSection: 'kubeward',
        fileEvents: vscode.workspace.createFileSystemWatcher('**/{.kubeward.yaml,.kubeward.yml,kustomization.yaml,kustomization.yml,Kustomization}'),
      },
      middleware: {
        window: {
          // The server opens rule documentation with window/showDocument; a Markdown page reads best as a preview.
          showDocument: async (params, token, next) => {
            const uri = vscode.Uri.parse(params.uri);
            if (!params.external && uri.scheme === 'file' && uri.path.endsWith('.md')) {
              await vscode.commands.executeCommand('markdown.showPreview', uri);
              return { success: true };
            }
            return next(params, token);
          },
        },
      },
    };
    this.client = new LanguageClient('kubeward', 'Kubeward', serverOptions, clientOptions);
    status.attach(this.client);
    this.disposables.push(
      this.client.onDidChangeState((e) => {
        if (e.newState === State.Stopped) this.status.stopped();
      }),
      this.client.onNotification(StatusNotification.method, (params: StatusParams) => this.status.update(params)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        if (this.client.isRunning()) void this.client.sendNotification(WorkspaceTrustedNotification.method);
      }),
    );
  }

  async start(): Promise<void> {
    try {
      await this.client.start();
      // Trust may have been granted while the server was starting (initializationOptions said untrusted).
      if (vscode.workspace.isTrusted && !this.trustedAtStart) await this.client.sendNotification(WorkspaceTrustedNotification.method);
    } catch (e) {
      this.status.failed(e instanceof Error ? e.message : String(e));
      throw e;
    }
  }

  /** Sends `workspace/executeCommand` for a command the client registered itself. */
  async executeServerCommand<T>(command: string, options: { args?: unknown[]; workDoneToken?: string; token?: vscode.CancellationToken } = {}): Promise<T> {
    if (!this.client.isRunning()) await this.client.start();
    const params = { command, arguments: options.args ?? [], ...(options.workDoneToken ? { workDoneToken: options.workDoneToken } : {}) };
    return (await this.client.sendRequest(ExecuteCommandRequest.type, params, options.token)) as T;
  }

  asUri(uri: vscode.Uri): string {
    return this.client.code2ProtocolConverter.asUri(uri);
  }

  asPosition(position: vscode.Position): { line: number; character: number } {
    return this.client.code2ProtocolConverter.asPosition(position);
  }

  /** Work-done reports the server sends on a token the client chose. */
  onWorkDoneProgress(token: string, handler: (value: WorkDoneProgressBegin | WorkDoneProgressReport) => void): vscode.Disposable {
    return this.client.onProgress(WorkDoneProgress.type, token, (value) => {
      if (value.kind !== 'end') handler(value);
    });
  }

  isCancellation(e: unknown): boolean {
    return e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled;
  }

  async dispose(): Promise<void> {
    for (const d of this.disposables.splice(0)) d.dispose();
    if (this.client.needsStop()) await this.client.stop();
  }
}
