import { defineRule } from '../engine/rule';
import { displayName } from '../k8s/objects';
import { placeholder } from '../fix/emit';
import { isAllAddresses, isEmptySelector, isUnrestrictedList, policyRules } from '../k8s/network-policy';

export default defineRule({
  meta: {
    id: 'networkpolicy-allows-all',
    title: 'NetworkPolicy rule allows all traffic',
    severity: 'warning',
    category: 'network-policy',
    kinds: ['NetworkPolicy'],
    messages: {
      emptyRule: 'NetworkPolicy {{name}} has an empty {{direction}} rule, which allows everything',
      openCidr: 'NetworkPolicy {{name}} allows {{direction}} {{toFrom}} {{cidr}} without except',
      anyNamespace: 'NetworkPolicy {{name}} allows {{direction}} {{toFrom}} every pod in every namespace',
    },
    fix: { availability: 'sometimes', applicability: 'display-only', title: 'Replace the CIDR with the network that needs access' },
    since: '0.1.0',
    docs: {
      rationale:
        'A NetworkPolicy isolates the pods it selects and then allows what its rules list. A rule that lists nothing (`- {}`), an `ipBlock` of `0.0.0.0/0` or `::/0` without `except`, or an empty `namespaceSelector` without a `podSelector` allows everything again, usually by accident: the policy looks like isolation in review while the pods stay reachable from (or can reach) every pod in the cluster or every address on the Internet.',
      remediation:
        'List the peers that need access: a `podSelector` for pods in the same namespace, a `namespaceSelector` on `kubernetes.io/metadata.name` together with a `podSelector` for other namespaces, and an `ipBlock` for the exact networks outside the cluster. To allow Internet egress while keeping the cluster and cloud metadata unreachable, keep `0.0.0.0/0` but add `except` with the private ranges and `169.254.169.254/32`.',
      invalid: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api
spec:
  podSelector:
    matchLabels: { app: api }
  policyTypes: [Ingress]
  ingress:
    - {}
`,
      valid: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api
spec:
  podSelector:
    matchLabels: { app: api }
  policyTypes: [Ingress]
  ingress:
    - from:
        - namespaceSelector:
            matchLabels: { kubernetes.io/metadata.name: ingress-nginx }
          podSelector:
            matchLabels: { app.kubernetes.io/name: ingress-nginx }
      ports:
        - port: 8080
`,
      notes:
        'A rule with ports but no peers (`- ports: [{port: 443}]`) allows every source on those ports; that is a deliberate choice for public services and is not flagged. Likewise an empty `namespaceSelector` restricted to ports (a metrics port, DNS on 53) is not "all traffic": the opt-in `networkpolicy-port-open-to-all-namespaces` reports it. Trivy\'s KSV-0038 looks at related selector usage.',
    },
    references: {
      urls: [
        'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
        'https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    const name = displayName(object);
    for (const rule of policyRules(object)) {
      const { direction } = rule;
      const toFrom = direction === 'ingress' ? 'from' : 'to';
      if (isUnrestrictedList(rule.peers) && isUnrestrictedList(rule.ports)) {
        if (ctx.isUncertain(rule.node)) continue;
        ctx.report({
          node: rule.node,
          messageId: 'emptyRule',
          data: { name, direction, peersKey: toFrom, peer: direction === 'ingress' ? 'source' : 'destination' },
        });
        continue;
      }
      for (const peer of rule.peers?.items() ?? []) {
        if (!peer.isMap) continue;
        const cidr = peer.getIn(['ipBlock', 'cidr']);
        const except = peer.getIn(['ipBlock', 'except']);
        if (cidr?.str !== undefined && isAllAddresses(cidr.str) && isUnrestrictedList(except) && !except?.templated) {
          ctx.report({
            node: cidr,
            messageId: 'openCidr',
            data: { name, direction, toFrom, cidr: cidr.str },
            fix: (edit) => edit.setScalar(cidr, placeholder('<allowed-cidr>')),
          });
        }
        const namespaces = peer.get('namespaceSelector');
        const pods = peer.get('podSelector');
        // Restricted to ports, every namespace is a deliberate choice (metrics, DNS): networkpolicy-port-open-to-all-namespaces.
        if (isEmptySelector(namespaces) && (!pods || isEmptySelector(pods)) && isUnrestrictedList(rule.ports)) {
          ctx.report({
            node: namespaces!,
            messageId: 'anyNamespace',
            data: { name, direction, toFrom, withPods: pods ? ' and an empty podSelector' : ' without a podSelector' },
          });
        }
      }
    }
  },
});
