import { defineRule } from '../engine/rule';
import { matchGlob } from '../text/glob';
import { placeholder } from '../fix/emit';
import { ALB_PREFIX, ann, cloudControllerOf } from '../k8s/cloud-ingress';
import { distinctHosts } from '../k8s/ingress';

/** Annotations that restrict who reaches an internet-facing ALB. */
const RESTRICTIONS = ['inbound-cidrs', 'security-groups', 'wafv2-acl-arn', 'waf-acl-id'];

export default defineRule({
  meta: {
    id: 'alb-ingress-internet-facing-unrestricted',
    title: 'Internet-facing ALB is open to everyone',
    severity: 'warning',
    category: 'cloud-ingress',
    kinds: ['Ingress'],
    messages: {
      open: 'Ingress "{{name}}" is an internet-facing ALB with no source CIDRs, security group, auth or WAF',
    },
    fix: { availability: 'always', applicability: 'display-only', title: 'Restrict the sources (inbound-cidrs)' },
    since: '0.1.0',
    docs: {
      rationale:
        '`alb.ingress.kubernetes.io/scheme: internet-facing` gives the load balancer a public address, and by default the controller opens its listeners to `0.0.0.0/0`. Without `inbound-cidrs`, custom `security-groups`, an authenticating listener (`auth-type: oidc` or `cognito`) or a WAF (`wafv2-acl-arn`), every Service behind it is reachable from the whole Internet — often not what an internal tool or an API for known partners intends.',
      remediation:
        'Pick one: `inbound-cidrs` with the networks that need access (the quick fix leaves a `<your-cidr>` placeholder), `auth-type: oidc`/`cognito` to authenticate at the load balancer, a WAF ACL, or `scheme: internal` when only the VPC needs it (second quick fix). Both quick fixes are display-only: which one fits is for a person to decide.',
      notes: 'Hosts matching `ingress.publicHosts` in `.kubeward.yaml` (public on purpose) are reported at information level.',
      invalid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: admin
  annotations:
    alb.ingress.kubernetes.io/scheme: internet-facing
spec:
  ingressClassName: alb
  rules:
    - host: admin.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: admin
                port:
                  number: 80
`,
      valid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: admin
  annotations:
    alb.ingress.kubernetes.io/scheme: internet-facing
    alb.ingress.kubernetes.io/inbound-cidrs: 203.0.113.0/24
spec:
  ingressClassName: alb
  rules:
    - host: admin.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: admin
                port:
                  number: 80
`,
    },
    references: {
      peers: { kubescape: 'C-0256' },
      urls: [
        'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#access-control',
        'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#authentication',
      ],
    },
  },
  check(ctx) {
    const { object, config } = ctx;
    if (cloudControllerOf(object, config) !== 'alb') return;
    const scheme = ann(object, `${ALB_PREFIX}scheme`);
    if (scheme?.str !== 'internet-facing') return;
    if (RESTRICTIONS.some((r) => ann(object, ALB_PREFIX + r))) return;
    const authType = ann(object, `${ALB_PREFIX}auth-type`);
    if (authType && (authType.templated || authType.str === 'oidc' || authType.str === 'cognito')) return;
    const hosts = distinctHosts(object);
    const publicByDesign = hosts.length > 0 && hosts.every((h) => config.ingress.publicHosts.some((g) => matchGlob(g, h)));
    ctx.report({
      node: scheme,
      messageId: 'open',
      severity: publicByDesign ? 'info' : undefined,
      data: { name: object.name ?? 'this Ingress' },
      fix: [
        { apply: (edit) => edit.setIn(object.root, ['metadata', 'annotations', `${ALB_PREFIX}inbound-cidrs`], placeholder('<your-cidr>')) },
        { title: 'Make the load balancer internal', applicability: 'display-only', preferred: false, apply: (edit) => edit.setScalar(scheme, 'internal') },
      ],
    });
  },
});
