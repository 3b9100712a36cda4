import rule from '../../shared-rules/src/rules/alb-ingress-internet-facing-unrestricted';
import { ingressWith } from '../helpers/ingress';
import { ruleTester } from '../rule-tester';

const alb = (annotations: string[]) => ingressWith(annotations, { className: 'alb' });
const PUBLIC = 'alb.ingress.kubernetes.io/scheme: internet-facing';

ruleTester(rule, {
  valid: [
    alb(['alb.ingress.kubernetes.io/scheme: internal']),
    { name: 'source CIDRs', code: alb([PUBLIC, 'alb.ingress.kubernetes.io/inbound-cidrs: 203.0.113.0/24']) },
    { name: 'custom security groups', code: alb([PUBLIC, 'alb.ingress.kubernetes.io/security-groups: sg-0123']) },
    { name: 'OIDC at the load balancer', code: alb([PUBLIC, 'alb.ingress.kubernetes.io/auth-type: oidc']) },
    { name: 'a WAF', code: alb([PUBLIC, 'alb.ingress.kubernetes.io/wafv2-acl-arn: arn:aws:wafv2:eu-west-1:1:regional/webacl/x']) },
    { name: 'templated auth-type', code: alb([PUBLIC, 'alb.ingress.kubernetes.io/auth-type: {{ .Values.auth }}']) },
    { name: 'not an ALB Ingress', code: ingressWith([PUBLIC], { className: 'nginx' }) },
    { name: 'suppressed', code: alb(['ignore.kubeward.io/alb-ingress-internet-facing-unrestricted: "public website"', PUBLIC]) },
  ],
  invalid: [
    {
      name: 'open to the Internet: inbound-cidrs placeholder; the internal variant',
      code: alb([PUBLIC, 'alb.ingress.kubernetes.io/auth-type: none']),
      errors: [{ line: 6, column: 39, endColumn: 54, messageId: 'open', severity: 'warning' }],
      output: alb([PUBLIC, 'alb.ingress.kubernetes.io/auth-type: none', 'alb.ingress.kubernetes.io/inbound-cidrs: <your-cidr>']),
      applicability: 'display-only',
      fixes: [
        { title: 'Make the load balancer internal', output: alb(['alb.ingress.kubernetes.io/scheme: internal', 'alb.ingress.kubernetes.io/auth-type: none']) },
      ],
    },
    {
      name: 'hosts that are public on purpose: information',
      code: alb([PUBLIC]),
      config: { ingress: { publicHosts: ['*.example.com'] } },
      errors: [{ line: 6, column: 39, endColumn: 54, messageId: 'open', severity: 'info' }],
      output: alb([PUBLIC, 'alb.ingress.kubernetes.io/inbound-cidrs: <your-cidr>']),
    },
  ],
});
