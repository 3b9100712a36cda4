import { defineRule } from '../engine/rule';
import { ALB_PREFIX, ALB_RECOMMENDED_SSL_POLICY, ann, cloudControllerOf, elbPolicyMinTls } from '../k8s/cloud-ingress';

export default defineRule({
  meta: {
    id: 'alb-ingress-weak-ssl-policy',
    title: 'ALB security policy allows TLS 1.0 or 1.1',
    severity: 'warning',
    category: 'cloud-ingress',
    kinds: ['Ingress'],
    messages: {
      weak: 'Ingress "{{name}}" uses security policy {{policy}}, which still accepts TLS 1.{{minor}}',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: `Use ${ALB_RECOMMENDED_SSL_POLICY}` },
    since: '0.1.0',
    docs: {
      rationale:
        'The `alb.ingress.kubernetes.io/ssl-policy` annotation picks the ELB security policy of the HTTPS listeners: the TLS versions and ciphers the load balancer accepts. Older and compatibility policies (`ELBSecurityPolicy-2016-08`, `…-TLS-1-1-2017-01`, `…-FS-2018-06`, `…-TLS13-1-0-2021-06`, …) still accept TLS 1.0 or 1.1, which RFC 8996 deprecates, and the CBC and SHA-1 suites that come with them.',
      remediation: `Use \`${ALB_RECOMMENDED_SSL_POLICY}\` (TLS 1.2 and 1.3, AWS's recommended policy) or another policy whose name carries \`TLS13-1-2\`, \`TLS-1-2\` or \`FS-1-2\`. Check first that no client still needs TLS 1.0/1.1.`,
      notes:
        'The minimum TLS version is read from the policy name (`…-TLS13-1-2-…` means TLS 1.2; dated policies such as `ELBSecurityPolicy-2016-08` allow TLS 1.0). Names that are not AWS security policies are not reported.',
      invalid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    alb.ingress.kubernetes.io/listen-ports: '[{"HTTPS": 443}]'
    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:123456789012:certificate/abc
    alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-2016-08
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
    alb.ingress.kubernetes.io/listen-ports: '[{"HTTPS": 443}]'
    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:123456789012:certificate/abc
    alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-TLS13-1-2-2021-06
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
        'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html',
        'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#ssl-policy',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (cloudControllerOf(object, ctx.config) !== 'alb') return;
    const policy = ann(object, `${ALB_PREFIX}ssl-policy`);
    const value = policy?.str;
    if (!policy || value === undefined) return;
    const min = elbPolicyMinTls(value);
    if (min === undefined || min >= 12) return;
    ctx.report({
      node: policy,
      messageId: 'weak',
      data: { name: object.name ?? 'this Ingress', policy: value, minor: String(min - 10), recommended: ALB_RECOMMENDED_SSL_POLICY },
      fix: (edit) => edit.setScalar(policy, ALB_RECOMMENDED_SSL_POLICY),
    });
  },
});
