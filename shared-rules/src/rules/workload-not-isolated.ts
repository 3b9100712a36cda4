import { defineRule, type WorkspaceFix } from '../engine/rule';
import type { ObjectSummary, WorkspaceIndex } from '../engine/workspace';
import { placeholder, type EmitValue } from '../fix/emit';
import {
  INGRESS_NAMESPACE_PLACEHOLDER,
  isOtherPolicy,
  OTHER_POLICY_KINDS,
  summarizePods,
  summarizePolicy,
  type PodsSummary,
  type PolicySummary,
} from '../k8s/network-policy';
import { WORKLOAD_KINDS } from '../k8s/objects';
import { selectorMatches } from '../k8s/selectors';
import { documentSlot, freeName, mayShareNamespaceWith, newDocumentEdit, type DocumentSlot } from '../engine/workspace-docs';

const ID = 'workload-not-isolated';

type Data = (PodsSummary & { slot: DocumentSlot }) | PolicySummary | { type: 'other-policy' };

function dataOf(summary: ObjectSummary): Data | undefined {
  return summary.data[ID] as Data | undefined;
}

const POLICY_KINDS = ['NetworkPolicy', ...OTHER_POLICY_KINDS];

/**
 * Whether some policy may isolate the pods: true, false, or undefined when a
 * policy we cannot read (templated, a Kustomize patch, another engine's) may.
 */
export function isolatedBy(index: WorkspaceIndex, summary: ObjectSummary, labels: PodsSummary['labels']): boolean | undefined {
  let unknown = false;
  for (const kind of POLICY_KINDS) {
    const clusterWide = kind !== 'NetworkPolicy' && kind !== 'CiliumNetworkPolicy';
    for (const other of clusterWide ? index.byKind(kind) : mayShareNamespaceWith(index.byKind(kind), summary)) {
      const data = dataOf(other);
      if (!data) continue;
      if (data.type !== 'policy' || other.partial) {
        unknown = true;
        continue;
      }
      const match = selectorMatches(data.podSelector, labels);
      if (match === true) return true;
      if (match === undefined) unknown = true;
    }
  }
  return unknown ? undefined : false;
}

/** The fix: a NetworkPolicy for the pods, in a new document after the workload's. */
function isolationFixes(summary: ObjectSummary, data: PodsSummary & { slot: DocumentSlot }, others: readonly ObjectSummary[]): WorkspaceFix[] {
  // The selector is the pods' stable identity, unless it does not select them (an invalid workload).
  const { labels, selectorLabels } = data;
  const selects = selectorLabels && (!labels || Object.entries(selectorLabels).every(([k, v]) => labels[k] === v));
  const matchLabels = (selects ? selectorLabels : labels) ?? {};
  if (Object.keys(matchLabels).length === 0) return [];
  const name = summary.name ? freeName(others, summary.namespace, [summary.name, `${summary.name}-isolation`]) : placeholder('<name>');
  const metadata: { [key: string]: EmitValue } = { name };
  if (summary.namespace) metadata.namespace = summary.namespace;
  const ingressRule: { [key: string]: EmitValue } = {
    from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': placeholder(INGRESS_NAMESPACE_PLACEHOLDER) } } }],
  };
  if (data.ports.length > 0) ingressRule.ports = data.ports.map((p) => ({ protocol: p.protocol, port: p.port }));
  const policy: EmitValue = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata,
    spec: {
      podSelector: { matchLabels: { ...matchLabels } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [ingressRule],
      egress: [
        {
          to: [
            { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } },
          ],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    },
  };
  const { edit, placeholders } = newDocumentEdit(summary, data.slot, policy);
  return [{ title: 'Add a NetworkPolicy for these pods', applicability: 'unsafe', edits: [edit], placeholders }];
}

export default defineRule({
  meta: {
    id: ID,
    title: "No NetworkPolicy selects the workload's pods",
    severity: 'warning',
    // Off by default, as the catalogue's core set proposes: whether a workload is isolated depends on every NetworkPolicy of its namespace, which a repository rarely holds in full.
    optIn: true,
    category: 'network-policy',
    kinds: WORKLOAD_KINDS.filter((k) => k !== 'PodTemplate'),
    messages: {
      notIsolated: '{{kind}} "{{name}}" runs pods that no NetworkPolicy selects{{where}}',
    },
    fix: { availability: 'sometimes', applicability: 'unsafe', title: 'Add a NetworkPolicy for these pods' },
    since: '0.1.0',
    docs: {
      rationale:
        "Kubernetes lets every pod talk to every other pod until a NetworkPolicy selects it. A workload left out is reachable from any compromised pod in the cluster — the usual way an attacker moves from one exposed service to databases and internal APIs — and can itself reach anything, including the cloud metadata endpoint. This rule looks across files: it compares the workload's pod labels with the `podSelector` (matchLabels and matchExpressions; `{}` selects every pod) of each NetworkPolicy that may share its namespace.",
      remediation:
        "Add a NetworkPolicy selecting the pods with `policyTypes: [Ingress, Egress]` that allows only what they need: ingress from the ingress controller's namespace on the container ports, egress to DNS and to the services they call. Better still, add a default-deny policy per namespace (`namespace-no-default-deny`) and allow traffic explicitly.",
      invalid: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api
spec:
  podSelector:
    matchLabels:
      app: api
  policyTypes: [Ingress]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 8080
`,
      valid: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes: [Ingress, Egress]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 8080
`,
      notes: `The rule needs context, and stays silent rather than guess when it is missing:
- while the workspace index is incomplete (the editor has not read every manifest yet);
- when the workspace has no Kubernetes NetworkPolicy at all: the repository does not manage network policy, or manages it elsewhere (\`namespace-no-default-deny\` is the opt-in rule for that case);
- when a policy that may apply cannot be read (Helm-templated selector, a Kustomize patch) or is another engine's (Cilium, Calico, Antrea, AdminNetworkPolicy);
- when the pod labels are templated, the file is a Kustomize patch, or the pods use the host network (NetworkPolicies do not apply to them).

An unset namespace is decided at apply time (the default namespace, the Helm release's or the kustomization's): an object without one may share the namespace of objects deployed with it (the same chart or folder, or a folder holding it) or \`default\`, not that of an unrelated project scanned alongside.

The fix appends a NetworkPolicy after the workload's document: it selects the workload's \`spec.selector.matchLabels\` (or pod labels), allows ingress from the ingress controller's namespace (a placeholder to fill in) on the container ports, and egress to cluster DNS.`,
    },
    references: {
      peers: { 'kube-linter': 'non-isolated-pod', checkov: 'CKV2_K8S_6', polaris: 'missingNetworkPolicy', kics: '0401f71b', kubescape: ['C-0260', 'C-0030'] },
      urls: [
        'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
        'https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies',
      ],
    },
  },
  summarize(object, source): Data | undefined {
    if (isOtherPolicy(object)) return { type: 'other-policy' };
    const policy = summarizePolicy(object, source);
    if (policy) return policy;
    const pods = summarizePods(object, source);
    return pods ? { ...pods, slot: documentSlot(object, source) } : undefined;
  },
  checkWorkspace(ctx) {
    const { summary, index } = ctx;
    if (!index.complete || summary.partial) return;
    const data = dataOf(summary);
    if (!data || data.type !== 'pods' || !data.labels || data.hostNetwork) return;
    // No NetworkPolicy anywhere: the repository does not manage network policy (here); do not guess.
    if (!index.byKind('NetworkPolicy').some((p) => dataOf(p)?.type === 'policy')) return;
    if (isolatedBy(index, summary, data.labels) !== false) return;
    ctx.report({
      range: summary.anchor,
      messageId: 'notIsolated',
      data: { kind: summary.kind, name: summary.name ?? summary.kind, where: summary.namespace ? ` in namespace "${summary.namespace}"` : '' },
      // Built only when fixes are asked for, not on every keystroke.
      fix: () => isolationFixes(summary, data, index.byKind('NetworkPolicy')),
    });
  },
});
