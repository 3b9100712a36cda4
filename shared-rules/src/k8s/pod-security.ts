/**
 * Pod Security Standards knowledge shared by the pod-security rules: where
 * each field lives, how a container's securityContext overrides the pod's,
 * the allowed values of each PSS control, and the combined "restricted
 * securityContext" edit.
 *
 * Lookups are three-valued. A field is `set` (a node to judge), `unset` (with
 * the nearest existing parent, for a missing-field finding) or `unknown`: a
 * Helm action or a merge could supply it, so no rule may call it missing or
 * wrong. Source: https://kubernetes.io/docs/concepts/security/pod-security-standards/
 * and the Pod Security Admission checks (`k8s.io/pod-security-admission/policy`).
 */
import { containersOf, describeObject, podMetadataOf, podSpecOf, type ContainerRef, type K8sObject } from './objects';
import { SENTINEL } from '../yaml/helm';
import type { YNode } from '../yaml/nav';

/** True when a node may hold keys or values that are not visible (Helm, merges, Kustomize patches). */
export type Uncertain = (node: YNode) => boolean;

export type Lookup =
  | { state: 'set'; node: YNode }
  /** `parent` is the nearest existing node on the path (for `reportMissing` and fixes). */
  | { state: 'unset'; parent: YNode }
  | { state: 'unknown' };

const UNKNOWN: Lookup = { state: 'unknown' };

/** Follows `path` from `base`, telling a missing field from one that cannot be seen. */
export function lookup(base: YNode, path: readonly string[], uncertain: Uncertain): Lookup {
  let node = base;
  for (const step of path) {
    // A template inside a mapping's values hides none of its keys; one in place of the mapping does.
    if (node.isScalar && node.templated) return UNKNOWN;
    if (node.isNull) return uncertain(node) ? UNKNOWN : { state: 'unset', parent: node };
    // A scalar or list where a mapping belongs is a schema error, not ours to judge.
    if (!node.isMap) return UNKNOWN;
    const next = node.get(step);
    if (!next) return uncertain(node) ? UNKNOWN : { state: 'unset', parent: node };
    node = next;
  }
  if (node.isScalar && node.templated) return UNKNOWN;
  // `field:` with no value is unset; its key is the anchor.
  if (node.isNull) return uncertain(node) ? UNKNOWN : { state: 'unset', parent: node };
  return { state: 'set', node };
}

/** The value Kubernetes uses for a container: its own securityContext field, else the pod's. */
export type Effective =
  { state: 'set'; node: YNode; level: 'container' | 'pod' } | { state: 'unset'; containerParent: YNode; podParent: YNode } | { state: 'unknown' };

export function effectiveField(container: YNode, spec: YNode, field: readonly string[], uncertain: Uncertain): Effective {
  const own = lookup(container, ['securityContext', ...field], uncertain);
  if (own.state === 'set') return { state: 'set', node: own.node, level: 'container' };
  if (own.state === 'unknown') return { state: 'unknown' };
  const pod = lookup(spec, ['securityContext', ...field], uncertain);
  if (pod.state === 'set') return { state: 'set', node: pod.node, level: 'pod' };
  if (pod.state === 'unknown') return { state: 'unknown' };
  return { state: 'unset', containerParent: own.parent, podParent: pod.parent };
}

/** Every place a PSS control can be set: the pod's securityContext and each container's. */
export interface SecurityContextSite {
  /** `pod` or the container. */
  level: 'pod' | 'container';
  container?: ContainerRef;
  /** The node that holds `securityContext` (the pod spec or the container). */
  holder: YNode;
}

export function securityContextSites(object: K8sObject): SecurityContextSite[] {
  const spec = podSpecOf(object);
  if (!spec) return [];
  return [{ level: 'pod', holder: spec }, ...containersOf(object).map((c) => ({ level: 'container' as const, container: c, holder: c.node }))];
}

/** Explicit values of a securityContext field at every level where it is written (templated ones skipped). */
export function explicitValues(object: K8sObject, field: readonly string[]): Array<SecurityContextSite & { node: YNode }> {
  const out: Array<SecurityContextSite & { node: YNode }> = [];
  for (const site of securityContextSites(object)) {
    const node = site.holder.getIn(['securityContext', ...field]);
    if (!node || node.isNull || (node.isScalar && node.templated)) continue;
    out.push({ ...site, node });
  }
  return out;
}

/** `Container "x"` or `Pod "y"`, for messages. */
export function siteLabel(object: K8sObject, site: SecurityContextSite): string {
  return site.level === 'container' ? `Container "${site.container!.name}"` : workloadLabel(object);
}

/** Pods that declare `spec.os.name: windows`: PSS exempts them from the Linux-only restricted controls. */
export function isWindowsPod(object: K8sObject): boolean {
  return podSpecOf(object)?.getIn(['os', 'name'])?.str === 'windows';
}

/** What a fix writes where a non-zero GID belongs, for the user to fill in. */
export const GID_PLACEHOLDER = '<non-zero-gid>';

/** `Deployment "web"`, for messages that start with the object. */
export function workloadLabel(object: K8sObject): string {
  return describeObject(object);
}

/** Names as a message lists them: `"a"`, `"a" and "b"`, `"a", "b" and "c"`. */
export function quotedList(names: readonly string[]): string {
  const q = names.map((n) => `"${n}"`);
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

/**
 * Privileged containers and those adding SYS_ADMIN can always escalate:
 * the API rejects `allowPrivilegeEscalation: false` beside them.
 */
export function escalationForced(container: YNode): boolean {
  if (container.getIn(['securityContext', 'privileged'])?.isTrue) return true;
  const add = container.getIn(['securityContext', 'capabilities', 'add']);
  return Boolean(add?.isSeq && add.strings().some((c) => normalizeCapability(c) === 'SYS_ADMIN'));
}

// ---------------------------------------------------------------- allowed values

/** Baseline "Capabilities": what `capabilities.add` may hold. */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** Restricted "Capabilities": the only capability that may be added. */
export const RESTRICTED_CAPABILITIES: ReadonlySet<string> = new Set(['NET_BIND_SERVICE']);

/** Capabilities that hand over the node (Polaris' dangerous list plus kernel-module and raw-I/O ones). */
const NODE_TAKEOVER_CAPABILITIES: ReadonlySet<string> = new Set(['ALL', 'SYS_ADMIN', 'NET_ADMIN', 'SYS_MODULE', 'SYS_PTRACE', 'SYS_RAWIO', 'BPF']);

/** Runtimes read `cap_sys_admin`, `CAP_SYS_ADMIN` and `SYS_ADMIN` alike; PSA compares exact names. */
export function normalizeCapability(name: string): string {
  return name.trim().toUpperCase().replace(/^CAP_/, '');
}

export function isNodeTakeoverCapability(name: string): boolean {
  return NODE_TAKEOVER_CAPABILITIES.has(normalizeCapability(name));
}

/** Baseline "Seccomp" and "AppArmor" profile types that confine the container. */
export const CONFINED_PROFILE_TYPES: ReadonlySet<string> = new Set(['RuntimeDefault', 'Localhost']);

/** Baseline "SELinux": allowed `seLinuxOptions.type` values ('' and unset too). */
export function allowedSelinuxTypes(atLeast131: boolean): ReadonlySet<string> {
  const types = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
  if (atLeast131) types.push('container_engine_t');
  return new Set(types);
}

/** Baseline "Sysctls": the safe, namespaced set, by the Kubernetes version that allowed each. */
const SAFE_SYSCTLS: ReadonlyArray<[string, number]> = [
  ['kernel.shm_rmid_forced', 0],
  ['net.ipv4.ip_local_port_range', 0],
  ['net.ipv4.ip_unprivileged_port_start', 0],
  ['net.ipv4.tcp_syncookies', 0],
  ['net.ipv4.ping_group_range', 0],
  ['net.ipv4.ip_local_reserved_ports', 27],
  ['net.ipv4.tcp_keepalive_time', 29],
  ['net.ipv4.tcp_fin_timeout', 29],
  ['net.ipv4.tcp_keepalive_intvl', 29],
  ['net.ipv4.tcp_keepalive_probes', 29],
  ['net.ipv4.tcp_rmem', 32],
  ['net.ipv4.tcp_wmem', 32],
];

/** The safe sysctls for a Kubernetes 1.x minor version. */
export function safeSysctls(minor: number): ReadonlySet<string> {
  return new Set(SAFE_SYSCTLS.filter(([, since]) => minor >= since).map(([name]) => name));
}

/** Restricted "Volume Types": every other volume source is forbidden. */
export const RESTRICTED_VOLUME_TYPES: ReadonlySet<string> = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

/** Keys of a volume that are not its source. */
const VOLUME_NON_SOURCE_KEYS: ReadonlySet<string> = new Set(['name']);

/** The source key of a volume (`hostPath`, `nfs`, …) with its node, or undefined. */
export function volumeSources(volume: YNode): Array<{ type: string; node: YNode }> {
  const out: Array<{ type: string; node: YNode }> = [];
  for (const [key, node] of volume.entries()) {
    // A key written by a template action is unknown, not a volume type.
    if (VOLUME_NON_SOURCE_KEYS.has(key) || !node || key.includes(SENTINEL)) continue;
    out.push({ type: key, node });
  }
  return out;
}

/** `<pod>.volumes[*]` that are mappings. */
export function volumesOf(object: K8sObject): YNode[] {
  const volumes = podSpecOf(object)?.get('volumes');
  return volumes?.isSeq ? volumes.items().filter((v) => v.isMap) : [];
}

// ---------------------------------------------------------------- host paths

/** Host directories whose mount gives the pod the node: exact paths. */
const SENSITIVE_HOST_PATHS: ReadonlySet<string> = new Set([
  '/',
  '/etc',
  '/proc',
  '/sys',
  '/boot',
  '/dev',
  '/lib',
  '/usr',
  '/root',
  '/var/run',
  '/run',
  '/var/lib/kubelet',
  '/var/lib/docker',
  '/var/lib/containerd',
  '/etc/kubernetes',
]);

/** Host trees where anything below is sensitive (kubelet pod secrets, cluster PKI, kernel interfaces). */
const SENSITIVE_HOST_TREES = ['/proc/', '/sys/', '/var/lib/kubelet/', '/etc/kubernetes/'];

/** Container runtime sockets: whoever talks to them starts privileged containers. */
const RUNTIME_SOCKET = /(?:^|\/)(?:docker|containerd|crio|cri-dockerd|podman)\.sock$|^\/(?:var\/)?run\/(?:docker|containerd|crio)(?:\/|$)/;

export function normalizeHostPath(path: string): string {
  const collapsed = path.trim().replace(/\/+/g, '/');
  return collapsed.length > 1 ? collapsed.replace(/\/$/, '') : collapsed;
}

/** What kind of sensitive host path this is, or undefined for an ordinary one. */
export function sensitiveHostPath(path: string): 'runtime-socket' | 'system' | undefined {
  const p = normalizeHostPath(path);
  if (RUNTIME_SOCKET.test(p)) return 'runtime-socket';
  if (SENSITIVE_HOST_PATHS.has(p)) return 'system';
  if (SENSITIVE_HOST_TREES.some((t) => p.startsWith(t))) return 'system';
  return undefined;
}

// ---------------------------------------------------------------- AppArmor annotations

export const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** AppArmor annotations on the pod template: `[container name, value node]`. */
export function appArmorAnnotations(object: K8sObject): Array<{ container: string; node: YNode }> {
  const annotations = podMetadataOf(object)?.get('annotations');
  if (!annotations?.isMap) return [];
  const out: Array<{ container: string; node: YNode }> = [];
  for (const [key, node] of annotations.entries()) {
    if (!key.startsWith(APPARMOR_ANNOTATION_PREFIX) || !node) continue;
    out.push({ container: key.slice(APPARMOR_ANNOTATION_PREFIX.length), node });
  }
  return out;
}

/** Baseline allows `runtime/default` and `localhost/<profile>` in the annotation. */
export function isConfinedAppArmorAnnotation(value: string): boolean {
  return value === 'runtime/default' || value.startsWith('localhost/');
}

// ---------------------------------------------------------------- seccomp annotations

export const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
export const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

/** The alpha seccomp annotations on the pod template: the pod's and each container's. */
export function seccompAnnotations(object: K8sObject): { pod: YNode | undefined; containers: Map<string, YNode> } {
  const containers = new Map<string, YNode>();
  let pod: YNode | undefined;
  const annotations = podMetadataOf(object)?.get('annotations');
  for (const [key, node] of annotations?.isMap ? annotations.entries() : []) {
    if (!node) continue;
    if (key === SECCOMP_POD_ANNOTATION) pod = node;
    else if (key.startsWith(SECCOMP_CONTAINER_ANNOTATION_PREFIX)) containers.set(key.slice(SECCOMP_CONTAINER_ANNOTATION_PREFIX.length), node);
  }
  return { pod, containers };
}

/** `runtime/default`, `docker/default` and `localhost/<profile>` confine; `unconfined` does not. */
export function isConfiningSeccompAnnotation(value: string | undefined): boolean {
  return value === 'runtime/default' || value === 'docker/default' || (value?.startsWith('localhost/') ?? false);
}
