import rule from '../../shared-rules/src/rules/httproute-missing-https-redirect';
import { yaml } from '../helpers/yaml-tag';
import { workspaceTester } from '../helpers/workspace-tester';

const gateway = yaml`
  apiVersion: gateway.networking.k8s.io/v1
  kind: Gateway
  metadata:
    name: web
    namespace: infra
  spec:
    gatewayClassName: example
    listeners:
      - name: http
        protocol: HTTP
        port: 80
      - name: https
        protocol: HTTPS
        port: 443
        hostname: "*.example.com"
        tls:
          certificateRefs:
            - name: web-tls
`;

const route = yaml`
  apiVersion: gateway.networking.k8s.io/v1
  kind: HTTPRoute
  metadata:
    name: shop
    namespace: infra
  spec:
    parentRefs:
      - name: web
    hostnames:
      - shop.example.com
    rules:
      - backendRefs:
          - name: shop
            port: 80
`;

const redirect = yaml`
  ---
  apiVersion: gateway.networking.k8s.io/v1
  kind: HTTPRoute
  metadata:
    name: shop-https-redirect
    namespace: infra
  spec:
    parentRefs:
      - name: web
        sectionName: http
    hostnames:
      - shop.example.com
    rules:
      - filters:
          - type: RequestRedirect
            requestRedirect:
              scheme: https
              statusCode: 301
`;

workspaceTester(rule, {
  valid: [
    {
      name: 'bound to the HTTPS listener',
      files: { 'gw.yaml': gateway, 'route.yaml': route.replace('    - name: web\n', '    - name: web\n      sectionName: https\n') },
    },
    { name: 'the redirect route itself', files: { 'gw.yaml': gateway, 'redirect.yaml': redirect.replace('---\n', '') } },
    { name: 'the parent Gateway is not in the workspace', files: { 'route.yaml': route } },
    {
      name: 'a catch-all route on the listener without hostname: a more specific HTTP listener takes the HTTPS host',
      files: {
        'gw.yaml': gateway
          .replace('    - name: https\n', '    - name: shop-http\n      protocol: HTTP\n      port: 80\n      hostname: shop.example.com\n    - name: https\n')
          .replace('"*.example.com"', 'shop.example.com'),
        'route.yaml': route.replace('  hostnames:\n    - shop.example.com\n', '').replace('    - name: web\n', '    - name: web\n      sectionName: http\n'),
      },
    },
    {
      name: 'no HTTPS listener for the hostname (gateway-http-only-listener covers that)',
      files: { 'gw.yaml': gateway.replace('"*.example.com"', 'blog.example.org'), 'route.yaml': route },
    },
    {
      name: "another namespace's Gateway of the same name",
      files: { 'gw.yaml': gateway.replace('namespace: infra', 'namespace: other'), 'route.yaml': route },
    },
    {
      name: 'Istio Gateway of the same name',
      files: { 'gw.yaml': 'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: web, namespace: infra}\n', 'route.yaml': route },
    },
    {
      name: 'Helm: templated hostnames and templated listeners',
      files: {
        'gw.yaml': gateway,
        'templates/route.yaml': route.replace('    - shop.example.com', '    - {{ .Values.host }}'),
        'templates/gw2.yaml': gateway.replace('name: web', 'name: web2').replace('      protocol: HTTP\n', '      protocol: {{ .Values.protocol }}\n'),
        'route2.yaml': route.replace('name: web', 'name: web2').replace('name: shop\n', 'name: shop2\n'),
      },
    },
    { name: 'Kustomize patch', partial: ['route.yaml'], files: { 'gw.yaml': gateway, 'route.yaml': route } },
    {
      name: 'suppressed',
      files: {
        'gw.yaml': gateway,
        'route.yaml': route.replace(
          '  namespace: infra\n',
          '  namespace: infra\n  annotations: { ignore.kubeward.io/httproute-missing-https-redirect: "HSTS preload + CDN redirect" }\n',
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'attached to every listener: bind to HTTPS, add a redirect route after it',
      files: { 'gw.yaml': gateway, 'route.yaml': route },
      errors: [
        {
          file: 'route.yaml',
          line: 8,
          column: 13,
          endColumn: 16,
          messageId: 'plain',
          severity: 'warning',
          message: 'HTTPRoute "shop" serves HTTP listener "http" of "web" instead of redirecting',
        },
      ],
      applicability: 'unsafe',
      output: { 'route.yaml': route.replace('    - name: web\n', '    - name: web\n      sectionName: https\n') + redirect },
    },
    {
      name: 'bound to the HTTP listener by name; a redirect route already exists: only rebind; flow style',
      files: {
        'gw.yaml': gateway,
        'route.yaml':
          'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: shop, namespace: infra}\nspec:\n  parentRefs: [{name: web, sectionName: http}]\n  hostnames: [shop.example.com]\n  rules: [{backendRefs: [{name: shop, port: 80}]}]\n',
        'redirect.yaml': redirect.replace('---\n', ''),
      },
      errors: [{ file: 'route.yaml', line: 5, column: 41, endColumn: 45 }],
      output: {
        'route.yaml':
          'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: shop, namespace: infra}\nspec:\n  parentRefs: [{name: web, sectionName: https}]\n  hostnames: [shop.example.com]\n  rules: [{backendRefs: [{name: shop, port: 80}]}]\n',
      },
    },
    {
      name: 'bound to both listeners by name: the HTTP reference goes; no hostnames; flush sequences and CRLF',
      files: {
        'gw.yaml': gateway,
        'route.yaml':
          'apiVersion: gateway.networking.k8s.io/v1\r\nkind: HTTPRoute\r\nmetadata:\r\n  name: shop\r\nspec:\r\n  parentRefs:\r\n  - name: web\r\n    namespace: infra\r\n    sectionName: http\r\n  - name: web\r\n    namespace: infra\r\n    sectionName: https\r\n  rules:\r\n  - backendRefs:\r\n    - name: shop\r\n      port: 80\r\n',
      },
      errors: [{ file: 'route.yaml', line: 9, column: 18, endColumn: 22 }],
      output: {
        'route.yaml':
          'apiVersion: gateway.networking.k8s.io/v1\r\nkind: HTTPRoute\r\nmetadata:\r\n  name: shop\r\nspec:\r\n  parentRefs:\r\n  - name: web\r\n    namespace: infra\r\n    sectionName: https\r\n  rules:\r\n  - backendRefs:\r\n    - name: shop\r\n      port: 80\r\n' +
          '---\r\napiVersion: gateway.networking.k8s.io/v1\r\nkind: HTTPRoute\r\nmetadata:\r\n  name: shop-https-redirect\r\nspec:\r\n  parentRefs:\r\n  - name: web\r\n    namespace: infra\r\n    sectionName: http\r\n  rules:\r\n  - filters:\r\n    - type: RequestRedirect\r\n      requestRedirect:\r\n        scheme: https\r\n        statusCode: 301\r\n',
      },
    },
    {
      name: 'two HTTPS listeners fit: reported, no fix; attached by port',
      files: {
        'gw.yaml':
          gateway.replace('"*.example.com"', 'shop.example.com') +
          '    - name: https-wild\n      protocol: HTTPS\n      port: 443\n      tls: {certificateRefs: [{name: wild}]}\n',
        'route.yaml': route.replace('    - name: web\n', '    - name: web\n      port: 80\n'),
      },
      errors: [{ file: 'route.yaml', line: 8, column: 13, endColumn: 16 }],
      output: null,
    },
  ],
});
