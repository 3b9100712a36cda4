import { defineRule } from '../engine/rule';
import { displayName } from '../k8s/objects';
import { describePorts, isEmptySelector, isUnrestrictedList, policyRules } from '../k8s/network-policy';
import { humanList } from '../k8s/rbac';

export default defineRule({
  meta: {
    id: 'networkpolicy-port-open-to-all-namespaces',
    title: 'NetworkPolicy opens a port to every namespace',
    severity: 'info',
    category: 'network-policy',
    kinds: ['NetworkPolicy'],
    optIn: true,
    messages: {
      anyNamespace: 'NetworkPolicy {{name}} allows {{direction}} {{toFrom}} every namespace on {{ports}}.',
    },
    fix: { availability: 'none' },
    since: '0.1.0',
    docs: {
      rationale:
        'An empty `namespaceSelector` (without a `podSelector`, or with an empty one) matches every pod of every namespace. Restricted to a few ports it is usually deliberate: Prometheus scraping a metrics port from its own namespace, DNS on port 53, a webhook port the API server calls. It is still wider than needed: any workload of the cluster, a compromised one included, reaches that port. This rule is off by default; turn it on to review such openings.',
      remediation:
        'Select the namespaces that need the port by label (`kubernetes.io/metadata.name: monitoring`), and the pods with a `podSelector` next to it, so only the scraper or the client gets through.',
      invalid: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-metrics
spec:
  podSelector:
    matchLabels: { app: api }
  ingress:
    - from:
        - namespaceSelector: {}
      ports:
        - port: metrics
`,
      valid: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-metrics
spec:
  podSelector:
    matchLabels: { app: api }
  ingress:
    - from:
        - namespaceSelector:
            matchLabels: { kubernetes.io/metadata.name: monitoring }
      ports:
        - port: metrics
`,
      notes: 'Without `ports`, the same peer allows all traffic and `networkpolicy-allows-all` reports it instead.',
    },
    references: {
      urls: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors'],
    },
  },
  check(ctx) {
    const { object } = ctx;
    const name = displayName(object);
    for (const rule of policyRules(object)) {
      if (isUnrestrictedList(rule.ports) || !rule.ports?.isSeq) continue;
      const ports = describePorts(rule.ports);
      if (!ports) continue;
      for (const peer of rule.peers?.items() ?? []) {
        const namespaces = peer.isMap ? peer.get('namespaceSelector') : undefined;
        const pods = peer.isMap ? peer.get('podSelector') : undefined;
        if (!isEmptySelector(namespaces) || (pods && !isEmptySelector(pods))) continue;
        const direction = rule.direction;
        ctx.report({
          node: namespaces!,
          messageId: 'anyNamespace',
          data: { name, direction, toFrom: direction === 'ingress' ? 'from' : 'to', ports: `port${ports.length > 1 ? 's' : ''} ${humanList(ports)}` },
        });
      }
    }
  },
});
