/**
 * `workspace/executeCommand`: Secure this Ingress (docs/requirements.md: Secure this Ingress), Scan workspace,
 * Show documentation, and applyFix for clients without code action literals.
 * Bad arguments and failures answer with a ResponseError whose message says
 * what to do (without a "Kubeward:" prefix: clients add their own); nothing
 * here ever throws past the handler.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
  type ExecuteCommandParams,
  type WorkDoneProgressReporter,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { LineIndex, ruleDocsUrl, secureIngress, type Rule } from '../../shared-rules/src/index';
import { Commands, type ScanWorkspaceResult, type SecureIngressArgs, type ShowDocumentationResult } from '../../shared-rules/src/protocol';
import type { ClientFeatures } from './capabilities';
import { toWorkspaceEdit } from './codeActions';
import type { Documents } from './documents';
import type { Settings } from './settings';
import { pathToUri } from './uri';
import type { Workspace } from './workspace';

export interface CommandsHost {
  connection: Connection;
  documents: Documents;
  settings: Settings;
  workspace: Workspace;
  features: ClientFeatures;
  rules: readonly Rule[];
  rulesById: ReadonlyMap<string, Rule>;
  /** Folder of the shipped rule pages (`docs/rules/<id>.md`). */
  docsDir: string;
  /** A scan finished (the status changed). */
  onScanned(): void;
}

const invalid = (message: string) => new ResponseError(ErrorCodes.InvalidParams, message);
const failed = (message: string) => new ResponseError(LSPErrorCodes.RequestFailed, message);

function isPosition(value: unknown): value is { line: number; character: number } {
  const p = value as { line?: unknown; character?: unknown } | null;
  return Boolean(p) && Number.isInteger(p!.line) && Number.isInteger(p!.character) && (p!.line as number) >= 0 && (p!.character as number) >= 0;
}

export class ServerCommands {
  constructor(private readonly host: CommandsHost) {}

  async execute(params: ExecuteCommandParams, token: CancellationToken): Promise<unknown> {
    const args = params.arguments ?? [];
    try {
      switch (params.command) {
        case Commands.secureIngress:
          return await this.secureIngress(args[0]);
        case Commands.scanWorkspace:
          return await this.scanWorkspace(params, token);
        case Commands.showDocumentation:
          return await this.showDocumentation(args[0]);
        case Commands.applyFix:
          return await this.applyFix(args[0]);
        default:
          throw invalid(`Kubeward does not know the command "${params.command}".`);
      }
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      this.host.connection.console.error(`Kubeward: ${params.command} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      throw new ResponseError(ErrorCodes.InternalError, `${params.command} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Applies every Ingress fix to the Ingress at the position (or the only one), as one edit; returns that edit. */
  private async secureIngress(arg: unknown): Promise<WorkspaceEdit> {
    if (!arg || typeof arg !== 'object' || typeof (arg as SecureIngressArgs).uri !== 'string') {
      throw invalid('kubeward.secureIngress expects one argument: {uri, position?, authUrl?, tlsSecretName?, clusterIssuer?}.');
    }
    const a = arg as SecureIngressArgs;
    if (a.position !== undefined && !isPosition(a.position)) throw invalid('kubeward.secureIngress: position must be {line, character}, 0-based.');
    for (const key of ['authUrl', 'tlsSecretName', 'clusterIssuer'] as const) {
      if (a[key] !== undefined && typeof a[key] !== 'string') throw invalid(`kubeward.secureIngress: ${key} must be a string.`);
    }
    const doc = this.host.documents.get(a.uri);
    if (!doc) throw failed(`${a.uri} is not open. Open the manifest and run "Secure this Ingress" again.`);
    const settings = await this.host.settings.forDocument(a.uri);
    const current = this.host.documents.get(a.uri);
    if (!current) throw failed(`${a.uri} was closed.`);
    const text = current.getText();
    const lines = new LineIndex(text);
    const result = secureIngress(text, {
      offset: a.position ? lines.offsetAt(a.position) : undefined,
      configLayers: settings.layers,
      authUrl: a.authUrl || undefined,
      tlsSecretName: a.tlsSecretName || undefined,
      clusterIssuer: a.clusterIssuer || undefined,
      partial: settings.partial,
      rules: this.host.rules,
    });
    if (!result.ok) throw failed(result.error);
    const edit = toWorkspaceEdit(this.host.features, a.uri, current.version, lines, result.edits);
    if (result.edits.length === 0) {
      this.host.connection.console.info(`Kubeward: Ingress "${result.ingressName ?? ''}" needs no change that can be made automatically.`);
      return edit;
    }
    if (this.host.features.applyEdit) {
      const applied = await this.host.connection.workspace.applyEdit({ label: `Secure Ingress "${result.ingressName ?? ''}"`, edit });
      if (!applied.applied) throw failed(`The editor did not apply the edit${applied.failureReason ? ` (${applied.failureReason})` : ''}. Run the command again.`);
    }
    if (result.remaining.length > 0) {
      this.host.connection.console.info(`Kubeward: Ingress "${result.ingressName ?? ''}" still has ${result.remaining.length} finding(s) no fix could resolve: ${[...new Set(result.remaining.map((f) => f.ruleId))].join(', ')}.`);
    }
    return edit;
  }

  private async scanWorkspace(params: ExecuteCommandParams, token: CancellationToken): Promise<ScanWorkspaceResult> {
    let progress: WorkDoneProgressReporter | undefined;
    let progressToken: CancellationToken | undefined;
    // The implementation takes the token itself, whatever server.d.ts says (progress.d.ts agrees).
    if (params.workDoneToken !== undefined) progress = this.host.connection.window.attachWorkDoneProgress(params.workDoneToken as never);
    else if (this.host.features.workDoneProgress) {
      const created = await this.host.connection.window.createWorkDoneProgress();
      progress = created;
      progressToken = created.token;
    }
    progress?.begin('Kubeward: scanning the workspace', 0, 'Looking for manifests…', true);
    const either: CancellationToken = {
      get isCancellationRequested() {
        return token.isCancellationRequested || Boolean(progressToken?.isCancellationRequested);
      },
      onCancellationRequested: token.onCancellationRequested,
    };
    try {
      const result = await this.host.workspace.scan({ publish: true, progress, token: either });
      this.host.onScanned();
      return result;
    } finally {
      progress?.done();
    }
  }

  /** Opens the rule's page: the local copy shipped with the server when there is one, else the web page. */
  private async showDocumentation(arg: unknown): Promise<ShowDocumentationResult> {
    if (typeof arg !== 'string' || !this.host.rulesById.has(arg)) {
      throw invalid(`kubeward.showDocumentation expects a rule id${typeof arg === 'string' ? `; "${arg}" is not one` : ''}.`);
    }
    const local = path.join(this.host.docsDir, `${arg}.md`);
    const web = ruleDocsUrl(arg);
    const localUri = fs.existsSync(local) ? pathToUri(local) : undefined;
    if (!this.host.features.showDocument) return { uri: localUri ?? web, shown: false };
    if (localUri) {
      const shown = await this.host.connection.window.showDocument({ uri: localUri, takeFocus: true });
      if (shown.success) return { uri: localUri, shown: true };
    }
    const shown = await this.host.connection.window.showDocument({ uri: web, external: true });
    return { uri: web, shown: shown.success };
  }

  private async applyFix(arg: unknown): Promise<boolean> {
    if (!arg || typeof arg !== 'object') throw invalid('kubeward.applyFix expects a WorkspaceEdit.');
    if (!this.host.features.applyEdit) throw failed('This editor cannot apply edits sent by the server (workspace/applyEdit).');
    const result = await this.host.connection.workspace.applyEdit({ label: 'Kubeward fix', edit: arg as WorkspaceEdit });
    return result.applied;
  }
}
