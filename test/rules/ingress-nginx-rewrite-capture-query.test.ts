import rule from '../../shared-rules/src/rules/ingress-nginx-rewrite-capture-query';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const ingress = (annotations: string) => yaml`
  apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    name: shop
    annotations:
  ${annotations}
  spec:
    ingressClassName: nginx
    rules:
      - host: shop.example.com
        http:
          paths:
            - path: /shop/(.*)
              pathType: ImplementationSpecific
              backend:
                service:
                  name: shop
                  port:
                    number: 80
`;

ruleTester(rule, {
  valid: [
    { name: 'a capture without query', code: ingress('    nginx.ingress.kubernetes.io/rewrite-target: /$1') },
    { name: 'a query without capture', code: ingress('    nginx.ingress.kubernetes.io/rewrite-target: /index.php?page=shop') },
    { name: 'a named variable is not a capture', code: ingress('    nginx.ingress.kubernetes.io/rewrite-target: /x?host=$host') },
    {
      name: 'another controller (F5 NGINX)',
      code: ingress('    nginx.ingress.kubernetes.io/rewrite-target: /a?b=$1').replace('ingressClassName: nginx', 'ingressClassName: traefik'),
    },
    {
      name: 'a snippet rewrite without query',
      code: ingress('    nginx.ingress.kubernetes.io/configuration-snippet: "rewrite ^/old/(.*)$ /new/$1 permanent;"'),
    },
    { name: 'Helm: templated target', code: ingress('    nginx.ingress.kubernetes.io/rewrite-target: "{{ .Values.target }}?id=$1"') },
  ],
  invalid: [
    {
      name: 'rewrite-target with a capture and a query',
      code: ingress('    nginx.ingress.kubernetes.io/rewrite-target: /index.php?path=$1 # legacy front controller'),
      errors: [
        {
          line: 6,
          column: 49,
          endLine: 6,
          endColumn: 67,
          messageId: 'annotation',
          message: 'Ingress "shop" rewrites to a numbered capture with "?": the NGINX Rift pattern (CVE-2026-42945).',
        },
      ],
    },
    {
      name: 'a rewrite in a snippet, quoted replacement, flagged at the key',
      code: ingress(
        '    nginx.ingress.kubernetes.io/configuration-snippet: |\n          set $x 1;\n          rewrite ^/p/([^/]+)/(.*)$ "/h.php?id=$1&p=$2" last;',
      ),
      errors: [{ line: 6, column: 5, endLine: 6, endColumn: 54, messageId: 'snippet' }],
    },
  ],
});
