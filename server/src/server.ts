/**
 * Wiring only: capabilities, handlers, and the parts that talk to each other.
 * Every handler is guarded, so one failing request never breaks the next.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  CodeActionKind,
  CompletionItemKind,
  DidChangeWatchedFilesNotification,
  ExecuteCommandRequest,
  FileChangeType,
  ResponseError,
  TextDocumentSyncKind,
  type CancellationToken,
  type CompletionItem,
  type CompletionParams,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import {
  configCompletions,
  isRuleActive,
  KUSTOMIZATION_FILES,
  LineIndex,
  resolveConfig,
  ruleDocsUrl,
  RULES,
  VERSION,
  type Rule,
  type RuleError,
} from '../../shared-rules/src/index';
import {
  FIX_ALL_CODE_ACTION_KIND,
  SERVER_COMMANDS,
  StatusNotification,
  WorkspaceTrustedNotification,
  type StatusParams,
} from '../../shared-rules/src/protocol';
import { clientFeatures, type ClientFeatures } from './capabilities';
import { CodeActions } from './codeActions';
import { ServerCommands } from './commands';
import { Publisher, setDocsLink, toDiagnostics } from './diagnostics';
import { Documents, hasActiveWorkspaceRules, type AnalysisResult } from './documents';
import { Hovers } from './hover';
import type { AnalysisHelper } from './parallel';
import { isConfigFileName, Settings, type ConfigFileState } from './settings';
import { fileKey, pathToUri, uriToPath } from './uri';
import { Workspace } from './workspace';

export interface ServerOptions {
  /** Rules added to the built-in ones (the test rules; see testRules.ts). */
  extraRules?: readonly Rule[];
  /** Folder of the rule pages shipped with the server. */
  docsDir?: string;
  /** A helper thread for the first analysis of large files (absent: the main thread only). */
  helper?: AnalysisHelper;
}

const KUSTOMIZATION = /(^|[\\/])(kustomization\.ya?ml|Kustomization)$/;

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const rules: readonly Rule[] = [...RULES, ...(options.extraRules ?? [])];
  const rulesById = new Map(rules.map((r) => [r.meta.id, r]));
  const knownRuleIds = new Set(rulesById.keys());
  const docsDir = options.docsDir ?? path.join(__dirname, '..', 'docs', 'rules');
  // Links open the page shipped with the server: it exists, and it opens offline.
  setDocsLink((ruleId) => {
    const page = path.join(docsDir, `${ruleId}.md`);
    return fs.existsSync(page) ? pathToUri(page) : ruleDocsUrl(ruleId);
  });
  const log = (message: string) => connection.console.error(message);
  const describe = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));

  /** Requests: a ResponseError goes to the client as is; anything else is logged and answered with `fallback`. */
  function guard<P, R>(name: string, handler: (params: P, token: CancellationToken) => R | Promise<R>, fallback: R) {
    return async (params: P, token: CancellationToken): Promise<R> => {
      try {
        return await handler(params, token);
      } catch (error) {
        if (error instanceof ResponseError) throw error;
        log(`Kubeward: ${name} failed: ${describe(error)}`);
        return fallback;
      }
    };
  }
  function guardNotification<P>(name: string, handler: (params: P) => void | Promise<void>) {
    return (params: P): void => {
      Promise.resolve()
        .then(() => handler(params))
        .catch((error: unknown) => log(`Kubeward: ${name} failed: ${describe(error)}`));
    };
  }

  let features!: ClientFeatures;
  let publisher!: Publisher;
  let settings!: Settings;
  let workspace!: Workspace;
  let documents!: Documents;

  // ---------------------------------------------------------------- status and rule errors

  const loggedRuleErrors = new Set<string>();
  function onRuleErrors(errors: readonly RuleError[]): void {
    for (const e of errors) {
      if (loggedRuleErrors.has(e.ruleId)) continue;
      loggedRuleErrors.add(e.ruleId);
      connection.console.error(
        `Kubeward: rule ${e.ruleId} failed and was skipped (${e.message}). Its other findings and every other rule's are still reported. Please report this bug.`,
      );
    }
  }

  const defaultConfig = resolveConfig();
  let lastStatus = '';
  let lastActive: AnalysisResult | undefined;
  function sendStatus(): void {
    const checked = new Set<string>([
      ...documents
        .results()
        .filter((r) => r.rulesActive > 0 && r.kubernetes)
        .map((r) => fileKey(r.uri)),
      ...workspace.checkedFiles(),
    ]);
    const status: StatusParams = {
      rulesActive: lastActive?.rulesActive ?? rules.filter((r) => isRuleActive(r, defaultConfig)).length,
      filesChecked: checked.size,
      ruleErrors: loggedRuleErrors.size,
      profile: lastActive?.settings.config.profile ?? 'baseline',
      manifests: documents
        .results()
        .filter((r) => r.kubernetes)
        .map((r) => r.uri)
        .sort(),
    };
    const json = JSON.stringify(status);
    if (json === lastStatus) return;
    lastStatus = json;
    void connection.sendNotification(StatusNotification.method, status);
  }

  // ---------------------------------------------------------------- configuration files

  function openUri(key: string): string | undefined {
    return documents.uris().find((u) => fileKey(u) === key);
  }

  function onConfigFile(state: ConfigFileState): void {
    const uri = pathToUri(state.path);
    if (openUri(fileKey(uri))) return; // the open buffer's own diagnostics are live
    publisher.file(uri, toDiagnostics(state.parsed.findings, new LineIndex(state.text)));
  }

  // Clients may report one change twice (their own watcher and ours): changes are coalesced briefly.
  let pendingProject: { config: boolean; kustomization: boolean; timer: NodeJS.Timeout } | undefined;
  function projectFilesChanged(config: boolean, kustomization: boolean): void {
    if (pendingProject) {
      pendingProject.config ||= config;
      pendingProject.kustomization ||= kustomization;
      return;
    }
    pendingProject = {
      config,
      kustomization,
      timer: setTimeout(() => {
        const change = pendingProject!;
        pendingProject = undefined;
        if (change.kustomization) settings.kustomizationChanged();
        if (change.config) settings.configChanged();
        documents.recheckAll();
        if (workspace.checkedFiles().size > 0)
          void workspace.scan({ publish: true }).then(sendStatus, (e: unknown) => log(`Kubeward: rescan failed: ${describe(e)}`));
      }, 20),
    };
  }

  // ---------------------------------------------------------------- initialize

  let initializeParams: InitializeParams | undefined;
  connection.onInitialize((params): InitializeResult => {
    initializeParams = params;
    features = clientFeatures(params);
    publisher = new Publisher(connection, features.pullDiagnostics);
    workspace = new Workspace({
      connection,
      get settings() {
        return settings;
      },
      publisher,
      rules,
      openUri,
      onIndexChanged: () => documents.recheckAll(),
      onRuleErrors,
    });
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    workspace.setFolders(folders);
    settings = new Settings({ connection, features, folders: () => workspace.folders(), knownRuleIds, onConfigFile });
    documents = new Documents({
      connection,
      settings,
      publisher,
      rules,
      knownRuleIds,
      workspace,
      helper: options.helper,
      onAnalysed: (result) => {
        onRuleErrors(result.ruleErrors);
        if (result.rulesActive > 0) lastActive = result;
        sendStatus();
      },
      onSummariesChanged: (uri) => documents.recheckAll(uri),
      onOpened: (uri) => publisher.opened(uri),
      onClosed: (uri) => {
        const file = uriToPath(uri);
        const config = file && isConfigFileName(file) ? settings.loadedConfigFiles().find((s) => s.path === file) : undefined;
        if (config) publisher.file(uri, toDiagnostics(config.parsed.findings, new LineIndex(config.text)));
        else {
          publisher.cleared(uri);
          void workspace.documentClosed(uri).catch((e: unknown) => log(`Kubeward: ${describe(e)}`));
        }
        sendStatus();
      },
      onProjectFileSaved: (uri) => {
        const file = uriToPath(uri) ?? '';
        projectFilesChanged(isConfigFileName(file), KUSTOMIZATION.test(file));
      },
    });
    documents.listen(connection);
    const codeActions = new CodeActions({ documents, settings, features, rulesById });
    const hovers = new Hovers({ documents, settings, features, rulesById });
    const commands = new ServerCommands({ connection, documents, settings, workspace, features, rules, rulesById, docsDir, onScanned: sendStatus });

    connection.onCodeAction(guard('code actions', (p, t) => codeActions.provide(p, t), []));
    connection.onCodeActionResolve(guard('code action resolve', (p) => codeActions.resolve(p), {} as never));
    connection.onHover(guard('hover', (p, t) => hovers.provide(p, t), null));
    // Completion in .kubeward.yaml only (setting names, exception fields, rule ids).
    connection.onCompletion(
      guard(
        'completion',
        (p: CompletionParams) => {
          const doc = documents.get(p.textDocument.uri);
          const file = uriToPath(p.textDocument.uri);
          if (!doc || !file || !isConfigFileName(file)) return [];
          const kinds = {
            setting: CompletionItemKind.Property,
            field: CompletionItemKind.Field,
            rule: CompletionItemKind.EnumMember,
            value: CompletionItemKind.Value,
          };
          return configCompletions(doc.getText(), doc.offsetAt(p.position), rulesById.keys()).map((c): CompletionItem => {
            const item: CompletionItem = { label: c.label, kind: kinds[c.kind] };
            if (c.insertText) item.insertText = c.insertText;
            if (c.detail) item.detail = c.detail;
            const rule = c.kind === 'rule' ? rulesById.get(c.label) : undefined;
            if (rule) item.detail = rule.meta.title;
            return item;
          });
        },
        [],
      ),
    );
    // Registered raw: the library's onExecuteCommand removes `workDoneToken` from the params.
    connection.onRequest(
      ExecuteCommandRequest.type,
      guard('command', (p, t) => commands.execute(p, t), null),
    );
    if (features.pullDiagnostics) {
      connection.languages.diagnostics.on(
        guard('diagnostics', (p, t) => documents.pull(p, t).then((r) => r ?? { kind: 'full' as const, items: [] }), { kind: 'full', items: [] }),
      );
    }

    const capabilities: ServerCapabilities = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
      completionProvider: { triggerCharacters: [' '] },
      executeCommandProvider: { commands: SERVER_COMMANDS.filter((c) => !features.clientCommands.has(c)) },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    };
    if (features.codeActionLiterals) {
      capabilities.codeActionProvider = {
        codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_CODE_ACTION_KIND],
        resolveProvider: features.codeActionResolveEdit,
      };
    } else capabilities.codeActionProvider = true;
    if (features.pullDiagnostics) capabilities.diagnosticProvider = { identifier: 'kubeward', interFileDependencies: true, workspaceDiagnostics: false };
    return { capabilities, serverInfo: { name: 'kubeward-language-server', version: VERSION } };
  });

  connection.onInitialized(
    guardNotification('initialized', async () => {
      const client = initializeParams?.clientInfo ? `${initializeParams.clientInfo.name} ${initializeParams.clientInfo.version ?? ''}`.trim() : 'an LSP client';
      connection.console.info(
        `Kubeward language server ${VERSION} (Node ${process.version}) for ${client}: ${rules.length} rules, ${features.pullDiagnostics ? 'pull' : 'push'} diagnostics, rule pages in ${docsDir}`,
      );
      if (features.dynamicFileWatchers) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/.kubeward.{yaml,yml}' }, { globPattern: `**/{${KUSTOMIZATION_FILES.join(',')}}` }, { globPattern: '**/*.{yaml,yml}' }],
        });
      }
      if (features.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders(
          guardNotification('workspace folders', (e) => {
            workspace.addFolders(e.added, e.removed);
            settings.configChanged();
            documents.recheckAll();
          }),
        );
      }
      // Cross-document rules need every object of the workspace: index it in the background.
      const firstFolder = workspace.folderUris()[0];
      const probe = firstFolder ? await settings.forDocument(firstFolder) : undefined;
      if (probe && hasActiveWorkspaceRules(rules, probe)) {
        await workspace.scan({ publish: false });
      }
    }),
  );

  // ---------------------------------------------------------------- notifications

  connection.onDidChangeConfiguration(
    guardNotification('configuration change', (params) => {
      settings.didChangeConfiguration(params.settings);
      documents.recheckAll();
    }),
  );

  connection.onNotification(
    WorkspaceTrustedNotification.method,
    guardNotification('workspace trust', () => {
      if (settings.trusted) return;
      settings.trust();
      documents.recheckAll();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guardNotification('watched files', async (params) => {
      let config = false;
      let kustomization = false;
      for (const change of params.changes) {
        const file = uriToPath(change.uri);
        if (!file) continue;
        if (isConfigFileName(file)) config = true;
        else if (KUSTOMIZATION.test(file)) kustomization = true;
        else await workspace.fileChanged(change.uri, change.type === FileChangeType.Deleted);
      }
      if (config || kustomization) projectFilesChanged(config, kustomization);
    }),
  );

  connection.onShutdown(() => {
    if (pendingProject) clearTimeout(pendingProject.timer);
    documents?.dispose();
    options.helper?.dispose();
    workspace?.cancel();
    publisher?.dispose();
  });

  connection.listen();
}
