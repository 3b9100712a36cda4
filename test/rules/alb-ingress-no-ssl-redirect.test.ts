import rule from '../../shared-rules/src/rules/alb-ingress-no-ssl-redirect';
import { ingressWith } from '../helpers/ingress';
import { ruleTester } from '../rule-tester';

const alb = (annotations: string[]) => ingressWith(annotations, { className: 'alb' });
const BOTH = `alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS": 443}]'`;

ruleTester(rule, {
  valid: [
    alb([BOTH, "alb.ingress.kubernetes.io/ssl-redirect: '443'"]),
    { name: 'HTTPS only', code: alb([`alb.ingress.kubernetes.io/listen-ports: '[{"HTTPS": 443}]'`]) },
    { name: 'default listener only', code: alb(['alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:1:certificate/x']) },
    {
      name: 'legacy redirect action',
      code: alb([
        BOTH,
        'alb.ingress.kubernetes.io/actions.ssl-redirect: \'{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}\'',
      ]),
    },
    { name: 'templated redirect', code: alb([BOTH, 'alb.ingress.kubernetes.io/ssl-redirect: {{ .Values.redirectPort | quote }}']) },
    { name: 'not an ALB Ingress', code: ingressWith([BOTH]) },
    { name: 'suppressed', code: alb(['# kubeward-disable-next-line alb-ingress-no-ssl-redirect -- health checks over HTTP', BOTH]) },
  ],
  invalid: [
    {
      name: 'HTTP and HTTPS without a redirect',
      code: alb([BOTH]),
      errors: [
        {
          line: 6,
          column: 45,
          endColumn: 77,
          messageId: 'missing',
          message: 'Ingress "web" listens on HTTP and HTTPS without alb.ingress.kubernetes.io/ssl-redirect',
          severity: 'warning',
        },
      ],
      output: alb([BOTH, 'alb.ingress.kubernetes.io/ssl-redirect: "443"']),
      applicability: 'unsafe',
    },
    {
      name: 'a redirect to a port without an HTTPS listener; custom ports; annotations by class annotation',
      code: ingressWith(
        [
          'kubernetes.io/ingress.class: alb',
          `alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 8080}, {"HTTPS": 8443}]'`,
          "alb.ingress.kubernetes.io/ssl-redirect: '443'",
        ],
        { className: null },
      ),
      errors: [
        {
          line: 8,
          column: 45,
          endColumn: 50,
          messageId: 'badPort',
          message: 'Ingress "web" redirects HTTP to port 443, which is not an HTTPS listener (8443)',
        },
      ],
      output: ingressWith(
        [
          'kubernetes.io/ingress.class: alb',
          `alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 8080}, {"HTTPS": 8443}]'`,
          "alb.ingress.kubernetes.io/ssl-redirect: '8443'",
        ],
        { className: null },
      ),
    },
  ],
});
