import { defineRule } from '../engine/rule';
import { containersOf, WORKLOAD_KINDS } from '../k8s/objects';
import { keepingComments } from '../fix/recipes';

export default defineRule({
  meta: {
    id: 'workload-host-port',
    title: 'Container binds a port on the node',
    severity: 'warning',
    category: 'pod-security',
    kinds: WORKLOAD_KINDS,
    messages: {
      hostPort: 'Container "{{name}}" binds hostPort {{port}} on every node it runs on',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Remove hostPort' },
    since: '0.1.0',
    docs: {
      rationale:
        'A `hostPort` maps a container port onto the node\'s own network interfaces. The workload becomes reachable from wherever the node is reachable, bypassing the Service, Ingress or Gateway where access is normally controlled, and NetworkPolicy implementations differ in whether they filter host ports at all. It also pins scheduling: only one such pod fits on a node. The Pod Security Standards forbid host ports at the **baseline** level ("Host Ports"); `hostPort: 0` means none and is allowed.',
      remediation:
        "Remove `hostPort` from the container's `ports` and reach the workload through a Service (ClusterIP behind an Ingress or Gateway, or a LoadBalancer with `loadBalancerSourceRanges`).",
      invalid: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: exporter
spec:
  template:
    spec:
      containers:
        - name: exporter
          image: prom/node-exporter:v1.8.2
          ports:
            - containerPort: 9100
              hostPort: 9100
`,
      valid: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: exporter
spec:
  template:
    spec:
      containers:
        - name: exporter
          image: prom/node-exporter:v1.8.2
          ports:
            - containerPort: 9100
`,
    },
    references: {
      peers: {
        polaris: 'hostPortSet',
        checkov: 'CKV_K8S_26',
        kics: '2b1836f1',
        trivy: 'KSV-0024',
        kubescape: 'C-0044',
      },
      urls: [
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
        'https://kubernetes.io/docs/concepts/configuration/overview/#services',
      ],
    },
  },
  check(ctx) {
    for (const container of containersOf(ctx.object)) {
      const ports = container.node.get('ports');
      if (!ports?.isSeq) continue;
      for (const port of ports.items()) {
        const hostPort = port.isMap ? port.get('hostPort') : undefined;
        const value = hostPort?.str;
        if (!hostPort || value === undefined || value === '0') continue;
        ctx.report({
          node: hostPort,
          messageId: 'hostPort',
          data: { name: container.name, port: value },
          fix: (edit) => keepingComments(edit, (e) => e.removePair(port, 'hostPort')),
        });
      }
    }
  },
});
