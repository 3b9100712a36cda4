import { defineRule } from '../engine/rule';
import { NGINX_PREFIX, ngx, servedByIngressNginx } from '../k8s/ingress-nginx';
import { annotationsOf } from '../k8s/objects';

/** Access controls that SSL passthrough silently switches off (they need nginx to see HTTP). */
const IGNORED_CONTROLS = [
  'auth-type',
  'auth-url',
  'auth-secret',
  'auth-tls-secret',
  'auth-tls-verify-client',
  'whitelist-source-range',
  'denylist-source-range',
  'limit-rps',
  'limit-rpm',
  'limit-connections',
  'enable-modsecurity',
  'enable-owasp-core-rules',
  'satisfy',
];

export default defineRule({
  meta: {
    id: 'ingress-nginx-ssl-passthrough',
    title: 'SSL passthrough bypasses ingress-nginx',
    severity: 'hint',
    // Off by default, as the catalogue's core set proposes: useful when reviewing TLS, but passthrough is usually deliberate.
    optIn: true,
    category: 'ingress-tls',
    kinds: ['Ingress'],
    messages: {
      passthrough: 'Ingress "{{name}}" uses SSL passthrough',
      ignored: 'Ingress "{{name}}" uses SSL passthrough, which disables its {{controls}} annotations',
    },
    fix: { availability: 'none' },
    since: '0.1.0',
    docs: {
      rationale:
        'With `ssl-passthrough: "true"` (and the controller started with `--enable-ssl-passthrough`) ingress-nginx proxies TLS connections at layer 4, picking the backend by SNI. It never decrypts the traffic, so — as its documentation warns — every other annotation of the Ingress is ignored: authentication, IP allowlists, rate limits, ModSecurity, redirects. Passthrough also intercepts all traffic on port 443 of the controller.',
      remediation:
        'Keep passthrough for backends that must terminate TLS themselves (for example, to see client certificates) and move any access control into the backend. If the annotations matter, remove `ssl-passthrough` and let nginx terminate TLS (`spec.tls`), re-encrypting to the backend with `backend-protocol: "HTTPS"`.',
      notes: 'Reported as a hint; as a warning when the Ingress also carries access-control annotations that passthrough switches off.',
      invalid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: vault
  annotations:
    nginx.ingress.kubernetes.io/ssl-passthrough: "true"
    nginx.ingress.kubernetes.io/whitelist-source-range: 10.0.0.0/8
spec:
  ingressClassName: nginx
  rules:
    - host: vault.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: vault
                port:
                  number: 8200
`,
      valid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: vault
  annotations:
    nginx.ingress.kubernetes.io/whitelist-source-range: 10.0.0.0/8
    nginx.ingress.kubernetes.io/backend-protocol: "HTTPS"
spec:
  ingressClassName: nginx
  tls:
    - hosts: [vault.example.com]
      secretName: vault-tls
  rules:
    - host: vault.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: vault
                port:
                  number: 8200
`,
    },
    references: {
      peers: {},
      urls: [
        'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#ssl-passthrough',
        'https://kubernetes.github.io/ingress-nginx/user-guide/tls/#ssl-passthrough',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (!servedByIngressNginx(object, ctx.config)) return;
    const passthrough = ngx(object, 'ssl-passthrough');
    if (passthrough?.str !== 'true') return;
    const present = annotationsOf(object)?.keys() ?? [];
    const controls = IGNORED_CONTROLS.filter((c) => present.includes(NGINX_PREFIX + c));
    const data = { name: object.name ?? 'this Ingress', controls: controls.join(', ') };
    if (controls.length > 0) ctx.report({ node: passthrough, messageId: 'ignored', data, severity: 'warning' });
    else ctx.report({ node: passthrough, messageId: 'passthrough', data });
  },
});
