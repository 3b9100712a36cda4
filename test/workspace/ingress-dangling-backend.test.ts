import rule from '../../shared-rules/src/rules/ingress-dangling-backend';
import { yaml } from '../helpers/yaml-tag';
import { workspaceTester } from '../helpers/workspace-tester';

const service = yaml`
  apiVersion: v1
  kind: Service
  metadata:
    name: dont-fire
  spec:
    ports:
      - name: tcp
        port: 80
    selector:
      app: dont-fire
`;

const ingress = (backend: string) => yaml`
  apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    name: shop
  spec:
    rules:
      - http:
          paths:
            - path: /
              pathType: Prefix
              backend:
                service: ${backend}
`;

workspaceTester(rule, {
  valid: [
    {
      name: 'by port number and by port name, in other files',
      files: {
        'svc.yaml': service,
        'a.yaml': ingress('{ name: dont-fire, port: { number: 80 } }'),
        'b.yaml': ingress('{ name: dont-fire, port: { name: tcp } }'),
      },
    },
    {
      name: 'a default backend; v1beta1 shape; resource backends are not Services',
      files: {
        'svc.yaml': service,
        'i.yaml': yaml`
          apiVersion: extensions/v1beta1
          kind: Ingress
          metadata: { name: old }
          spec:
            backend: { serviceName: dont-fire, servicePort: 80 }
            rules:
              - http:
                  paths:
                    - backend: { resource: { apiGroup: k8s.example.com, kind: StorageBucket, name: static } }
        `,
      },
    },
    { name: 'incomplete index', complete: false, files: { 'a.yaml': ingress('{ name: missing, port: { number: 80 } }') } },
    { name: 'Kustomize patch', partial: ['a.yaml'], files: { 'a.yaml': ingress('{ name: missing, port: { number: 80 } }') } },
    {
      name: 'Helm: templated backend name; a Service with a templated name may be it',
      files: {
        'templates/a.yaml': ingress('{ name: {{ include "x.fullname" . }}, port: { number: 80 } }'),
        'b.yaml': ingress('{ name: missing, port: { number: 80 } }'),
        'templates/svc.yaml': service.replace('name: dont-fire', 'name: {{ include "x.fullname" . }}'),
      },
    },
    {
      name: 'HTTPRoute to a Service in another namespace',
      files: {
        'svc.yaml': service.replace('name: dont-fire', 'name: api\n  namespace: backend'),
        'r.yaml':
          'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r, namespace: web}\nspec:\n  rules:\n  - backendRefs: [{name: api, namespace: backend, port: 80}]\n',
      },
    },
    {
      name: 'suppressed',
      files: {
        'a.yaml': ingress('{ name: missing, port: { number: 80 } }').replace(
          '  name: shop',
          '  name: shop\n  annotations: { ignore.kubeward.io/ingress-dangling-backend: "Service created by the operator" }',
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'the kube-linter fixture: a missing Service and a missing port',
      files: {
        'svc.yaml': service + '---\n' + service.replace('name: dont-fire', 'name: bad-port'),
        'missing.yaml': ingress('{ name: missing, port: { number: 80 } }'),
        'bad-port.yaml': ingress('{ name: bad-port, port: { number: 8080 } }'),
      },
      errors: [
        {
          file: 'missing.yaml',
          line: 12,
          column: 32,
          endColumn: 39,
          messageId: 'service',
          severity: 'info',
          message: 'Ingress "shop" sends traffic to Service "missing", which is not in the workspace',
        },
        {
          file: 'bad-port.yaml',
          line: 12,
          column: 58,
          endColumn: 62,
          messageId: 'port',
          message: 'Ingress "shop" sends traffic to port 8080 of Service "bad-port", which has no such port',
        },
      ],
    },
    {
      name: 'HTTPRoute backends: a missing Service; a Service only in another namespace; CRLF',
      files: {
        'svc.yaml': service.replace('name: dont-fire', 'name: api\n  namespace: backend'),
        'r.yaml':
          'apiVersion: gateway.networking.k8s.io/v1\r\nkind: HTTPRoute\r\nmetadata: {name: r, namespace: web}\r\nspec:\r\n  rules:\r\n  - backendRefs:\r\n    - name: api\r\n      port: 80\r\n    - {name: api, namespace: backend, port: 81}\r\n',
      },
      errors: [
        { file: 'r.yaml', line: 7, column: 13, endColumn: 16, messageId: 'service', message: 'HTTPRoute "r" sends traffic to Service "api"' },
        {
          file: 'r.yaml',
          line: 9,
          column: 45,
          endColumn: 47,
          messageId: 'port',
          message: 'HTTPRoute "r" sends traffic to port 81 of Service "api", which has no such port',
        },
      ],
    },
  ],
});
