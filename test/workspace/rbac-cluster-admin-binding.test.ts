/**
 * rbac-cluster-admin-binding across files: a binding to a Role or ClusterRole
 * of the workspace that grants every verb on every resource of every API
 * group is cluster-admin under another name.
 */
import rule from '../../shared-rules/src/rules/rbac-cluster-admin-binding';
import { yaml } from '../helpers/yaml-tag';
import { workspaceTester } from '../helpers/workspace-tester';

/** `rules` are lines at column 0 (`- apiGroups: …`), or a template line. */
const clusterRole = (rules: string, name = 'ops') =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ${name}\nrules:\n${rules}\n`;
const STAR = '  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["*"]';
const ALL_VERBS = '  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["get", "list", "delete", "update", "create", "patch", "watch"]';

const clusterBinding = (role = 'ops', name = 'ops') => yaml`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRoleBinding
  metadata:
    name: ${name}
  roleRef:
    apiGroup: rbac.authorization.k8s.io
    kind: ClusterRole
    name: ${role}
  subjects:
    - kind: ServiceAccount
      name: ci
      namespace: build
`;
const FIXED_CLUSTER_BINDING = clusterBinding('<dedicated-role>');
const WIDE_BINDING = (role: string) =>
  [
    'apiVersion: rbac.authorization.k8s.io/v1',
    'kind: ClusterRoleBinding',
    'metadata:',
    '    name: ops',
    'roleRef:',
    '    apiGroup: rbac.authorization.k8s.io',
    '    kind: ClusterRole',
    `    name: ${role}`,
    'subjects:',
    '    - kind: User',
    '      name: alice',
    '',
  ].join('\r\n');

const role = (rules: string, namespace = 'shop') =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: shop-admin\n  namespace: ${namespace}\nrules:\n${rules}\n`;
const roleBinding = (kind: 'Role' | 'ClusterRole', name: string, namespace = 'shop') => yaml`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: RoleBinding
  metadata:
    name: deployers
    namespace: ${namespace}
  roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ${kind}, name: ${name} }
  subjects: [{ kind: Group, name: deployers }]
`;

workspaceTester(rule, {
  valid: [
    {
      name: 'the role lists its verbs (get, list on everything)',
      files: { 'role.yaml': clusterRole('  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["get", "list"]'), 'binding.yaml': clusterBinding() },
    },
    {
      name: 'every verb on every resource of the core group only (rbac-wildcard reports that)',
      files: { 'role.yaml': clusterRole('  - apiGroups: [""]\n    resources: ["*"]\n    verbs: ["*"]'), 'binding.yaml': clusterBinding() },
    },
    {
      name: 'every verb on named resources',
      files: { 'role.yaml': clusterRole('  - apiGroups: ["*"]\n    resources: ["pods"]\n    verbs: ["*"]'), 'binding.yaml': clusterBinding() },
    },
    { name: 'narrowed by resourceNames', files: { 'role.yaml': clusterRole(`${STAR}\n    resourceNames: ["one"]`), 'binding.yaml': clusterBinding() } },
    {
      name: 'the index is incomplete and the role is in another file: silent',
      complete: false,
      files: { 'role.yaml': clusterRole(STAR), 'binding.yaml': clusterBinding() },
    },
    {
      name: "the index is incomplete: a role of the same name in another file does not count (the binding's file decides)",
      complete: false,
      files: {
        'rbac.yaml': `${clusterRole('  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ["get"]')}---\n${clusterBinding()}`,
        'other.yaml': clusterRole(STAR),
      },
    },
    {
      name: 'the role is not in the workspace (built in, or managed elsewhere)',
      files: { 'role.yaml': clusterRole(STAR, 'other'), 'binding.yaml': clusterBinding() },
    },
    { name: 'no ClusterRole in the workspace at all', files: { 'binding.yaml': clusterBinding() } },
    {
      name: 'a Role of that name does not count for a ClusterRole reference',
      files: { 'role.yaml': role(STAR).replace('shop-admin', 'ops'), 'binding.yaml': clusterBinding() },
    },
    { name: 'a Role in another namespace', files: { 'role.yaml': role(STAR, 'other'), 'binding.yaml': roleBinding('Role', 'shop-admin') } },
    {
      name: 'two ClusterRoles of that name (overlays), one of them narrow: not sure which one is applied',
      files: {
        'a.yaml': clusterRole(STAR),
        'b.yaml': clusterRole('- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["get"]'),
        'binding.yaml': clusterBinding(),
      },
    },
    {
      name: 'an aggregated ClusterRole: the controller writes its rules',
      files: {
        'role.yaml': clusterRole(STAR).replace('rules:', 'aggregationRule:\n  clusterRoleSelectors: [{ matchLabels: { team: ops } }]\nrules:'),
        'binding.yaml': clusterBinding(),
      },
    },
    { name: 'templated rules', files: { 'role.yaml': clusterRole('{{- toYaml .Values.rules | nindent 2 }}'), 'binding.yaml': clusterBinding() } },
    { name: 'templated role name in the binding', files: { 'role.yaml': clusterRole(STAR), 'binding.yaml': clusterBinding('{{ .Values.role }}') } },
    {
      name: 'a ClusterRole with a templated name may be the one bound',
      files: { 'role.yaml': clusterRole(STAR), 'other.yaml': clusterRole(STAR, '{{ .Release.Name }}'), 'binding.yaml': clusterBinding() },
    },
    {
      name: 'a templated ClusterRole of the same chart that may render as the bound name',
      files: {
        'chart/templates/role.yaml': clusterRole(STAR),
        'chart/templates/sub/other.yaml': clusterRole(STAR, '{{ .Release.Name }}-ops'),
        'chart/templates/binding.yaml': clusterBinding('web-ops'),
      },
    },
    { name: 'the binding is a Kustomize patch', partial: ['binding.yaml'], files: { 'role.yaml': clusterRole(STAR), 'binding.yaml': clusterBinding() } },
    {
      name: 'only the system:masters group',
      files: {
        'role.yaml': clusterRole(STAR),
        'binding.yaml': clusterBinding().replace(/subjects:[\s\S]*$/, 'subjects:\n  - { kind: Group, name: "system:masters" }\n'),
      },
    },
    {
      name: 'suppressed on the binding',
      files: {
        'role.yaml': clusterRole(STAR),
        'binding.yaml': clusterBinding().replace(
          '  name: ops\nroleRef',
          '  name: ops\n  annotations: { ignore.kubeward.io/rbac-cluster-admin-binding: "break-glass account, reviewed" }\nroleRef',
        ),
      },
    },
  ],
  invalid: [
    {
      name: "a templated ClusterRole silences only bindings it may be: not another project's, not a name it cannot render as",
      files: {
        'other-chart/templates/role.yaml': clusterRole(STAR, '{{ include "x.fullname" . }}'),
        'app/role.yaml': clusterRole(STAR),
        'app/reader.yaml': clusterRole(STAR, '{{ .Release.Name }}-reader'),
        'app/binding.yaml': clusterBinding(),
      },
      errors: [
        {
          file: 'app/binding.yaml',
          line: 8,
          column: 9,
          endColumn: 12,
          messageId: 'everything',
          message: 'ClusterRoleBinding "ops" gives ServiceAccount "ci" the ClusterRole "ops"',
        },
      ],
      output: { 'app/binding.yaml': FIXED_CLUSTER_BINDING },
      allowNewFindings: ['rbac-cluster-admin-binding'],
    },
    {
      name: 'a ClusterRoleBinding to a ClusterRole of "*" in another file (Polaris failure.wildcards)',
      files: { 'role.yaml': clusterRole(STAR), 'binding.yaml': clusterBinding() },
      errors: [
        {
          file: 'binding.yaml',
          line: 8,
          column: 9,
          endColumn: 12,
          messageId: 'everything',
          severity: 'error',
          message: 'ClusterRoleBinding "ops" gives ServiceAccount "ci" the ClusterRole "ops", which grants everything',
        },
      ],
      output: { 'binding.yaml': FIXED_CLUSTER_BINDING },
      applicability: 'display-only',
      allowNewFindings: ['rbac-cluster-admin-binding'],
    },
    {
      name: 'the seven verbs listed one by one, in any order (Polaris failure.all_verbs), in the same file',
      files: { 'rbac.yaml': `${clusterRole(ALL_VERBS)}---\n${clusterBinding()}` },
      errors: [{ file: 'rbac.yaml', line: 17, column: 9, endColumn: 12, messageId: 'everything' }],
      output: { 'rbac.yaml': `${clusterRole(ALL_VERBS)}---\n${FIXED_CLUSTER_BINDING}` },
    },
    {
      name: "the index is incomplete (one file scanned, or an editor without a folder): the role in the binding's own file decides",
      complete: false,
      files: { 'rbac.yaml': `${clusterRole(ALL_VERBS)}---\n${clusterBinding()}` },
      errors: [{ file: 'rbac.yaml', line: 17, column: 9, endColumn: 12, messageId: 'everything' }],
      output: { 'rbac.yaml': `${clusterRole(ALL_VERBS)}---\n${FIXED_CLUSTER_BINDING}` },
    },
    {
      name: 'names exempt nothing: system: prefixes on the role and the binding',
      files: { 'role.yaml': clusterRole(STAR, '"system:ops"'), 'binding.yaml': clusterBinding('"system:ops"', '"system:ops-binding"') },
      errors: [
        {
          file: 'binding.yaml',
          line: 8,
          column: 9,
          endColumn: 21,
          message: 'ClusterRoleBinding "system:ops-binding" gives ServiceAccount "ci" the ClusterRole "system:ops", which grants everything',
        },
      ],
      output: { 'binding.yaml': clusterBinding('"<dedicated-role>"', '"system:ops-binding"') },
    },
    {
      name: 'a RoleBinding to a Role of its namespace; flow-style roleRef',
      files: { 'role.yaml': role(STAR), 'binding.yaml': roleBinding('Role', 'shop-admin') },
      errors: [
        {
          file: 'binding.yaml',
          line: 6,
          column: 67,
          endColumn: 77,
          message: 'RoleBinding "deployers" gives Group "deployers" the Role "shop-admin", which grants everything',
        },
      ],
      output: { 'binding.yaml': roleBinding('Role', '<dedicated-role>') },
    },
    {
      name: 'a RoleBinding to a ClusterRole; unset namespaces may be the same; a Role called cluster-admin',
      files: {
        'role.yaml': `${clusterRole(STAR)}---\n${role(STAR).replace('shop-admin', 'cluster-admin').replace('  namespace: shop\n', '')}`,
        'a.yaml': roleBinding('ClusterRole', 'ops'),
        'b.yaml': roleBinding('Role', 'cluster-admin').replace('  namespace: shop\n', ''),
      },
      errors: [
        {
          file: 'a.yaml',
          line: 6,
          column: 74,
          endColumn: 77,
          message: 'RoleBinding "deployers" gives Group "deployers" the ClusterRole "ops", which grants everything',
        },
        { file: 'b.yaml', line: 5, column: 67, endColumn: 80, message: 'Role "cluster-admin", which grants everything' },
      ],
      output: {
        'a.yaml': roleBinding('ClusterRole', '<dedicated-role>'),
        'b.yaml': roleBinding('Role', '<dedicated-role>').replace('  namespace: shop\n', ''),
      },
    },
    {
      name: 'CRLF, four-space indentation',
      files: {
        'role.yaml': clusterRole(STAR).replace(/\n/g, '\r\n'),
        'binding.yaml': WIDE_BINDING('ops'),
      },
      errors: [{ file: 'binding.yaml', line: 8, column: 11, endColumn: 14 }],
      output: { 'binding.yaml': WIDE_BINDING('<dedicated-role>') },
    },
  ],
});
