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
  MessageType,
  ResponseError,
  ShowMessageNotification,
  type CancellationToken,
  type Connection,
  type ExecuteCommandParams,
  type WorkDoneProgressReporter,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import {
  fileObjects,
  gatewayCandidate,
  LineIndex,
  migrateIngress,
  ruleDocsUrl,
  secureIngress,
  serviceInfo,
  takenKey,
  type GatewayCandidate,
  type Rule,
  type ServiceInfo,
} from '../../shared-rules/src/index';
import {
  Commands,
  type MigrateIngressArgs,
  type RevealedSecretValue,
  type ScanWorkspaceResult,
  type SecureIngressArgs,
  type SecureIngressPlan,
  type ShowDocumentationResult,
} from '../../shared-rules/src/protocol';
import type { ClientFeatures } from './capabilities';
import { toWorkspaceEdit } from './codeActions';
import { secretValueAt } from './hover';
import type { Documents } from './documents';
import type { Settings } from './settings';
import { fileKey, pathToUri, uriToPath } from './uri';
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
        case Commands.migrateIngress:
          return await this.migrateIngress(args[0]);
        case Commands.scanWorkspace:
          return await this.scanWorkspace(params, token);
        case Commands.showDocumentation:
          return await this.showDocumentation(args[0]);
        case Commands.applyFix:
          return await this.applyFix(args[0]);
        case Commands.revealSecretValue:
          return this.revealSecretValue(args[0]);
        default:
          throw invalid(`Kubeward does not know the command "${params.command}".`);
      }
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      this.host.connection.console.error(`Kubeward: ${params.command} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      throw new ResponseError(ErrorCodes.InternalError, `${params.command} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * Applies every Ingress fix to the Ingress at the position (or the only one), as one edit; returns that edit.
   * With `dryRun`, edits nothing and answers what it would change and which answers that uses.
   */
  private async secureIngress(arg: unknown): Promise<WorkspaceEdit | SecureIngressPlan> {
    if (!arg || typeof arg !== 'object' || typeof (arg as SecureIngressArgs).uri !== 'string') {
      throw invalid('kubeward.secureIngress expects one argument: {uri, position?, authUrl?, authSignin?, tlsSecretName?, clusterIssuer?, dryRun?}.');
    }
    const a = arg as SecureIngressArgs;
    if (a.position !== undefined && !isPosition(a.position)) throw invalid('kubeward.secureIngress: position must be {line, character}, 0-based.');
    for (const key of ['authUrl', 'authSignin', 'tlsSecretName', 'clusterIssuer'] as const) {
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
      authSignin: a.authSignin || undefined,
      tlsSecretName: a.tlsSecretName || undefined,
      clusterIssuer: a.clusterIssuer || undefined,
      partial: settings.partial,
      rules: this.host.rules,
    });
    if (!result.ok) throw failed(result.error);
    if (a.dryRun === true) {
      return {
        ingressName: result.ingressName,
        alreadySecure: result.edits.length === 0,
        questions: result.questions,
        changes: result.changes,
        todo: result.todo,
        remaining: [...new Set(result.remaining.map((f) => f.ruleId))],
      };
    }
    const edit = toWorkspaceEdit(this.host.features, a.uri, current.version, lines, result.edits);
    if (result.edits.length === 0) {
      this.host.connection.console.info(`Kubeward: Ingress "${result.ingressName ?? ''}" needs no change that can be made automatically.`);
      return edit;
    }
    if (this.host.features.applyEdit) {
      const applied = await this.host.connection.workspace.applyEdit({ label: `Secure Ingress "${result.ingressName ?? ''}"`, edit });
      if (!applied.applied)
        throw failed(`The editor did not apply the edit${applied.failureReason ? ` (${applied.failureReason})` : ''}. Run the command again.`);
    }
    if (result.remaining.length > 0) {
      this.host.connection.console.info(
        `Kubeward: Ingress "${result.ingressName ?? ''}" still has ${result.remaining.length} finding(s) no fix could resolve: ${[...new Set(result.remaining.map((f) => f.ruleId))].join(', ')}.`,
      );
    }
    return edit;
  }

  /**
   * Migrates the Ingress at the position (or the only one) to Gateway API
   * objects inserted after it, as one edit; returns that edit. Gateways and
   * Services of other files come from the workspace index (their text from the
   * open document or the disk); when several Gateways fit, the user chooses.
   */
  private async migrateIngress(arg: unknown): Promise<WorkspaceEdit> {
    if (!arg || typeof arg !== 'object' || typeof (arg as MigrateIngressArgs).uri !== 'string') {
      throw invalid('kubeward.migrateIngress expects one argument: {uri, position?, gateway?: {name, namespace?}, newGateway?}.');
    }
    const a = arg as MigrateIngressArgs;
    if (a.position !== undefined && !isPosition(a.position)) throw invalid('kubeward.migrateIngress: position must be {line, character}, 0-based.');
    if (a.gateway !== undefined && (typeof a.gateway !== 'object' || a.gateway === null || typeof a.gateway.name !== 'string'))
      throw invalid('kubeward.migrateIngress: gateway must be {name, namespace?}.');
    const doc = this.host.documents.get(a.uri);
    if (!doc) throw failed(`${a.uri} is not open. Open the manifest and run "Migrate this Ingress to Gateway API" again.`);
    const workspace = await this.workspaceObjects(a.uri);
    const current = this.host.documents.get(a.uri);
    if (!current) throw failed(`${a.uri} was closed.`);
    const text = current.getText();
    const lines = new LineIndex(text);
    const run = (gateway?: { name: string; namespace?: string }) =>
      migrateIngress(text, {
        offset: a.position ? lines.offsetAt(a.position) : undefined,
        workspace,
        ...(gateway ? { gateway } : {}),
        ...(a.newGateway ? { newGateway: true } : {}),
      });
    let result = run(a.gateway);
    if (!result.ok && result.candidates?.length && !a.gateway) {
      const items = result.candidates.map((g) => ({ title: g.namespace ? `${g.namespace}/${g.name}` : g.name }));
      const newOne = { title: 'A new Gateway' };
      const chosen = await this.host.connection.window.showInformationMessage(
        `${result.error.replace(/: choose one\.$/, '')}. Attach the routes to:`,
        ...items,
        newOne,
      );
      if (!chosen) throw failed('No Gateway chosen: the Ingress was not migrated.');
      if (chosen.title === newOne.title)
        result = migrateIngress(text, { offset: a.position ? lines.offsetAt(a.position) : undefined, workspace, newGateway: true });
      else {
        const g = result.candidates[items.findIndex((i) => i.title === chosen.title)]!;
        result = run({ name: g.name, ...(g.namespace ? { namespace: g.namespace } : {}) });
      }
    }
    if (!result.ok)
      throw failed(
        result.candidates?.length
          ? `${result.error} Pass gateway: {name, namespace} (${result.candidates.map((g) => `${g.namespace ?? ''}/${g.name}`).join(', ')}).`
          : result.error,
      );
    const edit = toWorkspaceEdit(this.host.features, a.uri, current.version, lines, result.edits);
    if (this.host.features.applyEdit) {
      const applied = await this.host.connection.workspace.applyEdit({ label: `Migrate Ingress "${result.ingressName}" to Gateway API`, edit });
      if (!applied.applied)
        throw failed(`The editor did not apply the edit${applied.failureReason ? ` (${applied.failureReason})` : ''}. Run the command again.`);
    }
    const manual = result.notes.filter((n) => n.status === 'manual');
    if (manual.length > 0) {
      this.host.connection.console.info(
        `Kubeward: Ingress "${result.ingressName}" migrated; ${manual.length} item(s) to do by hand (listed in the comment above the new objects): ${manual.map((n) => n.subject).join(', ')}.`,
      );
    }
    return edit;
  }

  /** Gateways, Services, Ingresses and taken names of the other files of the workspace index. */
  private async workspaceObjects(uri: string): Promise<{ gateways: GatewayCandidate[]; services: ServiceInfo[]; ingresses: unknown[]; taken: string[] }> {
    const out = { gateways: [] as GatewayCandidate[], services: [] as ServiceInfo[], ingresses: [] as unknown[], taken: [] as string[] };
    const self = fileKey(uri);
    const files = new Set<string>();
    for (const kind of ['Gateway', 'Service', 'Ingress']) for (const s of this.host.workspace.index.byKind(kind)) if (s.file !== self) files.add(s.file);
    for (const file of [...files].slice(0, 500)) {
      const open = this.host.documents.get(file.startsWith('file:') ? file : pathToUri(file));
      let text = open?.getText();
      if (text === undefined) {
        const p = uriToPath(file) ?? file;
        try {
          text = await fs.promises.readFile(p, 'utf8');
        } catch {
          continue;
        }
      }
      for (const o of fileObjects(text)) {
        const g = gatewayCandidate(o.value);
        if (g) out.gateways.push(g);
        const s = serviceInfo(o.value);
        if (s) out.services.push(s);
        if (o.value.kind === 'Ingress') out.ingresses.push(o.value);
        const k = takenKey(o.value);
        if (k) out.taken.push(k);
      }
    }
    return out;
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

  /**
   * The decoded value of a Secret's `data` entry, on an explicit request (hovers never show it).
   * Clients that do not handle the command themselves are shown it with window/showMessage. Never logged.
   */
  private revealSecretValue(arg: unknown): RevealedSecretValue {
    const a = arg as { uri?: unknown; position?: unknown } | undefined;
    if (!a || typeof a.uri !== 'string' || !isPosition(a.position)) throw invalid('kubeward.revealSecretValue expects one argument: {uri, position}.');
    const doc = this.host.documents.get(a.uri);
    if (!doc) throw failed(`${a.uri} is not open.`);
    const text = doc.getText();
    const found = secretValueAt(text, new LineIndex(text).offsetAt(a.position));
    if (!found) throw failed('There is no Secret value at this position.');
    if (!this.host.features.clientCommands.has(Commands.revealSecretValue)) {
      const v = found.value;
      void this.host.connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Info,
        message: `Secret ${v.secret}, key ${v.key}: ${v.text !== undefined ? v.text : v.binary ? 'binary data' : 'not valid base64'}`,
      });
    }
    return found.value;
  }

  private async applyFix(arg: unknown): Promise<boolean> {
    if (!arg || typeof arg !== 'object') throw invalid('kubeward.applyFix expects a WorkspaceEdit.');
    if (!this.host.features.applyEdit) throw failed('This editor cannot apply edits sent by the server (workspace/applyEdit).');
    const result = await this.host.connection.workspace.applyEdit({ label: 'Kubeward fix', edit: arg as WorkspaceEdit });
    return result.applied;
  }
}
