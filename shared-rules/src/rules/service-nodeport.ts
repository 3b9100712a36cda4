import { defineRule } from '../engine/rule';
import { serviceType, servicePortsOf } from '../k8s/services';
import { toClusterIP } from '../fix/recipes';

export default defineRule({
  meta: {
    id: 'service-nodeport',
    title: 'Service opens a port on every node',
    severity: 'info',
    category: 'service',
    kinds: ['Service'],
    messages: {
      nodePort: 'Service "{{name}}" is type NodePort',
      explicitNodePort: 'Service "{{name}}" pins nodePort {{port}} on a LoadBalancer',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Change the type to ClusterIP' },
    since: '0.1.0',
    docs: {
      rationale:
        'A NodePort Service listens on a port (30000–32767) of **every** node. Node addresses are often reachable from far more places than intended (a flat VPC, a public subnet, a forgotten firewall rule), and traffic through a node port skips the Ingress controller: no TLS, no authentication, no rate limits. A LoadBalancer Service allocates node ports too unless `allocateLoadBalancerNodePorts: false`; pinning one explicitly is a sign it is meant to be used directly.',
      remediation:
        'Make the Service `type: ClusterIP` and publish it through an Ingress or Gateway. If it must be reachable from outside the cluster on its own, use a LoadBalancer with `loadBalancerSourceRanges`. For a LoadBalancer whose implementation does not need node ports (NLB in IP mode, MetalLB L2, Cilium), set `allocateLoadBalancerNodePorts: false`.',
      invalid: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector:
    app: web
  ports:
    - port: 80
      nodePort: 30080
`,
      valid: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: ClusterIP
  selector:
    app: web
  ports:
    - port: 80
`,
    },
    references: {
      peers: { kics: '845acfbe', 'kube-linter': 'exposed-services', kubescape: 'C-0256' },
      urls: [
        'https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport',
        'https://kubernetes.io/docs/concepts/services-networking/service/#load-balancer-nodeport-allocation',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    const { type, node: typeNode } = serviceType(object);
    const name = object.name ?? 'this Service';
    if (type === 'NodePort' && typeNode) {
      ctx.report({ node: typeNode, messageId: 'nodePort', data: { name }, fix: (edit) => toClusterIP(edit, object, typeNode) });
      return;
    }
    if (type !== 'LoadBalancer') return;
    const spec = object.root.get('spec')!;
    const allocate = spec.get('allocateLoadBalancerNodePorts');
    if (allocate?.isFalse || allocate?.templated) return;
    for (const port of servicePortsOf(object)) {
      const nodePort = port.nodePortNode;
      if (!nodePort || nodePort.isNull || nodePort.templated) continue;
      ctx.report({
        node: nodePort,
        messageId: 'explicitNodePort',
        data: { name, port: nodePort.str ?? '' },
        fix: {
          title: 'Remove the nodePort and stop allocating node ports',
          apply: (edit) => {
            edit.removePair(port.node, 'nodePort');
            edit.setIn(spec, ['allocateLoadBalancerNodePorts'], false, { overwrite: true });
          },
        },
      });
    }
  },
});
