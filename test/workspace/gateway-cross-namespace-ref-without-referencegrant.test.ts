import rule from '../../shared-rules/src/rules/gateway-cross-namespace-ref-without-referencegrant';
import { yaml } from '../helpers/yaml-tag';
import { workspaceTester } from '../helpers/workspace-tester';

const route = yaml`
  apiVersion: gateway.networking.k8s.io/v1
  kind: HTTPRoute
  metadata:
    name: shop
    namespace: web
  spec:
    rules:
      - backendRefs:
          - name: shop-api
            namespace: backend
            port: 8080
          - name: local
            port: 80
`;

const grant = (from: string, to: string) => yaml`
  apiVersion: gateway.networking.k8s.io/v1beta1
  kind: ReferenceGrant
  metadata:
    name: g
    namespace: backend
  spec:
    from: [${from}]
    to: [${to}]
`;

const gateway = yaml`
  apiVersion: gateway.networking.k8s.io/v1
  kind: Gateway
  metadata: { name: edge, namespace: infra }
  spec:
    listeners:
      - name: https
        protocol: HTTPS
        port: 443
        tls:
          certificateRefs:
            - { name: wildcard, namespace: certs }
`;

workspaceTester(rule, {
  valid: [
    {
      name: 'a grant for the kind and namespace, any Service',
      files: { 'r.yaml': route, 'g.yaml': grant('{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: web}', '{group: "", kind: Service}') },
    },
    {
      name: 'a grant naming the Service',
      files: {
        'r.yaml': route,
        'g.yaml': grant('{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: web}', '{group: "", kind: Service, name: shop-api}'),
      },
    },
    { name: 'incomplete index', complete: false, files: { 'r.yaml': route } },
    { name: "the route has no namespace: it may be the backend's", files: { 'r.yaml': route.replace('  namespace: web\n', '') } },
    {
      name: 'Helm: a templated grant may allow it',
      files: {
        'r.yaml': route,
        'templates/g.yaml': grant('{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: {{ .Release.Namespace }}}', '{group: "", kind: Service}'),
      },
    },
    {
      name: "a grant without a namespace may be in the target's",
      files: {
        'r.yaml': route,
        'g.yaml': grant('{group: gateway.networking.k8s.io, kind: Gateway, namespace: web}', '{group: "", kind: Secret}').replace('  namespace: backend\n', ''),
      },
    },
    {
      name: 'suppressed',
      files: {
        'r.yaml': route.replace(
          '          namespace: backend\n',
          '          # kubeward-disable-next-line gateway-cross-namespace-ref-without-referencegrant\n          namespace: backend\n',
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'no grant: the namespace is flagged; the fix adds a ReferenceGrant after the route',
      files: { 'r.yaml': route },
      errors: [
        {
          file: 'r.yaml',
          line: 10,
          column: 22,
          endColumn: 29,
          messageId: 'noGrant',
          severity: 'hint',
          message: 'HTTPRoute "shop" refers to Service "shop-api" in "backend" with no ReferenceGrant',
        },
      ],
      applicability: 'unsafe',
      output: {
        'r.yaml':
          route +
          yaml`
            ---
            apiVersion: gateway.networking.k8s.io/v1beta1
            kind: ReferenceGrant
            metadata:
              name: allow-web-httproute-shop
              namespace: backend
            spec:
              from:
                - group: gateway.networking.k8s.io
                  kind: HTTPRoute
                  namespace: web
              to:
                - group: ""
                  kind: Service
                  name: shop-api
          `,
      },
    },
    {
      name: 'a grant for another kind, or from another namespace, or to another name does not count',
      files: {
        'r.yaml': route,
        'a.yaml': grant('{group: gateway.networking.k8s.io, kind: GRPCRoute, namespace: web}', '{group: "", kind: Service}'),
        'b.yaml': grant('{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: blog}', '{group: "", kind: Service}').replace('name: g', 'name: g2'),
        'c.yaml': grant('{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: web}', '{group: "", kind: Service, name: other}').replace(
          'name: g',
          'name: g3',
        ),
      },
      errors: [{ file: 'r.yaml', line: 10, column: 22, endColumn: 29 }],
      output: {
        'r.yaml':
          route +
          '---\napiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata:\n  name: allow-web-httproute-shop\n  namespace: backend\nspec:\n  from:\n    - group: gateway.networking.k8s.io\n      kind: HTTPRoute\n      namespace: web\n  to:\n    - group: ""\n      kind: Service\n      name: shop-api\n',
      },
    },
    {
      name: 'a Gateway certificate in another namespace; flow style',
      files: { 'gw.yaml': gateway },
      errors: [
        { file: 'gw.yaml', line: 11, column: 42, endColumn: 47, message: 'Gateway "edge" refers to Secret "wildcard" in "certs" with no ReferenceGrant' },
      ],
      output: {
        'gw.yaml':
          gateway +
          '---\napiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata:\n  name: allow-infra-gateway-edge\n  namespace: certs\nspec:\n  from:\n    - group: gateway.networking.k8s.io\n      kind: Gateway\n      namespace: infra\n  to:\n    - group: ""\n      kind: Secret\n      name: wildcard\n',
      },
    },
  ],
});
