import rule from '../../shared-rules/src/rules/ingress-nginx-ssl-passthrough';
import { ingressWith } from '../helpers/ingress';
import { ruleTester } from '../rule-tester';

const PASSTHROUGH = 'nginx.ingress.kubernetes.io/ssl-passthrough: "true"';

ruleTester(rule, {
  valid: [
    ingressWith(['nginx.ingress.kubernetes.io/ssl-passthrough: "false"']),
    { name: 'no annotation', code: ingressWith([]) },
    { name: 'Helm-templated', code: ingressWith(['nginx.ingress.kubernetes.io/ssl-passthrough: {{ .Values.passthrough | quote }}']) },
    { name: 'suppressed', code: ingressWith(['# kubeward-disable-next-line ingress-nginx-ssl-passthrough -- vault terminates TLS', PASSTHROUGH]) },
  ],
  invalid: [
    {
      name: 'passthrough alone: a hint',
      code: ingressWith([PASSTHROUGH]),
      errors: [{ line: 6, column: 50, endColumn: 56, messageId: 'passthrough', severity: 'hint' }],
    },
    {
      name: 'with an allowlist and basic auth that stop applying: a warning',
      code: ingressWith(['nginx.ingress.kubernetes.io/whitelist-source-range: 10.0.0.0/8', PASSTHROUGH, 'nginx.ingress.kubernetes.io/auth-type: basic'], {
        className: null,
      }),
      errors: [
        {
          line: 7,
          column: 50,
          endColumn: 56,
          messageId: 'ignored',
          message: 'Ingress "web" uses SSL passthrough, which disables its auth-type, whitelist-source-range annotations',
          severity: 'warning',
        },
      ],
    },
  ],
});
