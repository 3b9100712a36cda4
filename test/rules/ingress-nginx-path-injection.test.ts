import rule from '../../shared-rules/src/rules/ingress-nginx-path-injection';
import { ruleTester } from '../rule-tester';

/** An Ingress with these path entries (already indented) and extra metadata lines. */
const withPaths = (paths: string, metadata = '', cls = 'nginx') =>
  [
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata:',
    '  name: api' + metadata,
    'spec:',
    `  ingressClassName: ${cls}`,
    '  rules:',
    '    - host: api.example.com',
    '      http:',
    '        paths:',
    paths,
    '',
  ].join('\n');

const path = (p: string, type?: string) =>
  [
    `          - path: ${p}`,
    ...(type ? [`            pathType: ${type}`] : []),
    '            backend:',
    '              service: { name: api, port: { number: 80 } }',
  ].join('\n');

ruleTester(rule, {
  valid: [
    withPaths(path('/api/v1_users-x', 'Prefix')),
    {
      name: 'regex paths under use-regex',
      code: withPaths(path('/api/v[0-9]{1,2}/(.*)', 'ImplementationSpecific'), '\n    annotations: { nginx.ingress.kubernetes.io/use-regex: "true" }'),
    },
    { name: 'dots in an ImplementationSpecific path', code: withPaths(path('/robots.txt', 'ImplementationSpecific')) },
    { name: 'another controller', code: withPaths(path('/a;b', 'Prefix'), '', 'traefik') },
    { name: 'Helm-templated path', code: withPaths(path('{{ .Values.path }}', 'Prefix')) },
    { name: 'suppressed', code: withPaths(`          # kubeward-disable-next-line ingress-nginx-path-injection -- legacy\n${path('/favicon.ico', 'Exact')}`) },
  ],
  invalid: [
    {
      name: 'a regular expression as a Prefix path: made ImplementationSpecific with use-regex',
      code: withPaths(path('/api/v[0-9]+/users', 'Prefix')),
      errors: [
        {
          line: 11,
          column: 19,
          endColumn: 37,
          messageId: 'strict',
          message: 'Ingress "api" has a Prefix path "/api/v[0-9]+/users" with characters nginx may reject',
          severity: 'error',
        },
      ],
      output: withPaths(path('/api/v[0-9]+/users', 'ImplementationSpecific'), '\n  annotations:\n    nginx.ingress.kubernetes.io/use-regex: "true"'),
      applicability: 'unsafe',
    },
    {
      name: 'an Exact path with a dot: ImplementationSpecific, no regex',
      code: withPaths(path('/robots.txt', 'Exact')),
      errors: [
        { line: 11, column: 19, endColumn: 30, messageId: 'strict', message: 'Ingress "api" has a Exact path "/robots.txt" with characters nginx may reject' },
      ],
      output: withPaths(path('/robots.txt', 'ImplementationSpecific')),
    },
    {
      name: 'nginx syntax in paths: injection, no fix; braces outside regex mode; a control character',
      code: withPaths([path('"/x;}location /y {"', 'Prefix'), path('/a{b}', 'ImplementationSpecific'), path('"/t\\u0007"')].join('\n')),
      errors: [
        { line: 11, column: 19, endColumn: 38, messageId: 'injection', message: 'a path with ";"' },
        { line: 15, column: 19, endColumn: 24, messageId: 'injection', message: '"{"' },
        { line: 19, column: 19, endColumn: 29, messageId: 'injection', message: 'a control character' },
      ],
      output: null,
    },
  ],
});
