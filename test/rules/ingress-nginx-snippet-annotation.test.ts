import rule from '../../shared-rules/src/rules/ingress-nginx-snippet-annotation';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: 'no snippet',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/custom-headers: ingress-nginx/shop-headers
            nginx.org/server-snippets: "F5 NGINX Ingress, another controller"
            example.com/config-snippet: "not ingress-nginx"
      `,
    },
    {
      name: 'a snippet key in a ConfigMap is not an Ingress annotation',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: c
          annotations:
            nginx.ingress.kubernetes.io/server-snippet: x
      `,
    },
    {
      name: 'suppressed by annotation',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: legacy
          annotations:
            ignore.kubeward.io/ingress-nginx-snippet-annotation: "single-tenant cluster, reviewed"
            nginx.ingress.kubernetes.io/server-snippet: |
              return 200;
      `,
    },
  ],
  invalid: [
    {
      name: 'block scalar snippet: reported on the key, removed with all its lines',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            # headers for the old UI
            nginx.ingress.kubernetes.io/configuration-snippet: |
              more_set_headers "X-Frame-Options: DENY";
              more_set_headers "X-Xss-Protection: 1";
            nginx.ingress.kubernetes.io/proxy-body-size: 8m
        spec:
          ingressClassName: nginx
      `,
      errors: [{ line: 7, column: 5, endColumn: 54, messageId: 'snippet', message: 'uses nginx.ingress.kubernetes.io/configuration-snippet' }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            # headers for the old UI
            nginx.ingress.kubernetes.io/proxy-body-size: 8m
        spec:
          ingressClassName: nginx
      `,
      applicability: 'unsafe',
    },
    {
      name: 'every kind of snippet, whatever the class; the last annotation leaves an empty map',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/server-snippet: "location /x { return 403; }"
            nginx.ingress.kubernetes.io/auth-snippet: 'proxy_set_header X-A b;'
            nginx.ingress.kubernetes.io/stream-snippet: server { listen 8000; }
            nginx.ingress.kubernetes.io/modsecurity-snippet: SecRuleEngine Off
        spec:
          ingressClassName: traefik
      `,
      errors: [
        { line: 6, column: 5, endColumn: 47 },
        { line: 7, column: 5, endColumn: 45 },
        { line: 8, column: 5, endColumn: 47 },
        { line: 9, column: 5, endColumn: 52 },
      ],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
        spec:
          ingressClassName: traefik
      `,
    },
    {
      name: 'flow annotations, CRLF',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations: {kubernetes.io/ingress.class: nginx, nginx.ingress.kubernetes.io/server-snippet: "return 200;"}
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 5, column: 53, endColumn: 95 }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations: {kubernetes.io/ingress.class: nginx}
      `.replace(/\n/g, '\r\n'),
    },
    {
      name: 'templated value: still reported (the key is the risk), no fix',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/configuration-snippet: {{ .Values.snippet | quote }}
      `,
      errors: [{ line: 6, column: 5, endColumn: 54 }],
      output: null,
    },
    {
      name: 'v1beta1, List kind, 4-space indent',
      code: yaml`
        apiVersion: v1
        kind: List
        items:
            -   apiVersion: extensions/v1beta1
                kind: Ingress
                metadata:
                    name: shop
                    annotations:
                        kubernetes.io/ingress.class: nginx
                        nginx.ingress.kubernetes.io/server-snippet: |
                            location /metrics { deny all; }
      `,
      errors: [{ line: 10, column: 17, endColumn: 59 }],
      output: yaml`
        apiVersion: v1
        kind: List
        items:
            -   apiVersion: extensions/v1beta1
                kind: Ingress
                metadata:
                    name: shop
                    annotations:
                        kubernetes.io/ingress.class: nginx
      `,
    },
  ],
});
