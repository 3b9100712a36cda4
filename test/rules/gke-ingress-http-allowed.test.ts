import rule from '../../shared-rules/src/rules/gke-ingress-http-allowed';
import { ingressWith } from '../helpers/ingress';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const gce = (annotations: string[], options: Parameters<typeof ingressWith>[1] = {}) =>
  ingressWith(['kubernetes.io/ingress.class: gce', ...annotations], { className: null, ...options });
const CERT = 'networking.gke.io/managed-certificates: web-cert';
const frontend = (enabled: string) => yaml`
  apiVersion: networking.gke.io/v1beta1
  kind: FrontendConfig
  metadata: { name: web-frontend }
  spec:
    redirectToHttps: { enabled: ${enabled} }
`;

ruleTester(rule, {
  valid: [
    gce([CERT, 'kubernetes.io/ingress.allow-http: "false"']),
    { name: 'no TLS at all (ingress-tls-missing reports it)', code: gce([]) },
    {
      name: 'a FrontendConfig that redirects',
      code: gce([CERT, 'networking.gke.io/v1beta1.FrontendConfig: web-frontend']),
      workspace: { 'fc.yaml': frontend('true') },
    },
    {
      name: 'a FrontendConfig outside the workspace is not judged',
      code: gce([CERT, 'networking.gke.io/v1beta1.FrontendConfig: web-frontend']),
      workspace: {},
    },
    { name: 'not a GKE Ingress', code: ingressWith([CERT]) },
    { name: 'templated allow-http', code: gce([CERT, 'kubernetes.io/ingress.allow-http: {{ .Values.allowHttp | quote }}']) },
    { name: 'suppressed', code: gce([CERT, 'ignore.kubeward.io/gke-ingress-http-allowed: "redirect done by Cloud Armor"']) },
    { name: 'a Kustomize patch may get its annotations from the base', code: gce([CERT]), partial: true },
  ],
  invalid: [
    {
      name: 'managed certificate, HTTP allowed by default: a redirecting FrontendConfig is added',
      code: gce([CERT]),
      errors: [{ line: 5, column: 3, endColumn: 14, messageId: 'allowed', severity: 'warning' }],
      output: `${gce([CERT, 'networking.gke.io/v1beta1.FrontendConfig: web-redirect-https'])}---
apiVersion: networking.gke.io/v1beta1
kind: FrontendConfig
metadata:
  name: web-redirect-https
spec:
  redirectToHttps:
    enabled: true
    responseCodeName: MOVED_PERMANENTLY_DEFAULT
`,
      applicability: 'unsafe',
      fixes: [{ title: 'Set kubernetes.io/ingress.allow-http to "false"', output: gce([CERT, 'kubernetes.io/ingress.allow-http: "false"']) }],
    },
    {
      name: 'allow-http "true" with spec.tls, gce-internal class, namespaced',
      code: ingressWith(['kubernetes.io/ingress.allow-http: "true"'], { className: 'gce-internal', spec: ['tls: [{ secretName: web-tls }]'] }).replace(
        '  name: web\n',
        '  name: web\n  namespace: shop\n',
      ),
      errors: [{ line: 7, column: 39, endColumn: 45, messageId: 'allowed' }],
      output: `${ingressWith(['kubernetes.io/ingress.allow-http: "true"', 'networking.gke.io/v1beta1.FrontendConfig: web-redirect-https'], { className: 'gce-internal', spec: ['tls: [{ secretName: web-tls }]'] }).replace('  name: web\n', '  name: web\n  namespace: shop\n')}---
apiVersion: networking.gke.io/v1beta1
kind: FrontendConfig
metadata:
  name: web-redirect-https
  namespace: shop
spec:
  redirectToHttps:
    enabled: true
    responseCodeName: MOVED_PERMANENTLY_DEFAULT
`,
      fixes: [
        {
          title: 'Set kubernetes.io/ingress.allow-http to "false"',
          output: ingressWith(['kubernetes.io/ingress.allow-http: "false"'], { className: 'gce-internal', spec: ['tls: [{ secretName: web-tls }]'] }).replace(
            '  name: web\n',
            '  name: web\n  namespace: shop\n',
          ),
        },
      ],
    },
    {
      name: 'workspace: the referenced FrontendConfig does not redirect',
      code: gce([CERT, 'networking.gke.io/v1beta1.FrontendConfig: web-frontend']),
      workspace: { 'fc.yaml': frontend('false') },
      errors: [
        {
          line: 8,
          column: 47,
          endColumn: 59,
          messageId: 'noRedirect',
          message: 'Ingress "web" allows HTTP and FrontendConfig "web-frontend" does not redirect to HTTPS',
        },
      ],
    },
  ],
});
