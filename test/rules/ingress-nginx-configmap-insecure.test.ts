import rule from '../../shared-rules/src/rules/ingress-nginx-configmap-insecure';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata: { name: ingress-nginx-controller, namespace: ingress-nginx }
      data:
        allow-snippet-annotations: "false"
        annotations-risk-level: High
        strict-validate-path-type: "true"
    `,
    {
      name: 'another ConfigMap; the tcp-services ConfigMap of the chart',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: app-config }
        data: { allow-snippet-annotations: "true" }
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: release-ingress-nginx-tcp
          labels: { app.kubernetes.io/name: ingress-nginx, app.kubernetes.io/component: controller }
        data: { "9000": "default/app:9000" }
      `,
    },
    {
      name: 'Helm-templated value',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: ingress-nginx-controller }
        data:
          allow-snippet-annotations: {{ .Values.controller.allowSnippetAnnotations | quote }}
      `,
    },
    {
      name: 'suppressed',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: nginx-configuration }
        data:
          # kubeward-disable-next-line ingress-nginx-configmap-insecure -- single-tenant cluster
          allow-snippet-annotations: "true"
      `,
    },
  ],
  invalid: [
    {
      name: 'every weakened default; each restored',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: ingress-nginx-controller
          namespace: ingress-nginx
        data:
          allow-snippet-annotations: "true"   # for the legacy app
          annotations-risk-level: Critical
          strict-validate-path-type: 'false'
          annotation-value-word-blocklist: ""
      `,
      errors: [
        { line: 7, column: 30, endColumn: 36, messageId: 'snippets', severity: 'error' },
        { line: 8, column: 27, endColumn: 35, messageId: 'riskLevel', severity: 'error' },
        { line: 9, column: 30, endColumn: 37, messageId: 'pathType', severity: 'warning' },
        { line: 10, column: 36, endColumn: 38, messageId: 'blocklist', severity: 'info' },
      ],
      output: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: ingress-nginx-controller
          namespace: ingress-nginx
        data:
          allow-snippet-annotations: "false"   # for the legacy app
          annotations-risk-level: "High"
          strict-validate-path-type: 'true'
          annotation-value-word-blocklist: ""
      `,
      applicability: 'unsafe',
    },
    {
      name: 'recognised by label in a List; unquoted true (YAML 1.1) and an empty blocklist key',
      code: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: ConfigMap
            metadata:
              name: controller-config
              labels: { app.kubernetes.io/name: ingress-nginx }
            data:
              allow-snippet-annotations: yes
              annotation-value-word-blocklist:
      `,
      errors: [
        { line: 10, column: 34, endColumn: 37, messageId: 'snippets' },
        { line: 11, column: 7, endColumn: 38, messageId: 'blocklist' },
      ],
      output: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: ConfigMap
            metadata:
              name: controller-config
              labels: { app.kubernetes.io/name: ingress-nginx }
            data:
              allow-snippet-annotations: "false"
              annotation-value-word-blocklist:
      `,
    },
  ],
});
