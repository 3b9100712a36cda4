import { defineRule } from '../engine/rule';
import { quoted } from '../fix/emit';
import { hasTls, nginxAnnotation } from '../k8s/ingress';
import { servedByIngressNginx } from '../k8s/ingress-nginx';

export default defineRule({
  meta: {
    id: 'ingress-nginx-ssl-redirect-disabled',
    title: 'ingress-nginx HTTPS redirect is turned off',
    severity: 'warning',
    category: 'ingress-tls',
    kinds: ['Ingress'],
    messages: {
      sslRedirect: 'Ingress "{{name}}" sets ssl-redirect to "false" although it has TLS',
      forceSslRedirect: 'Ingress "{{name}}" sets force-ssl-redirect to "false"',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Set the redirect to "true"' },
    since: '0.1.0',
    docs: {
      rationale:
        'ingress-nginx redirects HTTP to HTTPS (308) by default when an Ingress has TLS. `nginx.ingress.kubernetes.io/ssl-redirect: "false"` turns that off, so the same site answers over plain HTTP: a link, a bookmark or an attacker downgrading the connection is enough for credentials and session cookies to cross the network in clear text. `force-ssl-redirect` does the same job when TLS is terminated in front of the controller (an AWS ELB, for instance); setting it to `"false"` explicitly is a sign the redirect was switched off on purpose and forgotten.',
      remediation:
        'Set the annotation to `"true"` (or remove it: `ssl-redirect` defaults to `"true"` when the Ingress has TLS). Serve ACME HTTP-01 challenges with cert-manager\'s solver Ingress, which ingress-nginx exempts from the redirect.',
      invalid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    nginx.ingress.kubernetes.io/ssl-redirect: "false"
spec:
  ingressClassName: nginx
  tls:
    - hosts: [shop.example.com]
      secretName: shop-tls
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: { name: shop, port: { number: 80 } }
`,
      valid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    nginx.ingress.kubernetes.io/ssl-redirect: "true"
spec:
  ingressClassName: nginx
  tls:
    - hosts: [shop.example.com]
      secretName: shop-tls
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: { name: shop, port: { number: 80 } }
`,
      notes:
        '`ssl-redirect: "false"` on an Ingress without TLS is not reported here: there is nothing to redirect to, and `ingress-tls-missing` reports the missing TLS.',
    },
    references: {
      urls: ['https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#server-side-https-enforcement-through-redirect'],
    },
  },
  check(ctx) {
    const { object, config } = ctx;
    if (!servedByIngressNginx(object, config)) return;
    const data = { name: object.name ?? 'this Ingress' };
    const redirect = nginxAnnotation(object, 'ssl-redirect');
    if (redirect?.str === 'false' && hasTls(object)) {
      ctx.report({ node: redirect, messageId: 'sslRedirect', data, fix: (edit) => edit.setScalar(redirect, quoted('true')) });
    }
    const force = nginxAnnotation(object, 'force-ssl-redirect');
    if (force?.str === 'false') {
      ctx.report({ node: force, messageId: 'forceSslRedirect', data, fix: (edit) => edit.setScalar(force, quoted('true')) });
    }
  },
});
