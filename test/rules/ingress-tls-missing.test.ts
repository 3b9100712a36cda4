import rule from '../../shared-rules/src/rules/ingress-tls-missing';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const WITH_ISSUER = 'Add spec.tls and a cert-manager issuer';

ruleTester(rule, {
  valid: [
    {
      name: 'TLS for the host',
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
      `,
    },
    ...[
      'alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:111122223333:certificate/abc',
      'ingress.gcp.kubernetes.io/pre-shared-cert: shop-cert',
      'networking.gke.io/managed-certificates: shop-cert',
      'appgw.ingress.kubernetes.io/appgw-ssl-certificate: shop-cert',
      'traefik.ingress.kubernetes.io/router.tls: "true"',
    ].map((line) => ({
      name: `TLS terminated by ${line.split(':')[0]}`,
      code: `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  annotations:\n    ${line}\nspec:\n  rules:\n    - host: shop.example.com\n`,
    })),
    {
      name: 'templated TLS block',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec:
          tls: {{ toYaml .Values.ingress.tls | nindent 4 }}
          rules:
            - host: shop.example.com
      `,
    },
    {
      name: 'Helm: a conditional TLS block may exist',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec:
          {{- if .Values.ingress.tls }}
          tls:
            {{- toYaml .Values.ingress.tls | nindent 4 }}
          {{- end }}
          rules:
            - host: shop.example.com
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
          rules:
            - host: shop.example.com
      `,
    },
    {
      name: 'suppressed',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            ignore.kubeward.io/ingress-tls-missing: "TLS ends at the corporate proxy"
        spec:
          rules:
            - host: shop.example.com
      `,
    },
  ],
  invalid: [
    {
      // A templated value inside spec hides no key of spec: the missing TLS is still a finding,
      // and no fix is offered because the host is unknown.
      name: 'Helm: templated host inside spec, TLS still missing',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
        spec:
          rules:
            - host: {{ .Values.host }}
      `,
      errors: [{ line: 5, column: 1, endColumn: 5, messageId: 'missing' }],
      output: null,
    },
    {
      name: 'block style: TLS for every distinct host, reported on spec',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
        spec:
          ingressClassName: nginx
          rules:
            - host: shop.example.com
            - host: "*.shop.example.com"
            - host: shop.example.com
      `,
      errors: [{ line: 5, column: 1, endColumn: 5, messageId: 'missing', severity: 'error', message: 'Ingress "shop" has no spec.tls' }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
        spec:
          ingressClassName: nginx
          tls:
            - hosts:
                - shop.example.com
                - "*.shop.example.com"
              secretName: shop-tls
          rules:
            - host: shop.example.com
            - host: "*.shop.example.com"
            - host: shop.example.com
      `,
      applicability: 'unsafe',
      fixes: [
        {
          title: WITH_ISSUER,
          output: yaml`
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: shop
              annotations:
                cert-manager.io/cluster-issuer: <cluster-issuer>
            spec:
              ingressClassName: nginx
              tls:
                - hosts:
                    - shop.example.com
                    - "*.shop.example.com"
                  secretName: shop-tls
              rules:
                - host: shop.example.com
                - host: "*.shop.example.com"
                - host: shop.example.com
          `,
        },
      ],
    },
    {
      name: 'a catch-all rule: TLS for the named hosts; the catch-all is then reported by ingress-tls-host-not-covered',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec:
          rules:
            - host: shop.example.com
            - http: {}
      `,
      errors: [{ line: 4, column: 1, endColumn: 5 }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec:
          tls:
            - hosts:
                - shop.example.com
              secretName: shop-tls
          rules:
            - host: shop.example.com
            - http: {}
      `,
      // A rule without host is a catch-all that no certificate covers: a person must name it.
      allowNewFindings: ['ingress-tls-host-not-covered'],
    },
    {
      name: 'configured issuer and secret pattern: the cert-manager variant is preferred',
      config: { ingress: { clusterIssuer: 'letsencrypt-prod', tlsSecretName: '{name}-cert' } },
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/proxy-body-size: 8m
        spec:
          rules:
            - host: shop.example.com
      `,
      errors: [{ line: 7, column: 1, endColumn: 5 }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/proxy-body-size: 8m
            cert-manager.io/cluster-issuer: letsencrypt-prod
        spec:
          tls:
            - hosts:
                - shop.example.com
              secretName: shop-cert
          rules:
            - host: shop.example.com
      `,
      applicability: 'unsafe',
    },
    {
      name: 'an issuer annotation already there: only the TLS block is offered',
      config: { ingress: { clusterIssuer: 'letsencrypt-prod' } },
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            cert-manager.io/issuer: team-issuer
        spec:
          rules:
            - host: shop.example.com
      `,
      errors: [{ line: 7, column: 1, endColumn: 5 }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            cert-manager.io/issuer: team-issuer
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
      name: 'empty or null tls: reported on the key, replaced',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec:
          tls: [] # TODO
          rules:
            - host: shop.example.com
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: blog }
        spec:
          rules:
            - host: blog.example.com
          tls:
      `,
      errors: [
        { line: 5, column: 3, endColumn: 6 },
        { line: 15, column: 3, endColumn: 6 },
      ],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec:
          tls: # TODO
            - hosts:
                - shop.example.com
              secretName: shop-tls
          rules:
            - host: shop.example.com
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: blog }
        spec:
          rules:
            - host: blog.example.com
          tls:
            - hosts:
                - blog.example.com
              secretName: blog-tls
      `,
    },
    {
      name: 'flow spec',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: shop}
        spec: {rules: [{host: shop.example.com}]}
      `,
      errors: [{ line: 4, column: 1, endColumn: 5 }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: shop}
        spec: {rules: [{host: shop.example.com}], tls: [{hosts: [shop.example.com], secretName: shop-tls}]}
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
            rules:
            - host: shop.example.com
              http:
                  paths:
                  - path: /
                    pathType: Prefix
                    backend:
                        service:
                            name: shop
                            port:
                                number: 80
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 5, column: 1, endColumn: 5 }],
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
              http:
                  paths:
                  - path: /
                    pathType: Prefix
                    backend:
                        service:
                            name: shop
                            port:
                                number: 80
      `.replace(/\n/g, '\r\n'),
    },
    {
      name: 'no spec at all: reported on kind, spec created; no hosts → secretName only',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
      `,
      errors: [{ line: 2, column: 7, endColumn: 14 }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
        spec:
          tls:
            - secretName: shop-tls
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
            metadata:
              name: legacy
            spec:
              rules:
                - host: legacy.example.com
      `,
      errors: [{ line: 8, column: 5, endColumn: 9 }],
      output: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: extensions/v1beta1
            kind: Ingress
            metadata:
              name: legacy
            spec:
              tls:
                - hosts:
                    - legacy.example.com
                  secretName: legacy-tls
              rules:
                - host: legacy.example.com
      `,
    },
  ],
});
