import { defineRule } from '../engine/rule';
import { quoted } from '../fix/emit';
import { ALB_PREFIX, albListeners, ann, cloudControllerOf } from '../k8s/cloud-ingress';

export default defineRule({
  meta: {
    id: 'alb-ingress-no-ssl-redirect',
    title: 'ALB Ingress serves HTTP without redirecting to HTTPS',
    severity: 'warning',
    category: 'cloud-ingress',
    kinds: ['Ingress'],
    messages: {
      missing: 'Ingress "{{name}}" listens on HTTP and HTTPS without alb.ingress.kubernetes.io/ssl-redirect',
      badPort: 'Ingress "{{name}}" redirects HTTP to port {{value}}, which is not an HTTPS listener ({{https}})',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Redirect HTTP to HTTPS (ssl-redirect)' },
    since: '0.1.0',
    docs: {
      rationale:
        'An ALB with both an HTTP and an HTTPS listener serves the application on both unless `alb.ingress.kubernetes.io/ssl-redirect` names the HTTPS port to redirect to (or a legacy `actions.ssl-redirect` action does it). Users and links that start with `http://` then stay on plain HTTP, where cookies and credentials can be read and changed in transit.',
      remediation:
        "Set `alb.ingress.kubernetes.io/ssl-redirect: '443'` (an HTTPS port of `listen-ports`). The controller then answers every HTTP request with a 301 to HTTPS.",
      invalid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS": 443}]'
    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:123456789012:certificate/abc
spec:
  ingressClassName: alb
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: shop
                port:
                  number: 80
`,
      valid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS": 443}]'
    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:123456789012:certificate/abc
    alb.ingress.kubernetes.io/ssl-redirect: '443'
spec:
  ingressClassName: alb
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: shop
                port:
                  number: 80
`,
    },
    references: {
      peers: {},
      urls: [
        'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#ssl-redirect',
        'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/tasks/ssl_redirect/',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (cloudControllerOf(object, ctx.config) !== 'alb') return;
    const found = albListeners(object);
    if (!found?.node) return;
    const https = found.listeners.filter((l) => l.protocol === 'HTTPS').map((l) => l.port);
    if (https.length === 0 || !found.listeners.some((l) => l.protocol === 'HTTP')) return;
    const port = String(https[0]);
    const name = object.name ?? 'this Ingress';
    const redirect = ann(object, `${ALB_PREFIX}ssl-redirect`);
    if (redirect) {
      if (redirect.templated || redirect.str === undefined || https.includes(Number(redirect.str))) return;
      ctx.report({
        node: redirect,
        messageId: 'badPort',
        data: { name, value: redirect.str, https: https.join(', '), port },
        fix: (edit) => edit.setScalar(redirect, quoted(port)),
      });
      return;
    }
    if (ann(object, `${ALB_PREFIX}actions.ssl-redirect`)) return;
    ctx.report({
      node: found.node,
      messageId: 'missing',
      data: { name, port },
      fix: (edit) => edit.setIn(object.root, ['metadata', 'annotations', `${ALB_PREFIX}ssl-redirect`], quoted(port)),
    });
  },
});
