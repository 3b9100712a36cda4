import rule from '../../shared-rules/src/rules/ingress-nginx-force-ssl-redirect-missing-offloaded';
import { ingressWith } from '../helpers/ingress';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const on = { rules: { 'ingress-nginx-force-ssl-redirect-missing-offloaded': 'info' as const } };

const controllerService = (annotations: string, httpTarget = 'http') => yaml`
  apiVersion: v1
  kind: Service
  metadata:
    name: ingress-nginx-controller
    namespace: ingress-nginx
    annotations: { ${annotations} }
  spec:
    type: LoadBalancer
    selector: { app.kubernetes.io/name: ingress-nginx, app.kubernetes.io/component: controller }
    ports:
      - { name: http, port: 80, targetPort: ${httpTarget} }
      - { name: https, port: 443, targetPort: http }
`;
const ELB =
  'service.beta.kubernetes.io/aws-load-balancer-ssl-cert: "arn:aws:acm:eu-west-1:1:certificate/x", service.beta.kubernetes.io/aws-load-balancer-backend-protocol: http';
const configMap = (data: string) => yaml`
  apiVersion: v1
  kind: ConfigMap
  metadata: { name: ingress-nginx-controller, namespace: ingress-nginx }
  data: { ${data} }
`;
const offloaded = { 'controller.yaml': `${controllerService(ELB)}---\n${configMap('use-forwarded-headers: "true"')}` };

ruleTester(rule, {
  valid: [
    { name: 'opt-in: off by default', code: ingressWith([]), workspace: offloaded, config: {} },
    { name: 'force-ssl-redirect already set', code: ingressWith(['nginx.ingress.kubernetes.io/force-ssl-redirect: "true"']), workspace: offloaded, config: on },
    {
      name: 'the Ingress terminates TLS itself',
      code: ingressWith([], { spec: ['tls: [{ hosts: [web.example.com], secretName: web-tls }]'] }),
      workspace: offloaded,
      config: on,
    },
    { name: 'no controller Service in the workspace', code: ingressWith([]), workspace: {}, config: on },
    {
      name: 'a network load balancer (no X-Forwarded-Proto)',
      code: ingressWith([]),
      workspace: { 'c.yaml': controllerService(`${ELB}, service.beta.kubernetes.io/aws-load-balancer-type: nlb`) },
      config: on,
    },
    { name: 'port 80 goes to a redirect server', code: ingressWith([]), workspace: { 'c.yaml': controllerService(ELB, 'tohttps') }, config: on },
    {
      name: 'the ConfigMap forces the redirect for all',
      code: ingressWith([]),
      workspace: { 'c.yaml': `${controllerService(ELB)}---\n${configMap('force-ssl-redirect: "true"')}` },
      config: on,
    },
    { name: 'another controller', code: ingressWith([], { className: 'alb' }), workspace: offloaded, config: on },
  ],
  invalid: [
    {
      name: 'TLS offloaded at an ELB, forwarded headers trusted: the annotation is added',
      code: ingressWith(['cert-manager.io/cluster-issuer: none']),
      workspace: offloaded,
      config: on,
      errors: [
        {
          line: 5,
          column: 3,
          endColumn: 14,
          messageId: 'missing',
          message: 'Ingress "web" behind TLS-offloading "ingress-nginx-controller" has no force-ssl-redirect',
          severity: 'info',
        },
      ],
      output: ingressWith(['cert-manager.io/cluster-issuer: none', 'nginx.ingress.kubernetes.io/force-ssl-redirect: "true"']),
      applicability: 'unsafe',
    },
    {
      name: 'forwarded headers not trusted: reported without a fix (it would loop); anchored at metadata',
      code: ingressWith([]),
      workspace: { 'c.yaml': controllerService(ELB) },
      config: on,
      errors: [{ line: 3, column: 1, endColumn: 9, messageId: 'needsHeaders' }],
      output: null,
    },
  ],
});
