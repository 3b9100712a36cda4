import rule from '../../shared-rules/src/rules/httproute-redirect-with-backendrefs';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    yaml`
      apiVersion: gateway.networking.k8s.io/v1
      kind: HTTPRoute
      metadata: { name: r }
      spec:
        rules:
          - filters:
              - type: RequestRedirect
                requestRedirect: { scheme: https, statusCode: 301 }
          - filters:
              - type: URLRewrite
                urlRewrite: { path: { type: ReplacePrefixMatch, replacePrefixMatch: / } }
            backendRefs:
              - { name: web, port: 80 }
    `,
    {
      name: 'empty backendRefs; Helm-templated backendRefs',
      code: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: { name: r }
        spec:
          rules:
            - filters: [{ type: RequestRedirect, requestRedirect: { scheme: https } }]
              backendRefs: []
            - filters: [{ type: RequestRedirect, requestRedirect: { scheme: https } }]
              backendRefs: {{ .Values.backends }}
      `,
    },
    {
      name: 'suppressed',
      code: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: { name: r }
        spec:
          rules:
            - filters: [{ type: RequestRedirect, requestRedirect: { scheme: https } }]
              # kubeward-disable-next-line httproute-redirect-with-backendrefs
              backendRefs: [{ name: web, port: 80 }]
      `,
    },
  ],
  invalid: [
    {
      name: 'backendRefs beside a redirect: the key; the fix removes it',
      code: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: shop-redirect
        spec:
          parentRefs:
            - name: web
              sectionName: http
          rules:
            - filters:
                - type: RequestRedirect
                  requestRedirect:
                    scheme: https
                    statusCode: 301
              backendRefs:
                - name: shop
                  port: 80
      `,
      errors: [
        {
          line: 15,
          column: 7,
          endColumn: 18,
          messageId: 'backendRefs',
          message: 'HTTPRoute "shop-redirect" has a rule with both a RequestRedirect filter and backendRefs',
        },
      ],
      applicability: 'unsafe',
      output: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: shop-redirect
        spec:
          parentRefs:
            - name: web
              sectionName: http
          rules:
            - filters:
                - type: RequestRedirect
                  requestRedirect:
                    scheme: https
                    statusCode: 301
      `,
    },
    {
      name: 'redirect and rewrite together; flow style; CRLF; Kustomize patch',
      partial: true,
      code: 'apiVersion: gateway.networking.k8s.io/v1\r\nkind: HTTPRoute\r\nmetadata: {name: r}\r\nspec:\r\n  rules:\r\n  - filters:\r\n    - {type: RequestRedirect, requestRedirect: {scheme: https}}\r\n    - {type: URLRewrite, urlRewrite: {hostname: x.example.com}}\r\n',
      errors: [{ line: 8, column: 14, endColumn: 24, messageId: 'rewrite' }],
      output:
        'apiVersion: gateway.networking.k8s.io/v1\r\nkind: HTTPRoute\r\nmetadata: {name: r}\r\nspec:\r\n  rules:\r\n  - filters:\r\n    - {type: RequestRedirect, requestRedirect: {scheme: https}}\r\n',
    },
  ],
});
