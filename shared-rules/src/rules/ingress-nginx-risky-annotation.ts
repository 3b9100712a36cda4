import { defineRule } from '../engine/rule';
import { HIGH_RISK_ANNOTATIONS, NGINX_PREFIX, ngx, servedByIngressNginx } from '../k8s/ingress-nginx';

export default defineRule({
  meta: {
    id: 'ingress-nginx-risky-annotation',
    title: 'Annotation is rated High risk by ingress-nginx',
    severity: 'hint',
    category: 'ingress-nginx',
    kinds: ['Ingress'],
    optIn: true,
    messages: {
      risky: 'Ingress "{{name}}" uses {{key}}, which ingress-nginx rates High risk',
    },
    fix: { availability: 'none' },
    since: '0.1.0',
    docs: {
      rationale:
        "ingress-nginx rates each annotation by how much of nginx's configuration its value can influence (`annotations-risk.md`). High-risk annotations — `auth-url`, `auth-signin`, `auth-tls-match-cn`, `mirror-target`, `mirror-host`, `server-alias`, `proxy-ssl-name`, `upstream-hash-by`, `auth-tls-error-page`, `modsecurity-transaction-id` — are written into nginx.conf and have been injection vectors (CVE-2025-24514, CVE-2025-1097, CVE-2025-1098). The controller accepts them at its default `annotations-risk-level: High` and rejects them below. Whoever may edit Ingresses with them effectively edits the controller's configuration.",
      remediation:
        'Keep these annotations to Ingresses written by cluster administrators, restrict who may edit Ingresses, and make sure their values are plain URLs, hosts or names. Lowering `annotations-risk-level` to `Medium` rejects them all.',
      notes:
        'Opt-in (a hint): `auth-url` and `auth-signin` are the standard way to put an OAuth proxy in front of an application, so most clusters use them on purpose. Turn it on with `rules: { ingress-nginx-risky-annotation: hint }` in `.kubeward.yaml` to review where they are used.',
      invalid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    nginx.ingress.kubernetes.io/mirror-target: https://mirror.example.com$request_uri
spec:
  ingressClassName: nginx
  rules:
    - host: web.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port:
                  number: 80
`,
      valid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    nginx.ingress.kubernetes.io/proxy-body-size: 8m
spec:
  ingressClassName: nginx
  rules:
    - host: web.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port:
                  number: 80
`,
    },
    references: {
      peers: {},
      urls: [
        'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations-risk/',
        'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/#annotations-risk-level',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (!servedByIngressNginx(object, ctx.config)) return;
    for (const name of HIGH_RISK_ANNOTATIONS) {
      const node = ngx(object, name);
      if (!node) continue;
      ctx.report({ node, at: 'key', messageId: 'risky', data: { name: object.name ?? 'this Ingress', key: NGINX_PREFIX + name } });
    }
  },
});
