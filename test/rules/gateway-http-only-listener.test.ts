import rule from '../../shared-rules/src/rules/gateway-http-only-listener';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: 'HTTPS for the same hostname; a wildcard HTTPS covers a host; a catch-all HTTP with any HTTPS',
      code: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: a }
        spec:
          listeners:
            - { name: http, protocol: HTTP, port: 80, hostname: shop.example.com }
            - { name: https, protocol: HTTPS, port: 443, hostname: shop.example.com, tls: { certificateRefs: [{ name: a-tls }] } }
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: b }
        spec:
          listeners:
            - { name: http, protocol: HTTP, port: 80, hostname: api.example.com }
            - { name: https, protocol: HTTPS, port: 443, hostname: "*.example.com", tls: { certificateRefs: [{ name: b-tls }] } }
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: c }
        spec:
          listeners:
            - { name: http, protocol: HTTP, port: 80 }
            - { name: https, protocol: HTTPS, port: 443, hostname: c.example.com, tls: { certificateRefs: [{ name: c-tls }] } }
      `,
    },
    {
      name: 'Istio Gateway is another API',
      code: yaml`
        apiVersion: networking.istio.io/v1beta1
        kind: Gateway
        metadata: { name: istio }
        spec:
          servers:
            - port: { number: 80, name: http, protocol: HTTP }
      `,
    },
    {
      name: 'Helm: templated protocol, templated HTTPS hostname, listeners from a template',
      code: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: a }
        spec:
          listeners:
            - name: http
              protocol: {{ .Values.protocol }}
              port: 80
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: b }
        spec:
          listeners:
            - name: http
              protocol: HTTP
              port: 80
              hostname: b.example.com
            - name: https
              protocol: HTTPS
              port: 443
              hostname: {{ .Values.host }}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: c }
        spec:
          listeners:
            - name: http
              protocol: HTTP
              port: 80
            {{- with .Values.extraListeners }}
            {{- toYaml . | nindent 4 }}
            {{- end }}
      `,
    },
    {
      name: 'Kustomize patch: the base may hold the HTTPS listener',
      partial: true,
      code: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: gw }
        spec:
          listeners: [{name: http, protocol: HTTP, port: 80}]
      `,
    },
    {
      name: 'suppressed',
      code: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: a }
        spec:
          listeners:
            - name: http
              # kubeward-disable-next-line gateway-http-only-listener -- ACME HTTP-01 only
              protocol: HTTP
              port: 80
      `,
    },
  ],
  invalid: [
    {
      name: 'block style: HTTPS listener for the same hostname, allowedRoutes copied',
      code: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: web
        spec:
          gatewayClassName: example
          listeners:
            - name: http  # plain
              protocol: HTTP
              port: 80
              hostname: shop.example.com
              allowedRoutes:
                namespaces:
                  from: Same
      `,
      errors: [{ line: 9, column: 17, endColumn: 21, messageId: 'httpOnly', message: 'Gateway "web" listener "http" serves shop.example.com over plain HTTP' }],
      applicability: 'unsafe',
      output: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: web
        spec:
          gatewayClassName: example
          listeners:
            - name: http  # plain
              protocol: HTTP
              port: 80
              hostname: shop.example.com
              allowedRoutes:
                namespaces:
                  from: Same
            - name: https
              protocol: HTTPS
              port: 443
              hostname: shop.example.com
              tls:
                mode: Terminate
                certificateRefs:
                  - kind: Secret
                    name: web-tls
              allowedRoutes:
                namespaces:
                  from: Same
      `,
      fixes: [
        {
          title: 'Add an HTTPS listener and a cert-manager issuer',
          output: yaml`
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata:
              name: web
              annotations:
                cert-manager.io/cluster-issuer: <cluster-issuer>
            spec:
              gatewayClassName: example
              listeners:
                - name: http  # plain
                  protocol: HTTP
                  port: 80
                  hostname: shop.example.com
                  allowedRoutes:
                    namespaces:
                      from: Same
                - name: https
                  protocol: HTTPS
                  port: 443
                  hostname: shop.example.com
                  tls:
                    mode: Terminate
                    certificateRefs:
                      - kind: Secret
                        name: web-tls
                  allowedRoutes:
                    namespaces:
                      from: Same
          `,
        },
      ],
    },
    {
      name: 'an HTTPS listener for another host does not cover; names stay unique; configured issuer and secret pattern; flush sequences',
      config: { ingress: { clusterIssuer: 'letsencrypt', tlsSecretName: '{name}-cert' } },
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
            hostname: a.example.com
            tls:
              certificateRefs:
              - name: a-tls
          - name: http-b
            protocol: HTTP
            port: 80
            hostname: b.example.com
      `,
      errors: [{ line: 15, column: 15, endColumn: 19, message: 'listener "http-b" serves b.example.com' }],
      output: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: web
          annotations:
            cert-manager.io/cluster-issuer: letsencrypt
        spec:
          listeners:
          - name: https
            protocol: HTTPS
            port: 443
            hostname: a.example.com
            tls:
              certificateRefs:
              - name: a-tls
          - name: http-b
            protocol: HTTP
            port: 80
            hostname: b.example.com
          - name: https-http-b
            protocol: HTTPS
            port: 443
            hostname: b.example.com
            tls:
              mode: Terminate
              certificateRefs:
              - kind: Secret
                name: web-cert
      `,
    },
    {
      name: 'flow style, catch-all HTTP, CRLF',
      code: 'apiVersion: gateway.networking.k8s.io/v1beta1\r\nkind: Gateway\r\nmetadata: {name: gw}\r\nspec:\r\n  listeners: [{name: http, protocol: HTTP, port: 80}]\r\n',
      errors: [{ line: 5, column: 38, endColumn: 42, message: 'serves every hostname' }],
      output:
        'apiVersion: gateway.networking.k8s.io/v1beta1\r\nkind: Gateway\r\nmetadata: {name: gw}\r\nspec:\r\n  listeners: [{name: http, protocol: HTTP, port: 80}, {name: https, protocol: HTTPS, port: 443, tls: {mode: Terminate, certificateRefs: [{kind: Secret, name: gw-tls}]}}]\r\n',
    },
  ],
});
