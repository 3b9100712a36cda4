import { defineRule } from '../engine/rule';
import type { EditBuilder } from '../fix/edit-builder';
import { describeGrants, describeObject, explicitGrants, grantsByRule, policyRulesOf, ROLE_KINDS, type Grant } from '../k8s/rbac';
import { removalTitle, removeFlagged } from '../fix/recipes';

/** Controllers that create pods from a template: writing them runs any pod. */
const WORKLOADS = ['deployments', 'daemonsets', 'statefulsets', 'replicasets', 'replicationcontrollers', 'jobs', 'cronjobs'] as const;

export default defineRule({
  meta: {
    id: 'rbac-pod-exec-create',
    title: 'Role can exec into pods or create them',
    severity: 'warning',
    category: 'rbac',
    kinds: ROLE_KINDS,
    messages: {
      exec: '{{object}} can {{grants}}: a shell or tunnel into running containers, their tokens and Secrets.',
      createPods: '{{object}} can {{grants}}: a pod can mount any Secret and run as any ServiceAccount of its namespace.',
      workloads: '{{object}} can {{grants}}: their pods can mount any Secret and run as any ServiceAccount of the namespace.',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Remove the flagged resources from the rules' },
    since: '0.1.0',
    docs: {
      rationale:
        "`pods/exec`, `pods/attach` and `pods/portforward` open a shell or a tunnel into running containers: whoever holds them gets the container's ServiceAccount token, its mounted Secrets and its place in the network. Exec over WebSockets is authorized as `get`, so `get` on these subresources is as powerful as `create` on clusters that still accept it. Creating pods — directly, or through a Deployment, Job or other workload — lets a subject run any image as any ServiceAccount of the namespace and mount any of its Secrets: RBAC calls this an escalation path.",
      remediation:
        'Remove exec, attach and port-forward from standing roles and grant them on demand (a break-glass role bound for the incident). Keep pod and workload creation to controllers and deployment pipelines, and pair it with Pod Security Admission so created pods cannot run privileged.',
      notes:
        'One finding per rule entry and concern (exec, pod creation, workload writes), naming what the entry grants. By default exec, attach and port-forward are warnings even for operators that need them (a standing shell into every pod is what a reviewer must see; suppress it with the reason where the operator needs it), and so is creating pods. Write access to workloads (create, update or patch Deployments, DaemonSets, StatefulSets, ReplicaSets, ReplicationControllers, Jobs, CronJobs) is reported at information level: deployment tooling needs it, but it is still a way to run arbitrary pods. Only explicitly named resources are reported; `*` is reported by `rbac-wildcard`.',
      invalid: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: support
  namespace: shop
rules:
  - apiGroups: [""]
    resources: ["pods", "pods/exec"]
    verbs: ["get", "list", "create"]
`,
      valid: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: support
  namespace: shop
rules:
  - apiGroups: [""]
    resources: ["pods", "pods/log"]
    verbs: ["get", "list"]
`,
    },
    references: {
      peers: {
        'kube-linter': 'access-to-create-pods',
        polaris: [
          'clusterrolePodExecAttach',
          'rolePodExecAttach',
          'clusterrolebindingPodExecAttach',
          'rolebindingRolePodExecAttach',
          'rolebindingClusterRolePodExecAttach',
        ],
        kics: '592ad21d',
        trivy: ['KSV-0048', 'KSV-0053', 'KSV-0054'],
        kubescape: ['C-0002', 'C-0063', 'C-0188'],
      },
      urls: [
        'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation',
        'https://kubernetes.io/docs/reference/access-authn-authz/authorization/#determine-the-request-verb',
      ],
    },
  },
  check(ctx) {
    const object = describeObject(ctx.object);
    const rules = policyRulesOf(ctx.object);
    const found: Array<{ grants: Grant[]; messageId: 'exec' | 'createPods' | 'workloads' }> = [
      { grants: explicitGrants(rules, ['pods/exec', 'pods/attach', 'pods/portforward'], ['create', 'get']), messageId: 'exec' as const },
      { grants: explicitGrants(rules, ['pods'], ['create']), messageId: 'createPods' as const },
      { grants: explicitGrants(rules, WORKLOADS, ['create', 'update', 'patch']), messageId: 'workloads' as const },
    ];
    // One fix takes every flagged resource out, so fixes never overlap.
    // Exec subresources go; pods and workloads keep their other verbs.
    const all = found.flatMap(({ grants, messageId }) =>
      grants.map((grant) => ({ rule: grant.rule, list: grant.rule.resources, item: grant.item, drop: messageId === 'exec' ? ('all' as const) : grant.verbs })),
    );
    const fix = { title: removalTitle(all), apply: (edit: EditBuilder) => removeFlagged(edit, ctx.object, all) };
    // One finding per rule entry and concern (exec, pod creation, workload writes), naming what the entry grants.
    for (const { grants, messageId } of found) {
      for (const entry of grantsByRule(grants)) {
        ctx.report({
          node: entry[0]!.item.node,
          messageId,
          severity: messageId === 'workloads' ? 'info' : undefined,
          data: { object, grants: describeGrants(entry) },
          fix,
        });
      }
    }
  },
});
