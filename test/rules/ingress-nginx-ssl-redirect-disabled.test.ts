import rule from '../../shared-rules/src/rules/ingress-nginx-ssl-redirect-disabled';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: 'redirect on',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/ssl-redirect: "true"
            nginx.ingress.kubernetes.io/force-ssl-redirect: "true"
        spec:
          ingressClassName: nginx
          tls: [{ hosts: [shop.example.com], secretName: shop-tls }]
      `,
    },
    {
      name: 'ssl-redirect "false" without TLS: nothing to redirect to',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/ssl-redirect: "false"
        spec:
          ingressClassName: nginx
          tls: []
      `,
    },
    {
      name: 'another controller ignores nginx annotations',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/force-ssl-redirect: "false"
        spec:
          ingressClassName: traefik
      `,
    },
    {
      name: 'templated value',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/force-ssl-redirect: {{ .Values.forceRedirect | quote }}
        spec:
          ingressClassName: nginx
      `,
    },
    {
      name: 'suppressed',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: acme
          annotations:
            # kubeward-disable-next-line ingress-nginx-ssl-redirect-disabled -- HTTP-01 solver
            nginx.ingress.kubernetes.io/ssl-redirect: "false"
        spec:
          ingressClassName: nginx
          tls: [{ hosts: [shop.example.com], secretName: shop-tls }]
      `,
    },
  ],
  invalid: [
    {
      name: 'ssl-redirect "false" with TLS; the comment stays',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/ssl-redirect: "false" # for the old app
        spec:
          ingressClassName: nginx
          tls:
            - hosts: [shop.example.com]
              secretName: shop-tls
      `,
      errors: [{ line: 6, column: 47, endColumn: 54, messageId: 'sslRedirect', message: 'Ingress "shop" sets ssl-redirect to "false" although it has TLS' }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/ssl-redirect: "true" # for the old app
        spec:
          ingressClassName: nginx
          tls:
            - hosts: [shop.example.com]
              secretName: shop-tls
      `,
      applicability: 'unsafe',
    },
    {
      name: "force-ssl-redirect 'false' keeps single quotes; class from the annotation",
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            kubernetes.io/ingress.class: nginx
            nginx.ingress.kubernetes.io/force-ssl-redirect: 'false'
      `,
      errors: [{ line: 7, column: 53, endColumn: 60, messageId: 'forceSslRedirect' }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            kubernetes.io/ingress.class: nginx
            nginx.ingress.kubernetes.io/force-ssl-redirect: 'true'
      `,
    },
    {
      name: 'unquoted false (a boolean Kubernetes would reject) becomes the string "true"; no class but nginx annotations',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/ssl-redirect: false
            nginx.ingress.kubernetes.io/force-ssl-redirect: "false"
        spec:
          tls: [{hosts: [shop.example.com], secretName: shop-tls}]
      `,
      errors: [
        { line: 6, column: 47, endColumn: 52, messageId: 'sslRedirect' },
        { line: 7, column: 53, endColumn: 60, messageId: 'forceSslRedirect' },
      ],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/ssl-redirect: "true"
            nginx.ingress.kubernetes.io/force-ssl-redirect: "true"
        spec:
          tls: [{hosts: [shop.example.com], secretName: shop-tls}]
      `,
    },
    {
      name: 'flow annotations, v1beta1, configured class name, CRLF',
      config: { ingress: { nginxClasses: ['nginx', 'nginx-public'] } },
      code: yaml`
        apiVersion: extensions/v1beta1
        kind: Ingress
        metadata:
          name: shop
          annotations: {kubernetes.io/ingress.class: nginx-public, nginx.ingress.kubernetes.io/ssl-redirect: "false"}
        spec:
          tls:
          - secretName: shop-tls
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 5, column: 102, endColumn: 109 }],
      output: yaml`
        apiVersion: extensions/v1beta1
        kind: Ingress
        metadata:
          name: shop
          annotations: {kubernetes.io/ingress.class: nginx-public, nginx.ingress.kubernetes.io/ssl-redirect: "true"}
        spec:
          tls:
          - secretName: shop-tls
      `.replace(/\n/g, '\r\n'),
    },
    {
      name: 'Kustomize patch: a value present in the patch is still reported',
      partial: true,
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/force-ssl-redirect: "false"
      `,
      errors: [{ line: 6, column: 53, endColumn: 60 }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/force-ssl-redirect: "true"
      `,
    },
    {
      name: 'List kind',
      code: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: shop
              annotations:
                nginx.ingress.kubernetes.io/force-ssl-redirect: "false"
            spec:
              ingressClassName: nginx
      `,
      errors: [{ line: 9, column: 57, endColumn: 64 }],
      output: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: shop
              annotations:
                nginx.ingress.kubernetes.io/force-ssl-redirect: "true"
            spec:
              ingressClassName: nginx
      `,
    },
  ],
});
