import rule from '../../shared-rules/src/rules/ingress-nginx-basic-auth-incomplete';
import { ingressWith } from '../helpers/ingress';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const TYPE = 'nginx.ingress.kubernetes.io/auth-type';
const SECRET = 'nginx.ingress.kubernetes.io/auth-secret';

const htpasswd = (key: string) => yaml`
  apiVersion: v1
  kind: Secret
  metadata: { name: web-users }
  type: Opaque
  stringData:
    ${key}: "admin:$apr1$abc$def"
`;

ruleTester(rule, {
  valid: [
    ingressWith([`${TYPE}: basic`, `${SECRET}: web-users`]),
    { name: 'digest', code: ingressWith([`${TYPE}: digest`, `${SECRET}: other/users`]) },
    {
      name: 'auth-secret next to external auth',
      code: ingressWith([`${SECRET}: web-users`, 'nginx.ingress.kubernetes.io/auth-url: https://auth.example.com/oauth2/auth']),
    },
    { name: 'templated type', code: ingressWith([`${TYPE}: {{ .Values.authType }}`]) },
    { name: 'the Secret has the auth key', code: ingressWith([`${TYPE}: basic`, `${SECRET}: web-users`]), workspace: { 'users.yaml': htpasswd('auth') } },
    {
      name: 'auth-map Secrets hold one key per user',
      code: ingressWith([`${TYPE}: basic`, `${SECRET}: web-users`, 'nginx.ingress.kubernetes.io/auth-secret-type: auth-map']),
      workspace: { 'users.yaml': htpasswd('admin') },
    },
    {
      name: 'the Secret of another namespace is not this one',
      code: ingressWith([`${TYPE}: basic`, `${SECRET}: other/web-users`]),
      workspace: { 'users.yaml': htpasswd('users') },
    },
    {
      name: 'suppressed',
      code: ingressWith([`# kubeward-disable-next-line ingress-nginx-basic-auth-incomplete -- secret added by the chart`, `${TYPE}: basic`]),
    },
  ],
  invalid: [
    {
      name: 'auth-type without auth-secret: secret and realm added',
      code: ingressWith([`${TYPE}: basic`]),
      errors: [
        { line: 6, column: 44, endColumn: 49, messageId: 'noSecret', message: 'Ingress "web" sets auth-type "basic" without auth-secret', severity: 'warning' },
      ],
      output: ingressWith([`${TYPE}: basic`, `${SECRET}: web-basic-auth`, 'nginx.ingress.kubernetes.io/auth-realm: "Authentication Required"']),
      applicability: 'unsafe',
    },
    {
      name: 'configured secret name pattern; realm already there',
      code: ingressWith([`${TYPE}: digest`, 'nginx.ingress.kubernetes.io/auth-realm: Staff']),
      config: { ingress: { basicAuthSecret: 'htpasswd-{name}' } },
      errors: [{ line: 6, column: 44, endColumn: 50, messageId: 'noSecret' }],
      output: ingressWith([`${TYPE}: digest`, 'nginx.ingress.kubernetes.io/auth-realm: Staff', `${SECRET}: htpasswd-web`]),
    },
    {
      name: 'auth-secret without auth-type: flagged at the key',
      code: ingressWith([`${SECRET}: web-users`]),
      errors: [{ line: 6, column: 5, endColumn: 44, messageId: 'noType' }],
      output: ingressWith([`${SECRET}: web-users`, `${TYPE}: basic`]),
    },
    {
      name: 'unknown auth-type',
      code: ingressWith([`${TYPE}: Basic`, `${SECRET}: web-users`]),
      errors: [{ line: 6, column: 44, endColumn: 49, messageId: 'badType', message: '"Basic"' }],
      output: ingressWith([`${TYPE}: basic`, `${SECRET}: web-users`]),
    },
    {
      name: 'the Secret in the workspace has no "auth" key',
      code: ingressWith([`${TYPE}: basic`, `${SECRET}: web-users`]),
      workspace: { 'users.yaml': htpasswd('users') },
      errors: [{ line: 7, column: 46, endColumn: 55, messageId: 'secretKey', message: 'Secret "web-users", which has no "auth" key' }],
    },
  ],
});
