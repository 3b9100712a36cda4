import { defineRule } from '../engine/rule';
import type { ObjectSummary } from '../engine/workspace';
import { summarizePods, summarizePolicy, type PodsSummary, type PolicySummary } from '../k8s/network-policy';
import { describeSelector, selectorMatches, selectsEverything, type Selector } from '../k8s/selectors';
import { fileRange, mayShareNamespace } from '../engine/workspace-docs';

const ID = 'networkpolicy-dangling';

type Data = PodsSummary | PolicySummary;
const dataOf = (s: ObjectSummary) => s.data[ID] as Data | undefined;

export default defineRule({
  meta: {
    id: ID,
    title: 'NetworkPolicy selects no workload',
    severity: 'info',
    category: 'network-policy',
    kinds: ['NetworkPolicy'],
    optIn: true,
    messages: {
      podSelector: 'NetworkPolicy "{{name}}" selects {{selector}}, and no workload in its namespace has it',
      peer: 'NetworkPolicy "{{name}}" allows traffic {{direction}} {{selector}}, which no workload has',
    },
    fix: { availability: 'none' },
    since: '0.1.0',
    docs: {
      rationale:
        "A NetworkPolicy's `podSelector` is matched against pod labels. When labels change (a chart upgrade, a rename to `app.kubernetes.io/name`) and the policy does not follow, it quietly selects nothing: the workload it was meant to protect loses its isolation and nobody notices, since nothing fails. A peer `podSelector` that matches nothing breaks the traffic it was meant to allow. This rule looks across files for a workload in the policy's namespace whose pod labels the selector matches.",
      remediation:
        "Change the selector to the labels the workload's pods really carry (`spec.template.metadata.labels`), or delete the policy if the workload is gone.",
      invalid: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
spec:
  podSelector:
    matchLabels:
      app: website
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
`,
      valid: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
spec:
  podSelector:
    matchLabels:
      app: web
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
`,
      notes:
        "Opt-in, since workloads often live in another repository. Silent while the workspace index is incomplete, when the namespace has no workload in the workspace at all, when some workload's labels are templated, and for `podSelector: {}` (a namespace-wide policy). Peers with a `namespaceSelector` select pods in other namespaces and are not checked.",
    },
    references: {
      peers: { 'kube-linter': ['dangling-networkpolicy', 'dangling-networkpolicypeer-podselector'], kics: '85ab1c5b', kubescape: 'C-0299' },
      urls: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/'],
    },
  },
  summarize(object, source): Data | undefined {
    return summarizePolicy(object, source) ?? summarizePods(object, source);
  },
  checkWorkspace(ctx) {
    const { summary, index } = ctx;
    const data = dataOf(summary);
    if (!index.complete || summary.partial || data?.type !== 'policy') return;
    // Workloads that may share the policy's namespace; any unknown one may match.
    const pods: PodsSummary[] = [];
    for (const other of index.objects()) {
      const d = dataOf(other);
      if (d?.type !== 'pods' || !mayShareNamespace(other, summary)) continue;
      if (!d.labels || other.partial) return;
      pods.push(d);
    }
    if (pods.length === 0) return;
    const matchesNone = (selector: Selector | undefined) =>
      selector !== undefined && !selectsEverything(selector) && pods.every((p) => selectorMatches(selector, p.labels) === false);
    const name = summary.name ?? 'this NetworkPolicy';
    if (data.podSelectorAt && matchesNone(data.podSelector)) {
      ctx.report({ range: fileRange(summary, data.podSelectorAt), messageId: 'podSelector', data: { name, selector: describeSelector(data.podSelector!) } });
    }
    for (const peer of data.peers) {
      if (!peer.sameNamespace || !matchesNone(peer.selector)) continue;
      ctx.report({
        range: fileRange(summary, peer.at),
        messageId: 'peer',
        data: { name, selector: describeSelector(peer.selector!), direction: peer.direction === 'ingress' ? 'from' : 'to' },
      });
    }
  },
});
