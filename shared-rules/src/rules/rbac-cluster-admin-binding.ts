import { defineRule, type FixSpec } from '../engine/rule';
import { placeholder } from '../fix/emit';
import { BINDING_KINDS, describeObject, humanList, roleRefOf, subjectsOf } from '../source/rbac';

export default defineRule({
  meta: {
    id: 'rbac-cluster-admin-binding',
    title: 'Binding grants the cluster-admin role',
    severity: 'error',
    category: 'rbac',
    kinds: BINDING_KINDS,
    messages: {
      cluster:
        '{{object}} gives {{subjects}} the cluster-admin role: full control of every resource in every namespace, Secrets and RBAC included, so one leaked token owns the cluster. Bind a role with only the permissions they need.',
      namespace:
        '{{object}} gives {{subjects}} the cluster-admin role in namespace "{{namespace}}": full control there, its Secrets, Roles and RoleBindings included. Bind a Role with only the permissions they need (or the built-in "admin" role).',
    },
    fix: { availability: 'sometimes', applicability: 'display-only', title: 'Bind a dedicated role instead' },
    since: '0.1.0',
    docs: {
      rationale:
        '`cluster-admin` is the super-user role: `*` verbs on `*` resources in every API group, plus every non-resource URL. A ClusterRoleBinding to it makes its subjects administrators of the whole cluster; a RoleBinding to it makes them administrators of the namespace, able to read every Secret and rewrite its RBAC. When the subject is a ServiceAccount, anyone who can run a pod with it, or who steals its token, inherits all of that.',
      remediation:
        'Create a Role (or ClusterRole) listing the verbs and resources the subjects actually use, and bind that instead. For people who administer one namespace, the built-in `admin` ClusterRole in a RoleBinding is the documented choice. The binding the API server creates for the `system:masters` group is not reported.',
      invalid: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ci
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
  - kind: ServiceAccount
    name: ci
    namespace: build
`,
      valid: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ci
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: ci-deployer
subjects:
  - kind: ServiceAccount
    name: ci
    namespace: build
`,
    },
    references: {
      peers: {
        'kube-linter': 'cluster-admin-role-binding',
        polaris: ['clusterrolebindingClusterAdmin', 'rolebindingClusterAdminClusterRole', 'rolebindingClusterAdminRole'],
        kics: '249328b8',
        trivy: 'KSV-0111',
        kubescape: ['C-0035', 'C-0185', 'C-0272'],
      },
      urls: ['https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles', 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/'],
    },
  },
  check(ctx) {
    const ref = roleRefOf(ctx.object);
    if (!ref?.nameNode || ref.name !== 'cluster-admin' || (ref.kind !== undefined && ref.kind !== 'ClusterRole')) return;
    const subjects = subjectsOf(ctx.object);
    // The API server's own binding: system:masters already bypasses authorization.
    if (subjects.length > 0 && subjects.every((s) => s.kind === 'Group' && s.name === 'system:masters')) return;
    const names = subjects.map((s) => `${s.kind ?? 'subject'} "${s.name ?? '?'}"`);
    const data = {
      object: describeObject(ctx.object),
      subjects: names.length ? humanList(names) : 'its subjects',
      namespace: ctx.object.namespace ?? 'its namespace',
    };
    const nameNode = ref.nameNode;
    const fixes: FixSpec[] = [{ apply: (edit) => edit.setScalar(nameNode, placeholder('<dedicated-role>')) }];
    if (ctx.object.kind === 'RoleBinding') {
      fixes.push({ title: 'Bind the namespace-scoped "admin" role instead', applicability: 'unsafe', preferred: false, apply: (edit) => edit.setScalar(nameNode, 'admin') });
    }
    ctx.report({ node: nameNode, messageId: ctx.object.kind === 'RoleBinding' ? 'namespace' : 'cluster', data, fix: fixes });
  },
});
