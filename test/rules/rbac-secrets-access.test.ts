import rule from '../../shared-rules/src/rules/rbac-secrets-access';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: 'narrowed to named Secrets',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: app, namespace: shop }
        rules:
          - apiGroups: [""]
            resources: ["secrets"]
            resourceNames: ["shop-db"]
            verbs: ["get", "watch"]
      `,
    },
    {
      name: 'write-only access; other groups\' "secrets"; configmaps',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: writer }
        rules:
          - apiGroups: [""]
            resources: ["secrets"]
            verbs: ["create", "update"]
          - apiGroups: ["example.com"]
            resources: ["secrets"]
            verbs: ["get", "list"]
          - apiGroups: [""]
            resources: ["configmaps"]
            verbs: ["get"]
      `,
    },
    {
      name: '"*" resources are rbac-wildcard\'s',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: all, namespace: shop }
        rules:
          - apiGroups: [""]
            resources: ["*"]
            verbs: ["get"]
      `,
    },
    {
      name: 'aggregated ClusterRole',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: agg }
        aggregationRule:
          clusterRoleSelectors: [{ matchLabels: { a: "b" } }]
        rules:
          - apiGroups: [""]
            resources: ["secrets"]
            verbs: ["list"]
      `,
    },
    {
      name: 'templated verbs and resourceNames are unknown',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: app, namespace: shop }
        rules:
          - apiGroups: [""]
            resources: ["secrets"]
            verbs: [{{ .Values.verb | quote }}]
          - apiGroups: [""]
            resources: ["secrets"]
            resourceNames: {{ toYaml .Values.names }}
            verbs: ["get"]
      `,
    },
    {
      name: 'suppressed with a disable block',
      code: yaml`
        # kubeward-disable rbac-secrets-access -- external-secrets controller
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: external-secrets }
        rules:
          - apiGroups: [""]
            resources: ["secrets"]
            verbs: ["get", "list", "watch"]
      `,
    },
  ],
  invalid: [
    {
      name: 'Role, get only: resourceNames placeholder added',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: app
          namespace: shop
        rules:
          - apiGroups: [""]
            resources: ["secrets"]
            verbs: ["get"]
      `,
      errors: [{ line: 8, column: 17, endColumn: 26, messageId: 'read', message: 'Role "app" can get Secrets', severity: 'warning' }],
      output: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: app
          namespace: shop
        rules:
          - apiGroups: [""]
            resources: ["secrets"]
            verbs: ["get"]
            resourceNames:
              - <secret-name>
      `,
      applicability: 'display-only',
    },
    {
      name: 'ClusterRole with list and watch is an error; "*" verb; flow style',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: reader }
        rules: [{ apiGroups: ["*"], resources: [secrets], verbs: ["*"] }]
      `,
      errors: [
        {
          line: 4,
          column: 41,
          endColumn: 48,
          messageId: 'list',
          message: 'ClusterRole "reader" can get, list and watch Secrets in every namespace it is bound in',
          severity: 'error',
        },
      ],
      output: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: reader }
        rules: [{ apiGroups: ["*"], resources: [secrets], verbs: ["*"], resourceNames: [<secret-name>] }]
      `,
    },
    {
      name: 'Secrets among other resources: reported, no fix (it would narrow the others too); flush lists; empty resourceNames',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: app
        rules:
        - apiGroups:
          - ""
          resources:
          - configmaps
          - secrets
          resourceNames: []
          verbs:
          - list
      `,
      errors: [{ line: 10, column: 5, endColumn: 12, messageId: 'list' }],
      output: null,
    },
    {
      name: 'empty resourceNames narrow nothing: replaced by a placeholder; 4-space file',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
            name: app
        rules:
            -   apiGroups: [""]
                resources: ["secrets"]
                resourceNames: []
                verbs: ["get"]
      `,
      errors: [{ line: 7, column: 21, endColumn: 30, messageId: 'read' }],
      output: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
            name: app
        rules:
            -   apiGroups: [""]
                resources: ["secrets"]
                resourceNames:
                    -   <secret-name>
                verbs: ["get"]
      `,
    },
    {
      name: 'missing apiGroups reads as the core group; create is not narrowed, get is',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: app }
        rules:
          - resources: ["secrets"]
            verbs: ["watch"]
      `,
      errors: [{ line: 5, column: 17, endColumn: 26, messageId: 'list' }],
      output: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: app }
        rules:
          - resources: ["secrets"]
            verbs: ["watch"]
            resourceNames:
              - <secret-name>
      `,
    },
  ],
});
