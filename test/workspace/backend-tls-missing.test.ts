import rule from '../../shared-rules/src/rules/backend-tls-missing';
import { yaml } from '../helpers/yaml-tag';
import { workspaceTester } from '../helpers/workspace-tester';

const route = (port: number) => yaml`
  apiVersion: gateway.networking.k8s.io/v1
  kind: HTTPRoute
  metadata:
    name: api
    namespace: shop
  spec:
    parentRefs:
      - name: edge
    rules:
      - backendRefs:
          - name: api
            port: ${port}
`;

const service = yaml`
  apiVersion: v1
  kind: Service
  metadata: { name: api, namespace: shop }
  spec:
    ports:
      - { name: web, port: 8443, appProtocol: https }
      - { name: plain, port: 8080 }
`;

const policy = (target: string) => yaml`
  apiVersion: gateway.networking.k8s.io/v1
  kind: BackendTLSPolicy
  metadata: { name: p, namespace: shop }
  spec:
    targetRefs: [${target}]
    validation: { hostname: api.shop.svc, wellKnownCACertificates: System }
`;

workspaceTester(rule, {
  valid: [
    { name: 'a plain backend port', files: { 'r.yaml': route(8080), 's.yaml': service } },
    { name: 'a policy targets the Service', files: { 'r.yaml': route(8443), 's.yaml': service, 'p.yaml': policy('{group: "", kind: Service, name: api}') } },
    {
      name: 'a policy targets the port by name',
      files: { 'r.yaml': route(8443), 's.yaml': service, 'p.yaml': policy('{group: "", kind: Service, name: api, sectionName: web}') },
    },
    { name: 'incomplete index', complete: false, files: { 'r.yaml': route(443) } },
    {
      name: 'Helm: templated port list of the Service',
      files: {
        'r.yaml': route(8443),
        'templates/s.yaml': service.replace(
          '  ports:\n    - { name: web, port: 8443, appProtocol: https }\n    - { name: plain, port: 8080 }',
          '  ports:\n    {{- toYaml .Values.ports | nindent 4 }}',
        ),
      },
    },
    {
      name: 'suppressed',
      files: {
        'r.yaml': route(443).replace('  namespace: shop\n', '  namespace: shop\n  annotations: {ignore.kubeward.io/backend-tls-missing: "mesh mTLS"}\n'),
      },
    },
  ],
  invalid: [
    {
      name: 'appProtocol https: the backend name is flagged; internal CA preferred, public CAs offered',
      files: { 'r.yaml': route(8443), 's.yaml': service },
      errors: [
        {
          file: 'r.yaml',
          line: 11,
          column: 17,
          endColumn: 20,
          messageId: 'noPolicy',
          severity: 'hint',
          message: 'HTTPRoute "api" sends traffic to TLS Service "api" without a BackendTLSPolicy',
        },
      ],
      applicability: 'unsafe',
      output: {
        'r.yaml':
          route(8443) +
          yaml`
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: BackendTLSPolicy
            metadata:
              name: api-backend-tls
              namespace: shop
            spec:
              targetRefs:
                - group: ""
                  kind: Service
                  name: api
              validation:
                hostname: <backend-hostname>
                caCertificateRefs:
                  - group: ""
                    kind: ConfigMap
                    name: <ca-configmap>
          `,
      },
      fixes: [
        {
          title: 'Add a BackendTLSPolicy (public CAs)',
          output: {
            'r.yaml':
              route(8443) +
              '---\napiVersion: gateway.networking.k8s.io/v1\nkind: BackendTLSPolicy\nmetadata:\n  name: api-backend-tls\n  namespace: shop\nspec:\n  targetRefs:\n    - group: ""\n      kind: Service\n      name: api\n  validation:\n    hostname: <backend-hostname>\n    wellKnownCACertificates: System\n',
          },
        },
      ],
    },
    {
      name: 'port 443 to a Service outside the workspace; a policy for another port section does not count',
      files: { 'r.yaml': route(443), 'p.yaml': policy('{group: "", kind: Service, name: api, sectionName: other}') },
      errors: [{ file: 'r.yaml', line: 11, column: 17, endColumn: 20 }],
      output: {
        'r.yaml':
          route(443) +
          '---\napiVersion: gateway.networking.k8s.io/v1\nkind: BackendTLSPolicy\nmetadata:\n  name: api-backend-tls\n  namespace: shop\nspec:\n  targetRefs:\n    - group: ""\n      kind: Service\n      name: api\n  validation:\n    hostname: <backend-hostname>\n    caCertificateRefs:\n      - group: ""\n        kind: ConfigMap\n        name: <ca-configmap>\n',
      },
    },
  ],
});
