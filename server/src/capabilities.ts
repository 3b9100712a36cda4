/**
 * What the client can do, read once from `initialize`. Every feature that
 * depends on a client capability asks here and degrades when it is missing:
 * no pull diagnostics → push; no configuration → defaults; no work-done
 * progress → none; no showDocument → skip; no code action literals → commands.
 */
import type { ClientCapabilities, InitializeParams } from 'vscode-languageserver/node';
import type { InitializationOptions } from '../../shared-rules/src/protocol';

export interface ClientFeatures {
  /** `textDocument/diagnostic` with `workspace/diagnostic/refresh`: diagnostics of open documents are pulled. */
  pullDiagnostics: boolean;
  configuration: boolean;
  applyEdit: boolean;
  /** WorkspaceEdit.documentChanges (versioned edits). */
  documentChanges: boolean;
  /** SnippetTextEdit inside documentChanges (LSP 3.18). */
  snippetEdits: boolean;
  codeActionLiterals: boolean;
  /** `codeAction/resolve` may fill in `edit` later. */
  codeActionResolveEdit: boolean;
  workDoneProgress: boolean;
  showDocument: boolean;
  /** `client/registerCapability` for `workspace/didChangeWatchedFiles`. */
  dynamicFileWatchers: boolean;
  workspaceFolders: boolean;
  markdownHover: boolean;
  /** The workspace is trusted (VS Code's workspace trust); other clients: always. */
  workspaceTrusted: boolean;
  /** Commands the client registers itself: handled, not advertised. */
  clientCommands: ReadonlySet<string>;
}

export function clientFeatures(params: InitializeParams): ClientFeatures {
  const c: ClientCapabilities = params.capabilities ?? {};
  const options = (params.initializationOptions ?? {}) as Partial<InitializationOptions>;
  const workspaceEdit = c.workspace?.workspaceEdit;
  const codeAction = c.textDocument?.codeAction;
  const hoverFormats = c.textDocument?.hover?.contentFormat;
  return {
    pullDiagnostics: Boolean(c.textDocument?.diagnostic) && Boolean(c.workspace?.diagnostics?.refreshSupport),
    configuration: Boolean(c.workspace?.configuration),
    applyEdit: Boolean(c.workspace?.applyEdit),
    documentChanges: Boolean(workspaceEdit?.documentChanges),
    snippetEdits: Boolean(workspaceEdit?.documentChanges && (workspaceEdit as { snippetEditSupport?: boolean }).snippetEditSupport),
    codeActionLiterals: Boolean(codeAction?.codeActionLiteralSupport),
    codeActionResolveEdit: Boolean(codeAction?.dataSupport && codeAction.resolveSupport?.properties.includes('edit')),
    workDoneProgress: Boolean(c.window?.workDoneProgress),
    showDocument: Boolean(c.window?.showDocument?.support),
    dynamicFileWatchers: Boolean(c.workspace?.didChangeWatchedFiles?.dynamicRegistration),
    workspaceFolders: Boolean(c.workspace?.workspaceFolders),
    markdownHover: Boolean(hoverFormats?.includes('markdown')),
    // Clients without a notion of trust send nothing: their workspace is trusted.
    workspaceTrusted: options.workspaceTrusted !== false,
    clientCommands: new Set(Array.isArray(options.clientCommands) ? options.clientCommands.filter((x) => typeof x === 'string') : []),
  };
}
