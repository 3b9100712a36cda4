import { defineRule } from '../engine/rule';
import type { EditBuilder } from '../fix/edit-builder';
import { placeholder, quoted } from '../fix/emit';
import { ngx, NGINX_PREFIX, servedByIngressNginx } from '../k8s/ingress-nginx';

/** True when the origin list (comma or space separated) has the bare `*` entry. */
function hasWildcard(origins: string): boolean {
  return origins.split(/[\s,]+/).some((o) => o === '*');
}

export default defineRule({
  meta: {
    id: 'ingress-nginx-cors-wildcard-with-credentials',
    title: 'CORS allows every origin with credentials',
    severity: 'warning',
    category: 'ingress-access',
    kinds: ['Ingress'],
    messages: {
      wildcard: 'Ingress "{{name}}" allows CORS from every origin ("*") with credentials',
      defaultOrigin: 'Ingress "{{name}}" enables CORS with credentials and no cors-allow-origin ("*")',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Set cors-allow-credentials to "false"' },
    since: '0.1.0',
    docs: {
      rationale:
        'With `enable-cors: "true"` ingress-nginx answers cross-origin requests for the origins in `cors-allow-origin` — every origin (`*`) when that annotation is absent — and sends `Access-Control-Allow-Credentials: true` unless `cors-allow-credentials` is `"false"` (both are the documented defaults). Credentialed CORS for any origin lets any page the user opens call the API with the user\'s cookies and read the responses: the same-origin policy no longer protects them.',
      remediation:
        'Set `cors-allow-origin` to the origins that need access (`"https://app.example.com, https://admin.example.com"`), or, when the API is public and cookie-less, set `cors-allow-credentials: "false"`. The first quick fix turns credentials off; the second puts an origin placeholder in place of `*`.',
      notes: 'Only the bare `*` entry counts as a wildcard; subdomain patterns such as `https://*.example.com` are a supported way to list trusted origins.',
      invalid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: api
  annotations:
    nginx.ingress.kubernetes.io/enable-cors: "true"
spec:
  ingressClassName: nginx
  rules:
    - host: api.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: api
                port:
                  number: 80
`,
      valid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: api
  annotations:
    nginx.ingress.kubernetes.io/enable-cors: "true"
    nginx.ingress.kubernetes.io/cors-allow-origin: "https://app.example.com"
spec:
  ingressClassName: nginx
  rules:
    - host: api.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: api
                port:
                  number: 80
`,
    },
    references: {
      peers: {},
      urls: [
        'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#enable-cors',
        'https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS#requests_with_credentials',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (!servedByIngressNginx(object, ctx.config)) return;
    const enable = ngx(object, 'enable-cors');
    if (enable?.str !== 'true') return;
    const credentials = ngx(object, 'cors-allow-credentials');
    if (credentials && (credentials.templated || credentials.str === 'false')) return;
    const origin = ngx(object, 'cors-allow-origin');
    if (origin && (origin.templated || !hasWildcard(origin.str ?? ''))) return;
    const annotations = ['metadata', 'annotations'];
    const data = { name: object.name ?? 'this Ingress', credentialsDefault: credentials ? '' : ' (the default)' };
    const fixes = [
      {
        apply: (edit: EditBuilder) => edit.setIn(object.root, [...annotations, `${NGINX_PREFIX}cors-allow-credentials`], quoted('false'), { overwrite: true }),
      },
      {
        title: 'List a trusted origin in cors-allow-origin',
        applicability: 'display-only' as const,
        preferred: false,
        apply: (edit: EditBuilder) =>
          edit.setIn(object.root, [...annotations, `${NGINX_PREFIX}cors-allow-origin`], placeholder('https://<trusted-origin>'), { overwrite: true }),
      },
    ];
    if (origin) ctx.report({ node: origin, messageId: 'wildcard', data, fix: fixes });
    else ctx.report({ node: enable, messageId: 'defaultOrigin', data, fix: fixes });
  },
});
