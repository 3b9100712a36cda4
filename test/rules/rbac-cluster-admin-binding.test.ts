import rule from '../../shared-rules/src/rules/rbac-cluster-admin-binding';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: { name: ci }
      roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ci-deployer }
      subjects: [{ kind: ServiceAccount, name: ci, namespace: build }]
    `,
    {
      name: "the API server's own binding for system:masters",
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: cluster-admin }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
        subjects:
          - { apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:masters" }
      `,
    },
    {
      name: 'a namespaced Role that happens to be called cluster-admin',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: x, namespace: shop }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: cluster-admin }
        subjects: [{ kind: User, name: alice }]
      `,
    },
    {
      name: 'templated role name',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: {{ .Release.Name }} }
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: {{ .Values.role }}
        subjects: [{ kind: ServiceAccount, name: x, namespace: y }]
      `,
    },
    {
      name: 'suppressed by annotation',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: break-glass
          annotations:
            ignore.kubeward.io/rbac-cluster-admin-binding: "break-glass account, audited"
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
        subjects: [{ kind: User, name: breakglass }]
      `,
    },
  ],
  invalid: [
    {
      name: 'ClusterRoleBinding: the role name becomes a placeholder',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: ci
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: cluster-admin   # TODO narrow
        subjects:
          - kind: ServiceAccount
            name: ci
            namespace: build
          - kind: Group
            name: system:masters
      `,
      errors: [
        {
          line: 8,
          column: 9,
          endColumn: 22,
          messageId: 'cluster',
          message: 'ClusterRoleBinding "ci" gives ServiceAccount "ci" and Group "system:masters" the cluster-admin role',
          severity: 'error',
        },
      ],
      output: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: ci
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: <dedicated-role>   # TODO narrow
        subjects:
          - kind: ServiceAccount
            name: ci
            namespace: build
          - kind: Group
            name: system:masters
      `,
      applicability: 'display-only',
    },
    {
      name: 'RoleBinding in flow style: the namespaced admin role is offered; quoted name keeps its quotes',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: devs, namespace: shop }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "cluster-admin" }
        subjects: [{ kind: Group, name: shop-devs }]
      `,
      errors: [{ line: 4, column: 74, endColumn: 89, messageId: 'namespace', message: 'in namespace "shop"' }],
      output: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: devs, namespace: shop }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "admin" }
        subjects: [{ kind: Group, name: shop-devs }]
      `,
      applicability: 'unsafe',
      fixes: [
        {
          title: 'Bind a dedicated role instead',
          output: yaml`
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: { name: devs, namespace: shop }
            roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "<dedicated-role>" }
            subjects: [{ kind: Group, name: shop-devs }]
          `,
        },
      ],
    },
    {
      name: 'no subjects yet; List kind',
      code: yaml`
        apiVersion: v1
        kind: List
        items:
        - apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRoleBinding
          metadata: { name: empty }
          roleRef:
            kind: ClusterRole
            name: cluster-admin
      `,
      errors: [{ line: 9, column: 11, endColumn: 24, messageId: 'cluster', message: 'gives its subjects the cluster-admin role' }],
      output: yaml`
        apiVersion: v1
        kind: List
        items:
        - apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRoleBinding
          metadata: { name: empty }
          roleRef:
            kind: ClusterRole
            name: <dedicated-role>
      `,
    },
  ],
});
