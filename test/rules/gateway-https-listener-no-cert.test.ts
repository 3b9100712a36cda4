import rule from '../../shared-rules/src/rules/gateway-https-listener-no-cert';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    yaml`
      apiVersion: gateway.networking.k8s.io/v1
      kind: Gateway
      metadata: { name: web }
      spec:
        listeners:
          - name: https
            protocol: HTTPS
            port: 443
            tls:
              certificateRefs:
                - name: web-tls
          - name: tls
            protocol: TLS
            port: 8443
            tls:
              mode: Passthrough
          - name: http
            protocol: HTTP
            port: 80
    `,
    {
      name: 'Helm: templated tls block and templated refs',
      code: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: web }
        spec:
          listeners:
            - name: https
              protocol: HTTPS
              port: 443
              tls:
                {{- toYaml .Values.tls | nindent 8 }}
            - name: https2
              protocol: HTTPS
              port: 443
              tls:
                certificateRefs: {{ .Values.refs }}
      `,
    },
    {
      name: 'Kustomize patch: the certificate may come from the base',
      partial: true,
      code: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: web }
        spec:
          listeners:
            - name: https
              protocol: HTTPS
              port: 443
      `,
    },
    {
      name: 'suppressed',
      code: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: web
          annotations: { ignore.kubeward.io/gateway-https-listener-no-cert: "cert injected by the controller" }
        spec:
          listeners: [{ name: https, protocol: HTTPS, port: 443 }]
      `,
    },
  ],
  invalid: [
    {
      name: 'no tls at all: the listener is flagged at its name',
      code: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: web
        spec:
          listeners:
            - name: https
              protocol: HTTPS
              port: 443
              hostname: shop.example.com
      `,
      errors: [{ line: 7, column: 13, endColumn: 18, messageId: 'noCert', message: 'Gateway "web" listener "https" terminates TLS but names no certificate' }],
      applicability: 'unsafe',
      output: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: web
        spec:
          listeners:
            - name: https
              protocol: HTTPS
              port: 443
              hostname: shop.example.com
              tls:
                mode: Terminate
                certificateRefs:
                  - kind: Secret
                    name: web-tls
      `,
    },
    {
      name: 'TLS protocol in Terminate mode without refs: the tls key; empty refs: the key; 4 spaces',
      code: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
            name: web
        spec:
            listeners:
                - name: tls
                  protocol: TLS
                  port: 8443
                  tls:
                      mode: Terminate
                - name: https
                  protocol: HTTPS
                  port: 443
                  tls:
                      certificateRefs: []
      `,
      errors: [
        { line: 10, column: 11, endColumn: 14, message: 'Gateway "web" listener "tls" terminates TLS but names no certificate' },
        { line: 16, column: 15, endColumn: 30, message: 'listener "https"' },
      ],
      output: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
            name: web
        spec:
            listeners:
                - name: tls
                  protocol: TLS
                  port: 8443
                  tls:
                      mode: Terminate
                      certificateRefs:
                          - kind: Secret
                            name: web-tls
                - name: https
                  protocol: HTTPS
                  port: 443
                  tls:
                      certificateRefs:
                          - kind: Secret
                            name: web-tls
      `,
    },
    {
      name: 'flow style, CRLF, List',
      code: 'apiVersion: v1\r\nkind: List\r\nitems:\r\n- apiVersion: gateway.networking.k8s.io/v1\r\n  kind: Gateway\r\n  metadata: {name: gw}\r\n  spec: {listeners: [{name: https, protocol: HTTPS, port: 443, tls: {mode: Terminate}}]}\r\n',
      errors: [{ line: 7, column: 64, endColumn: 67 }],
      output:
        'apiVersion: v1\r\nkind: List\r\nitems:\r\n- apiVersion: gateway.networking.k8s.io/v1\r\n  kind: Gateway\r\n  metadata: {name: gw}\r\n  spec: {listeners: [{name: https, protocol: HTTPS, port: 443, tls: {mode: Terminate, certificateRefs: [{kind: Secret, name: gw-tls}]}}]}\r\n',
    },
  ],
});
