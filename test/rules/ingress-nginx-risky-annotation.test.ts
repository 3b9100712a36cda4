import rule from '../../shared-rules/src/rules/ingress-nginx-risky-annotation';
import { ingressWith } from '../helpers/ingress';
import { ruleTester } from '../rule-tester';

const on = { rules: { 'ingress-nginx-risky-annotation': 'hint' as const } };

ruleTester(rule, {
  valid: [
    { name: 'opt-in: off by default', code: ingressWith(['nginx.ingress.kubernetes.io/auth-url: https://auth.example.com/oauth2/auth']), config: {} },
    { name: 'a Medium-risk annotation', code: ingressWith(['nginx.ingress.kubernetes.io/proxy-body-size: 8m']), config: on },
    { name: 'another controller', code: ingressWith(['nginx.ingress.kubernetes.io/auth-url: https://x'], { className: 'traefik' }), config: on },
    {
      name: 'suppressed by annotation',
      code: ingressWith(['ignore.kubeward.io/ingress-nginx-risky-annotation: "oauth2-proxy"', 'nginx.ingress.kubernetes.io/auth-url: https://x']),
      config: on,
    },
  ],
  invalid: [
    {
      name: 'each High-risk annotation is reported at its key; templated values too',
      code: ingressWith([
        'nginx.ingress.kubernetes.io/auth-url: https://auth.example.com/oauth2/auth',
        'nginx.ingress.kubernetes.io/mirror-target: "{{ .Values.mirror }}"',
        'nginx.ingress.kubernetes.io/enable-cors: "true"',
      ]),
      config: on,
      errors: [
        { line: 6, column: 5, endColumn: 41, messageId: 'risky', message: 'uses nginx.ingress.kubernetes.io/auth-url', severity: 'hint' },
        { line: 7, column: 5, endColumn: 46, messageId: 'risky' },
      ],
    },
  ],
});
