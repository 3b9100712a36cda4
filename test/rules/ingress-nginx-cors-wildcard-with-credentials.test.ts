import rule from '../../shared-rules/src/rules/ingress-nginx-cors-wildcard-with-credentials';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

/** An nginx Ingress with these annotation lines (already indented by four spaces). */
const ingress = (annotations: string) =>
  [
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata:',
    '  name: api',
    '  annotations:',
    annotations,
    'spec:',
    '  ingressClassName: nginx',
    '  rules:',
    '    - host: api.example.com',
    '',
  ].join('\n');

ruleTester(rule, {
  valid: [
    ingress(
      `    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-origin: "https://app.example.com, https://*.example.org"`,
    ),
    {
      name: 'credentials off',
      code: ingress(`    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-credentials: "false"`),
    },
    { name: 'CORS not enabled', code: ingress(`    nginx.ingress.kubernetes.io/cors-allow-origin: "*"`) },
    {
      name: 'another controller',
      code: ingress(`    nginx.ingress.kubernetes.io/enable-cors: "true"`).replace('ingressClassName: nginx', 'ingressClassName: alb'),
    },
    {
      name: 'Helm-templated origin',
      code: ingress(`    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-origin: {{ .Values.origin | quote }}`),
    },
    {
      name: 'suppressed on the line above',
      code: ingress(
        `    # kubeward-disable-next-line ingress-nginx-cors-wildcard-with-credentials -- public read API\n    nginx.ingress.kubernetes.io/enable-cors: "true"`,
      ),
    },
  ],
  invalid: [
    {
      name: 'no origin: the default "*" with the default credentials; credentials turned off',
      code: ingress(`    nginx.ingress.kubernetes.io/enable-cors: "true"`),
      errors: [
        {
          line: 6,
          column: 46,
          endColumn: 52,
          messageId: 'defaultOrigin',
          message: 'Ingress "api" enables CORS with credentials and no cors-allow-origin ("*")',
          severity: 'warning',
        },
      ],
      output: ingress(`    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-credentials: "false"`),
      applicability: 'unsafe',
      fixes: [
        {
          title: 'List a trusted origin in cors-allow-origin',
          output: ingress(`    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-origin: https://<trusted-origin>`),
        },
      ],
    },
    {
      name: 'explicit "*" among origins, credentials explicitly "true"; flow annotations',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: api
          annotations: { nginx.ingress.kubernetes.io/enable-cors: "true", nginx.ingress.kubernetes.io/cors-allow-origin: "https://a.example.com,*", nginx.ingress.kubernetes.io/cors-allow-credentials: "true" }
        spec:
          ingressClassName: nginx
      `,
      errors: [{ line: 5, column: 114, endColumn: 139, messageId: 'wildcard' }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: api
          annotations: { nginx.ingress.kubernetes.io/enable-cors: "true", nginx.ingress.kubernetes.io/cors-allow-origin: "https://a.example.com,*", nginx.ingress.kubernetes.io/cors-allow-credentials: "false" }
        spec:
          ingressClassName: nginx
      `,
      fixes: [
        {
          title: 'List a trusted origin in cors-allow-origin',
          output: yaml`
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: api
              annotations: { nginx.ingress.kubernetes.io/enable-cors: "true", nginx.ingress.kubernetes.io/cors-allow-origin: "https://<trusted-origin>", nginx.ingress.kubernetes.io/cors-allow-credentials: "true" }
            spec:
              ingressClassName: nginx
          `,
        },
      ],
    },
    {
      name: 'no class, served by ingress-nginx through its annotations; CRLF',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: api
          annotations:
            nginx.ingress.kubernetes.io/enable-cors: "true"
            nginx.ingress.kubernetes.io/cors-allow-origin: '*'
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 7, column: 52, endColumn: 55, messageId: 'wildcard' }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: api
          annotations:
            nginx.ingress.kubernetes.io/enable-cors: "true"
            nginx.ingress.kubernetes.io/cors-allow-origin: '*'
            nginx.ingress.kubernetes.io/cors-allow-credentials: "false"
      `.replace(/\n/g, '\r\n'),
    },
  ],
});
