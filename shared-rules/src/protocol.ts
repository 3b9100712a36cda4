/**
 * The contract between the language server and its clients (the VS Code
 * extension, and any other LSP client): setting keys, command ids, custom
 * notifications and their parameter types. Plain constants and types only —
 * no import from VS Code or LSP libraries — so both sides import this one file
 * (vscode-eslint's `$shared`).
 */

/** `workspace/configuration` section and settings prefix. */
export const SETTINGS_SECTION = 'kubeward';

export type RunMode = 'onType' | 'onSave';
export type ProfileSetting = 'baseline' | 'restricted';
export type RuleSeverityOverride = 'off' | 'on' | 'hint' | 'info' | 'warning' | 'error';
/** How findings recorded in the baseline are shown: at this severity, or not at all. */
export type BaselineSeverity = 'hint' | 'info' | 'warning' | 'hide';

/**
 * Settings under `kubeward.*`, per resource. `null`, `""` and `{}` mean "not
 * set here", so `.kubeward.yaml` applies; a value set here wins over the file.
 */
export interface KubewardSettings {
  enable: boolean;
  run: RunMode;
  profile: ProfileSetting | null;
  kubernetesVersion: string | null;
  /** Rule id or glob (`pod-*`) → severity, or "off". */
  rules: Record<string, RuleSeverityOverride>;
  ingress: {
    authUrl: string;
    clusterIssuer: string;
    tlsSecretName: string;
  };
  /** Files above this many bytes are not analysed (one informational finding instead). */
  maxFileSize: number | null;
  /** Delay between the last keystroke and the analysis, in milliseconds. */
  debounceMs: number;
  /** A baseline written by `kubeward scan --write-baseline` (relative to the workspace folder), and how its findings are shown. */
  baseline: {
    file: string;
    severity: BaselineSeverity;
  };
  trace?: { server?: 'off' | 'messages' | 'verbose' };
}

export const DEFAULT_SETTINGS: Readonly<KubewardSettings> = Object.freeze<KubewardSettings>({
  enable: true,
  run: 'onType',
  profile: null,
  kubernetesVersion: null,
  rules: {},
  ingress: { authUrl: '', clusterIssuer: '', tlsSecretName: '' },
  maxFileSize: null,
  debounceMs: 30,
  baseline: { file: '', severity: 'hint' },
  trace: { server: 'off' },
});

/** Full setting keys, for `contributes.configuration` and `affectsConfiguration`. */
export const SettingKeys = {
  enable: 'kubeward.enable',
  run: 'kubeward.run',
  profile: 'kubeward.profile',
  kubernetesVersion: 'kubeward.kubernetesVersion',
  rules: 'kubeward.rules',
  ingressAuthUrl: 'kubeward.ingress.authUrl',
  ingressClusterIssuer: 'kubeward.ingress.clusterIssuer',
  ingressTlsSecretName: 'kubeward.ingress.tlsSecretName',
  maxFileSize: 'kubeward.maxFileSize',
  debounceMs: 'kubeward.debounceMs',
  baselineFile: 'kubeward.baseline.file',
  baselineSeverity: 'kubeward.baseline.severity',
  traceServer: 'kubeward.trace.server',
} as const;

/** `initializationOptions` of the `initialize` request. */
export interface InitializationOptions {
  /** False in an untrusted workspace: the server ignores `.kubeward.yaml` until trust is granted. */
  workspaceTrusted: boolean;
  /**
   * Command ids the client registers itself (palette commands) and sends
   * with `workspace/executeCommand`: the server handles them but does not
   * advertise them, so the client does not register them twice.
   */
  clientCommands?: string[];
}

/** Commands the server executes (`workspace/executeCommand`). */
export const Commands = {
  /** One argument: {@link SecureIngressArgs}. Returns the WorkspaceEdit it applied. */
  secureIngress: 'kubeward.secureIngress',
  /** No argument. Returns {@link ScanWorkspaceResult}. Reports work-done progress. */
  scanWorkspace: 'kubeward.scanWorkspace',
  /** One argument: the rule id. Returns {@link ShowDocumentationResult}. */
  showDocumentation: 'kubeward.showDocumentation',
  /** One argument: a WorkspaceEdit, applied with `workspace/applyEdit` (for clients without code action literals). */
  applyFix: 'kubeward.applyFix',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];
export const SERVER_COMMANDS: readonly CommandId[] = [Commands.secureIngress, Commands.scanWorkspace, Commands.showDocumentation, Commands.applyFix];

/** The one argument of `kubeward.secureIngress` (docs/requirements.md: Secure this Ingress). */
export interface SecureIngressArgs {
  uri: string;
  /** 0-based line and UTF-16 character; without it the file must hold exactly one Ingress. */
  position?: { line: number; character: number };
  authUrl?: string;
  tlsSecretName?: string;
  clusterIssuer?: string;
}

export interface ScanWorkspaceResult {
  /** Manifest files read and analysed. */
  filesChecked: number;
  /** Findings over all of them. */
  findings: number;
  /** True when the scan was cancelled before the end. */
  cancelled: boolean;
}

export interface ShowDocumentationResult {
  /** The page that was (or should be) opened: the local page when it ships, else the web page. */
  uri: string;
  /** True when the client confirmed it showed the page. */
  shown: boolean;
}

/** Server → client, after analyses: what the status item shows. */
export const StatusNotification = { method: 'kubeward/status' } as const;
export interface StatusParams {
  /** Rules that run with the configuration of the last analysed document. */
  rulesActive: number;
  /** Files with current results (open documents and scanned files). */
  filesChecked: number;
  /** Rules that threw in those results (their other findings are still reported). */
  ruleErrors: number;
  /** Profile of the last analysed document: "baseline" or "restricted". */
  profile: string;
}

/** Client → server, no params: the user trusted the workspace; `.kubeward.yaml` now applies. */
export const WorkspaceTrustedNotification = { method: 'kubeward/workspaceTrusted' } as const;

/** Diagnostic `source`. */
export const DIAGNOSTIC_SOURCE = 'kubeward';
/** `Diagnostic.data` of every Kubeward diagnostic. */
export interface DiagnosticData {
  ruleId: string;
  messageId?: string;
}

/** Code action kind of "fix all safe problems" (on save: `"editor.codeActionsOnSave": {"source.fixAll.kubeward": "explicit"}`). */
export const FIX_ALL_CODE_ACTION_KIND = 'source.fixAll.kubeward';
