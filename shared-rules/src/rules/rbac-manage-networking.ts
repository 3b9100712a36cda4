import { defineRule } from '../engine/rule';
import type { EditBuilder } from '../fix/edit-builder';
import { describeObject, explicitGrants, humanList, policyRulesOf, ROLE_KINDS, WRITE_VERBS } from '../k8s/rbac';
import { removeFlagged } from '../fix/recipes';

/** Resources that decide what is reachable from where. */
const NETWORK_RESOURCES = ['services', 'services/status', 'endpoints', 'endpointslices', 'ingresses', 'networkpolicies'] as const;

const WHY: Record<string, string> = {
  services: 'it can expose any pod of the namespace through a LoadBalancer or NodePort, or use externalIPs to intercept other traffic (CVE-2020-8554)',
  'services/status': 'it can set a Service\'s load-balancer IP and so capture traffic meant for that address (CVE-2020-8554)',
  endpoints: 'it can point a Service at any address, inside or outside the cluster, and redirect its traffic',
  endpointslices: 'it can point a Service at any address, inside or outside the cluster, and redirect its traffic',
  ingresses: 'it can publish any Service of the namespace on the Internet, and with ingress-nginx annotations inject controller configuration',
  networkpolicies: 'it can remove the isolation between workloads, or open them to any source',
};

export default defineRule({
  meta: {
    id: 'rbac-manage-networking',
    title: 'Role can change what the network exposes',
    severity: 'warning',
    category: 'rbac',
    kinds: ROLE_KINDS,
    messages: {
      write: '{{object}} can {{verbs}} {{resource}}: {{why}}. Grant read access only, unless the subject is the controller or pipeline that manages it.',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Make the flagged resources read-only' },
    since: '0.1.0',
    docs: {
      rationale:
        'Services, Endpoints, Ingresses and NetworkPolicies decide which workloads are reachable and from where. A subject that can write them can publish an internal service on the Internet, redirect a Service to an address it controls, or delete the NetworkPolicy that isolated a database. Writing `services/status` can set a load-balancer IP and intercept traffic to that address (CVE-2020-8554).',
      remediation:
        'Keep write access to these resources to the controllers and deployment pipelines that manage them; give people and application ServiceAccounts read access only.',
      notes: 'Write means create, update, patch, delete or deletecollection. Only explicitly named resources are reported; `*` is reported by `rbac-wildcard`.',
      invalid: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: app
  namespace: shop
rules:
  - apiGroups: ["networking.k8s.io"]
    resources: ["networkpolicies"]
    verbs: ["get", "list", "delete"]
`,
      valid: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: app
  namespace: shop
rules:
  - apiGroups: ["networking.k8s.io"]
    resources: ["networkpolicies"]
    verbs: ["get", "list"]
`,
    },
    references: {
      peers: { trivy: 'KSV-0056', checkov: 'CKV2_K8S_4' },
      urls: ['https://github.com/kubernetes/kubernetes/issues/97076', 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/'],
    },
  },
  check(ctx) {
    const object = describeObject(ctx.object);
    const grants = explicitGrants(policyRulesOf(ctx.object), NETWORK_RESOURCES, WRITE_VERBS);
    // One fix takes every flagged resource out, so fixes never overlap.
    // The resources stay readable: only the write verbs go.
    const all = grants.map((grant) => ({ rule: grant.rule, list: grant.rule.resources, item: grant.item, drop: WRITE_VERBS }));
    const fix = { title: `Make ${humanList([...new Set(grants.map((g) => `"${g.resource}"`))])} read-only`, apply: (edit: EditBuilder) => removeFlagged(edit, ctx.object, all) };
    for (const grant of grants) {
      ctx.report({
        node: grant.item.node,
        messageId: 'write',
        data: { object, verbs: humanList(grant.verbs), resource: grant.resource, why: WHY[grant.resource] ?? 'it changes what the network exposes' },
        fix,
      });
    }
  },
});
