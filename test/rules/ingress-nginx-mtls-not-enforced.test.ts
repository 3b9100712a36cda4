import rule from '../../shared-rules/src/rules/ingress-nginx-mtls-not-enforced';
import { ingressWith } from '../helpers/ingress';
import { ruleTester } from '../rule-tester';

const SECRET = 'nginx.ingress.kubernetes.io/auth-tls-secret: web/client-ca';
const VERIFY = 'nginx.ingress.kubernetes.io/auth-tls-verify-client';

ruleTester(rule, {
  valid: [
    ingressWith([SECRET, `${VERIFY}: "on"`]),
    { name: 'on by default', code: ingressWith([SECRET]) },
    { name: 'verify-client without a CA secret', code: ingressWith([`${VERIFY}: "off"`]) },
    { name: 'another controller', code: ingressWith([SECRET, `${VERIFY}: "off"`], { className: 'traefik' }) },
    { name: 'Helm-templated', code: ingressWith([SECRET, `${VERIFY}: {{ .Values.verify | quote }}`]) },
    {
      name: 'suppressed by annotation',
      code: ingressWith([SECRET, `${VERIFY}: optional_no_ca`, 'ignore.kubeward.io/ingress-nginx-mtls-not-enforced: "backend checks the certificate"']),
    },
  ],
  invalid: [
    {
      name: '"off"',
      code: ingressWith([SECRET, `${VERIFY}: "off"`]),
      errors: [
        {
          line: 7,
          column: 57,
          endColumn: 62,
          messageId: 'off',
          message: 'Ingress "web" sets auth-tls-secret but auth-tls-verify-client is "off"',
          severity: 'warning',
        },
      ],
      output: ingressWith([SECRET, `${VERIFY}: "on"`]),
      applicability: 'unsafe',
    },
    {
      name: 'optional_no_ca, single-quoted',
      code: ingressWith([`${VERIFY}: 'optional_no_ca'`, SECRET]),
      errors: [{ line: 6, column: 57, endColumn: 73, messageId: 'optionalNoCa' }],
      output: ingressWith([`${VERIFY}: 'on'`, SECRET]),
    },
    {
      name: 'optional is information',
      code: ingressWith([SECRET, `${VERIFY}: optional`]),
      errors: [{ line: 7, column: 57, endColumn: 65, messageId: 'optional', severity: 'info' }],
      output: ingressWith([SECRET, `${VERIFY}: "on"`]),
    },
    {
      name: 'unquoted off, which YAML 1.1 reads as false',
      code: ingressWith([SECRET, `${VERIFY}: off`], { eol: '\r\n' }),
      errors: [{ line: 7, column: 57, endColumn: 60, messageId: 'off' }],
      output: ingressWith([SECRET, `${VERIFY}: "on"`], { eol: '\r\n' }),
    },
    {
      name: 'flow annotations',
      code: ingressWith([]).replace(
        '  name: web\n',
        `  name: web\n  annotations: { nginx.ingress.kubernetes.io/auth-tls-secret: web/ca, ${VERIFY}: optional_no_ca }\n`,
      ),
      errors: [{ line: 5, column: 123, endColumn: 137, messageId: 'optionalNoCa' }],
      output: ingressWith([]).replace(
        '  name: web\n',
        `  name: web\n  annotations: { nginx.ingress.kubernetes.io/auth-tls-secret: web/ca, ${VERIFY}: "on" }\n`,
      ),
    },
  ],
});
