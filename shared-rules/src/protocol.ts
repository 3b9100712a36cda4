/**
 * Kubeward's extensions to LSP, typed once for the VS Code client and the
 * language server (vscode-eslint's `$shared` idea). Plain constants and types:
 * no dependency on vscode-jsonrpc, so the engine's `types: []` still holds and
 * any client can read it as documentation of the wire format.
 */
import type { Profile, RuleSetting } from './engine/types';

/** Command ids, as registered in VS Code and as sent with `workspace/executeCommand`. */
export const Commands = {
  secureIngress: 'kubeward.secureIngress',
  scanWorkspace: 'kubeward.scanWorkspace',
  showRuleDocumentation: 'kubeward.showRuleDocumentation',
  /** Server command behind "Show documentation for <rule>" code actions; argument: [ruleId]. */
  showDocumentation: 'kubeward.showDocumentation',
} as const;

/**
 * Commands the VS Code client registers itself (it gathers input, then sends
 * `workspace/executeCommand`). The server must not advertise these in
 * `executeCommandProvider.commands`, or vscode-languageclient would register
 * them a second time, but it handles them when they arrive.
 */
export const CLIENT_COMMANDS: readonly string[] = [Commands.secureIngress, Commands.scanWorkspace, Commands.showRuleDocumentation];

/** `initializationOptions` the VS Code client sends. Other clients may omit it: trusted, no client commands. */
export interface InitializationOptions {
  workspaceTrusted: boolean;
  clientCommands: string[];
}

/** Client → server: the user trusted the workspace; repository configuration may now be read. No params. */
export const WorkspaceTrustedNotification = { method: 'kubeward/workspaceTrusted' } as const;

/** Server → client: what the server is doing, for the language status item. */
export const StatusNotification = { method: 'kubeward/status' } as const;
export interface StatusParams {
  /** Rules enabled under the current profile and settings. */
  rulesActive: number;
  /** Files analysed since the server started (opened documents and workspace scans). */
  filesChecked: number;
  /** Rules that threw while checking (a Kubeward bug; details in the output channel). */
  ruleErrors: number;
  profile: Profile;
}

/** Argument of `kubeward.secureIngress`. Positions are LSP positions (0-based, UTF-16). */
export interface SecureIngressParams {
  uri: string;
  position?: { line: number; character: number };
  authUrl?: string;
  tlsSecretName?: string;
  clusterIssuer?: string;
}

/** The `kubeward` settings section (package.json `contributes.configuration`), as the server reads it per resource. */
export interface KubewardSettings {
  enable: boolean;
  run: 'onType' | 'onSave';
  /** null: from `.kubeward.yaml`, else baseline. */
  profile: Profile | null;
  kubernetesVersion: string | null;
  /** Rule id or glob → severity or off. */
  rules: Record<string, RuleSetting>;
  ingress: { authUrl: string; clusterIssuer: string; tlsSecretName: string };
  maxFileSize: number | null;
  debounceMs: number;
  trace: { server: 'off' | 'messages' | 'verbose' };
}

export const DEFAULT_SETTINGS: KubewardSettings = {
  enable: true,
  run: 'onType',
  profile: null,
  kubernetesVersion: null,
  rules: {},
  ingress: { authUrl: '', clusterIssuer: '', tlsSecretName: '' },
  maxFileSize: null,
  debounceMs: 30,
  trace: { server: 'off' },
};
