import rule from '../../shared-rules/src/rules/rbac-default-service-account-bound';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: 'a dedicated account; a user or group called default; a templated name',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: r, namespace: shop }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader }
        subjects:
          - { kind: ServiceAccount, name: shop-api, namespace: shop }
          - { kind: User, name: default }
          - { kind: Group, name: default }
          - { kind: ServiceAccount, name: "{{ .Values.sa }}" }
      `,
    },
  ],
  invalid: [
    {
      name: "the default account, in the subject's namespace or the binding's",
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: view-all }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view }
        subjects:
          - kind: ServiceAccount
            name: default
            namespace: shop
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: r, namespace: web }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader }
        subjects: [{ kind: ServiceAccount, name: default }]
      `,
      errors: [
        {
          line: 7,
          column: 11,
          endColumn: 18,
          messageId: 'defaultAccount',
          severity: 'warning',
          message: 'ClusterRoleBinding "view-all" gives the ClusterRole "view" to the "default" ServiceAccount of namespace "shop"',
        },
        { line: 14, column: 42, endColumn: 49, message: 'RoleBinding "r" gives the Role "reader" to the "default" ServiceAccount of namespace "web"' },
      ],
      output: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: view-all }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view }
        subjects:
          - kind: ServiceAccount
            name: <dedicated-service-account>
            namespace: shop
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: r, namespace: web }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader }
        subjects: [{ kind: ServiceAccount, name: <dedicated-service-account> }]
      `,
      applicability: 'display-only',
    },
  ],
});
