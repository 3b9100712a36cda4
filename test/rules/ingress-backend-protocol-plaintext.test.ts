import rule from '../../shared-rules/src/rules/ingress-backend-protocol-plaintext';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const service = (name: string, port: string) => yaml`
  apiVersion: v1
  kind: Service
  metadata: { name: ${name}, namespace: ops }
  spec:
    selector: { app: ${name} }
    ports: [${port}]
`;

/** The dashboard Ingress with these metadata lines (two spaces deep), a backend and a class. */
const ingress = (metadata: string[], backend = 'port: { number: 443 }', cls = 'nginx') =>
  [
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata:',
    '  name: dashboard',
    '  namespace: ops',
    ...metadata.map((l) => `  ${l}`),
    'spec:',
    `  ingressClassName: ${cls}`,
    '  rules:',
    '    - host: dashboard.example.com',
    '      http:',
    '        paths:',
    '          - path: /',
    '            pathType: Prefix',
    '            backend:',
    `              service: { name: dashboard, ${backend} }`,
    '',
  ].join('\n');

const tlsService = { 'svc.yaml': service('dashboard', '{ name: https, port: 443, targetPort: 8443 }') };

ruleTester(rule, {
  valid: [
    { name: 'backend-protocol HTTPS', code: ingress(['annotations: { nginx.ingress.kubernetes.io/backend-protocol: "HTTPS" }']), workspace: tlsService },
    { name: 'a plain HTTP backend', code: ingress([], 'port: { number: 80 }'), workspace: { 'svc.yaml': service('dashboard', '{ name: http, port: 80 }') } },
    { name: 'the Service is not in the workspace', code: ingress([]), workspace: {} },
    {
      name: 'the Service of another namespace',
      code: ingress([]),
      workspace: { 'svc.yaml': service('dashboard', '{ name: https, port: 443 }').replace('namespace: ops', 'namespace: web') },
    },
    { name: 'without the workspace, nothing is known', code: ingress([]) },
    { name: 'another controller', code: ingress([], 'port: { number: 443 }', 'traefik'), workspace: tlsService },
    {
      name: 'AGIC with https',
      code: ingress(['annotations: { appgw.ingress.kubernetes.io/backend-protocol: "https" }'], 'port: { number: 443 }', 'azure-application-gateway'),
      workspace: tlsService,
    },
    {
      name: 'suppressed',
      code: ingress(['annotations: { ignore.kubeward.io/ingress-backend-protocol-plaintext: "the port is misnamed" }']),
      workspace: tlsService,
    },
  ],
  invalid: [
    {
      name: 'port 443 named https: backend-protocol HTTPS added',
      code: ingress([]),
      workspace: tlsService,
      errors: [
        {
          line: 15,
          column: 59,
          endColumn: 62,
          messageId: 'nginx',
          message: 'Ingress "dashboard" sends plain HTTP to HTTPS port 443 of Service "dashboard"',
          severity: 'hint',
        },
      ],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: dashboard
          namespace: ops
          annotations:
            nginx.ingress.kubernetes.io/backend-protocol: "HTTPS"
        spec:
          ingressClassName: nginx
          rules:
            - host: dashboard.example.com
              http:
                paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service: { name: dashboard, port: { number: 443 } }
      `,
      applicability: 'unsafe',
    },
    {
      name: 'port by name, appProtocol https; GRPC becomes GRPCS',
      code: ingress(['annotations:', '  nginx.ingress.kubernetes.io/backend-protocol: GRPC'], 'port: { name: grpc }'),
      workspace: { 'svc.yaml': service('dashboard', '{ name: grpc, port: 9000, appProtocol: https }') },
      errors: [
        { line: 17, column: 57, endColumn: 61, messageId: 'nginx', message: 'Ingress "dashboard" sends plain HTTP to HTTPS port grpc of Service "dashboard"' },
      ],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: dashboard
          namespace: ops
          annotations:
            nginx.ingress.kubernetes.io/backend-protocol: "GRPCS"
        spec:
          ingressClassName: nginx
          rules:
            - host: dashboard.example.com
              http:
                paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service: { name: dashboard, port: { name: grpc } }
      `,
    },
    {
      name: 'AGIC; another backend of the Ingress is plain HTTP, so no fix is offered',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: mixed, namespace: ops }
        spec:
          ingressClassName: azure-application-gateway
          defaultBackend:
            service: { name: web, port: { number: 80 } }
          rules:
            - http:
                paths:
                  - path: /admin
                    pathType: Prefix
                    backend:
                      service: { name: dashboard, port: { number: 443 } }
      `,
      workspace: { 'svc.yaml': `${service('dashboard', '{ name: https, port: 443 }')}---\n${service('web', '{ port: 80 }')}` },
      errors: [{ line: 14, column: 59, endColumn: 62, messageId: 'agic' }],
      output: null,
    },
  ],
});
