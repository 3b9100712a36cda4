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
  /** `"1.31"`; empty (or null): from `.kubeward.yaml`, else the latest known. */
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
  kubernetesVersion: '',
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
  /** One argument: {@link MigrateIngressArgs}. Returns the WorkspaceEdit it applied. */
  migrateIngress: 'kubeward.migrateIngress',
  /** No argument. Returns {@link ScanWorkspaceResult}. Reports work-done progress. */
  scanWorkspace: 'kubeward.scanWorkspace',
  /** One argument: the rule id. Returns {@link ShowDocumentationResult}. */
  showDocumentation: 'kubeward.showDocumentation',
  /** One argument: a WorkspaceEdit, applied with `workspace/applyEdit` (for clients without code action literals). */
  applyFix: 'kubeward.applyFix',
  /** One argument: {uri, position} on a value under a Secret's `data`. Returns {@link RevealedSecretValue}. */
  revealSecretValue: 'kubeward.revealSecretValue',
} as const;

/** A Secret value decoded on an explicit request (never on hover: screens are shared). */
export interface RevealedSecretValue {
  secret: string;
  key: string;
  /** The decoded text; undefined for binary data or invalid base64. */
  text?: string;
  binary?: boolean;
  invalid?: boolean;
}

export type CommandId = (typeof Commands)[keyof typeof Commands];
export const SERVER_COMMANDS: readonly CommandId[] = [
  Commands.secureIngress,
  Commands.migrateIngress,
  Commands.scanWorkspace,
  Commands.showDocumentation,
  Commands.applyFix,
  Commands.revealSecretValue,
];

/** The one argument of `kubeward.secureIngress` (docs/requirements.md: Secure this Ingress). */
export interface SecureIngressArgs {
  uri: string;
  /** 0-based line and UTF-16 character; without it the file must hold exactly one Ingress. */
  position?: { line: number; character: number };
  authUrl?: string;
  /** ingress-nginx `auth-signin` (the proxy's sign-in page), used with `authUrl`. */
  authSignin?: string;
  tlsSecretName?: string;
  clusterIssuer?: string;
  /** Edit nothing: answer with a {@link SecureIngressPlan} (what the change would be, what it needs asked). */
  dryRun?: boolean;
}

/** The answer of `kubeward.secureIngress` with `dryRun`: what it would change, before anything is asked or edited. */
export interface SecureIngressPlan {
  ingressName: string | undefined;
  /** Nothing to change automatically. */
  alreadySecure: boolean;
  /** The answers the change uses: `authUrl` when it adds authentication, the TLS ones when it adds TLS. */
  questions: Array<'authUrl' | 'tlsSecretName' | 'clusterIssuer'>;
  /** The fixes it applies, by title. */
  changes: string[];
  /** What the user must still do afterwards (create the Secrets it names, replace placeholders), one sentence each. */
  todo: string[];
  /** Rules whose findings stay on the Ingress (no fix can resolve them). */
  remaining: string[];
}

/**
 * The one argument of `kubeward.migrateIngress`: the Ingress at `position` (or
 * the only one) becomes Gateway API objects, inserted after it (it is kept).
 * When several Gateways of the workspace fit, the server asks the user
 * (window/showMessageRequest) unless `gateway` names one or `newGateway` is set.
 */
export interface MigrateIngressArgs {
  uri: string;
  /** 0-based line and UTF-16 character; without it the file must hold exactly one Ingress. */
  position?: { line: number; character: number };
  /** The existing Gateway to attach the routes to. */
  gateway?: { name: string; namespace?: string };
  /** Write a new Gateway even when one of the workspace fits. */
  newGateway?: boolean;
}

export interface ScanWorkspaceResult {
  /** Manifest files read and analysed. */
  filesChecked: number;
  /** Findings over all of them. */
  findings: number;
  /** How many of them are hints (which Problems does not list). */
  hints?: number;
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
  /** Open documents that hold a Kubernetes object (the status item shows on these only). */
  manifests?: string[];
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
