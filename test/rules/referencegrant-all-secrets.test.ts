import rule from '../../shared-rules/src/rules/referencegrant-all-secrets';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: 'a named Secret, and other kinds without name',
      code: yaml`
        apiVersion: gateway.networking.k8s.io/v1beta1
        kind: ReferenceGrant
        metadata: { name: g, namespace: web }
        spec:
          from: [{ group: gateway.networking.k8s.io, kind: Gateway, namespace: infra }]
          to:
            - { group: "", kind: Secret, name: shop-tls }
            - { group: "", kind: Service }
      `,
    },
    {
      name: 'Helm: templated entry',
      code: yaml`
        apiVersion: gateway.networking.k8s.io/v1beta1
        kind: ReferenceGrant
        metadata: { name: g }
        spec:
          to:
            - group: ""
              kind: Secret
              {{- with .Values.secret }}
              name: {{ . }}
              {{- end }}
      `,
    },
  ],
  invalid: [
    {
      name: 'every Secret, to Gateways of two namespaces',
      code: yaml`
        apiVersion: gateway.networking.k8s.io/v1beta1
        kind: ReferenceGrant
        metadata:
          name: certificates
          namespace: web
        spec:
          from:
            - { group: gateway.networking.k8s.io, kind: Gateway, namespace: infra }
            - { group: gateway.networking.k8s.io, kind: Gateway, namespace: edge }
          to:
            - group: ""
              kind: Secret
      `,
      errors: [
        {
          line: 12,
          column: 13,
          endLine: 12,
          endColumn: 19,
          messageId: 'all',
          message: 'ReferenceGrant "certificates" lets Gateways of "infra", Gateways of "edge" use every Secret of its namespace, not a named one.',
        },
      ],
      applicability: 'unsafe',
      output: yaml`
        apiVersion: gateway.networking.k8s.io/v1beta1
        kind: ReferenceGrant
        metadata:
          name: certificates
          namespace: web
        spec:
          from:
            - { group: gateway.networking.k8s.io, kind: Gateway, namespace: infra }
            - { group: gateway.networking.k8s.io, kind: Gateway, namespace: edge }
          to:
            - group: ""
              kind: Secret
              name: <secret-name>
      `,
    },
  ],
});
