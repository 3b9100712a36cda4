import rule from '../../shared-rules/src/rules/networkpolicy-port-open-to-all-namespaces';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: 'off by default',
      config: {},
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: m }
        spec:
          podSelector: {}
          ingress:
            - from: [{ namespaceSelector: {} }]
              ports: [{ port: metrics }]
      `,
    },
    {
      name: 'namespaces selected by label, a podSelector beside the empty namespaceSelector, or no ports (allows-all reports that)',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: m }
        spec:
          podSelector: {}
          ingress:
            - from: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: monitoring } } }]
              ports: [{ port: metrics }]
            - from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: prometheus } } }]
              ports: [{ port: 9090 }]
            - from: [{ namespaceSelector: {} }]
      `,
    },
    {
      name: 'templated ports are unknown',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: m }
        spec:
          podSelector: {}
          ingress:
            - from: [{ namespaceSelector: {} }]
              ports:
                - port: {{ .Values.port }}
      `,
    },
  ],
  invalid: [
    {
      name: 'a metrics port from every namespace; DNS on UDP and TCP 53 to every namespace; a templated name',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: {{ include "app.fullname" . }}-metrics
        spec:
          podSelector: {}
          ingress:
            - from:
                - namespaceSelector: {}
              ports:
                - port: metrics
          egress:
            - to:
                - namespaceSelector: { matchLabels: {} }
                  podSelector: {}
              ports:
                - { port: 53, protocol: UDP }
                - { port: 53 }
                - { port: 30000, endPort: 32767 }
      `,
      errors: [
        { line: 9, column: 30, endColumn: 32, severity: 'info', message: 'NetworkPolicy "…-metrics" allows ingress from every namespace on port metrics.' },
        { line: 14, column: 30, endColumn: 49, message: 'NetworkPolicy "…-metrics" allows egress to every namespace on ports UDP 53, 53 and 30000-32767.' },
      ],
    },
  ],
});
