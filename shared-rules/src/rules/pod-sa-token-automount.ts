import { defineRule, fixesAtObject, type SummarizeContext, type WorkspaceFix } from '../engine/rule';
import type { ObjectSummary } from '../engine/workspace';
import { podSpecOf, WORKLOAD_KINDS, type K8sObject } from '../k8s/objects';
import { lookup, workloadLabel } from '../k8s/pod-security';
import { automountOf, serviceAccountNameOf, type Automount } from '../k8s/service-accounts';
import { fileRange, mayShareNamespace } from '../engine/workspace-docs';
import { type RelRange } from '../k8s/objects';

const ID = 'pod-sa-token-automount';

/**
 * A pod spec that leaves automounting to its ServiceAccount (account undefined:
 * templated), and what each ServiceAccount says.
 */
type Data = { type: 'pods'; account: string | undefined; at: RelRange; label: string; fixes: WorkspaceFix[] } | { type: 'account'; automount: Automount };

const dataOf = (s: ObjectSummary) => s.data[ID] as Data | undefined;

function summarize(object: K8sObject, source: SummarizeContext): Data | undefined {
  const uncertain = (n: Parameters<SummarizeContext['isUncertain']>[0]) => source.isUncertain(n);
  if (object.kind === 'ServiceAccount') return { type: 'account', automount: automountOf(object, uncertain) };
  if (!(WORKLOAD_KINDS as readonly string[]).includes(object.kind)) return undefined;
  const spec = podSpecOf(object);
  if (!spec) return undefined;
  const found = lookup(spec, ['automountServiceAccountToken'], uncertain);
  // Set on the pod: true is the per-document finding, false is the fix. Unknown: a template or a patch may set it.
  if (found.state !== 'unset' || source.isUncertain(found.parent)) return undefined;
  const parent = found.parent;
  return {
    type: 'pods',
    account: serviceAccountNameOf(spec, uncertain),
    at: source.rangeOf(parent, parent.keyNode ? 'key' : 'value'),
    label: workloadLabel(object),
    fixes: source.fixes([(edit) => edit.setIn(spec, ['automountServiceAccountToken'], false)]),
  };
}

export default defineRule({
  meta: {
    id: ID,
    title: 'Pod mounts a Kubernetes API token it may not need',
    severity: 'info',
    category: 'pod-security',
    kinds: WORKLOAD_KINDS,
    profiles: ['restricted'],
    messages: {
      enabled: '{{object}} sets automountServiceAccountToken: true',
      missing: '{{object}} does not set automountServiceAccountToken: false, and {{account}}',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Set automountServiceAccountToken: false' },
    since: '0.1.0',
    docs: {
      rationale:
        "By default every pod gets a service account token mounted at `/var/run/secrets/kubernetes.io/serviceaccount`. Most applications never call the Kubernetes API, but an attacker who reaches a shell in the container reads the token first: with it they act as the service account, and any RBAC it holds (often more than intended, sometimes the `default` account's) becomes theirs. This is not a Pod Security Standard but a hardening recommendation (CIS 5.1.6, NSA/CISA), run with the **restricted** profile. Kubernetes mounts the token unless the pod spec or its ServiceAccount sets `automountServiceAccountToken: false` (the pod spec wins when both do), so the rule looks at both: the pod spec, and the ServiceAccount it runs as when that account is in the workspace (any file of the workspace or scanned folder).",
      remediation:
        "Set `automountServiceAccountToken: false` in the pod spec, or on the workload's dedicated ServiceAccount. Workloads that call the API keep it (or mount a projected token with a short expiry and an audience) and run under a dedicated service account with narrow RBAC.",
      invalid: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
`,
      valid: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      automountServiceAccountToken: false
      containers:
        - name: web
          image: nginx:1.27
`,
      notes: `A ServiceAccount of the workspace satisfies the pods that run as it (\`serviceAccountName\`, the deprecated \`serviceAccount\`, or \`default\` when neither is set) when it sets \`automountServiceAccountToken: false\`, in the pods' namespace or without one deployed with them (an unset namespace is that of the chart or folder it is applied with, or \`default\`). A ServiceAccount whose value or name is Helm-templated may disable it, so it satisfies them too; a pod whose account name is templated is satisfied by any ServiceAccount that may disable it.

\`automountServiceAccountToken: true\` on the pod is reported whatever the ServiceAccount says, since the pod spec wins. The finding for a pod that leaves the setting to its account comes from the cross-document pass, which the CLI and the editor run: a ServiceAccount that the editor has not read yet cannot satisfy the pods until it is read. Kustomize patches and pod specs completed by a Helm action line are not reported.`,
    },
    references: {
      peers: {
        polaris: 'automountServiceAccountToken',
        checkov: 'CKV_K8S_38',
        kics: '48471392',
        trivy: 'KSV-0036',
        kubescape: ['C-0034', 'C-0190', 'C-0261'],
        kubesec: 'AutomountServiceAccountToken',
      },
      urls: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting'],
    },
  },
  check(ctx) {
    const spec = podSpecOf(ctx.object);
    if (!spec) return;
    const found = lookup(spec, ['automountServiceAccountToken'], (n) => ctx.isUncertain(n));
    if (found.state !== 'set' || !found.node.isTrue) return;
    const node = found.node;
    ctx.report({ node, messageId: 'enabled', data: { object: workloadLabel(ctx.object) }, fix: (edit) => edit.setScalar(node, false) });
  },
  summarize,
  checkWorkspace(ctx) {
    const { summary, index } = ctx;
    const data = dataOf(summary);
    if (data?.type !== 'pods') return;
    const accounts = index
      .byKind('ServiceAccount')
      .filter((a) => mayShareNamespace(a, summary) && (data.account === undefined || a.name === undefined || a.name === data.account));
    // An account that disables the token, or may (templated), satisfies the pods.
    if (
      accounts.some((a) => {
        const d = dataOf(a);
        return d?.type === 'account' && (d.automount === 'disabled' || d.automount === 'unknown');
      })
    )
      return;
    const named = accounts.filter((a) => a.name !== undefined && a.name === data.account);
    const account =
      data.account === undefined
        ? 'no ServiceAccount it may run as (its name is templated) disables it'
        : named.length > 0
          ? `neither does its ServiceAccount "${data.account}"`
          : `its ServiceAccount "${data.account}" is not in the workspace to disable it`;
    ctx.report({
      range: fileRange(summary, data.at),
      messageId: 'missing',
      data: { object: data.label, account },
      fix: fixesAtObject(summary.start, data.fixes),
    });
  },
});
