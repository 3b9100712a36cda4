import { defineRule } from '../engine/rule';
import { placeholder } from '../fix/emit';
import { isOpenCidr, SOURCE_RANGE_ANNOTATIONS } from '../k8s/ingress';
import { annotation } from '../k8s/objects';

export const CIDR_PLACEHOLDER = '<your-cidr>/32';

export default defineRule({
  meta: {
    id: 'ingress-source-range-open',
    title: 'Ingress source-range allowlist admits every address',
    severity: 'error',
    category: 'ingress-access',
    kinds: ['Ingress'],
    messages: {
      open: 'Ingress "{{name}}" allows {{cidr}} in {{annotation}}, which admits every address',
    },
    fix: { availability: 'always', applicability: 'display-only', title: 'Replace the open range with your CIDR' },
    since: '0.1.0',
    docs: {
      rationale:
        'A source-range annotation — ingress-nginx `whitelist-source-range` (renamed `allowlist-source-range`) or the AWS Load Balancer Controller `inbound-cidrs` — is how an Ingress is limited to an office, a VPN or a partner. A `/0` range (`0.0.0.0/0`, `::/0`) in that list admits every address, so the Ingress is exactly as public as one without the annotation, while reviewers reading the manifest believe it is restricted. It is usually a leftover from debugging.',
      remediation:
        'Replace the open range with the CIDR ranges that should reach the Ingress (`203.0.113.0/24,198.51.100.7/32`). If the Ingress is public on purpose, remove the annotation instead, so nobody mistakes it for a restriction.',
      invalid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: admin
  annotations:
    nginx.ingress.kubernetes.io/whitelist-source-range: "10.0.0.0/8,0.0.0.0/0"
spec:
  ingressClassName: nginx
  rules:
    - host: admin.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: { name: admin, port: { number: 80 } }
`,
      valid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: admin
  annotations:
    nginx.ingress.kubernetes.io/whitelist-source-range: "10.0.0.0/8,203.0.113.0/24"
spec:
  ingressClassName: nginx
  rules:
    - host: admin.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: { name: admin, port: { number: 80 } }
`,
      notes:
        'Any range with a `/0` prefix length is open, whatever its address part. The fix never writes an open range: it puts the placeholder `<your-cidr>/32` in place of the first open range (and drops further open ones), for you to replace.',
    },
    references: {
      peers: { kics: '3a7d4239' },
      urls: [
        'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#whitelist-source-range',
        'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#inbound-cidrs',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    for (const key of SOURCE_RANGE_ANNOTATIONS) {
      const node = annotation(object, key);
      const value = node?.str;
      if (!node || value === undefined) continue;
      const entries = value.split(',').map((e) => e.trim());
      const open = entries.filter(isOpenCidr);
      if (open.length === 0) continue;
      const kept: string[] = [];
      let replaced = false;
      for (const entry of entries) {
        if (!isOpenCidr(entry)) kept.push(entry);
        else if (!replaced) {
          kept.push(CIDR_PLACEHOLDER);
          replaced = true;
        }
      }
      const next = kept.filter((e) => e !== '').join(',');
      ctx.report({
        node,
        messageId: 'open',
        data: { name: object.name ?? 'this Ingress', annotation: key, cidr: open[0]! },
        fix: (edit) => {
          if (next === CIDR_PLACEHOLDER) edit.setScalar(node, placeholder(CIDR_PLACEHOLDER));
          else {
            edit.setScalar(node, next);
            edit.placeholders.push(CIDR_PLACEHOLDER);
          }
        },
      });
    }
  },
});
