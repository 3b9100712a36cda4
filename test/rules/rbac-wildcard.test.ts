import rule from '../../shared-rules/src/rules/rbac-wildcard';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: { name: reader, namespace: shop }
      rules:
        - apiGroups: [""]
          resources: ["pods", "services"]
          verbs: ["get", "list", "watch"]
    `,
    {
      name: 'aggregated ClusterRole: the controller writes its rules',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: monitoring }
        aggregationRule:
          clusterRoleSelectors:
            - matchLabels: { rbac.example.com/aggregate-to-monitoring: "true" }
        rules:
          - apiGroups: ["*"]
            resources: ["*"]
            verbs: ["*"]
      `,
    },
    {
      name: 'aggregated ClusterRole without rules',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: monitoring }
        aggregationRule:
          clusterRoleSelectors:
            - matchLabels: { rbac.example.com/aggregate-to-monitoring: "true" }
      `,
    },
    {
      name: 'non-resource rule',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: metrics }
        rules:
          - nonResourceURLs: ["/metrics"]
            verbs: ["*"]
      `,
    },
    {
      name: 'Helm-templated lists are unknown',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: {{ .Release.Name }} }
        rules:
          - apiGroups: [{{ .Values.group | quote }}]
            resources: {{ toYaml .Values.resources }}
            verbs:
              - {{ .Values.verb }}
      `,
    },
    {
      name: 'suppressed on the line above',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: operator }
        rules:
          - apiGroups: ["example.com"]
            resources: ["widgets"]
            # kubeward-disable-next-line rbac-wildcard -- the operator owns this CRD
            verbs: ["*"]
      `,
    },
    {
      name: 'not an RBAC object',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: c }
        data:
          verbs: "*"
      `,
    },
  ],
  invalid: [
    {
      name: 'flow list: "*" verbs become read-only verbs',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: deployer
        rules:
          - apiGroups: ["apps"]
            resources: ["deployments"]
            verbs: ["*"]
      `,
      errors: [
        {
          line: 8,
          column: 13,
          endColumn: 16,
          messageId: 'verbs',
          message: 'ClusterRole "deployer" grants every verb ("*") on "deployments"',
          severity: 'error',
        },
      ],
      output: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: deployer
        rules:
          - apiGroups: ["apps"]
            resources: ["deployments"]
            verbs: ["get", "list", "watch"]
      `,
      applicability: 'unsafe',
      fixes: [
        {
          title: 'Replace "*" with an explicit value',
          output: yaml`
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: deployer
            rules:
              - apiGroups: ["apps"]
                resources: ["deployments"]
                verbs: ["<verb>"]
          `,
        },
      ],
    },
    {
      name: 'every verb on every resource in every group: one finding for the rule entry',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: god }
        rules:
          - apiGroups: ['*']
            resources: ['*']
            verbs: ['*']
      `,
      errors: [
        {
          line: 5,
          column: 17,
          endColumn: 20,
          messageId: 'full',
          severity: 'error',
          message: 'ClusterRole "god" grants every verb on every resource: full control over the whole cluster, like cluster-admin.',
        },
      ],
      output: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: god }
        rules:
          - apiGroups: ['<api-group>']
            resources: ['<resource>']
            verbs: ['<verb>']
      `,
    },
    {
      name: 'Role, block lists, 4-space indentation: one finding at the first "*"',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
            name: admin
            namespace: shop
        rules:
            -   apiGroups:
                    - ""
                resources:
                    - "*"
                verbs:
                    - get
                    - "*"
      `,
      errors: [
        {
          line: 10,
          column: 15,
          endColumn: 18,
          messageId: 'fullGroup',
          message: 'Role "admin" grants every verb on every resource of the API groups "" (core) in namespace "shop".',
        },
      ],
      output: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
            name: admin
            namespace: shop
        rules:
            -   apiGroups:
                    - ""
                resources:
                    - "<resource>"
                verbs:
                    - get
                    - "<verb>"
      `,
    },
    {
      name: 'groups of custom resources only: a warning that says so',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: flux-source
        rules:
          - apiGroups: [source.toolkit.fluxcd.io, gateway.networking.k8s.io]
            resources: ["*"]
            verbs: ["*"]
          - apiGroups: [argoproj.io]
            resources: ["*"]
            verbs: [get, list]
          - apiGroups: [argoproj.io]
            resources: [rollouts, rollouts/status]
            verbs: ["*"]
      `,
      errors: [
        {
          line: 7,
          column: 17,
          endColumn: 20,
          messageId: 'fullGroup',
          severity: 'warning',
          message:
            'ClusterRole "flux-source" grants every verb on every resource of the API groups "source.toolkit.fluxcd.io" and "gateway.networking.k8s.io" over the whole cluster (custom resources only).',
        },
        {
          line: 10,
          column: 17,
          endColumn: 20,
          messageId: 'resources',
          severity: 'warning',
          message: 'grants "get", "list" on every resource ("*") of "argoproj.io": custom resources only, and any added to that group later.',
        },
        {
          line: 14,
          column: 13,
          endColumn: 16,
          messageId: 'verbs',
          severity: 'warning',
          message: 'grants every verb ("*") on "rollouts" and "rollouts/status": that includes delete, deletecollection, and verbs added later.',
        },
      ],
      output: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: flux-source
        rules:
          - apiGroups: [source.toolkit.fluxcd.io, gateway.networking.k8s.io]
            resources: ["<resource>"]
            verbs: ["<verb>"]
          - apiGroups: [argoproj.io]
            resources: ["<resource>"]
            verbs: [get, list]
          - apiGroups: [argoproj.io]
            resources: [rollouts, rollouts/status]
            verbs: ["get", "list", "watch"]
      `,
    },
    {
      name: 'a "*" verb names escalate and bind only on roles; every resource of a built-in group is an error',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: rbac-admin }
        rules:
          - apiGroups: [rbac.authorization.k8s.io]
            resources: [roles, rolebindings]
            verbs: ["*"]
          - apiGroups: [apps, example.com]
            resources: ["*"]
            verbs: [get]
      `,
      errors: [
        {
          line: 7,
          column: 13,
          endColumn: 16,
          messageId: 'verbs',
          severity: 'error',
          message:
            'ClusterRole "rbac-admin" grants every verb ("*") on "roles" and "rolebindings": that includes escalate, bind, delete, deletecollection, and verbs added later.',
        },
        {
          line: 9,
          column: 17,
          endColumn: 20,
          messageId: 'resources',
          severity: 'error',
          message: 'grants "get" on every resource ("*") of "apps" and "example.com": that includes Secrets, RBAC objects',
        },
      ],
      output: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: rbac-admin }
        rules:
          - apiGroups: [rbac.authorization.k8s.io]
            resources: [roles, rolebindings]
            verbs: ["get", "list", "watch"]
          - apiGroups: [apps, example.com]
            resources: ["<resource>"]
            verbs: [get]
      `,
    },
    {
      name: 'flush sequences: "*" resources and "*/scale"',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: scaler
        rules:
        - apiGroups:
          - apps
          resources:
          - '*/scale'
          verbs:
          - get
          - update
        - apiGroups:
          - ""
          resources:
          - '*'
          verbs:
          - list
      `,
      errors: [
        { line: 9, column: 5, endColumn: 14, messageId: 'subresources', message: 'on the "scale" subresource of every resource' },
        { line: 16, column: 5, endColumn: 8, messageId: 'resources', message: 'grants "list" on every resource' },
      ],
      output: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: scaler
        rules:
        - apiGroups:
          - apps
          resources:
          - '<resource>/scale'
          verbs:
          - get
          - update
        - apiGroups:
          - ""
          resources:
          - '<resource>'
          verbs:
          - list
      `,
      applicability: 'display-only',
    },
    {
      name: 'apiGroups "*" alone; List kind; CRLF',
      code: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: { name: reader }
            rules:
              - apiGroups: ["*"]
                resources: ["configmaps"]
                verbs: ["get"]
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 8, column: 21, endColumn: 24, messageId: 'apiGroups' }],
      output: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: { name: reader }
            rules:
              - apiGroups: ["<api-group>"]
                resources: ["configmaps"]
                verbs: ["get"]
      `.replace(/\n/g, '\r\n'),
    },
    {
      name: 'a Kustomize patch still has its bad values',
      partial: true,
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: deployer }
        rules:
          - apiGroups: ["apps"]
            resources: ["deployments"]
            verbs: [get, "*"]
      `,
      errors: [{ line: 7, column: 18, endColumn: 21, messageId: 'verbs' }],
      output: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: deployer }
        rules:
          - apiGroups: ["apps"]
            resources: ["deployments"]
            verbs: [get, "list", "watch"]
      `,
    },
  ],
});
