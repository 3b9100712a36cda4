import { defineRule } from '../engine/rule';
import { quoted } from '../fix/emit';
import { AGIC_PREFIX, ann, cloudControllerOf } from '../k8s/cloud-ingress';
import { hasTls } from '../k8s/ingress';

export default defineRule({
  meta: {
    id: 'agic-ingress-no-ssl-redirect',
    title: 'Application Gateway Ingress serves HTTP without redirecting',
    severity: 'warning',
    category: 'cloud-ingress',
    kinds: ['Ingress'],
    messages: {
      missing: 'Ingress "{{name}}" has TLS on Application Gateway but no ssl-redirect annotation',
      disabled: 'Ingress "{{name}}" has TLS on Application Gateway but sets ssl-redirect to "{{value}}"',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Set ssl-redirect to "true"' },
    since: '0.1.0',
    docs: {
      rationale:
        'The Application Gateway Ingress Controller (class `azure/application-gateway`) adds an HTTPS listener for Ingresses with TLS (`spec.tls` or `appgw-ssl-certificate`), but keeps serving HTTP on port 80 unless `appgw.ingress.kubernetes.io/ssl-redirect: "true"` turns it into a redirect — the default is `false`. Users and links that start with `http://` then stay on plain HTTP.',
      remediation:
        'Set `appgw.ingress.kubernetes.io/ssl-redirect: "true"`. For applications that should not be public at all, also consider `appgw.ingress.kubernetes.io/use-private-ip: "true"`.',
      notes:
        'Runs only for Ingresses served by AGIC: class `azure/application-gateway` (or `azure-application-gateway`), or `appgw.ingress.kubernetes.io/` annotations with a custom or no class.',
      invalid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    kubernetes.io/ingress.class: azure/application-gateway
spec:
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
    kubernetes.io/ingress.class: azure/application-gateway
    appgw.ingress.kubernetes.io/ssl-redirect: "true"
spec:
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
              service:
                name: shop
                port:
                  number: 80
`,
    },
    references: {
      peers: {},
      urls: [
        'https://azure.github.io/application-gateway-kubernetes-ingress/annotations/#ssl-redirect',
        'https://azure.github.io/application-gateway-kubernetes-ingress/features/appgw-ssl-certificate/',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (cloudControllerOf(object, ctx.config) !== 'agic') return;
    if (!hasTls(object) && !ann(object, `${AGIC_PREFIX}appgw-ssl-certificate`)) return;
    const redirect = ann(object, `${AGIC_PREFIX}ssl-redirect`);
    const name = object.name ?? 'this Ingress';
    if (redirect) {
      if (redirect.templated || redirect.str === 'true') return;
      ctx.report({ node: redirect, messageId: 'disabled', data: { name, value: redirect.str ?? '' }, fix: (edit) => edit.setScalar(redirect, quoted('true')) });
      return;
    }
    const annotations = object.metadata?.get('annotations');
    ctx.reportMissing({
      parent: annotations?.isMap ? annotations : (object.metadata ?? object.root),
      messageId: 'missing',
      data: { name },
      fix: (edit) => edit.setIn(object.root, ['metadata', 'annotations', `${AGIC_PREFIX}ssl-redirect`], quoted('true')),
    });
  },
});
