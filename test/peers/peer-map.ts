/**
 * Which peer check is the same check as which Kubeward rule, in one table,
 * and every place where Kubeward disagrees with a peer's own test fixtures on
 * purpose, with the reason. `peer-agreement.test.ts` asserts the rest agrees;
 * `npm run docs` renders docs/peer-agreement.md from the same data.
 *
 * Adding a rule family (Ingress, Services, RBAC, Secrets): append its rows to
 * PEER_MAP (the peer's check name exactly as test/corpus/peer-expectations.json
 * spells it), run the test, and for each expectation Kubeward should not meet
 * add a DISAGREEMENTS entry saying why. Related checks that are not the same
 * check go to NOT_COMPARED, so the report shows they were looked at.
 */

export type Peer = 'polaris' | 'checkov' | 'kics' | 'kube-linter' | 'kubesec';
export const PEERS: readonly Peer[] = ['kube-linter', 'polaris', 'checkov', 'kics', 'kubesec'];

export interface PeerMapping {
  peer: Peer;
  /** The peer's check: Polaris check, Checkov test folder, KICS query, kube-linter test, kubesec rule. */
  check: string;
  /** The peer's own id, for the report (CKV_K8S_16, dd29336b…). */
  peerId?: string;
  /** Kubeward rules that make this check: a finding of any of them counts. */
  rules: readonly string[];
  /** Only findings with these message ids count (the peer checks one part of the rule). */
  messageIds?: readonly string[];
  /** Only findings whose message matches (one capability of a list, for example). */
  message?: RegExp;
  /**
   * kubesec only: the file-name words of its fixtures that name this check
   * (`score-0-daemonset-host-network.yml`).
   */
  fileToken?: string;
  /** The rule reports per pod or per volume: a container named by the peer is not compared. */
  podLevel?: boolean;
  /** Profile the rules run under; default: restricted when a rule belongs to it, else baseline. */
  profile?: 'baseline' | 'restricted';
}

export const PEER_MAP: readonly PeerMapping[] = [
  // ------------------------------------------------------------ kube-linter (e2e tests: messages per check)
  { peer: 'kube-linter', check: 'host-network', rules: ['workload-host-network'] },
  { peer: 'kube-linter', check: 'host-pid', rules: ['pod-host-pid-ipc'], messageIds: ['hostPID'] },
  { peer: 'kube-linter', check: 'host-ipc', rules: ['pod-host-pid-ipc'], messageIds: ['hostIPC'] },
  { peer: 'kube-linter', check: 'privileged-container', rules: ['pod-privileged'] },
  { peer: 'kube-linter', check: 'privilege-escalation-container', rules: ['pod-allow-privilege-escalation'] },
  // kube-linter's check also reports runAsGroup 0, which Kubeward reports as pod-root-group.
  { peer: 'kube-linter', check: 'run-as-non-root', rules: ['pod-run-as-root', 'pod-root-group'] },
  { peer: 'kube-linter', check: 'no-read-only-root-fs', rules: ['pod-writable-rootfs'] },
  // The test adds NET_RAW; Kubeward reports an added NET_RAW as a capability outside the baseline set.
  { peer: 'kube-linter', check: 'drop-net-raw-capability', rules: ['pod-capabilities-added'], message: /NET_RAW/ },
  { peer: 'kube-linter', check: 'docker-sock', rules: ['pod-hostpath-volume'], messageIds: ['socket'], podLevel: true },
  { peer: 'kube-linter', check: 'sensitive-host-mounts', rules: ['pod-hostpath-volume'], messageIds: ['sensitive', 'socket'], podLevel: true },
  { peer: 'kube-linter', check: 'unsafe-proc-mount', rules: ['pod-proc-mount-unmasked'] },
  { peer: 'kube-linter', check: 'unsafe-sysctls', rules: ['pod-unsafe-sysctls'] },
  { peer: 'kube-linter', check: 'default-service-account', rules: ['pod-default-service-account'] },
  { peer: 'kube-linter', check: 'latest-tag', rules: ['image-tag-mutable'] },

  // ------------------------------------------------------------ Polaris (failure / success / mutated fixtures)
  { peer: 'polaris', check: 'hostNetworkSet', rules: ['workload-host-network'] },
  { peer: 'polaris', check: 'hostPIDSet', rules: ['pod-host-pid-ipc'], messageIds: ['hostPID'] },
  { peer: 'polaris', check: 'hostIPCSet', rules: ['pod-host-pid-ipc'], messageIds: ['hostIPC'] },
  { peer: 'polaris', check: 'hostPortSet', rules: ['workload-host-port'] },
  { peer: 'polaris', check: 'hostPathSet', rules: ['pod-hostpath-volume'] },
  { peer: 'polaris', check: 'hostProcess', rules: ['pod-hostprocess'] },
  { peer: 'polaris', check: 'procMount', rules: ['pod-proc-mount-unmasked'] },
  { peer: 'polaris', check: 'runAsPrivileged', rules: ['pod-privileged'] },
  { peer: 'polaris', check: 'privilegeEscalationAllowed', rules: ['pod-allow-privilege-escalation'] },
  { peer: 'polaris', check: 'runAsRootAllowed', rules: ['pod-run-as-root'] },
  { peer: 'polaris', check: 'notReadOnlyRootFilesystem', rules: ['pod-writable-rootfs'] },
  { peer: 'polaris', check: 'automountServiceAccountToken', rules: ['pod-sa-token-automount'] },
  { peer: 'polaris', check: 'dangerousCapabilities', rules: ['pod-capabilities-added'], messageIds: ['dangerous'] },
  { peer: 'polaris', check: 'insecureCapabilities', rules: ['pod-capabilities-not-dropped'] },
  { peer: 'polaris', check: 'tagNotSpecified', rules: ['image-tag-mutable'] },

  // ------------------------------------------------------------ Checkov (files named PASSED / FAILED)
  { peer: 'checkov', check: 'PrivilegedContainers', peerId: 'CKV_K8S_16', rules: ['pod-privileged'] },
  { peer: 'checkov', check: 'ShareHost', peerId: 'CKV_K8S_17/18/19', rules: ['workload-host-network', 'pod-host-pid-ipc'] },
  { peer: 'checkov', check: 'AllowPrivilegeEscalation', peerId: 'CKV_K8S_20', rules: ['pod-allow-privilege-escalation'] },
  { peer: 'checkov', check: 'ReadOnlyFilesystem', peerId: 'CKV_K8S_22', rules: ['pod-writable-rootfs'] },
  { peer: 'checkov', check: 'RootContainers', peerId: 'CKV_K8S_23', rules: ['pod-run-as-root'] },
  { peer: 'checkov', check: 'AllowedCapabilities', peerId: 'CKV_K8S_25', rules: ['pod-capabilities-added'] },
  { peer: 'checkov', check: 'HostPort', peerId: 'CKV_K8S_26', rules: ['workload-host-port'] },
  { peer: 'checkov', check: 'DockerSocketVolume', peerId: 'CKV_K8S_27', rules: ['pod-hostpath-volume'], messageIds: ['socket'] },
  { peer: 'checkov', check: 'DropCapabilities', peerId: 'CKV_K8S_28', rules: ['pod-capabilities-not-dropped'] },
  // Checkov requires a profile, as the restricted half of pod-seccomp does.
  { peer: 'checkov', check: 'Seccomp', peerId: 'CKV_K8S_31', rules: ['pod-seccomp'], profile: 'restricted' },
  { peer: 'checkov', check: 'ServiceAccountTokens', peerId: 'CKV_K8S_38', rules: ['pod-sa-token-automount'] },
  { peer: 'checkov', check: 'AllowedCapabilitiesSysAdmin', peerId: 'CKV_K8S_39', rules: ['pod-capabilities-added'], message: /SYS_ADMIN/ },
  { peer: 'checkov', check: 'ImageTagFixed', peerId: 'CKV_K8S_14', rules: ['image-tag-mutable'] },
  { peer: 'checkov', check: 'ImageDigest', peerId: 'CKV_K8S_43', rules: ['image-not-pinned-digest'] },

  // ------------------------------------------------------------ KICS (exact lines of positive files)
  { peer: 'kics', check: 'container_is_privileged', peerId: 'dd29336b', rules: ['pod-privileged'] },
  { peer: 'kics', check: 'privilege_escalation_allowed', peerId: '5572cc5e', rules: ['pod-allow-privilege-escalation'] },
  { peer: 'kics', check: 'shared_host_network_namespace', peerId: '6b6bdfb3', rules: ['workload-host-network'] },

  // ------------------------------------------------------------ kubesec (score hints in fixture names)
  { peer: 'kubesec', check: 'Privileged', rules: ['pod-privileged'], fileToken: 'securitycontext-privileged' },
  { peer: 'kubesec', check: 'HostNetwork', rules: ['workload-host-network'], fileToken: 'host-network' },
  { peer: 'kubesec', check: 'HostPID', rules: ['pod-host-pid-ipc'], messageIds: ['hostPID'], fileToken: 'host-pid' },
  { peer: 'kubesec', check: 'HostIPC', rules: ['pod-host-pid-ipc'], messageIds: ['hostIPC'], fileToken: 'host-ipc' },
  { peer: 'kubesec', check: 'CapSysAdmin', rules: ['pod-capabilities-added'], message: /SYS_ADMIN/, fileToken: 'cap-sys-admin' },
  { peer: 'kubesec', check: 'DockerSock', rules: ['pod-hostpath-volume'], messageIds: ['socket'], fileToken: 'docker-socket' },
  { peer: 'kubesec', check: 'AllowPrivilegeEscalation', rules: ['pod-allow-privilege-escalation'], messageIds: ['allowed'], fileToken: 'allow-privilege-escalation' },
  { peer: 'kubesec', check: 'SeccompUnconfined', rules: ['pod-seccomp'], messageIds: ['unconfined'], fileToken: 'seccomp-unconfined' },
  { peer: 'kubesec', check: 'ApparmorUnconfined', rules: ['pod-apparmor-unconfined'], fileToken: 'apparmor-unconfined' },
];

/**
 * A deliberate disagreement: every expectation it matches must disagree (so
 * a fixed one cannot linger) and it must match at least one. Fields left out
 * match anything.
 */
export interface Disagreement {
  peer: Peer;
  check?: string;
  /** Path under test/corpus. */
  file?: string;
  /** KICS: the expected line. */
  line?: number;
  /** kube-linter: the kind its expected message starts with. */
  kind?: string;
  /** The peer judges something Kubeward does not analyse at all (another product's kinds). */
  outOfScope?: boolean;
  reason: string;
}

const OPENSHIFT = 'OpenShift DeploymentConfig (apps.openshift.io) is not a Kubernetes workload kind; Kubeward does not analyse it.';

const PSA_ALL = 'Pod Security Admission compares capability names exactly: a pod that drops "all" or "All" instead of "ALL" is rejected at the restricted level, so Kubeward reports the spelling (with a fix).';
const DROP_ALL = 'The restricted standard requires capabilities.drop to include ALL; dropping a list of capabilities one by one leaves the others, and anything the runtime adds later.';
const SECCOMP_ANNOTATION =
  'The fixture sets seccomp with the alpha annotation seccomp.security.alpha.kubernetes.io, which Kubernetes ignores since 1.27 (Kubeward targets 1.33 by default): Kubeward reports that the pod runs unconfined, and counts the annotation only when kubernetesVersion is below 1.27.';

export const DISAGREEMENTS: readonly Disagreement[] = [
  // kube-linter's e2e fixtures pair every Deployment with an OpenShift DeploymentConfig.
  { peer: 'kube-linter', kind: 'DeploymentConfig', outOfScope: true, reason: OPENSHIFT },
  { peer: 'checkov', check: 'AllowPrivilegeEscalation', file: 'checkov/tests/kubernetes/checks/example_AllowPrivilegeEscalation/oc-deploymentConfig-FAILED.yml', outOfScope: true, reason: OPENSHIFT },

  {
    peer: 'polaris',
    check: 'automountServiceAccountToken',
    file: 'polaris/test/checks/automountServiceAccountToken/success.serviceaccount.yaml',
    reason:
      'Only the ServiceAccount in the same file disables automounting. Kubeward reads the pod spec alone, as Pod Security Admission does: the ServiceAccount can be changed or replaced apart from the workload, so the workload is asked to opt out itself.',
  },
  { peer: 'polaris', check: 'insecureCapabilities', file: 'polaris/test/checks/insecureCapabilities/success.all.yaml', reason: PSA_ALL },
  { peer: 'polaris', check: 'insecureCapabilities', file: 'polaris/test/checks/insecureCapabilities/success.yaml', reason: DROP_ALL },
  { peer: 'polaris', check: 'insecureCapabilities', file: 'polaris/test/checks/insecureCapabilities/success.case.yaml', reason: DROP_ALL },
  { peer: 'polaris', check: 'insecureCapabilities', file: 'polaris/test/checks/insecureCapabilities/success.pod.yaml', reason: `${DROP_ALL} (capabilities is not a pod-level field, so the pod-level drop list does nothing.)` },

  { peer: 'checkov', check: 'DropCapabilities', file: 'checkov/tests/kubernetes/checks/example_DropCapabilities/pod-drop-NET_RAW-capabilities-PASSED.yaml', reason: `Checkov only requires NET_RAW to be dropped. ${DROP_ALL}` },
  { peer: 'checkov', check: 'DropCapabilities', file: 'checkov/tests/kubernetes/checks/example_DropCapabilities/pod-drop-all-capabilities-PASSED2.yaml', reason: PSA_ALL },
  {
    peer: 'checkov',
    check: 'AllowedCapabilitiesSysAdmin',
    file: 'checkov/tests/kubernetes/checks/example_AllowedCapabilitiesSysAdmin/pod-FAILED2.yaml',
    reason: 'The fixture is cut short after `containers:`: there is no container and no capability to judge.',
  },
  {
    peer: 'checkov',
    check: 'RootContainers',
    file: 'checkov/tests/kubernetes/checks/example_RootContainers/rootContainersFAILED-malformed-spec.yaml',
    reason: 'The Pod\'s spec is a list, not a pod spec: Kubernetes rejects the object, and Kubeward judges no field of a malformed pod spec (a schema validator reports it).',
  },
  {
    peer: 'checkov',
    check: 'RootContainers',
    file: 'checkov/tests/kubernetes/checks/example_RootContainers/rootContainersFAILED_2.yaml',
    reason: 'The pod securityContext is the string "runAsUser:65534 fsGroup:65534" (no space after the colons): Kubernetes rejects the object, and Kubeward judges no field of a securityContext that is not a mapping.',
  },
  {
    peer: 'checkov',
    check: 'RootContainers',
    file: 'checkov/tests/kubernetes/checks/example_RootContainers/rootContainersPASSED.yaml',
    reason:
      'Kubeward follows Pod Security Admission: runAsNonRoot: false on the pod is rejected even when every container overrides it (pod3), and a non-zero runAsUser without runAsNonRoot: true does not satisfy "Running as Non-root" (pod4, pod5): nothing then stops an image or a later edit from running as UID 0.',
  },
  { peer: 'checkov', check: 'Seccomp', file: 'checkov/tests/kubernetes/checks/example_Seccomp/cronjob-seccomp-PASSED.yaml', reason: SECCOMP_ANNOTATION },
  { peer: 'checkov', check: 'Seccomp', file: 'checkov/tests/kubernetes/checks/example_Seccomp/pod-seccomp-PASSED.yaml', reason: SECCOMP_ANNOTATION },
  { peer: 'checkov', check: 'Seccomp', file: 'checkov/tests/kubernetes/checks/example_Seccomp/pod-seccomp-PASSED2.yaml', reason: SECCOMP_ANNOTATION },
  { peer: 'checkov', check: 'Seccomp', file: 'checkov/tests/kubernetes/checks/example_Seccomp/pod-seccomp-PASSED6.yaml', reason: SECCOMP_ANNOTATION },

  {
    peer: 'kubesec',
    check: 'Privileged',
    file: 'kubesec/test/asset/score-1-prod-dump.yaml',
    reason: 'The dump\'s second container (enable-core-dump) sets privileged: true, which the baseline standard forbids whatever the score; kubesec\'s test only asserts a positive score for the dump.',
  },
];

/** Peer checks next to these rules that are not the same check, so they are not compared. */
export const NOT_COMPARED: ReadonlyArray<{ peer: Peer; check: string; reason: string }> = [
  { peer: 'polaris', check: 'linuxHardening', reason: 'Passes when any one of seccomp, SELinux, AppArmor or dropped capabilities is set; Kubeward checks each control on its own (pod-seccomp, pod-selinux-custom, pod-apparmor-unconfined, pod-capabilities-not-dropped).' },
  { peer: 'kube-linter', check: 'writable-host-mount', reason: 'Accepts a hostPath mounted readOnly; the Pod Security Standards (and pod-hostpath-volume) forbid every hostPath volume.' },
  { peer: 'kube-linter', check: 'privileged-ports', reason: 'Container ports below 1024 inside the pod network; not a Pod Security control.' },
  { peer: 'checkov', check: 'RootContainersHighUID', reason: 'Requires runAsUser ≥ 10000; the standards require non-root (runAsNonRoot / runAsUser ≠ 0), not a UID range.' },
  { peer: 'checkov', check: 'DefaultServiceAccount', reason: 'Checks the ServiceAccount named default (automountServiceAccountToken), not the workloads that use it.' },
  { peer: 'checkov', check: 'DefaultServiceAccountBinding', reason: 'Checks RoleBindings to the default ServiceAccount (RBAC family).' },
  { peer: 'checkov', check: 'SecurityContexts', reason: 'Requires some securityContext to exist; Kubeward checks what it contains.' },
  { peer: 'checkov', check: 'RootContainersPSP', reason: 'Checks PodSecurityPolicy objects, not workloads.' },
  { peer: 'kics', check: 'psp_allows_privilege_escalation', reason: 'Checks PodSecurityPolicy objects, not workloads.' },
];

/** kubesec rules with negative points: a fixture with a positive score matched none of them. */
export const KUBESEC_CRITICAL = new Set(['Privileged', 'HostNetwork', 'HostPID', 'HostIPC', 'CapSysAdmin', 'DockerSock', 'AllowPrivilegeEscalation', 'SeccompUnconfined', 'ApparmorUnconfined']);

export { OPENSHIFT };
