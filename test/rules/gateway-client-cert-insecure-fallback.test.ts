import rule from '../../shared-rules/src/rules/gateway-client-cert-insecure-fallback';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: 'AllowValidOnly, and no mode (the default)',
      code: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: gw }
        spec:
          tls:
            frontend:
              default:
                validation:
                  caCertificateRefs: [{ kind: ConfigMap, group: "", name: ca }]
                  mode: AllowValidOnly
              perPort:
                - port: 8443
                  tls:
                    validation:
                      caCertificateRefs: [{ kind: ConfigMap, group: "", name: ca }]
      `,
    },
    {
      name: 'Istio Gateway',
      code: yaml`
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: { name: gw }
        spec:
          tls: { frontend: { default: { validation: { mode: AllowInsecureFallback } } } }
      `,
    },
    {
      name: 'Helm: templated mode',
      code: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: gw }
        spec:
          tls:
            frontend:
              default:
                validation:
                  mode: {{ .Values.mode }}
      `,
    },
  ],
  invalid: [
    {
      name: 'the default validation',
      code: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: partners
        spec:
          tls:
            frontend:
              default:
                validation:
                  caCertificateRefs:
                    - { kind: ConfigMap, group: "", name: partner-ca }
                  mode: AllowInsecureFallback # until the partners have certificates
      `,
      errors: [
        {
          line: 12,
          column: 17,
          endLine: 12,
          endColumn: 38,
          messageId: 'fallback',
          message: 'Gateway "partners" accepts clients without a valid certificate on every port (AllowInsecureFallback).',
        },
      ],
      applicability: 'unsafe',
      output: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: partners
        spec:
          tls:
            frontend:
              default:
                validation:
                  caCertificateRefs:
                    - { kind: ConfigMap, group: "", name: partner-ca }
                  mode: AllowValidOnly # until the partners have certificates
      `,
    },
    {
      name: 'one port of perPort, flow style',
      code: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: gw }
        spec:
          tls:
            frontend:
              perPort:
                - port: 443
                  tls: { validation: { caCertificateRefs: [{ kind: ConfigMap, group: "", name: ca }] } }
                - port: 8443
                  tls: { validation: { caCertificateRefs: [{ kind: ConfigMap, group: "", name: ca }], mode: "AllowInsecureFallback" } }
      `,
      errors: [
        {
          line: 11,
          column: 101,
          endLine: 11,
          endColumn: 124,
          messageId: 'fallback',
          message: 'Gateway "gw" accepts clients without a valid certificate on port 8443 (AllowInsecureFallback).',
        },
      ],
      applicability: 'unsafe',
      output: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: gw }
        spec:
          tls:
            frontend:
              perPort:
                - port: 443
                  tls: { validation: { caCertificateRefs: [{ kind: ConfigMap, group: "", name: ca }] } }
                - port: 8443
                  tls: { validation: { caCertificateRefs: [{ kind: ConfigMap, group: "", name: ca }], mode: "AllowValidOnly" } }
      `,
    },
  ],
});
