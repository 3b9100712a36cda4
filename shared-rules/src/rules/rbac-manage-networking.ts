import { defineRule } from '../engine/rule';
import type { EditBuilder } from '../fix/edit-builder';
import { describeGrants, describeObject, explicitGrants, grantsByRule, humanList, policyRulesOf, ROLE_KINDS, WRITE_VERBS } from '../k8s/rbac';
import { removeFlagged } from '../fix/recipes';

/**
 * Resources that decide what is reachable from where, with the verbs that
 * open something: deleting a Service, Endpoints or an Ingress takes it down
 * but exposes nothing, so only NetworkPolicies count deletes.
 */
const EXPOSING: ReadonlyArray<readonly [resource: string, verbs: readonly string[], why: string]> = [
  ['services', ['create', 'update', 'patch'], 'it can expose pods through a LoadBalancer, NodePort or externalIPs'],
  ['services/status', ['update', 'patch'], 'it can set a load-balancer IP and capture its traffic'],
  ['endpoints', ['create', 'update', 'patch'], 'it can point a Service at any address'],
  ['endpointslices', ['create', 'update', 'patch'], 'it can point a Service at any address'],
  ['ingresses', ['create', 'update', 'patch'], 'it can publish any Service of its namespace'],
  ['networkpolicies', ['create', 'update', 'patch', 'delete', 'deletecollection'], 'it can remove the isolation between workloads'],
];

/** What controllers of Services (load balancers, operators, meshes) hold for their job: reported at information level. */
const CONTROLLER_RESOURCES: ReadonlySet<string> = new Set(['services', 'services/status', 'endpoints', 'endpointslices']);

export default defineRule({
  meta: {
    id: 'rbac-manage-networking',
    title: 'Role can change what the network exposes',
    severity: 'warning',
    category: 'rbac',
    kinds: ROLE_KINDS,
    messages: {
      write: '{{object}} can {{grants}}, which means {{why}}.',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Make the flagged resources read-only' },
    since: '0.1.0',
    docs: {
      rationale:
        'Services, Endpoints, Ingresses and NetworkPolicies decide which workloads are reachable and from where. A subject that can write them can publish an internal service on the Internet, redirect a Service to an address it controls, or delete the NetworkPolicy that isolated a database. Writing `services/status` can set a load-balancer IP and intercept traffic to that address (CVE-2020-8554).',
      remediation:
        'Keep write access to these resources to the controllers and deployment pipelines that manage them; give people and application ServiceAccounts read access only.',
      notes:
        'One finding per rule entry, naming what it grants. Only writes that open something count: create, update and patch of Services, their status, Endpoints, EndpointSlices and Ingresses, and any write of NetworkPolicies (deleting one removes isolation); deleting a Service or an Ingress takes it down but exposes nothing and is not reported. Writing Services, their status, Endpoints and EndpointSlices is the everyday job of load-balancer controllers, operators and service meshes, so a rule entry granting only those is reported at information level; Ingresses and NetworkPolicies are warnings. Only explicitly named resources are reported; `*` is reported by `rbac-wildcard`.',
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
    const rules = policyRulesOf(ctx.object);
    const grants = EXPOSING.flatMap(([resource, verbs]) => explicitGrants(rules, [resource], verbs)).sort(
      (a, b) => a.item.node.range[0] - b.item.node.range[0],
    );
    // One fix takes every flagged resource out, so fixes never overlap.
    // The resources stay readable: only the write verbs go.
    const all = grants.map((grant) => ({ rule: grant.rule, list: grant.rule.resources, item: grant.item, drop: WRITE_VERBS }));
    const fix = {
      title: `Make ${humanList([...new Set(grants.map((g) => `"${g.resource}"`))])} read-only`,
      apply: (edit: EditBuilder) => removeFlagged(edit, ctx.object, all),
    };
    for (const entry of grantsByRule(grants)) {
      const whys = [...new Set(entry.map((g) => EXPOSING.find(([r]) => r === g.resource)![2]))];
      ctx.report({
        node: entry[0]!.item.node,
        messageId: 'write',
        severity: entry.every((g) => CONTROLLER_RESOURCES.has(g.resource)) ? 'info' : undefined,
        data: { object, grants: describeGrants(entry), why: whys.length > 2 ? 'it can change which pods are reachable, and from where' : humanList(whys) },
        fix,
      });
    }
  },
});
