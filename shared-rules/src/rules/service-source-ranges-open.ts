import { defineRule } from '../engine/rule';
import { placeholder } from '../fix/emit';
import { isOpenCidr, serviceType, sourceRangesOf } from '../k8s/services';

export default defineRule({
  meta: {
    id: 'service-source-ranges-open',
    title: 'LoadBalancer source ranges admit every address',
    severity: 'error',
    category: 'service',
    kinds: ['Service'],
    messages: {
      open: 'Service "{{name}}" lists {{cidr}} in its load balancer source ranges',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Replace the open range with your CIDR' },
    since: '0.1.0',
    docs: {
      rationale:
        '`spec.loadBalancerSourceRanges` (or the `service.beta.kubernetes.io/load-balancer-source-ranges` annotation) is the firewall of a cloud load balancer. `0.0.0.0/0` or `::/0` in it admits every IPv4 or IPv6 address: the list looks like a restriction in review but the Service is as public as one without it. It is usually left over from debugging or copied from an example.',
      remediation:
        'Replace the open range with the CIDRs of the networks that must reach the Service (office, VPN, partner, the CDN in front of it). If nobody outside the VPC needs it, make the load balancer internal instead.',
      invalid: `apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  type: LoadBalancer
  loadBalancerSourceRanges:
    - 0.0.0.0/0
  ports:
    - port: 443
`,
      valid: `apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  type: LoadBalancer
  loadBalancerSourceRanges:
    - 203.0.113.0/24
  ports:
    - port: 443
`,
    },
    references: {
      urls: ['https://kubernetes.io/docs/tasks/access-application-cluster/create-external-load-balancer/#restrict-access-for-loadbalancer-service'],
    },
  },
  check(ctx) {
    const { object } = ctx;
    const { type } = serviceType(object);
    // The ranges only act on a load balancer; a templated type may be one.
    if (type !== 'LoadBalancer' && type !== undefined) return;
    const ranges = sourceRangesOf(object);
    if (!ranges.node || ranges.templated) return;
    const data = (cidr: string) => ({ name: object.name ?? 'this Service', cidr });
    if (ranges.source === 'annotation') {
      const node = ranges.node;
      const open = ranges.ranges.filter(isOpenCidr);
      if (open.length === 0) return;
      const kept = ranges.ranges.filter((r) => !isOpenCidr(r));
      ctx.report({
        node,
        messageId: 'open',
        data: data(open.join(', ')),
        // The annotation is one comma-separated string: put the placeholder where the open ranges were.
        fix: (edit) => edit.replaceValue(node, placeholder([...kept, '<your-cidr>'].join(','))),
      });
      return;
    }
    const items = ranges.node.items();
    const open = items.filter((item) => item.str !== undefined && isOpenCidr(item.str));
    open.forEach((item, k) => {
      ctx.report({
        node: item,
        messageId: 'open',
        data: data(item.str!),
        // The first open range becomes the placeholder; a second one (`::/0` beside `0.0.0.0/0`) goes.
        fix: k === 0 ? (edit) => edit.setScalar(item, placeholder('<your-cidr>')) : (edit) => edit.removeItem(item),
      });
    });
  },
});
