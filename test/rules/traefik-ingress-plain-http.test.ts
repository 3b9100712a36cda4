import rule from '../../shared-rules/src/rules/traefik-ingress-plain-http';
import { ingressWith } from '../helpers/ingress';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const EP = 'traefik.ingress.kubernetes.io/router.entrypoints';
const traefik = (annotations: string[], options: Parameters<typeof ingressWith>[1] = {}) => ingressWith(annotations, { className: 'traefik', ...options });
const middleware = (namespace: string, scheme: string) => yaml`
  apiVersion: traefik.io/v1alpha1
  kind: Middleware
  metadata: { name: to-https, namespace: ${namespace} }
  spec:
    redirectScheme: { scheme: ${scheme} }
`;

ruleTester(rule, {
  valid: [
    traefik([`${EP}: websecure`, 'traefik.ingress.kubernetes.io/router.tls: "true"']),
    {
      name: 'web and websecure with TLS (redirect left to the entrypoints)',
      code: traefik([`${EP}: web,websecure`, 'traefik.ingress.kubernetes.io/router.tls: "true"']),
    },
    { name: 'websecure with spec.tls', code: traefik([`${EP}: websecure`], { spec: ['tls: [{ secretName: web-tls }]'] }) },
    { name: 'no entrypoints annotation', code: traefik([]) },
    {
      name: 'a redirecting Middleware in the workspace',
      code: traefik([`${EP}: web`, 'traefik.ingress.kubernetes.io/router.middlewares: shop-to-https@kubernetescrd']),
      workspace: { 'mw.yaml': middleware('shop', 'https') },
    },
    {
      name: 'an unknown Middleware is assumed to redirect',
      code: traefik([`${EP}: web`, 'traefik.ingress.kubernetes.io/router.middlewares: shop-other@kubernetescrd']),
      workspace: {},
    },
    {
      name: 'a file-provider Middleware cannot be checked',
      code: traefik([`${EP}: web`, 'traefik.ingress.kubernetes.io/router.middlewares: redirect@file']),
      workspace: { 'mw.yaml': middleware('shop', 'http') },
    },
    { name: 'not a Traefik Ingress', code: ingressWith([`${EP}: web`]) },
    { name: 'templated entrypoints', code: traefik([`${EP}: {{ .Values.entrypoints }}`]) },
    { name: 'suppressed', code: traefik([`# kubeward-disable-next-line traefik-ingress-plain-http -- internal tool`, `${EP}: web`]) },
  ],
  invalid: [
    {
      name: 'web only: moved to websecure with TLS; the Middleware variant keeps web and redirects it',
      code: traefik([`${EP}: web`]).replace('  name: web\n', '  name: web\n  namespace: shop\n'),
      errors: [{ line: 7, column: 55, endColumn: 58, messageId: 'webOnly', severity: 'warning' }],
      output: traefik([`${EP}: websecure`, 'traefik.ingress.kubernetes.io/router.tls: "true"']).replace('  name: web\n', '  name: web\n  namespace: shop\n'),
      applicability: 'unsafe',
      fixes: [
        {
          title: 'Redirect web to HTTPS with a Middleware',
          output: `${traefik([`${EP}: web,websecure`, 'traefik.ingress.kubernetes.io/router.tls: "true"', 'traefik.ingress.kubernetes.io/router.middlewares: shop-web-redirect-https@kubernetescrd']).replace('  name: web\n', '  name: web\n  namespace: shop\n')}---
apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: web-redirect-https
  namespace: shop
spec:
  redirectScheme:
    scheme: https
    permanent: true
`,
        },
      ],
    },
    {
      name: 'websecure without any TLS: information; router.tls set',
      code: traefik([`${EP}: websecure`, 'traefik.ingress.kubernetes.io/router.tls: "false"']),
      errors: [{ line: 6, column: 55, endColumn: 64, messageId: 'noTls', severity: 'info' }],
      output: traefik([`${EP}: websecure`, 'traefik.ingress.kubernetes.io/router.tls: "true"']),
    },
    {
      name: 'workspace: the referenced Middleware does not redirect to HTTPS; class by annotations only',
      code: ingressWith([`${EP}: web`, 'traefik.ingress.kubernetes.io/router.middlewares: shop-to-https@kubernetescrd'], { className: null }),
      workspace: { 'mw.yaml': middleware('shop', 'http') },
      errors: [{ line: 6, column: 55, endColumn: 58, messageId: 'webOnly' }],
      output: ingressWith(
        [
          `${EP}: websecure`,
          'traefik.ingress.kubernetes.io/router.middlewares: shop-to-https@kubernetescrd',
          'traefik.ingress.kubernetes.io/router.tls: "true"',
        ],
        { className: null },
      ),
    },
  ],
});
