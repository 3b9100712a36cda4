import rule from '../../shared-rules/src/rules/gateway-passthrough-no-l7-policy';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    yaml`
      apiVersion: gateway.networking.k8s.io/v1
      kind: Gateway
      metadata: { name: gw }
      spec:
        listeners:
          - { name: https, protocol: HTTPS, port: 443, tls: { mode: Terminate, certificateRefs: [{ name: t }] } }
          - { name: tls, protocol: TLS, port: 8443, tls: { certificateRefs: [{ name: t }] } }
    `,
    {
      name: 'Helm: templated mode',
      code: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: gw }
        spec:
          listeners:
            - name: tls
              protocol: TLS
              port: 443
              tls:
                mode: {{ .Values.mode }}
      `,
    },
    {
      name: 'suppressed',
      code: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: gw }
        spec:
          listeners:
            - name: tls
              protocol: TLS
              port: 443
              tls:
                # kubeward-disable-next-line gateway-passthrough-no-l7-policy -- mTLS to the backend
                mode: Passthrough
      `,
    },
  ],
  invalid: [
    {
      name: 'block style',
      code: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: edge
        spec:
          listeners:
            - name: tls
              protocol: TLS
              port: 443
              tls:
                mode: Passthrough
      `,
      errors: [
        {
          line: 11,
          column: 15,
          endColumn: 26,
          messageId: 'passthrough',
          severity: 'hint',
          message: 'Gateway "edge" listener "tls" passes TLS through unopened',
        },
      ],
    },
    {
      name: 'flow style, List, CRLF, Kustomize patch',
      partial: true,
      code: 'apiVersion: v1\r\nkind: List\r\nitems:\r\n- apiVersion: gateway.networking.k8s.io/v1\r\n  kind: Gateway\r\n  metadata: {name: gw}\r\n  spec: {listeners: [{name: t, protocol: TLS, port: 443, tls: {mode: Passthrough}}]}\r\n',
      errors: [{ line: 7, column: 70, endColumn: 81 }],
    },
  ],
});
