import { describe, expect, it } from 'vitest';
import rule, { weakCiphers } from '../../shared-rules/src/rules/ingress-nginx-weak-tls-config';
import { ingressWith } from '../helpers/ingress';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const configMap = (data: string, metadata = 'name: ingress-nginx-controller\n  namespace: ingress-nginx') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  ${metadata}\ndata:\n${data}\n`;

describe('weakCiphers', () => {
  it('reads OpenSSL cipher strings: removals do not count', () => {
    expect(weakCiphers('HIGH:!aNULL:!MD5')).toEqual([]);
    expect(weakCiphers('ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384')).toEqual([]);
    expect(weakCiphers('ECDHE-RSA-AES128-GCM-SHA256:DES-CBC3-SHA:RC4-MD5:+aNULL:EXP-RC4-MD5,-NULL')).toEqual([
      'DES-CBC3-SHA',
      'RC4-MD5',
      'aNULL',
      'EXP-RC4-MD5',
    ]);
  });
});

ruleTester(rule, {
  valid: [
    configMap('  ssl-protocols: "TLSv1.2 TLSv1.3"\n  ssl-ciphers: "HIGH:!aNULL:!MD5"\n  hsts: "true"'),
    { name: 'another ConfigMap', code: configMap('  ssl-protocols: "TLSv1"\n  hsts: "false"', 'name: app-settings') },
    { name: 'strong ciphers on an Ingress', code: ingressWith(['nginx.ingress.kubernetes.io/ssl-ciphers: "ECDHE-ECDSA-AES128-GCM-SHA256:!RC4"']) },
    { name: 'Helm-templated protocols', code: configMap('  ssl-protocols: {{ .Values.protocols | quote }}') },
    {
      name: 'suppressed',
      code: configMap('  # kubeward-disable-next-line ingress-nginx-weak-tls-config -- legacy clients until Q3\n  ssl-protocols: "TLSv1.1 TLSv1.2"'),
    },
  ],
  invalid: [
    {
      name: 'ConfigMap: old protocols, weak ciphers, HSTS and redirect off',
      code: configMap(
        '  ssl-protocols: "TLSv1 TLSv1.1 TLSv1.2"\n  ssl-ciphers: "ECDHE-RSA-AES128-GCM-SHA256:DES-CBC3-SHA"\n  hsts: "false"\n  ssl-redirect: "false"\n  use-gzip: "true"',
      ),
      errors: [
        { line: 7, column: 18, endColumn: 41, messageId: 'protocols', message: 'enables TLSv1, TLSv1.1 in ssl-protocols', severity: 'warning' },
        { line: 8, column: 16, endColumn: 58, messageId: 'ciphers', message: 'ConfigMap "ingress-nginx-controller" enables weak cipher suites (DES-CBC3-SHA)' },
        { line: 9, column: 9, endColumn: 16, messageId: 'hsts', severity: 'info' },
        { line: 10, column: 17, endColumn: 24, messageId: 'sslRedirect', severity: 'warning' },
      ],
      output: configMap('  ssl-protocols: "TLSv1.2 TLSv1.3"\n  use-gzip: "true"'),
      applicability: 'unsafe',
    },
    {
      name: 'ConfigMap found by its label; flow data',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: my-controller
          labels: { app.kubernetes.io/name: ingress-nginx, app.kubernetes.io/component: controller }
        data: { ssl-protocols: "SSLv3 TLSv1.2" }
      `,
      errors: [{ line: 6, column: 24, endColumn: 39, messageId: 'protocols' }],
      output: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: my-controller
          labels: { app.kubernetes.io/name: ingress-nginx, app.kubernetes.io/component: controller }
        data: { ssl-protocols: "TLSv1.2 TLSv1.3" }
      `,
    },
    {
      name: 'Ingress ssl-ciphers annotation: removed, the default applies',
      code: ingressWith(['nginx.ingress.kubernetes.io/ssl-ciphers: "RC4-SHA:AES128-SHA"', 'nginx.ingress.kubernetes.io/proxy-body-size: 8m']),
      errors: [{ line: 6, column: 46, endColumn: 66, messageId: 'ciphers', message: 'Ingress "web" enables weak cipher suites (RC4-SHA)' }],
      output: ingressWith(['nginx.ingress.kubernetes.io/proxy-body-size: 8m']),
    },
  ],
});
