import { defineRule } from '../engine/rule';
import type { EditBuilder } from '../fix/edit-builder';
import { placeholder } from '../fix/emit';
import { ALB_DEFAULT_LISTEN_PORTS, ALB_PREFIX, albListeners, ann, cloudControllerOf } from '../k8s/cloud-ingress';
import { hasTls } from '../k8s/ingress';
import { ruleHostsOf } from '../k8s/ingress';
import type { K8sObject } from '../k8s/objects';

const ANNOTATIONS = ['metadata', 'annotations'];

/** listen-ports for HTTP and HTTPS, a certificate when none can be found, and the redirect. */
function addHttps(edit: EditBuilder, object: K8sObject, withCertificate: boolean): void {
  edit.setIn(object.root, [...ANNOTATIONS, `${ALB_PREFIX}listen-ports`], ALB_DEFAULT_LISTEN_PORTS, { overwrite: true });
  if (withCertificate) edit.setIn(object.root, [...ANNOTATIONS, `${ALB_PREFIX}certificate-arn`], placeholder('<certificate-arn>'));
  if (!ann(object, `${ALB_PREFIX}ssl-redirect`)) edit.setIn(object.root, [...ANNOTATIONS, `${ALB_PREFIX}ssl-redirect`], '443');
}

export default defineRule({
  meta: {
    id: 'alb-ingress-no-https',
    title: 'ALB Ingress has no HTTPS listener',
    severity: 'error',
    category: 'cloud-ingress',
    kinds: ['Ingress'],
    messages: {
      httpOnly: 'Ingress "{{name}}" gives its AWS load balancer only HTTP listeners ({{listeners}})',
      noListenPorts: 'Ingress "{{name}}" has no listen-ports or certificate-arn: its ALB listens on HTTP:80 only',
      noCertificate: 'Ingress "{{name}}" asks for an HTTPS listener but gives its ALB no certificate',
    },
    fix: { availability: 'always', applicability: 'display-only', title: 'Add an HTTPS listener, certificate and redirect' },
    since: '0.1.0',
    docs: {
      rationale:
        'The AWS Load Balancer Controller creates the listeners of an ALB from `alb.ingress.kubernetes.io/listen-ports`, which defaults to HTTP:80 — or HTTPS:443 when `certificate-arn` is set. Without an HTTPS listener the application is only reachable over plain HTTP. An HTTPS listener needs a certificate: `certificate-arn`, or one discovered in ACM from `spec.tls` or the rule hosts.',
      remediation:
        'Set `listen-ports: \'[{"HTTP": 80}, {"HTTPS": 443}]\'`, `certificate-arn` (the quick fix leaves a `<certificate-arn>` placeholder to fill) and `ssl-redirect: \'443\'` so HTTP answers with a redirect.',
      notes:
        'Runs only for Ingresses served by the AWS Load Balancer Controller: class `alb`, or `alb.ingress.kubernetes.io/` annotations with a custom or no class.',
      invalid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    alb.ingress.kubernetes.io/scheme: internal
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
    alb.ingress.kubernetes.io/scheme: internal
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
        'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#listen-ports',
        'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/tasks/ssl_redirect/',
        'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/cert_discovery/',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (cloudControllerOf(object, ctx.config) !== 'alb') return;
    const found = albListeners(object);
    if (!found) return;
    const name = object.name ?? 'this Ingress';
    const certificate = ann(object, `${ALB_PREFIX}certificate-arn`);
    const hosts = ruleHostsOf(object).some((h) => h.host || h.templated);
    const discoverable = hasTls(object) || hosts;
    if (!found.listeners.some((l) => l.protocol === 'HTTPS')) {
      // A certificate placeholder needs a person to fill it in; discovery from spec.tls does not.
      const withCertificate = !certificate && !hasTls(object);
      const fix = {
        applicability: withCertificate ? ('display-only' as const) : ('unsafe' as const),
        apply: (edit: EditBuilder) => addHttps(edit, object, withCertificate),
      };
      if (found.node) {
        ctx.report({
          node: found.node,
          messageId: 'httpOnly',
          data: { name, listeners: found.listeners.map((l) => `${l.protocol}:${l.port}`).join(', ') },
          fix,
        });
      } else {
        const annotations = object.metadata?.get('annotations');
        ctx.reportMissing({ parent: annotations?.isMap ? annotations : (object.metadata ?? object.root), messageId: 'noListenPorts', data: { name }, fix });
      }
      return;
    }
    if (!certificate && !discoverable && found.node) {
      ctx.report({
        node: found.node,
        messageId: 'noCertificate',
        data: { name },
        fix: {
          title: 'Set certificate-arn',
          apply: (edit) => edit.setIn(object.root, [...ANNOTATIONS, `${ALB_PREFIX}certificate-arn`], placeholder('<certificate-arn>')),
        },
      });
    }
  },
});
