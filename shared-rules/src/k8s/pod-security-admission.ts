/**
 * Pod Security Admission, and how a PodSecurityPolicy maps onto the Pod
 * Security Standards, following
 * https://kubernetes.io/docs/reference/access-authn-authz/psp-to-pod-security-standards/
 *
 * A policy maps to `restricted` when it allows nothing the restricted level
 * forbids, to `baseline` when it allows nothing the baseline level forbids,
 * and to `privileged` otherwise. Fields the page has "no opinion" on are
 * ignored. Two simplifications, because nearly every real PSP (the upstream
 * "restricted" example included) would otherwise map to `privileged`:
 * `seLinux.rule: RunAsAny` and absent seccomp/AppArmor annotations count as
 * no opinion; only explicit unsafe values (custom SELinux user or role, a
 * `*` or `unconfined` profile) count against the policy.
 */
import type { K8sObject } from './objects';
import type { YNode } from '../yaml/nav';
import { allowedSelinuxTypes, BASELINE_CAPABILITIES, normalizeCapability, RESTRICTED_CAPABILITIES, RESTRICTED_VOLUME_TYPES } from './pod-security';

export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

export const PSA_LABEL_PREFIX = 'pod-security.kubernetes.io/';

/** PodSecurityPolicy API versions (both stopped being served in Kubernetes 1.25). */
export const PSP_API_VERSIONS: readonly string[] = ['policy/v1beta1', 'extensions/v1beta1'];

// A policy is not tied to one Kubernetes version: the SELinux types allowed by the latest standard.
const BASELINE_SELINUX_TYPES = allowedSelinuxTypes(true);

export interface PspMapping {
  level: PodSecurityLevel;
  /** What keeps the policy from the next stricter level, for messages and docs. */
  reasons: string[];
}

function capabilityNames(node: YNode | undefined): string[] {
  return (node?.strings() ?? []).map(normalizeCapability);
}

function nonEmptyList(node: YNode | undefined): boolean {
  return Boolean(node && !node.isNull && (node.templated || (node.isSeq && node.items().length > 0)));
}

function profileAnnotationAllowsUnconfined(object: K8sObject, key: string): boolean {
  const value = object.metadata?.get('annotations')?.get(key)?.str;
  if (value === undefined) return false;
  return value.split(',').some((p) => p.trim() === '*' || p.trim() === 'unconfined');
}

/** The strictest Pod Security Standard that admits everything this PodSecurityPolicy admits. */
export function pspLevel(object: K8sObject): PspMapping {
  const spec = object.root.get('spec');
  const get = (key: string) => spec?.get(key);
  const privileged: string[] = [];
  const notRestricted: string[] = [];

  // Baseline (and so restricted) requirements.
  if (get('privileged')?.isTrue) privileged.push('allows privileged containers');
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC'] as const) if (get(field)?.isTrue) privileged.push(`allows ${field}`);
  if (nonEmptyList(get('hostPorts'))) privileged.push('allows host ports');
  const added = [...capabilityNames(get('allowedCapabilities')), ...capabilityNames(get('defaultAddCapabilities'))];
  const unsafeCaps = added.filter((c) => !BASELINE_CAPABILITIES.has(c));
  if (unsafeCaps.length > 0) privileged.push(`allows adding ${[...new Set(unsafeCaps)].join(', ')}`);
  const volumes = get('volumes')?.strings() ?? [];
  if (volumes.includes('hostPath') || volumes.includes('*')) privileged.push(`allows ${volumes.includes('*') ? 'every volume type' : 'hostPath volumes'}`);
  if (nonEmptyList(get('allowedUnsafeSysctls'))) privileged.push('allows unsafe sysctls');
  if ((get('allowedProcMountTypes')?.strings() ?? []).some((t) => t !== 'Default')) privileged.push('allows unmasked /proc');
  const seLinux = get('seLinux');
  if (seLinux?.get('rule')?.str === 'MustRunAs') {
    const options = seLinux.get('seLinuxOptions');
    const type = options?.get('type')?.str ?? '';
    if (options?.get('user')?.str || options?.get('role')?.str || !BASELINE_SELINUX_TYPES.has(type)) privileged.push('sets custom SELinux options');
  }
  if (profileAnnotationAllowsUnconfined(object, 'seccomp.security.alpha.kubernetes.io/allowedProfileNames')) privileged.push('allows unconfined seccomp');
  if (profileAnnotationAllowsUnconfined(object, 'apparmor.security.beta.kubernetes.io/allowedProfileNames')) privileged.push('allows unconfined AppArmor');

  // Restricted only.
  if (!get('allowPrivilegeEscalation')?.isFalse) notRestricted.push('does not forbid privilege escalation');
  if (!capabilityNames(get('requiredDropCapabilities')).includes('ALL')) notRestricted.push('does not drop ALL capabilities');
  if (added.some((c) => !RESTRICTED_CAPABILITIES.has(c))) notRestricted.push('allows adding capabilities other than NET_BIND_SERVICE');
  if (get('runAsUser')?.get('rule')?.str !== 'MustRunAsNonRoot') notRestricted.push('does not require running as non-root');
  const loose = volumes.filter((v) => !RESTRICTED_VOLUME_TYPES.has(v));
  if (loose.length > 0 || get('volumes')?.templated) notRestricted.push(`allows ${loose.length > 0 ? loose.join(', ') : 'templated'} volumes`);
  // A templated field could hold anything: never claim restricted for it.
  if (spec?.templated) notRestricted.push('is templated');

  if (privileged.length > 0) return { level: 'privileged', reasons: privileged };
  if (notRestricted.length > 0) return { level: 'baseline', reasons: notRestricted };
  return { level: 'restricted', reasons: [] };
}

/**
 * Namespace labels that put a level in place: enforce it (latest version of
 * the standard), and audit and warn at the same level; a privileged mapping
 * audits and warns at baseline, so the violations to fix show up first.
 */
export function psaLabels(level: PodSecurityLevel): Record<string, string> {
  const report = level === 'privileged' ? 'baseline' : level;
  return {
    [`${PSA_LABEL_PREFIX}enforce`]: level,
    [`${PSA_LABEL_PREFIX}enforce-version`]: 'latest',
    [`${PSA_LABEL_PREFIX}audit`]: report,
    [`${PSA_LABEL_PREFIX}warn`]: report,
  };
}
