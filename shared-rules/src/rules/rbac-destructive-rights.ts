import { defineRule } from '../engine/rule';
import type { EditBuilder } from '../fix/edit-builder';
import { describeGrants, describeObject, explicitGrants, grantsByRule, policyRulesOf, ROLE_KINDS, type Grant } from '../k8s/rbac';
import { removeFlagged } from '../fix/recipes';

/** Workloads: deleting them stops what runs (a deleted pod is only recreated by its controller: not listed). */
const WORKLOADS = ['deployments', 'statefulsets', 'daemonsets', 'replicasets', 'replicationcontrollers', 'jobs', 'cronjobs'] as const;
const DELETE = ['delete', 'deletecollection'] as const;
const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection'] as const;

type Concern = 'workloads' | 'data' | 'events' | 'webhooks' | 'configmaps';

export default defineRule({
  meta: {
    id: 'rbac-destructive-rights',
    title: 'Role can destroy workloads, data or evidence',
    severity: 'warning',
    category: 'rbac',
    kinds: ROLE_KINDS,
    messages: {
      workloads: '{{object}} can {{grants}}: it can stop any of those workloads.',
      data: '{{object}} can {{grants}}: deleting them destroys their data, or everything in a namespace.',
      events: '{{object}} can {{grants}}: it can erase the Events that would show what it did.',
      webhooks: '{{object}} can {{grants}}: removing an admission webhook turns off the policy it enforces.',
      configmaps: "{{object}} can {{grants}} in every namespace it is bound in, kube-system's (CoreDNS) included.",
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Remove the destructive verbs' },
    since: '0.1.0',
    docs: {
      rationale:
        "Some rights destroy rather than expose. Deleting Namespaces, PersistentVolumes or PersistentVolumeClaims loses data (a namespace takes everything in it along); deleting workloads stops services; deleting Events erases the trail an investigation follows; deleting admission webhook configurations switches off the policy engines (Gatekeeper, Kyverno) that guard the cluster; and a ClusterRole that writes ConfigMaps, bound cluster-wide, can rewrite kube-system's CoreDNS configuration and redirect every name lookup.",
      remediation:
        "Remove the verbs from standing roles; grant them to the controller that owns the resources, or on demand. Keep Event deletion to the API server's own garbage collection, and webhook configuration changes to the cluster's administrators. Grant ConfigMap writes with a Role in the namespaces that need them, not a ClusterRole.",
      invalid: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: janitor
rules:
  - apiGroups: [""]
    resources: ["events"]
    verbs: ["get", "list", "delete"]
`,
      valid: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: janitor
rules:
  - apiGroups: [""]
    resources: ["events"]
    verbs: ["get", "list"]
`,
      notes:
        'One finding per rule entry and concern. Deleting workloads is reported at information level (not pods, which their controllers recreate) (controllers and deployment tools need it); Namespaces, volumes, Events and webhook configurations are warnings; ConfigMap writes are reported for ClusterRoles only, at information level. Only explicitly named resources are reported; `*` is reported by `rbac-wildcard`.',
    },
    references: {
      peers: { kubescape: ['C-0007', 'C-0031'] },
      urls: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/', 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/'],
    },
  },
  check(ctx) {
    const object = describeObject(ctx.object);
    const rules = policyRulesOf(ctx.object);
    const found: Array<{ grants: Grant[]; messageId: Concern; severity?: 'info' }> = [
      { grants: explicitGrants(rules, WORKLOADS, DELETE), messageId: 'workloads', severity: 'info' },
      { grants: explicitGrants(rules, ['namespaces', 'persistentvolumes', 'persistentvolumeclaims'], DELETE), messageId: 'data' },
      { grants: explicitGrants(rules, ['events'], DELETE), messageId: 'events' },
      { grants: explicitGrants(rules, ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations'], DELETE), messageId: 'webhooks' },
      { grants: ctx.object.kind === 'ClusterRole' ? explicitGrants(rules, ['configmaps'], WRITE) : [], messageId: 'configmaps', severity: 'info' },
    ];
    // One fix takes every flagged verb out, so fixes never overlap.
    const all = found.flatMap(({ grants }) => grants.map((grant) => ({ rule: grant.rule, list: grant.rule.resources, item: grant.item, drop: grant.verbs })));
    const fix = (edit: EditBuilder) => removeFlagged(edit, ctx.object, all);
    for (const { grants, messageId, severity } of found) {
      for (const entry of grantsByRule(grants)) {
        ctx.report({ node: entry[0]!.item.node, messageId, severity, data: { object, grants: describeGrants(entry) }, fix });
      }
    }
  },
});
