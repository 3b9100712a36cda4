/** Types shared by rules, the engine, the CLI and the language server. */
import type { Applicability, Fix } from '../fix/edit';
import type { SourceRange } from '../yaml/source-map';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
/** A rule's setting: off, on (default severities; turns on opt-in and out-of-profile rules), or a severity. */
export type RuleSetting = Severity | 'off' | 'on';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];
export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };

export type Category =
  | 'ingress-tls'
  | 'ingress-access'
  | 'ingress-nginx'
  | 'cloud-ingress'
  | 'api-version'
  | 'gateway-api'
  | 'service'
  | 'network-policy'
  | 'pod-security'
  | 'rbac'
  | 'secrets'
  | 'images'
  | 'legacy'
  | 'syntax'
  | 'kubeward';

export type FixAvailability = 'always' | 'sometimes' | 'none';
export type PeerTool = 'kube-linter' | 'polaris' | 'checkov' | 'kics' | 'trivy' | 'kubescape' | 'kubesec';
export const PEER_TOOLS: readonly PeerTool[] = ['kube-linter', 'polaris', 'checkov', 'kics', 'trivy', 'kubescape', 'kubesec'];

export type Profile = 'baseline' | 'restricted';

/** Where a finding is inside its object (see fingerprint.ts). */
export interface Locus {
  /** `spec.template.spec.containers[name=web].securityContext.privileged`. */
  path: string;
  /** The offending text with quotes and runs of white space removed. */
  value: string;
}

export interface Finding {
  ruleId: string;
  /** Which of the rule's messages (stable; tests and code actions key off it). */
  messageId?: string;
  severity: Severity;
  message: string;
  /** Offsets into the file's text. */
  start: number;
  end: number;
  /** Marks removed APIs and annotations (LSP DiagnosticTag.Deprecated). */
  deprecated?: boolean;
  /** Present when the analysis was asked for fixes. */
  fixes?: Fix[];
  /** Kind and name of the object, for reports. */
  object?: { kind: string; name?: string; namespace?: string };
  /** Where it is inside the object, independent of formatting (see fingerprint.ts). */
  locus?: Locus;
  /** Where the finding is in a real file, when the text analysed was virtual (AnalyzeOptions.sourceMap). */
  source?: SourceRange;
}

export type { Applicability, Fix };
