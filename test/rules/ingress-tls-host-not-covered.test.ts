import rule from '../../shared-rules/src/rules/ingress-tls-host-not-covered';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: 'every host listed',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec:
          tls:
            - hosts: [shop.example.com, api.example.com]
              secretName: shop-tls
          rules:
            - host: shop.example.com
            - host: API.example.com
      `,
    },
    {
      name: 'a wildcard covers exactly one label',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec:
          tls:
            - hosts: ["*.example.com"]
              secretName: wildcard-tls
          rules:
            - host: a.example.com
            - host: b.example.com
      `,
    },
    {
      name: 'a wildcard rule host is covered by the same wildcard',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec:
          tls:
            - hosts: ["*.example.com"]
              secretName: wildcard-tls
          rules:
            - host: "*.example.com"
      `,
    },
    {
      name: 'hosts spread over two TLS entries',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec:
          tls:
            - hosts: [a.example.com]
              secretName: a-tls
            - hosts: [b.example.org]
              secretName: b-tls
          rules:
            - host: a.example.com
            - host: b.example.org
      `,
    },
    {
      name: 'no TLS at all is ingress-tls-missing, not this rule',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec:
          tls: []
          rules:
            - host: shop.example.com
            - http: {}
      `,
    },
    {
      name: 'a rule without host is fine when there is no TLS',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec:
          rules:
            - http:
                paths: []
      `,
    },
    {
      name: 'templated TLS hosts: coverage unknown',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec:
          tls:
            - hosts:
                - {{ .Values.host | quote }}
              secretName: shop-tls
          rules:
            - host: shop.example.com
      `,
    },
    {
      name: 'templated rule host: unknown',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec:
          tls:
            - hosts: [shop.example.com]
              secretName: shop-tls
          rules:
            - host: {{ .Values.host }}
      `,
    },
    {
      name: 'Kustomize patch: a rule without host is not reported',
      partial: true,
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec:
          tls:
            - hosts: [shop.example.com]
          rules:
            - http:
                paths: []
      `,
    },
    {
      name: 'suppressed on the line above',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec:
          tls:
            - hosts: [shop.example.com]
              secretName: shop-tls
          rules:
            # kubeward-disable-next-line ingress-tls-host-not-covered -- internal name, HTTP on purpose
            - host: internal.example.com
      `,
    },
  ],
  invalid: [
    {
      name: 'block style: one finding per uncovered host, on the host value',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
        spec:
          tls:
            - hosts:
                - shop.example.com
              secretName: shop-tls # issued by cert-manager
          rules:
            - host: shop.example.com
            - host: api.example.com
            - host: www.example.com
            - host: api.example.com
      `,
      errors: [
        { line: 12, column: 13, endColumn: 28, messageId: 'uncovered', message: 'Ingress host "api.example.com" is not listed in spec.tls' },
        { line: 13, column: 13, endColumn: 28, messageId: 'uncovered' },
      ],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
        spec:
          tls:
            - hosts:
                - shop.example.com
                - api.example.com
                - www.example.com
              secretName: shop-tls # issued by cert-manager
          rules:
            - host: shop.example.com
            - host: api.example.com
            - host: www.example.com
            - host: api.example.com
      `,
      fixes: [
        {
          title: 'Add "api.example.com" to spec.tls',
          output: yaml`
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: shop
            spec:
              tls:
                - hosts:
                    - shop.example.com
                    - api.example.com
                  secretName: shop-tls # issued by cert-manager
              rules:
                - host: shop.example.com
                - host: api.example.com
                - host: www.example.com
                - host: api.example.com
          `,
        },
      ],
      applicability: 'unsafe',
    },
    {
      name: 'wildcards never cover the apex nor two labels',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec:
          tls:
            - hosts: ["*.example.com"]
              secretName: wildcard-tls
          rules:
            - host: example.com
            - host: a.b.example.com
            - host: a.example.com
      `,
      errors: [
        { line: 9, column: 13, endColumn: 24 },
        { line: 10, column: 13, endColumn: 28 },
      ],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec:
          tls:
            - hosts: ["*.example.com", example.com, a.b.example.com]
              secretName: wildcard-tls
          rules:
            - host: example.com
            - host: a.b.example.com
            - host: a.example.com
      `,
    },
    {
      name: 'first TLS entry without hosts gets a hosts list',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
        spec:
          tls:
            - secretName: shop-tls
          rules:
            - host: shop.example.com
      `,
      errors: [{ line: 9, column: 13, endColumn: 29 }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
        spec:
          tls:
            - secretName: shop-tls
              hosts:
                - shop.example.com
          rules:
            - host: shop.example.com
      `,
    },
    {
      name: 'an empty hosts key is filled',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
        spec:
          tls:
            - hosts:
              secretName: shop-tls
          rules:
            - host: shop.example.com
      `,
      errors: [{ line: 10, column: 13, endColumn: 29 }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
        spec:
          tls:
            - hosts:
                - shop.example.com
              secretName: shop-tls
          rules:
            - host: shop.example.com
      `,
    },
    {
      name: 'flow style TLS entry',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: shop}
        spec: {tls: [{secretName: shop-tls}], rules: [{host: shop.example.com}]}
      `,
      errors: [{ line: 4, column: 54, endColumn: 70 }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: shop}
        spec: {tls: [{secretName: shop-tls, hosts: [shop.example.com]}], rules: [{host: shop.example.com}]}
      `,
    },
    {
      name: '4-space indent, flush sequences, CRLF',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
            name: shop
        spec:
            tls:
            - hosts:
              - shop.example.com
              secretName: shop-tls
            rules:
            - host: shop.example.com
            - host: admin.example.com
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 12, column: 13, endColumn: 30 }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
            name: shop
        spec:
            tls:
            - hosts:
              - shop.example.com
              - admin.example.com
              secretName: shop-tls
            rules:
            - host: shop.example.com
            - host: admin.example.com
      `.replace(/\n/g, '\r\n'),
    },
    {
      name: '4-space indent with "-   " items: the new list is at the file\'s indentation, with its "-   "',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
            name: shop
        spec:
            tls:
            -   secretName: shop-tls
            rules:
            -   host: shop.example.com
                http:
                    paths:
                    -   path: /
      `,
      errors: [{ line: 9, column: 15, endColumn: 31 }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
            name: shop
        spec:
            tls:
            -   secretName: shop-tls
                hosts:
                -   shop.example.com
            rules:
            -   host: shop.example.com
                http:
                    paths:
                    -   path: /
      `,
    },
    {
      name: 'a hosts list written with "-   " items, CRLF: the host is appended with "-   "',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
            name: shop
        spec:
            tls:
            -   hosts:
                -   shop.example.com
                secretName: shop-tls
            rules:
            -   host: shop.example.com
            -   host: admin.example.com
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 12, column: 15, endColumn: 32 }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
            name: shop
        spec:
            tls:
            -   hosts:
                -   shop.example.com
                -   admin.example.com
                secretName: shop-tls
            rules:
            -   host: shop.example.com
            -   host: admin.example.com
      `.replace(/\n/g, '\r\n'),
    },
    {
      name: 'a rule without host while TLS is set: no fix, reported on the rule',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec:
          tls:
            - hosts: [shop.example.com]
              secretName: shop-tls
          rules:
            - host: shop.example.com
            - http:
                paths: []
            - host: ""
      `,
      errors: [
        { line: 10, column: 7, endColumn: 11, messageId: 'noHost', message: 'Ingress "shop" has a rule without a host' },
        { line: 12, column: 7, endColumn: 11, messageId: 'noHost' },
      ],
    },
    {
      name: 'List kind',
      code: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: { name: shop }
            spec:
              tls:
                - hosts: [shop.example.com]
                  secretName: shop-tls
              rules:
                - host: blog.example.com
      `,
      errors: [{ line: 12, column: 17, endColumn: 33 }],
      output: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: { name: shop }
            spec:
              tls:
                - hosts: [shop.example.com, blog.example.com]
                  secretName: shop-tls
              rules:
                - host: blog.example.com
      `,
    },
    {
      name: 'v1beta1 Ingress is checked the same way',
      code: yaml`
        apiVersion: extensions/v1beta1
        kind: Ingress
        metadata: { name: shop }
        spec:
          tls:
            - hosts: [shop.example.com]
              secretName: shop-tls
          rules:
            - host: www.shop.example.com
      `,
      errors: [{ line: 9, column: 13, endColumn: 33 }],
      output: yaml`
        apiVersion: extensions/v1beta1
        kind: Ingress
        metadata: { name: shop }
        spec:
          tls:
            - hosts: [shop.example.com, www.shop.example.com]
              secretName: shop-tls
          rules:
            - host: www.shop.example.com
      `,
      allowNewFindings: [],
    },
  ],
});
