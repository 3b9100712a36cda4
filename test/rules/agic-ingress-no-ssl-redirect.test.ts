import rule from '../../shared-rules/src/rules/agic-ingress-no-ssl-redirect';
import { ingressWith } from '../helpers/ingress';
import { ruleTester } from '../rule-tester';

const TLS = ['tls: [{ hosts: [web.example.com], secretName: web-tls }]'];
const agic = (annotations: string[], spec = TLS) =>
  ingressWith(['kubernetes.io/ingress.class: azure/application-gateway', ...annotations], { className: null, spec });

ruleTester(rule, {
  valid: [
    agic(['appgw.ingress.kubernetes.io/ssl-redirect: "true"']),
    { name: 'no TLS', code: agic([], []) },
    { name: 'not an AGIC Ingress', code: ingressWith([], { spec: TLS }) },
    { name: 'templated', code: agic(['appgw.ingress.kubernetes.io/ssl-redirect: {{ .Values.redirect | quote }}']) },
    { name: 'suppressed', code: agic(['ignore.kubeward.io/agic-ingress-no-ssl-redirect: "HTTP needed by legacy clients"']) },
    { name: 'Kustomize patch', code: agic([]), partial: true },
  ],
  invalid: [
    {
      name: 'TLS without the redirect annotation',
      code: agic([]),
      errors: [{ line: 5, column: 3, endColumn: 14, messageId: 'missing', severity: 'warning' }],
      output: agic(['appgw.ingress.kubernetes.io/ssl-redirect: "true"']),
      applicability: 'unsafe',
    },
    {
      name: 'certificate by annotation, redirect explicitly off; class by ingressClassName',
      code: ingressWith(['appgw.ingress.kubernetes.io/appgw-ssl-certificate: web-cert', 'appgw.ingress.kubernetes.io/ssl-redirect: "false"'], {
        className: 'azure-application-gateway',
      }),
      errors: [{ line: 7, column: 47, endColumn: 54, messageId: 'disabled' }],
      output: ingressWith(['appgw.ingress.kubernetes.io/appgw-ssl-certificate: web-cert', 'appgw.ingress.kubernetes.io/ssl-redirect: "true"'], {
        className: 'azure-application-gateway',
      }),
    },
  ],
});
