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
   * Findings of another rule that count too, when their message matches:
   * a "*" in RBAC is rbac-wildcard's finding, reported once, so it counts
   * where the "*" covers what the peer checks.
   */
  also?: { rule: string; message: RegExp };
  /**
   * kubesec only: the file-name words of its fixtures that name this check
   * (`score-0-daemonset-host-network.yml`).
   */
  fileToken?: string;
  /** kube-linter: picks (group 1) the name from the peer's message that Kubeward's message must quote; default: the container. */
  quote?: RegExp;
  /** The rule reports per pod or per volume: a container named by the peer is not compared. */
  podLevel?: boolean;
  /** Profile the rules run under; default: restricted when a rule belongs to it, else baseline. */
  profile?: 'baseline' | 'restricted';
  /**
   * kube-linter: the peer reports an object of one kind where Kubeward reports
   * another (a binding, where Kubeward flags the role it binds): peer kind →
   * the kinds whose findings count.
   */
  reportedOn?: Readonly<Record<string, readonly string[]>>;
  /**
   * Checkov: what the check's own test module expects of each file of the
   * folder, when the file names do not say it for this check (one folder
   * serves several checks). Replaces the expectations the names give.
   */
  files?: Readonly<Record<string, 'FAILED' | 'PASSED'>>;
  /** Where `files` comes from, for the report. */
  filesSource?: string;
  /** How this comparison differs from the peer's own (shown in the report). */
  note?: string;
}

/** One row per peer check: the Checkov folder of CVE-2021-25742 serves three checks, told apart by id. */
export function ruleIdsOf(m: PeerMapping): string[] {
  return m.also ? [...m.rules, m.also.rule] : [...m.rules];
}

export function mappingKey(m: Pick<PeerMapping, 'peer' | 'check' | 'peerId' | 'files'>): string {
  return `${m.peer}/${m.check}${m.peer === 'checkov' && m.files ? `/${m.peerId}` : ''}`;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * rbac-wildcard findings whose "*" grants one of `verbs` on one of
 * `resources` (of API group `group`): every verb on every resource, every
 * verb on one of the resources, one of the verbs on every resource, or on
 * that subresource of every resource.
 */
function wildcardGranting(verbs: readonly string[], resources: readonly string[], group: string): { rule: string; message: RegExp } {
  const any = (xs: readonly string[]) => `(?:${xs.map(escape).join('|')})`;
  const subs = resources.filter((r) => r.includes('/')).map((r) => r.split('/')[1]!);
  const parts = [
    'grants every verb on every resource: ',
    `grants every verb on every resource of the API groups [^:]*"${escape(group)}"`,
    `grants every verb \\("\\*"\\) on [^:]*"${any(resources)}"`,
    `grants [^:]*"${any(verbs)}"[^:]* on every resource \\("\\*"\\)`,
  ];
  if (subs.length > 0) parts.push(`grants [^:]*"${any(verbs)}"[^:]* on the "${any(subs)}" subresource of every resource`);
  return { rule: 'rbac-wildcard', message: new RegExp(parts.join('|')) };
}

const EXEC_WILDCARD = wildcardGranting(['create', 'get'], ['pods/exec', 'pods/attach'], '');
const WILDCARD_NOTE = 'A "*" is reported once, by rbac-wildcard: its finding counts where the "*" grants what the peer checks.';
const BINDING_NOTE = 'The peer reports the binding of a role; Kubeward reports the rule in the role itself (where the fix goes), in the same fixture.';

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
  // Secrets and ConfigMaps
  { peer: 'kube-linter', check: 'env-var-secret', rules: ['env-literal-credential'] },
  { peer: 'kube-linter', check: 'read-secret-from-env-var', rules: ['secret-in-env-var'] },
  // Services
  { peer: 'kube-linter', check: 'exposed-services', rules: ['service-nodeport', 'service-loadbalancer-unrestricted'] },
  // Namespaces
  { peer: 'kube-linter', check: 'use-namespace', rules: ['default-namespace'] },
  // API versions
  { peer: 'kube-linter', check: 'no-extensions-v1beta', rules: ['removed-api-version', 'ingress-removed-api-version', 'podsecuritypolicy-removed'] },
  // NetworkPolicy and cross-document references (both passes, the fixture as the workspace)
  { peer: 'kube-linter', check: 'non-isolated-pod', rules: ['workload-not-isolated'] },
  { peer: 'kube-linter', check: 'dangling-ingress', rules: ['ingress-dangling-backend'], quote: /ingress label \(([\w.-]+)\)/ },
  { peer: 'kube-linter', check: 'dangling-networkpolicy', rules: ['networkpolicy-dangling'], messageIds: ['podSelector'] },
  { peer: 'kube-linter', check: 'dangling-networkpolicypeer-podselector', rules: ['networkpolicy-dangling'], messageIds: ['peer'] },
  // RBAC
  { peer: 'kube-linter', check: 'cluster-admin-role-binding', rules: ['rbac-cluster-admin-binding'] },
  { peer: 'kube-linter', check: 'wildcard-in-rules', rules: ['rbac-wildcard'] },
  {
    peer: 'kube-linter',
    check: 'access-to-secrets',
    rules: ['rbac-secrets-access'],
    also: wildcardGranting(['get', 'list', 'watch'], ['secrets'], ''),
    reportedOn: { RoleBinding: ['Role', 'ClusterRole'] },
    note: `${BINDING_NOTE} ${WILDCARD_NOTE}`,
  },
  {
    peer: 'kube-linter',
    check: 'access-to-create-pods',
    rules: ['rbac-pod-exec-create'],
    messageIds: ['createPods'],
    also: wildcardGranting(['create'], ['pods'], ''),
    reportedOn: { RoleBinding: ['Role', 'ClusterRole'] },
    note: `${BINDING_NOTE} ${WILDCARD_NOTE}`,
  },

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
  // Ingress
  { peer: 'polaris', check: 'tlsSettingsMissing', rules: ['ingress-tls-missing'] },
  // Secrets and ConfigMaps
  { peer: 'polaris', check: 'sensitiveContainerEnvVar', rules: ['env-literal-credential'] },
  { peer: 'polaris', check: 'sensitiveConfigmapContent', rules: ['configmap-contains-secret'] },
  // NetworkPolicy (both passes, the fixture as the workspace)
  { peer: 'polaris', check: 'missingNetworkPolicy', rules: ['workload-not-isolated'] },
  // RBAC. Polaris flags a binding by the role it binds, found in the same file; the binding checks are workspace-aware in Kubeward too.
  { peer: 'polaris', check: 'clusterrolebindingClusterAdmin', rules: ['rbac-cluster-admin-binding'] },
  { peer: 'polaris', check: 'rolebindingClusterAdminClusterRole', rules: ['rbac-cluster-admin-binding'] },
  { peer: 'polaris', check: 'rolebindingClusterAdminRole', rules: ['rbac-cluster-admin-binding'] },
  // Polaris counts get as well as create on pods/exec and pods/attach (exec over a WebSocket starts with a GET).
  { peer: 'polaris', check: 'clusterrolePodExecAttach', rules: ['rbac-pod-exec-create'], messageIds: ['exec'], also: EXEC_WILDCARD, note: WILDCARD_NOTE },
  { peer: 'polaris', check: 'rolePodExecAttach', rules: ['rbac-pod-exec-create'], messageIds: ['exec'], also: EXEC_WILDCARD, note: WILDCARD_NOTE },
  {
    peer: 'polaris',
    check: 'clusterrolebindingPodExecAttach',
    rules: ['rbac-pod-exec-create'],
    messageIds: ['exec'],
    also: EXEC_WILDCARD,
    note: `${BINDING_NOTE} ${WILDCARD_NOTE}`,
  },
  {
    peer: 'polaris',
    check: 'rolebindingRolePodExecAttach',
    rules: ['rbac-pod-exec-create'],
    messageIds: ['exec'],
    also: EXEC_WILDCARD,
    note: `${BINDING_NOTE} ${WILDCARD_NOTE}`,
  },
  {
    peer: 'polaris',
    check: 'rolebindingClusterRolePodExecAttach',
    rules: ['rbac-pod-exec-create'],
    messageIds: ['exec'],
    also: EXEC_WILDCARD,
    note: `${BINDING_NOTE} ${WILDCARD_NOTE}`,
  },

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
  // Ingress: one folder serves the three CVE-2021-25742 checks; each test module counts its own passes and failures.
  {
    peer: 'checkov',
    check: 'NginxIngressCVE202125742',
    peerId: 'CKV_K8S_152',
    rules: ['ingress-nginx-snippet-dangerous-content'],
    message: /a Lua directive|a kubernetes\.io path/,
    files: {
      'checkov/tests/kubernetes/checks/example_NginxIngressCVE202125742/annotation1-FAILED.yaml': 'FAILED',
      'checkov/tests/kubernetes/checks/example_NginxIngressCVE202125742/annotation2-nollua-PASSESONEFAILSONE.yaml': 'PASSED',
      'checkov/tests/kubernetes/checks/example_NginxIngressCVE202125742/annotation3-alias.yaml': 'PASSED',
      'checkov/tests/kubernetes/checks/example_NginxIngressCVE202125742/noannotations-PASSED.yaml': 'PASSED',
    },
    filesSource: 'test_NginxIngressCVE202125742Lua.py: 1 failed (the Lua block), 3 passed',
    note: 'One Kubeward rule covers both the Lua and kubernetes.io (CKV_K8S_152) and the alias (CKV_K8S_154) patterns; its message names the pattern found.',
  },
  {
    peer: 'checkov',
    check: 'NginxIngressCVE202125742',
    peerId: 'CKV_K8S_153',
    rules: ['ingress-nginx-snippet-annotation'],
    files: {
      'checkov/tests/kubernetes/checks/example_NginxIngressCVE202125742/annotation1-FAILED.yaml': 'FAILED',
      'checkov/tests/kubernetes/checks/example_NginxIngressCVE202125742/annotation2-nollua-PASSESONEFAILSONE.yaml': 'FAILED',
      'checkov/tests/kubernetes/checks/example_NginxIngressCVE202125742/annotation3-alias.yaml': 'FAILED',
      'checkov/tests/kubernetes/checks/example_NginxIngressCVE202125742/noannotations-PASSED.yaml': 'PASSED',
    },
    filesSource: 'test_NginxIngressCVE202125742AllSnippets.py: 3 failed (every snippet), 1 passed',
  },
  {
    peer: 'checkov',
    check: 'NginxIngressCVE202125742',
    peerId: 'CKV_K8S_154',
    rules: ['ingress-nginx-snippet-dangerous-content'],
    message: /the alias directive/,
    files: {
      'checkov/tests/kubernetes/checks/example_NginxIngressCVE202125742/annotation1-FAILED.yaml': 'PASSED',
      'checkov/tests/kubernetes/checks/example_NginxIngressCVE202125742/annotation2-nollua-PASSESONEFAILSONE.yaml': 'PASSED',
      'checkov/tests/kubernetes/checks/example_NginxIngressCVE202125742/annotation3-alias.yaml': 'FAILED',
      'checkov/tests/kubernetes/checks/example_NginxIngressCVE202125742/noannotations-PASSED.yaml': 'PASSED',
    },
    filesSource: 'test_NginxIngressCVE202125742Alias.py: 1 failed (the alias directive), 3 passed',
    note: 'One Kubeward rule covers both the Lua and kubernetes.io (CKV_K8S_152) and the alias (CKV_K8S_154) patterns; its message names the pattern found.',
  },
  // Secrets
  { peer: 'checkov', check: 'Secrets', peerId: 'CKV_K8S_35', rules: ['secret-in-env-var'] },
  // Namespaces, Tiller, dashboard
  { peer: 'checkov', check: 'DefaultNamespace', peerId: 'CKV_K8S_21', rules: ['default-namespace'] },
  { peer: 'checkov', check: 'NoDefaultNamespace', peerId: 'CKV_K8S_21', rules: ['default-namespace'] },
  { peer: 'checkov', check: 'Tiller', peerId: 'CKV_K8S_34', rules: ['tiller-deployed'] },
  { peer: 'checkov', check: 'TillerService', peerId: 'CKV_K8S_44', rules: ['tiller-deployed'] },
  { peer: 'checkov', check: 'KubernetesDashboard', peerId: 'CKV_K8S_33', rules: ['dashboard-deployed'] },
  // RBAC
  { peer: 'checkov', check: 'WildcardRoles', peerId: 'CKV_K8S_49', rules: ['rbac-wildcard'] },
  { peer: 'checkov', check: 'DefaultServiceAccountBinding', peerId: 'CKV_K8S_42', rules: ['rbac-default-service-account-bound'] },
  // Checkov fails a role only when it grants every one of the check's operations.
  {
    peer: 'checkov',
    check: 'RbacApproveCertificateSigningRequests',
    peerId: 'CKV_K8S_156',
    rules: ['rbac-privilege-escalation-verbs'],
    messageIds: ['csrApproval'],
    also: wildcardGranting(['update', 'patch'], ['certificatesigningrequests/approval'], 'certificates.k8s.io'),
    note: WILDCARD_NOTE,
  },
  {
    peer: 'checkov',
    check: 'RbacBindRoleBindings',
    peerId: 'CKV_K8S_157',
    rules: ['rbac-privilege-escalation-verbs'],
    messageIds: ['bind'],
    also: wildcardGranting(['bind'], ['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings'], 'rbac.authorization.k8s.io'),
    note: WILDCARD_NOTE,
  },
  {
    peer: 'checkov',
    check: 'RbacControlWebhooks',
    peerId: 'CKV_K8S_155',
    rules: ['rbac-privilege-escalation-verbs'],
    messageIds: ['webhooks'],
    also: wildcardGranting(['create', 'update', 'patch'], ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations'], 'admissionregistration.k8s.io'),
    note: WILDCARD_NOTE,
  },
  {
    peer: 'checkov',
    check: 'RbacEscalateRoles',
    peerId: 'CKV_K8S_158',
    rules: ['rbac-privilege-escalation-verbs'],
    messageIds: ['escalate'],
    also: wildcardGranting(['escalate'], ['roles', 'clusterroles'], 'rbac.authorization.k8s.io'),
    note: WILDCARD_NOTE,
  },

  // ------------------------------------------------------------ KICS (exact lines of positive files)
  { peer: 'kics', check: 'container_is_privileged', peerId: 'dd29336b', rules: ['pod-privileged'] },
  { peer: 'kics', check: 'privilege_escalation_allowed', peerId: '5572cc5e', rules: ['pod-allow-privilege-escalation'] },
  { peer: 'kics', check: 'shared_host_network_namespace', peerId: '6b6bdfb3', rules: ['workload-host-network'] },
  { peer: 'kics', check: 'ingress_without_tls', peerId: 'c81c6c42', rules: ['ingress-tls-missing'] },
  { peer: 'kics', check: 'secrets_as_environment_variables', peerId: '3d658f8b', rules: ['secret-in-env-var'] },

  // ------------------------------------------------------------ kubesec (score hints in fixture names)
  { peer: 'kubesec', check: 'Privileged', rules: ['pod-privileged'], fileToken: 'securitycontext-privileged' },
  { peer: 'kubesec', check: 'HostNetwork', rules: ['workload-host-network'], fileToken: 'host-network' },
  { peer: 'kubesec', check: 'HostPID', rules: ['pod-host-pid-ipc'], messageIds: ['hostPID'], fileToken: 'host-pid' },
  { peer: 'kubesec', check: 'HostIPC', rules: ['pod-host-pid-ipc'], messageIds: ['hostIPC'], fileToken: 'host-ipc' },
  { peer: 'kubesec', check: 'CapSysAdmin', rules: ['pod-capabilities-added'], message: /SYS_ADMIN/, fileToken: 'cap-sys-admin' },
  { peer: 'kubesec', check: 'DockerSock', rules: ['pod-hostpath-volume'], messageIds: ['socket'], fileToken: 'docker-socket' },
  {
    peer: 'kubesec',
    check: 'AllowPrivilegeEscalation',
    rules: ['pod-allow-privilege-escalation'],
    messageIds: ['allowed'],
    fileToken: 'allow-privilege-escalation',
  },
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
  /** Checkov: one check of a folder that serves several. */
  peerId?: string;
  /** Path under test/corpus. */
  file?: string;
  /** KICS: the expected line. */
  line?: number;
  /** kube-linter: the kind its expected message starts with. */
  kind?: string;
  /** Which kind of expectation (a test's finding, not its count). */
  expect?: 'finding' | 'none' | 'at-most';
  /** The peer judges something Kubeward does not analyse at all (another product's kinds). */
  outOfScope?: boolean;
  reason: string;
}

const OPENSHIFT = 'OpenShift DeploymentConfig (apps.openshift.io) is not a Kubernetes workload kind; Kubeward does not analyse it.';

const PSA_ALL =
  'Pod Security Admission compares capability names exactly: a pod that drops "all" or "All" instead of "ALL" is rejected at the restricted level, so Kubeward reports the spelling (with a fix).';
const DROP_ALL =
  'The restricted standard requires capabilities.drop to include ALL; dropping a list of capabilities one by one leaves the others, and anything the runtime adds later.';
const SECCOMP_ANNOTATION =
  'The fixture sets seccomp with the alpha annotation seccomp.security.alpha.kubernetes.io, which Kubernetes ignores since 1.27 (Kubeward targets 1.33 by default): Kubeward reports that the pod runs unconfined, and counts the annotation only when kubernetesVersion is below 1.27.';

const DANGLING_POLICY =
  'The fixture holds the NetworkPolicy alone. With no workload of its namespace in the workspace, networkpolicy-dangling cannot tell a wrong selector from workloads kept in another repository, and stays silent rather than guess; with one workload beside it, it reports the selector (test/workspace/networkpolicy-dangling.test.ts).';
const NAME_EXEMPT =
  'Polaris exempts roles and bindings by name (a system: prefix, gce:podsecuritypolicy:calico-sa) as cluster defaults. A name grants nothing and excuses nothing: a role or binding in a repository is applied like any other, so Kubeward judges what it grants.';
const DEFAULT_NAMES =
  "Polaris exempts roles and bindings named like the cluster's defaults (admin, cluster-admin, system:controller:…). A manifest that defines a role under such a name replaces the built-in rules when applied, so Kubeward judges what this one grants.";
const MISSING_ROLE =
  'The binding points at a role the fixture does not define (built in, or managed elsewhere). Kubeward does not guess what that role grants and stays silent; Polaris fails the binding because it cannot check it.';

export const DISAGREEMENTS: readonly Disagreement[] = [
  {
    peer: 'kube-linter',
    check: 'non-isolated-pod',
    kind: 'DeploymentConfig',
    outOfScope: true,
    reason:
      'Pod templates inside custom resources (an OpenShift DeploymentConfig) get every per-object pod rule; the cross-file NetworkPolicy rules (workload-not-isolated) match only the pods of Kubernetes workload kinds.',
  },
  {
    peer: 'checkov',
    check: 'AllowPrivilegeEscalation',
    file: 'checkov/tests/kubernetes/checks/example_AllowPrivilegeEscalation/oc-deploymentConfig-FAILED.yml',
    outOfScope: true,
    reason: OPENSHIFT,
  },

  { peer: 'polaris', check: 'insecureCapabilities', file: 'polaris/test/checks/insecureCapabilities/success.all.yaml', reason: PSA_ALL },
  { peer: 'polaris', check: 'insecureCapabilities', file: 'polaris/test/checks/insecureCapabilities/success.yaml', reason: DROP_ALL },
  { peer: 'polaris', check: 'insecureCapabilities', file: 'polaris/test/checks/insecureCapabilities/success.case.yaml', reason: DROP_ALL },
  {
    peer: 'polaris',
    check: 'insecureCapabilities',
    file: 'polaris/test/checks/insecureCapabilities/success.pod.yaml',
    reason: `${DROP_ALL} (capabilities is not a pod-level field, so the pod-level drop list does nothing.)`,
  },

  {
    peer: 'checkov',
    check: 'DropCapabilities',
    file: 'checkov/tests/kubernetes/checks/example_DropCapabilities/pod-drop-NET_RAW-capabilities-PASSED.yaml',
    reason: `Checkov only requires NET_RAW to be dropped. ${DROP_ALL}`,
  },
  {
    peer: 'checkov',
    check: 'DropCapabilities',
    file: 'checkov/tests/kubernetes/checks/example_DropCapabilities/pod-drop-all-capabilities-PASSED2.yaml',
    reason: PSA_ALL,
  },
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
    reason:
      "The Pod's spec is a list, not a pod spec: Kubernetes rejects the object, and Kubeward judges no field of a malformed pod spec (a schema validator reports it).",
  },
  {
    peer: 'checkov',
    check: 'RootContainers',
    file: 'checkov/tests/kubernetes/checks/example_RootContainers/rootContainersFAILED_2.yaml',
    reason:
      'The pod securityContext is the string "runAsUser:65534 fsGroup:65534" (no space after the colons): Kubernetes rejects the object, and Kubeward judges no field of a securityContext that is not a mapping.',
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

  // ---------------------------------------------------------------- secrets and ConfigMaps
  ...['aws_secret_access_key', 'azure_batch_key', 'oci_cli_key_content'].map((key) => ({
    peer: 'polaris' as Peer,
    check: 'sensitiveConfigmapContent',
    file: `polaris/test/checks/sensitiveConfigmapContent/failure.key_${key}.yaml`,
    reason:
      'The key names a credential but its value is the placeholder "xxxxx": configmap-contains-secret judges the value as well as the name, so a ConfigMap that names the key without holding a secret is not reported (Polaris looks at the key alone).',
  })),
  {
    peer: 'kics',
    check: 'secrets_as_environment_variables',
    file: 'kics/assets/queries/k8s/secrets_as_environment_variables/test/positive.yaml',
    line: 30,
    reason:
      'The same finding one line lower: KICS points at the `envFrom:` key, Kubeward at the `- secretRef:` entry under it (line 31), which names the Secret and is what the fix rewrites.',
  },

  // ---------------------------------------------------------------- NetworkPolicy
  {
    peer: 'kube-linter',
    check: 'dangling-networkpolicy',
    expect: 'finding',
    reason: DANGLING_POLICY,
  },
  {
    peer: 'kube-linter',
    check: 'dangling-networkpolicypeer-podselector',
    expect: 'finding',
    reason: DANGLING_POLICY,
  },
  ...['egress_in_policytypes', 'ingress_in_policytypes'].map((f) => ({
    peer: 'polaris' as Peer,
    check: 'missingNetworkPolicy',
    file: `polaris/test/checks/missingNetworkPolicy/failure.netpol_missing_${f}.yaml`,
    reason:
      "A NetworkPolicy selects the pods, so they are isolated in the direction its policyTypes name. Polaris also requires both Ingress and Egress to be listed; workload-not-isolated reports pods that no policy selects at all, as kube-linter's non-isolated-pod does.",
  })),
  ...['egress_rules', 'ingress_rules'].map((f) => ({
    peer: 'polaris' as Peer,
    check: 'missingNetworkPolicy',
    file: `polaris/test/checks/missingNetworkPolicy/failure.netpol_missing_${f}.yaml`,
    reason:
      'The policy selects the pods and lists both directions; one of them has no rules, which denies all of that traffic (the strictest setting, and the usual default-deny). Polaris requires rules in both directions; workload-not-isolated reports pods that no policy selects.',
  })),

  // ---------------------------------------------------------------- RBAC
  {
    peer: 'checkov',
    check: 'RbacBindRoleBindings',
    file: 'checkov/tests/kubernetes/checks/example_RbacBindRoleBindings/clusterrole-failed-1.yaml',
    reason:
      'The role grants bind on rolebindings, which grants nothing: the API server checks the bind verb on the role being bound (roles, clusterroles), so rbac-privilege-escalation-verbs reports bind there only.',
  },
  ...[
    'clusterrolePodExecAttach/success.gce_calico_clusterrole.yaml',
    'clusterrolePodExecAttach/success.system_prefix.yaml',
    'clusterrolebindingPodExecAttach/success.gce_calico_binding.yaml',
    'clusterrolebindingPodExecAttach/success.system_prefix_binding.yaml',
    'rolePodExecAttach/success.gce_calico_binding.yaml',
    'rolePodExecAttach/success.system_prefix_binding.yaml',
    'rolebindingClusterRolePodExecAttach/success.gce_calico_binding.yaml',
    'rolebindingClusterRolePodExecAttach/success.system_prefix_binding.yaml',
    'rolebindingRolePodExecAttach/success.gce_calico_binding.yaml',
    'rolebindingRolePodExecAttach/success.system_prefix_binding.yaml',
    'clusterrolebindingClusterAdmin/success.gce_calico_binding.yaml',
    'clusterrolebindingClusterAdmin/success.system_prefix_binding.yaml',
    'rolebindingClusterAdminClusterRole/success.gce_calico_binding.yaml',
    'rolebindingClusterAdminClusterRole/success.system_prefix_binding.yaml',
    'rolebindingClusterAdminRole/success.gce_calico_binding.yaml',
    'rolebindingClusterAdminRole/success.system_prefix_binding.yaml',
  ].map((f) => ({ peer: 'polaris' as Peer, file: `polaris/test/checks/${f}`, reason: NAME_EXEMPT })),
  ...[
    'clusterrolePodExecAttach/success.defaultclusterrole_admin.yaml',
    'clusterrolePodExecAttach/success.defaultclusterrole_clusteradmin.yaml',
    'clusterrolebindingPodExecAttach/success.defaultclusterrolebinding_clusteradmin.yaml',
    'clusterrolebindingPodExecAttach/success.defaultclusterrolebinding_system-controller-generic-garbage-collector.yaml',
  ].map((f) => ({ peer: 'polaris' as Peer, file: `polaris/test/checks/${f}`, reason: DEFAULT_NAMES })),
  ...['clusterrolebindingPodExecAttach', 'rolebindingClusterRolePodExecAttach', 'rolebindingRolePodExecAttach'].map((check) => ({
    peer: 'polaris' as Peer,
    check,
    file: `polaris/test/checks/${check}/failure.binding_points_to_missing_ref.yaml`,
    reason: MISSING_ROLE,
  })),
  {
    peer: 'polaris',
    check: 'rolebindingRolePodExecAttach',
    file: `polaris/test/checks/rolebindingRolePodExecAttach/success.role_binding_cluster_role_binding.yaml`,
    reason:
      "The fixture's ClusterRole grants every verb on every resource; this Polaris check passes only because the RoleBinding points at a ClusterRole rather than a Role (its rolebindingClusterRolePodExecAttach covers that case). Kubeward reports the role once, whatever binds it (rbac-wildcard).",
  },

  {
    peer: 'kubesec',
    check: 'Privileged',
    file: 'kubesec/test/asset/score-1-prod-dump.yaml',
    reason:
      "The dump's second container (enable-core-dump) sets privileged: true, which the baseline standard forbids whatever the score; kubesec's test only asserts a positive score for the dump.",
  },
];

/** Peer checks next to Kubeward's rules that are not the same check, so they are not compared. */
export const NOT_COMPARED: ReadonlyArray<{ peer: Peer; check: string; reason: string }> = [
  // Pod security and images
  {
    peer: 'polaris',
    check: 'linuxHardening',
    reason:
      'Passes when any one of seccomp, SELinux, AppArmor or dropped capabilities is set; Kubeward checks each control on its own (pod-seccomp, pod-selinux-custom, pod-apparmor-unconfined, pod-capabilities-not-dropped).',
  },
  {
    peer: 'kube-linter',
    check: 'writable-host-mount',
    reason: 'Accepts a hostPath mounted readOnly; the Pod Security Standards (and pod-hostpath-volume) forbid every hostPath volume.',
  },
  { peer: 'kube-linter', check: 'privileged-ports', reason: 'Container ports below 1024 inside the pod network; not a Pod Security control.' },
  {
    peer: 'checkov',
    check: 'RootContainersHighUID',
    reason: 'Requires runAsUser ≥ 10000; the standards require non-root (runAsNonRoot / runAsUser ≠ 0), not a UID range.',
  },
  { peer: 'checkov', check: 'SecurityContexts', reason: 'Requires some securityContext to exist; Kubeward checks what it contains.' },
  {
    peer: 'checkov',
    check: 'DefaultServiceAccount',
    reason:
      'Checks the ServiceAccount named default itself (automountServiceAccountToken: false, no secrets). Kubeward reports the pods: those that run as the default account (pod-default-service-account), and those that get a token from an account that does not disable it (pod-sa-token-automount, which a ServiceAccount of the workspace satisfies).',
  },
  {
    peer: 'polaris',
    check: 'pullPolicyNotAlways',
    reason:
      'Asks for imagePullPolicy: Always. Kubeward asks for a tag that cannot move (image-tag-mutable) or a digest (image-not-pinned-digest), which decide what runs whatever the pull policy.',
  },
  {
    peer: 'checkov',
    check: 'ImagePullPolicy',
    reason:
      'Asks for imagePullPolicy: Always (CKV_K8S_15). Kubeward asks for a tag that cannot move or a digest, which decide what runs whatever the pull policy.',
  },
  // PodSecurityPolicy
  {
    peer: 'checkov',
    check: 'RootContainersPSP',
    reason:
      'Judges the content of PodSecurityPolicy objects. The kind was removed in Kubernetes 1.25: podsecuritypolicy-removed reports every PSP, whatever it allows, and offers Pod Security Admission labels instead.',
  },
  {
    peer: 'checkov',
    check: 'PSP',
    reason:
      'Judges the content of PodSecurityPolicy objects (the seccomp annotations). The kind was removed in Kubernetes 1.25: podsecuritypolicy-removed reports every PSP, whatever it allows.',
  },
  {
    peer: 'kics',
    check: 'psp_allows_privilege_escalation',
    reason:
      'Judges the content of PodSecurityPolicy objects. The kind was removed in Kubernetes 1.25: podsecuritypolicy-removed reports every PSP, whatever it allows.',
  },
  // Services, references between objects
  {
    peer: 'kube-linter',
    check: 'ssh-port',
    reason:
      'Flags container port 22 in the pod spec. Kubeward flags sensitive ports where they are exposed, on Services (service-sensitive-port-exposed): a container port alone is reachable only inside the cluster network.',
  },
  {
    peer: 'kube-linter',
    check: 'dangling-service',
    reason:
      'A Service whose selector matches no pod exposes nothing. Kubeward checks the references that carry traffic somewhere unintended: Ingress and HTTPRoute backends (ingress-dangling-backend) and NetworkPolicy selectors (networkpolicy-dangling).',
  },
  {
    peer: 'kube-linter',
    check: 'non-existent-service-account',
    reason:
      'A pod whose ServiceAccount is missing is not created: a correctness check. Kubeward reads the ServiceAccounts of the workspace only for what they grant (pod-sa-token-automount).',
  },
  // Tiller, RBAC
  {
    peer: 'checkov',
    check: 'TillerDeploymentListener',
    reason:
      'Accepts a Tiller that listens only on localhost (CKV_K8S_45). Kubeward reports every Tiller (tiller-deployed): Helm 2 is end-of-life, and Tiller acts with its own cluster-wide rights for anyone who reaches it, through kubectl port-forward too.',
  },
];

/** Peer checks outside what Kubeward analyses (not exposure, not security, or another product\'s kinds). */
const CONTROL_PLANE =
  'Command-line flags of control-plane components (kube-apiserver, kubelet, etcd, controller manager, scheduler) in static-pod manifests: cluster configuration, not the exposure of workloads.';
const RELIABILITY = 'Reliability or resource hygiene (probes, requests and limits, replicas, disruption budgets, scheduling), not security.';
const KL_HARNESS = 'Tests a custom check template, a configuration file or a command-line flag of kube-linter, not one of its built-in checks.';
const kubeLinterReliability = [
  'dangling-horizontalpodautoscaler',
  'dangling-servicemonitor',
  'dnsconfig-options',
  'duplicate-env-var',
  'hpa-minimum-three-replicas',
  'invalid-target-ports',
  'job-ttl-seconds-after-finished',
  'liveness-port',
  'minimum-three-replicas',
  'mismatching-selector',
  'no-anti-affinity',
  'no-liveness-probe',
  'no-node-affinity',
  'no-readiness-probe',
  'no-rolling-update-strategy',
  'pdb-max-unavailable',
  'pdb-min-available',
  'pdb-unhealthy-pod-eviction-policy',
  'priority-class-name',
  'readiness-port',
  'restart-policy',
  'startup-port',
  'unset-cpu-requirements',
  'unset-memory-requirements',
];
const polarisReliability = [
  'cpuLimitsMissing',
  'cpuRequestsMissing',
  'deploymentMissingReplicas',
  'hpaMaxAvailability',
  'hpaMinAvailability',
  'livenessProbeMissing',
  'memoryLimitsMissing',
  'memoryRequestsMissing',
  'missingPodDisruptionBudget',
  'nakedPod',
  'oneController',
  'pdbDisruptionsIsZero',
  'pdbMinAvailableGreaterThanHPAMinReplicas',
  'priorityClassNotSet',
  'readinessProbeMissing',
  'resourceRange',
  'topologySpreadConstraint',
];
const checkovControlPlane = [
  'ApiServerAdmissionControlAlwaysAdmit',
  'ApiServerAdmissionControlEventRateLimit',
  'ApiServerAlwaysPullImagesPlugin',
  'ApiServerAnonymousAuth',
  'ApiServerAuditLog',
  'ApiServerAuditLogMaxAge',
  'ApiServerAuditLogMaxBackup',
  'ApiServerAuditLogMaxSize',
  'ApiServerAuthorizationModeNode',
  'ApiServerAuthorizationModeNotAlwaysAllow',
  'ApiServerAuthorizationModeRBAC',
  'ApiServerBasicAuthFile',
  'ApiServerEncryptionProviders',
  'ApiServerEtcdCaFile',
  'ApiServerEtcdCertAndKey',
  'ApiServerInsecureBindAddress',
  'ApiServerInsecurePort',
  'ApiServerKubeletClientCertAndKey',
  'ApiServerKubeletHttps',
  'ApiServerNamespaceLifecyclePlugin',
  'ApiServerNodeRestrictionPlugin',
  'ApiServerPodSecurityPolicyPlugin',
  'ApiServerProfiling',
  'ApiServerRequestTimeout',
  'ApiServerSecurePort',
  'ApiServerSecurityContextDenyPlugin',
  'ApiServerServiceAccountKeyFile',
  'ApiServerServiceAccountLookup',
  'ApiServerServiceAccountPlugin',
  'ApiServerStrongCryptographicCiphers',
  'ApiServerTlsCertAndKey',
  'ApiServerTokenAuthFile',
  'ApiServerkubeletCertificateAuthority',
  'ControllerManagerBindAddress',
  'EtcdAutoTls',
  'EtcdCertAndKey',
  'EtcdClientCertAuth',
  'EtcdPeerFiles',
  'KubeControllerManagerBlockProfiles',
  'KubeControllerManagerRootCAFile',
  'KubeControllerManagerServiceAccountCredentials',
  'KubeControllerManagerServiceAccountPrivateKeyFile',
  'KubeControllerManagerTerminatedPods',
  'KubeletAnonymousAuth',
  'KubeletAuthorizationModeNotAlwaysAllow',
  'KubeletClientCa',
  'KubeletCryptographicCiphers',
  'KubeletHostnameOverride',
  'KubeletKeyFilesSetAppropriate',
  'KubeletMakeIptablesUtilChains',
  'KubeletProtectKernelDefaults',
  'KubeletReadOnlyPort',
  'KubeletStreamingConnectionIdleTimeout',
  'KubletEventCapture',
  'KubletRotateCertificates',
  'PeerClientCertAuthTrue',
  'RotateKubeletServerCertificate',
  'SchedulerBindAddress',
  'SchedulerProfiling',
];

export const OUT_OF_SCOPE: ReadonlyArray<{ peer: Peer; check: string; reason: string }> = [
  ...[
    'template-cel',
    'template-kubeconform',
    'schema-validation',
    'template-forbidden-annotation',
    'statefulset-volumeclaimtemplate-annotation',
    'flag-ignore-paths',
    'flag-kustomize-support',
    'flag-multi-format-output',
  ].map((check) => ({ peer: 'kube-linter' as Peer, check, reason: KL_HARNESS })),
  ...kubeLinterReliability.map((check) => ({ peer: 'kube-linter' as Peer, check, reason: RELIABILITY })),
  { peer: 'kube-linter', check: 'required-annotation-email', reason: 'Organisation metadata conventions (required labels and annotations), not security.' },
  { peer: 'kube-linter', check: 'required-label-owner', reason: 'Organisation metadata conventions (required labels and annotations), not security.' },
  { peer: 'kube-linter', check: 'sorted-keys', reason: 'Formatting (key order), not security.' },
  { peer: 'kube-linter', check: 'env-value-from', reason: 'References to missing Secret and ConfigMap keys make the pod fail to start: a correctness check.' },
  {
    peer: 'kube-linter',
    check: 'deprecated-service-account-field',
    reason: 'The deprecated serviceAccount alias of serviceAccountName still works the same: API hygiene, not security.',
  },
  {
    peer: 'kube-linter',
    check: 'scc-deny-privileged-container',
    reason: 'OpenShift SecurityContextConstraints are not a Kubernetes kind; Kubeward does not analyse them.',
  },
  ...polarisReliability.map((check) => ({ peer: 'polaris' as Peer, check, reason: RELIABILITY })),
  { peer: 'polaris', check: 'metadataAndInstanceMismatched', reason: 'Label conventions (app.kubernetes.io/instance against metadata.name), not security.' },
  ...checkovControlPlane.map((check) => ({ peer: 'checkov' as Peer, check, reason: CONTROL_PLANE })),
  { peer: 'checkov', check: 'LivenessReadiness', reason: RELIABILITY },
  { peer: 'checkov', check: 'Requests_Limits', reason: RELIABILITY },
  {
    peer: 'checkov',
    check: 'DangerousGitSync',
    reason:
      'git-sync configured to run a program from a writable volume: a code-execution path specific to that image, not an exposure; Kubeward has no image-specific argument checks.',
  },
  { peer: 'checkov', check: 'Suppressed', reason: "Tests Checkov's own suppression comments, not a check." },
  { peer: 'checkov', check: 'WildcardEntities', reason: "Tests Checkov's check registry (a check registered for every kind), not a security check." },
];

/**
 * Checkov fixtures whose names do not say PASSED or FAILED in capitals
 * (peer-expectations.json records them as UNKNOWN), resolved from the check's
 * own test module. Files named UNKNOWN are Checkov's own UNKNOWN result and
 * stay uncompared.
 */
const CK = 'checkov/tests/kubernetes/checks';
const rbacNamed = (check: string, files: readonly string[]) =>
  files.map((f) => ({
    check,
    file: `${CK}/example_${check}/${f}`,
    expect: (f.includes('-failed-') ? 'FAILED' : 'PASSED') as 'FAILED' | 'PASSED',
    source: `test_${check}.py lists its object (test-should-${f.includes('-failed-') ? 'fail' : 'pass'}-N) among the ${f.includes('-failed-') ? 'failing' : 'passing'} resources`,
  }));
export const CHECKOV_RESOLVED: ReadonlyArray<{ check: string; file: string; expect: 'FAILED' | 'PASSED'; source: string }> = [
  ...rbacNamed('RbacApproveCertificateSigningRequests', [
    'clusterrole-failed-1.yaml',
    'clusterrole-failed-2.yaml',
    'clusterrole-failed-3.yaml',
    'clusterrole-passed-1.yaml',
    'clusterrole-passed-2.yaml',
  ]),
  ...rbacNamed('RbacBindRoleBindings', ['clusterrole-failed-1.yaml', 'clusterrole-passed-1.yaml', 'role-failed-2.yaml', 'role-passed-2.yaml']),
  ...rbacNamed('RbacControlWebhooks', ['clusterrole-failed-1.yaml', 'clusterrole-failed-2.yaml', 'clusterrole-passed-1.yaml', 'clusterrole-passed-2.yaml']),
  ...rbacNamed('RbacEscalateRoles', ['clusterrole-failed-1.yaml', 'clusterrole-passed-1.yaml', 'role-failed-2.yaml', 'role-passed-2.yaml']),
  ...rbacNamed('WildcardRoles', ['role-failed-1.yaml', 'role-failed-2.yaml', 'role-failed-3.yaml', 'role-passed-1.yaml', 'role-passed-2.yaml']),
  {
    check: 'Tiller',
    file: `${CK}/example_Tiller/tiller-deployment.json`,
    expect: 'FAILED',
    source: 'test_Tiller.py: 1 failed, 1 passed; the other file is the PASSED nginx Deployment',
  },
  {
    check: 'TillerService',
    file: `${CK}/example_TillerService/tiller-services.yaml`,
    expect: 'FAILED',
    source: "test_TillerService.py: 2 failed, 0 passed; this is the folder's only file",
  },
];

/** kubesec rules with negative points: a fixture with a positive score matched none of them. */
export const KUBESEC_CRITICAL = new Set([
  'Privileged',
  'HostNetwork',
  'HostPID',
  'HostIPC',
  'CapSysAdmin',
  'DockerSock',
  'AllowPrivilegeEscalation',
  'SeccompUnconfined',
  'ApparmorUnconfined',
]);

export { OPENSHIFT };
