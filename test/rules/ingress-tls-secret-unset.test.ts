import rule from '../../shared-rules/src/rules/ingress-tls-secret-unset';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    yaml`
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata: { name: shop }
      spec:
        tls:
          - hosts: [shop.example.com]
            secretName: shop-tls
    `,
    {
      name: 'templated secretName is unknown',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec:
          tls:
            - hosts: [shop.example.com]
              secretName: {{ .Values.tls.secret }}
      `,
    },
    {
      name: 'templated TLS entry',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec:
          tls:
            - {{ toYaml .Values.tls | nindent 6 }}
      `,
    },
    {
      name: 'Helm action line inside the entry may add secretName',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec:
          tls:
            - hosts: [shop.example.com]
              {{- with .Values.secretName }}
              secretName: {{ . }}
              {{- end }}
      `,
    },
    {
      name: 'Kustomize patch',
      partial: true,
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec:
          tls:
            - hosts: [shop.example.com]
      `,
    },
    {
      name: 'suppressed by annotation',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            ignore.kubeward.io/ingress-tls-secret-unset: "default certificate is a real wildcard"
        spec:
          tls:
            - hosts: [shop.example.com]
      `,
    },
    {
      name: 'not an Ingress',
      code: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: gw }
        spec:
          tls:
            - hosts: [shop.example.com]
      `,
    },
  ],
  invalid: [
    {
      name: 'block style: reported on the entry, secretName from the pattern',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
        spec:
          tls:
            - hosts: # all of them
                - shop.example.com
          rules:
            - host: shop.example.com
      `,
      errors: [{ line: 7, column: 7, endColumn: 12, messageId: 'unset', message: 'Ingress "shop" has a spec.tls entry without secretName' }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
        spec:
          tls:
            - hosts: # all of them
                - shop.example.com
              secretName: shop-tls
          rules:
            - host: shop.example.com
      `,
      applicability: 'unsafe',
    },
    {
      name: 'configured pattern; empty and null secretName; two entries get two names',
      config: { ingress: { tlsSecretName: 'tls-{name}' } },
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec:
          tls:
            - hosts: [a.example.com]
              secretName: ""
            - hosts: [b.example.com]
              secretName:
      `,
      errors: [
        { line: 7, column: 7, endColumn: 17 },
        { line: 9, column: 7, endColumn: 17 },
      ],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec:
          tls:
            - hosts: [a.example.com]
              secretName: "tls-shop"
            - hosts: [b.example.com]
              secretName: tls-shop-2
      `,
    },
    {
      name: 'flow style',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: shop}
        spec: {tls: [{hosts: [shop.example.com]}]}
      `,
      errors: [{ line: 4, column: 15, endColumn: 20 }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: shop}
        spec: {tls: [{hosts: [shop.example.com], secretName: shop-tls}]}
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
            rules:
            - host: shop.example.com
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 7, column: 7, endColumn: 12 }],
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
      `.replace(/\n/g, '\r\n'),
    },
    {
      name: 'a name already used by another entry is not reused',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec:
          tls:
            - hosts: [b.example.com]
            - hosts: [a.example.com]
              secretName: shop-tls
      `,
      errors: [{ line: 6, column: 7, endColumn: 12 }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec:
          tls:
            - hosts: [b.example.com]
              secretName: shop-tls-2
            - hosts: [a.example.com]
              secretName: shop-tls
      `,
    },
    {
      name: 'v1beta1 and List kind',
      code: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: extensions/v1beta1
            kind: Ingress
            metadata: { name: legacy }
            spec:
              tls:
                - hosts: [legacy.example.com]
      `,
      errors: [{ line: 9, column: 11, endColumn: 16 }],
      output: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: extensions/v1beta1
            kind: Ingress
            metadata: { name: legacy }
            spec:
              tls:
                - hosts: [legacy.example.com]
                  secretName: legacy-tls
      `,
    },
  ],
});
