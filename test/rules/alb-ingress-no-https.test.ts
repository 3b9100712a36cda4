import rule from '../../shared-rules/src/rules/alb-ingress-no-https';
import { ingressWith } from '../helpers/ingress';
import { ruleTester } from '../rule-tester';

const alb = (annotations: string[], options: Parameters<typeof ingressWith>[1] = {}) => ingressWith(annotations, { className: 'alb', ...options });
const LISTEN = 'alb.ingress.kubernetes.io/listen-ports';
const CERT = 'alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:123456789012:certificate/abc';

ruleTester(rule, {
  valid: [
    alb([`${LISTEN}: '[{"HTTP": 80}, {"HTTPS": 443}]'`, CERT, "alb.ingress.kubernetes.io/ssl-redirect: '443'"]),
    { name: 'a certificate without listen-ports: HTTPS:443 by default', code: alb([CERT]) },
    { name: 'HTTPS listener with certificate discovery from the rule host', code: alb([`${LISTEN}: '[{"HTTPS": 443}]'`]) },
    { name: 'not an ALB Ingress', code: ingressWith([]) },
    { name: 'Helm-templated listen-ports', code: alb([`${LISTEN}: {{ .Values.alb.listenPorts | quote }}`]) },
    { name: "invalid JSON is the controller's error, not ours", code: alb([`${LISTEN}: '[{HTTP: 80}'`]) },
    { name: 'suppressed', code: alb(['ignore.kubeward.io/alb-ingress-no-https: "TLS ends at CloudFront"', 'alb.ingress.kubernetes.io/scheme: internal']) },
    { name: 'a Kustomize patch may leave listen-ports to the base', code: alb(['alb.ingress.kubernetes.io/scheme: internal']), partial: true },
  ],
  invalid: [
    {
      name: 'no listen-ports and no certificate: HTTP:80 only; listeners, certificate placeholder and redirect added',
      code: alb(['alb.ingress.kubernetes.io/scheme: internal']),
      errors: [
        {
          line: 5,
          column: 3,
          endColumn: 14,
          messageId: 'noListenPorts',
          message: 'Ingress "web" has no listen-ports or certificate-arn: its ALB listens on HTTP:80 only',
          severity: 'error',
        },
      ],
      output: alb([
        'alb.ingress.kubernetes.io/scheme: internal',
        `${LISTEN}: "[{\\"HTTP\\": 80}, {\\"HTTPS\\": 443}]"`,
        'alb.ingress.kubernetes.io/certificate-arn: <certificate-arn>',
        'alb.ingress.kubernetes.io/ssl-redirect: "443"',
      ]),
      applicability: 'display-only',
    },
    {
      name: 'HTTP-only listen-ports (single-quoted, kept so); spec.tls gives the certificate by discovery',
      code: alb([`${LISTEN}: '[{"HTTP": 8080}]'`], { spec: ['tls: [{ hosts: [web.example.com] }]'] }),
      errors: [{ line: 6, column: 45, endColumn: 63, messageId: 'httpOnly', message: 'only HTTP listeners (HTTP:8080)' }],
      output: alb([`${LISTEN}: '[{"HTTP": 80}, {"HTTPS": 443}]'`, 'alb.ingress.kubernetes.io/ssl-redirect: "443"'], {
        spec: ['tls: [{ hosts: [web.example.com] }]'],
      }),
      applicability: 'unsafe',
    },
    {
      name: 'class by annotation',
      code: ingressWith(['kubernetes.io/ingress.class: alb'], { className: null }),
      errors: [{ line: 5, column: 3, endColumn: 14, messageId: 'noListenPorts' }],
      output: ingressWith(
        [
          'kubernetes.io/ingress.class: alb',
          `${LISTEN}: "[{\\"HTTP\\": 80}, {\\"HTTPS\\": 443}]"`,
          'alb.ingress.kubernetes.io/certificate-arn: <certificate-arn>',
          'alb.ingress.kubernetes.io/ssl-redirect: "443"',
        ],
        { className: null },
      ),
    },
    {
      name: 'no annotations at all: anchored at metadata; the annotations map is created',
      code: alb([]),
      errors: [{ line: 3, column: 1, endColumn: 9, messageId: 'noListenPorts' }],
      output: alb([
        `${LISTEN}: "[{\\"HTTP\\": 80}, {\\"HTTPS\\": 443}]"`,
        'alb.ingress.kubernetes.io/certificate-arn: <certificate-arn>',
        'alb.ingress.kubernetes.io/ssl-redirect: "443"',
      ]),
    },
    {
      name: 'an HTTPS listener with no certificate to find: no ARN, no spec.tls, no host',
      code: alb([`${LISTEN}: '[{"HTTPS": 443}]'`]).replace('    - host: web.example.com\n      http:', '    - http:'),
      errors: [{ line: 6, column: 45, endColumn: 63, messageId: 'noCertificate' }],
      output: alb([`${LISTEN}: '[{"HTTPS": 443}]'`, 'alb.ingress.kubernetes.io/certificate-arn: <certificate-arn>']).replace(
        '    - host: web.example.com\n      http:',
        '    - http:',
      ),
    },
  ],
});
