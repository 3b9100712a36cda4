import { defineRule } from '../engine/rule';
import { quoted } from '../fix/emit';
import { ngx, servedByIngressNginx } from '../k8s/ingress-nginx';

export default defineRule({
  meta: {
    id: 'ingress-nginx-mtls-not-enforced',
    title: 'Client certificates are configured but not enforced',
    severity: 'warning',
    category: 'ingress-access',
    kinds: ['Ingress'],
    messages: {
      off: 'Ingress "{{name}}" sets auth-tls-secret but auth-tls-verify-client is "off"',
      optionalNoCa: 'Ingress "{{name}}" sets auth-tls-secret but auth-tls-verify-client is "optional_no_ca"',
      optional: 'Ingress "{{name}}" sets auth-tls-secret but auth-tls-verify-client is "optional"',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Set auth-tls-verify-client to "on"' },
    since: '0.1.0',
    docs: {
      rationale:
        'With `auth-tls-secret` ingress-nginx is given a CA to verify client certificates (mutual TLS), which is usually the only authentication in front of the backend. `auth-tls-verify-client` decides whether it is enforced: `on` (the default) rejects clients without a valid certificate; `off` does not request one; `optional_no_ca` requests one but accepts certificates not signed by the CA; `optional` lets clients without a certificate through. The last three leave the Ingress open while the manifest looks protected.',
      remediation: 'Set `nginx.ingress.kubernetes.io/auth-tls-verify-client: "on"` (or remove it: `on` is the default).',
      notes:
        '`optional` is reported at information level: it is a legitimate design when the backend checks the `ssl-client-verify` header that ingress-nginx passes on.',
      invalid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: partners
  annotations:
    nginx.ingress.kubernetes.io/auth-tls-secret: partners/partner-ca
    nginx.ingress.kubernetes.io/auth-tls-verify-client: "off"
spec:
  ingressClassName: nginx
  tls:
    - hosts: [partners.example.com]
      secretName: partners-tls
  rules:
    - host: partners.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: partners
                port:
                  number: 80
`,
      valid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: partners
  annotations:
    nginx.ingress.kubernetes.io/auth-tls-secret: partners/partner-ca
    nginx.ingress.kubernetes.io/auth-tls-verify-client: "on"
spec:
  ingressClassName: nginx
  tls:
    - hosts: [partners.example.com]
      secretName: partners-tls
  rules:
    - host: partners.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: partners
                port:
                  number: 80
`,
    },
    references: {
      peers: {},
      urls: ['https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#client-certificate-authentication'],
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (!servedByIngressNginx(object, ctx.config)) return;
    const secret = ngx(object, 'auth-tls-secret');
    const verify = ngx(object, 'auth-tls-verify-client');
    if (!secret || !verify || verify.templated) return;
    // YAML 1.1 reads an unquoted off as the boolean false; Kubernetes would reject it, but the intent is plain.
    const value = verify.isFalse ? 'off' : verify.str;
    const messageId = value === 'off' ? 'off' : value === 'optional_no_ca' ? 'optionalNoCa' : value === 'optional' ? 'optional' : undefined;
    if (!messageId) return;
    ctx.report({
      node: verify,
      messageId,
      severity: messageId === 'optional' ? 'info' : undefined,
      data: { name: object.name ?? 'this Ingress' },
      fix: (edit) => edit.setScalar(verify, quoted('on')),
    });
  },
});
