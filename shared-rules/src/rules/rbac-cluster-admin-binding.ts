import { defineRule, fixesAtObject, type FixSpec, type SummarizeContext, type WorkspaceFix } from '../engine/rule';
import { objectsToDecide, type ObjectSummary } from '../engine/workspace';
import { placeholder } from '../fix/emit';
import type { K8sObject } from '../k8s/objects';
import { BINDING_KINDS, describeObject, describeSubjects, grantsEverything, onlySystemMasters, roleRefOf, ROLE_KINDS, subjectsOf } from '../k8s/rbac';
import { mayRender } from '../yaml/helm';
import { fileRange, mayShareNamespace, relatedUnits } from '../engine/workspace-docs';
import { relRange, type RelRange } from '../k8s/objects';

const ID = 'rbac-cluster-admin-binding';

/** What the workspace pass needs: each role's verdict, and each binding's reference. */
type Data =
  | { type: 'role'; everything: boolean | undefined; maskedName?: string }
  | { type: 'binding'; roleKind: string; roleName: string; at: RelRange; object: string; subjects: string; fixes: WorkspaceFix[] };

const dataOf = (s: ObjectSummary) => s.data[ID] as Data | undefined;

const dedicatedRole = (nameNode: NonNullable<ReturnType<typeof roleRefOf>>['nameNode']): FixSpec => ({
  apply: (edit) => edit.setScalar(nameNode!, placeholder('<dedicated-role>')),
});

function summarize(object: K8sObject, source: SummarizeContext): Data | undefined {
  if ((ROLE_KINDS as readonly string[]).includes(object.kind)) {
    const everything = grantsEverything(object, (n) => source.isUncertain(n));
    // A templated name: the masked text, to tell which bindings may refer to it.
    const raw = object.name === undefined ? (object.metadata?.get('name')?.node as { value?: unknown } | undefined)?.value : undefined;
    return typeof raw === 'string' ? { type: 'role', everything, maskedName: raw } : { type: 'role', everything };
  }
  if (!(BINDING_KINDS as readonly string[]).includes(object.kind)) return undefined;
  const ref = roleRefOf(object);
  // cluster-admin itself is the per-document check's; a templated reference is unknown.
  if (
    !ref?.nameNode ||
    ref.name === undefined ||
    ref.nameNode.templated ||
    ref.kind === undefined ||
    (ref.name === 'cluster-admin' && ref.kind === 'ClusterRole')
  )
    return undefined;
  // A ClusterRoleBinding can only bind a ClusterRole.
  if (ref.kind !== 'ClusterRole' && !(ref.kind === 'Role' && object.kind === 'RoleBinding')) return undefined;
  const subjects = subjectsOf(object);
  if (onlySystemMasters(subjects)) return undefined;
  return {
    type: 'binding',
    roleKind: ref.kind,
    roleName: ref.name,
    at: relRange(object, ref.nameNode),
    object: describeObject(object),
    subjects: describeSubjects(subjects),
    fixes: source.fixes([dedicatedRole(ref.nameNode)]),
  };
}

export default defineRule({
  meta: {
    id: 'rbac-cluster-admin-binding',
    title: 'Binding grants the cluster-admin role',
    severity: 'error',
    category: 'rbac',
    kinds: BINDING_KINDS,
    messages: {
      cluster: '{{object}} gives {{subjects}} the cluster-admin role',
      namespace: '{{object}} gives {{subjects}} the cluster-admin role in namespace "{{namespace}}"',
      everything: '{{object}} gives {{subjects}} the {{roleKind}} "{{role}}", which grants everything',
    },
    fix: { availability: 'sometimes', applicability: 'display-only', title: 'Bind a dedicated role instead' },
    since: '0.1.0',
    docs: {
      rationale:
        '`cluster-admin` is the super-user role: `*` verbs on `*` resources in every API group, plus every non-resource URL. A ClusterRoleBinding to it makes its subjects administrators of the whole cluster; a RoleBinding to it makes them administrators of the namespace, able to read every Secret and rewrite its RBAC. When the subject is a ServiceAccount, anyone who can run a pod with it, or who steals its token, inherits all of that.',
      remediation:
        'Create a Role (or ClusterRole) listing the verbs and resources the subjects actually use, and bind that instead. For people who administer one namespace, the built-in `admin` ClusterRole in a RoleBinding is the documented choice. The binding the API server creates for the `system:masters` group is not reported.',
      notes: `A binding is also reported when it binds a Role or ClusterRole of the workspace (any file of the workspace or scanned folder) that grants every verb on every resource of every API group: a rule with \`apiGroups: ["*"]\`, \`resources: ["*"]\` and \`verbs: ["*"]\` (or all of get, list, watch, create, update, patch and delete), without resourceNames. That role is cluster-admin under another name (rbac-wildcard reports its \`*\` as well; this rule reports who receives it). A RoleBinding binds a Role of its own namespace, or a ClusterRole.

The rule needs context for that, and stays silent rather than guess when it is missing:
- when the role is in another file while not every manifest is known (a scan of single files or standard input, an editor without a workspace folder or still reading it): then only the roles of the binding's own file count;
- when no role of that kind and name is in the workspace (a built-in role, or one managed elsewhere), or one of several that may be meant does not grant everything;
- when the binding's role name is Helm-templated, the role's rules are templated, or it is an aggregated ClusterRole (the controller writes its rules);
- when a role with a Helm-templated name may be the one bound: it is in the same chart or folder as the binding (or a folder holding it) and its name may render as the bound name (\`{{ .Release.Name }}-admin\` may be \`web-admin\`, never \`ci-deployer\`). A templated role elsewhere in the scan does not silence the rule;
- in Kustomize patches.

Names do not exempt anything: a binding or role named \`system:…\` in a repository is applied like any other.`,
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
      urls: [
        'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles',
        'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
      ],
    },
  },
  check(ctx) {
    const ref = roleRefOf(ctx.object);
    if (!ref?.nameNode || ref.name !== 'cluster-admin' || (ref.kind !== undefined && ref.kind !== 'ClusterRole')) return;
    const subjects = subjectsOf(ctx.object);
    // The API server's own binding: system:masters already bypasses authorization.
    if (onlySystemMasters(subjects)) return;
    const data = {
      object: describeObject(ctx.object),
      subjects: describeSubjects(subjects),
      namespace: ctx.object.namespace ?? 'its namespace',
    };
    const nameNode = ref.nameNode;
    const fixes: FixSpec[] = [dedicatedRole(nameNode)];
    if (ctx.object.kind === 'RoleBinding') {
      fixes.push({
        title: 'Bind the namespace-scoped "admin" role instead',
        applicability: 'unsafe',
        preferred: false,
        apply: (edit) => edit.setScalar(nameNode, 'admin'),
      });
    }
    ctx.report({ node: nameNode, messageId: ctx.object.kind === 'RoleBinding' ? 'namespace' : 'cluster', data, fix: fixes });
  },
  summarize,
  checkWorkspace(ctx) {
    const { summary, index } = ctx;
    const data = dataOf(summary);
    if (summary.partial || data?.type !== 'binding') return;
    const clusterWide = data.roleKind === 'ClusterRole';
    const candidates = objectsToDecide(index, summary, data.roleKind).filter((r) => clusterWide || mayShareNamespace(r, summary));
    // A role whose name is templated may be the one bound: if it is deployed with the binding (the same chart) and may render as that name.
    const mayBeIt = (r: ObjectSummary) => {
      const masked = (dataOf(r) as Extract<Data, { type: 'role' }> | undefined)?.maskedName;
      return relatedUnits(r.file, summary.file) && (masked === undefined || mayRender(masked, data.roleName));
    };
    if (candidates.some((r) => r.name === undefined && mayBeIt(r))) return;
    const roles = candidates.filter((r) => r.name === data.roleName);
    if (roles.length === 0 || !roles.every((r) => (dataOf(r) as Extract<Data, { type: 'role' }> | undefined)?.everything === true)) return;
    const scope = summary.kind === 'ClusterRoleBinding' ? 'in every namespace' : `in namespace "${summary.namespace ?? 'its namespace'}"`;
    ctx.report({
      range: fileRange(summary, data.at),
      messageId: 'everything',
      data: { object: data.object, subjects: data.subjects, roleKind: data.roleKind, role: data.roleName, scope },
      fix: fixesAtObject(summary.start, data.fixes),
    });
  },
});
