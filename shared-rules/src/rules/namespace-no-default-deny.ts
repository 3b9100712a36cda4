import { defineRule, type WorkspaceFix } from '../engine/rule';
import type { ObjectSummary } from '../engine/workspace';
import { deniesByDefault, isOtherPolicy, summarizePolicy, type PolicySummary } from '../k8s/network-policy';
import { documentSlot, freeName, mayShareNamespace, newDocumentEdit, type DocumentSlot } from '../engine/workspace-docs';

const ID = 'namespace-no-default-deny';

type Data = { type: 'namespace'; slot: DocumentSlot } | PolicySummary | { type: 'other-policy' };

const dataOf = (s: ObjectSummary) => s.data[ID] as Data | undefined;

export default defineRule({
  meta: {
    id: ID,
    title: 'Namespace has no default-deny NetworkPolicy',
    severity: 'info',
    category: 'network-policy',
    kinds: ['Namespace'],
    optIn: true,
    messages: {
      none: 'Namespace "{{name}}" has no default-deny NetworkPolicy',
      ingressOnly: 'Namespace "{{name}}" denies ingress by default but not egress',
      egressOnly: 'Namespace "{{name}}" denies egress by default but not ingress',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Add a default-deny NetworkPolicy' },
    since: '0.1.0',
    docs: {
      rationale:
        'NetworkPolicies are allow-lists that only apply to the pods they select; every other pod stays open in both directions. A namespace-wide default-deny policy (`podSelector: {}`, `policyTypes: [Ingress, Egress]`, no rules) turns that around: new workloads start isolated, and each needs an explicit policy for the traffic it uses. This rule looks across files for such a policy in the namespace of every `Namespace` object.',
      remediation:
        'Add the default-deny policy below to the namespace, then a policy per workload for the traffic it needs (ingress from the ingress controller, egress to DNS and its dependencies).',
      invalid: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
`,
      valid: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: shop
spec:
  podSelector: {}
  policyTypes:
    - Ingress
    - Egress
`,
      notes:
        "Opt-in: many clusters enforce default-deny outside the repository (a platform policy, Calico or Cilium cluster-wide policies). Silent while the workspace index is incomplete, when a policy that may apply cannot be read (templated, a Kustomize patch, no namespace set) and when another engine's policies are present. Only `Namespace` objects are checked. An unset namespace is decided at apply time (the default namespace, the Helm release's or the kustomization's): an object without one may share the namespace of objects deployed with it (the same chart or folder, or a folder holding it) or `default`, not that of an unrelated project scanned alongside.",
    },
    references: {
      peers: { kubescape: 'C-0206' },
      urls: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies'],
    },
  },
  summarize(object, source): Data | undefined {
    if (object.kind === 'Namespace') return { type: 'namespace', slot: documentSlot(object, source) };
    if (isOtherPolicy(object)) return { type: 'other-policy' };
    return summarizePolicy(object, source);
  },
  checkWorkspace(ctx) {
    const { summary, index } = ctx;
    const data = dataOf(summary);
    const name = summary.name;
    if (!index.complete || summary.partial || data?.type !== 'namespace' || !name) return;
    const deny = { ingress: false, egress: false };
    for (const policy of index.byKind('NetworkPolicy')) {
      const p = dataOf(policy);
      if (!p) continue;
      // A policy without a namespace may land in this one when deployed with it (mayShareNamespace); unreadable ones are unknown.
      if (!mayShareNamespace(policy, { namespace: name, file: summary.file })) continue;
      if (policy.namespace === undefined || p.type !== 'policy' || policy.partial) return;
      for (const direction of ['ingress', 'egress'] as const) {
        const denies = deniesByDefault(p, direction);
        if (denies === undefined) return;
        if (denies) deny[direction] = true;
      }
    }
    for (const kind of [
      'CiliumNetworkPolicy',
      'CiliumClusterwideNetworkPolicy',
      'GlobalNetworkPolicy',
      'AdminNetworkPolicy',
      'BaselineAdminNetworkPolicy',
      'ClusterNetworkPolicy',
    ]) {
      if (index.byKind(kind).some((o) => mayShareNamespace(o, { namespace: name, file: summary.file }))) return;
    }
    if (deny.ingress && deny.egress) return;
    // Built only when fixes are asked for, not on every keystroke.
    const fix = (): WorkspaceFix[] => {
      const policyName = freeName(index.byKind('NetworkPolicy'), name, ['default-deny', 'default-deny-all']);
      const { edit } = newDocumentEdit(summary, data.slot, {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: policyName, namespace: name },
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      });
      return [{ title: 'Add a default-deny NetworkPolicy', applicability: 'unsafe', edits: [edit] }];
    };
    ctx.report({
      range: summary.anchor,
      messageId: deny.ingress ? 'ingressOnly' : deny.egress ? 'egressOnly' : 'none',
      data: { name },
      fix,
    });
  },
});
