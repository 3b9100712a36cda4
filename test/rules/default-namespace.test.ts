import rule from '../../shared-rules/src/rules/default-namespace';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const on = { rules: { 'default-namespace': 'hint' as const } };

ruleTester(rule, {
  valid: [
    {
      name: 'opt-in: off by default',
      config: {},
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: c }
      `,
    },
    {
      name: 'a namespace of its own; cluster-scoped and custom kinds',
      config: on,
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: c, namespace: shop }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: r }
        ---
        apiVersion: example.com/v1
        kind: Widget
        metadata: { name: w }
      `,
    },
    {
      name: 'what Kubernetes itself keeps in default',
      config: on,
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: kubernetes, namespace: default }
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: { name: default }
      `,
    },
    {
      name: 'Helm: templated namespace, namespace from an action line; Kustomize patch',
      config: on,
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: a
          namespace: {{ .Release.Namespace }}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: b
          {{- include "chart.namespace" . | nindent 2 }}
      `,
    },
    {
      name: 'Kustomize patch: the namespace comes from the kustomization',
      config: on,
      partial: true,
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: c }
      `,
    },
    {
      name: 'suppressed',
      config: on,
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: c
          # kubeward-disable-next-line default-namespace -- demo
          namespace: default
      `,
    },
  ],
  invalid: [
    {
      name: 'missing: the metadata key is flagged; the fix adds a placeholder',
      config: on,
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels:
            app: web
        spec: {}
      `,
      errors: [{ line: 3, column: 1, endColumn: 9, messageId: 'missing', severity: 'hint', message: 'Deployment "web" has no metadata.namespace' }],
      applicability: 'unsafe',
      output: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels:
            app: web
          namespace: <namespace>
        spec: {}
      `,
    },
    {
      name: 'default, flow style, 4 spaces elsewhere, List',
      config: on,
      code: yaml`
        apiVersion: v1
        kind: List
        items:
            - apiVersion: v1
              kind: Secret
              metadata: { name: s, namespace: default }
            - apiVersion: gateway.networking.k8s.io/v1
              kind: HTTPRoute
              metadata: { name: r }
      `,
      errors: [
        { line: 6, column: 39, endColumn: 46, messageId: 'isDefault' },
        { line: 9, column: 7, endColumn: 15, messageId: 'missing' },
      ],
      output: yaml`
        apiVersion: v1
        kind: List
        items:
            - apiVersion: v1
              kind: Secret
              metadata: { name: s, namespace: <namespace> }
            - apiVersion: gateway.networking.k8s.io/v1
              kind: HTTPRoute
              metadata: { name: r, namespace: <namespace> }
      `,
    },
    {
      name: 'CRLF, null namespace',
      config: on,
      code: 'apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: c\r\n  namespace:\r\ndata: {}\r\n',
      errors: [{ line: 3, column: 1, endColumn: 9 }],
      output: 'apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: c\r\n  namespace: <namespace>\r\ndata: {}\r\n',
    },
  ],
});
