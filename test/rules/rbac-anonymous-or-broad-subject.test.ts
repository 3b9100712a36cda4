import rule from '../../shared-rules/src/rules/rbac-anonymous-or-broad-subject';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: { name: devs, namespace: shop }
      roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: dev }
      subjects:
        - { kind: Group, name: shop-devs }
        - { kind: ServiceAccount, name: ci, namespace: build }
    `,
    {
      name: 'the built-in discovery roles are granted to everyone by Kubernetes itself',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: public-info }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:public-info-viewer" }
        subjects:
          - { kind: Group, name: "system:authenticated" }
          - { kind: Group, name: "system:unauthenticated" }
      `,
    },
    {
      name: 'a User named like a group is not the group',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: odd }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view }
        subjects: [{ kind: User, name: "system:authenticated" }]
      `,
    },
    {
      name: 'templated subject',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: x }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view }
        subjects:
          - kind: Group
            name: {{ .Values.group }}
      `,
    },
    {
      name: 'suppressed on the line above',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: x }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: metrics-reader }
        subjects:
          - kind: Group
            # kubeward-disable-next-line rbac-anonymous-or-broad-subject -- metrics are public
            name: system:authenticated
      `,
    },
  ],
  invalid: [
    {
      name: 'anonymous user among others: that subject is removed',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: viewers
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: view
        subjects:
          - kind: Group
            name: sre
          # who added this?
          - kind: User
            name: system:anonymous
      `,
      errors: [
        {
          line: 14,
          column: 11,
          endColumn: 27,
          messageId: 'anonymous',
          message: 'ClusterRoleBinding "viewers" grants the ClusterRole "view" to system:anonymous',
          severity: 'error',
        },
      ],
      output: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: viewers
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: view
        subjects:
          - kind: Group
            name: sre
          # who added this?
      `,
      applicability: 'unsafe',
    },
    {
      name: 'the only subject: subjects become empty; flow style; RoleBinding',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: all, namespace: shop }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader }
        subjects: [{ kind: Group, apiGroup: rbac.authorization.k8s.io, name: "system:authenticated" }]
      `,
      errors: [
        {
          line: 5,
          column: 70,
          endColumn: 92,
          messageId: 'authenticated',
          message: 'RoleBinding "all" grants the Role "reader" to the system:authenticated group',
        },
      ],
      output: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: all, namespace: shop }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader }
        subjects: []
      `,
    },
    {
      name: 'unauthenticated and system:masters in one binding; flush sequence',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: mixed
        roleRef:
          kind: ClusterRole
          name: edit
        subjects:
        - kind: Group
          name: system:unauthenticated
        - kind: Group
          name: system:masters
        - kind: Group
          name: ops
      `,
      errors: [
        { line: 10, column: 9, endColumn: 31, messageId: 'unauthenticated' },
        {
          line: 12,
          column: 9,
          endColumn: 23,
          messageId: 'masters',
          message: 'ClusterRoleBinding "mixed" names the system:masters group, whose members bypass RBAC',
        },
      ],
      output: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: mixed
        roleRef:
          kind: ClusterRole
          name: edit
        subjects:
        - kind: Group
          name: ops
      `,
    },
  ],
});
