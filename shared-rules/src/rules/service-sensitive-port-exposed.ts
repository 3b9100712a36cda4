import { defineRule, type FixSpec } from '../engine/rule';
import { placeholder } from '../fix/emit';
import { loadBalancerExposure, SENSITIVE_PORTS, sensitiveInterfaceIn, serviceType, servicePortsOf, sourceRangesOf } from '../k8s/services';
import { toClusterIP } from '../fix/recipes';

export default defineRule({
  meta: {
    id: 'service-sensitive-port-exposed',
    title: 'Admin or database port exposed outside the cluster',
    severity: 'error',
    category: 'service',
    kinds: ['Service'],
    messages: {
      port: 'Service "{{name}}" exposes port {{port}} ({{what}}) as a {{type}}',
      interface: 'Service "{{name}}" exposes {{what}} as a {{type}}',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Change the type to ClusterIP' },
    since: '0.1.0',
    docs: {
      rationale:
        'Some ports are control planes, not web sites: SSH (22), the Docker API (2375/2376), etcd (2379/2380), MySQL (3306), PostgreSQL (5432), Redis (6379), Elasticsearch (9200/9300), the kubelet (10250) and MongoDB (27017). Published through a NodePort or an unrestricted LoadBalancer they face every scanner on the network; default or weak credentials, or none at all (Redis, Elasticsearch, the Docker API), turn that into a takeover. The same holds for consoles that Kubescape lists as sensitive interfaces (Jenkins, Argo Server, the Kubernetes dashboard, Kubeflow, MLflow, Ray, JupyterHub…), recognised here by the Service name or selector.',
      remediation:
        'Make the Service `type: ClusterIP` and reach it through `kubectl port-forward`, a bastion or a VPN. If it must be reachable from outside, use a LoadBalancer restricted with `loadBalancerSourceRanges` or an internal load balancer, and put consoles behind an authenticating Ingress.',
      invalid: `apiVersion: v1
kind: Service
metadata:
  name: postgres
spec:
  type: LoadBalancer
  selector:
    app: postgres
  ports:
    - port: 5432
`,
      valid: `apiVersion: v1
kind: Service
metadata:
  name: postgres
spec:
  type: ClusterIP
  selector:
    app: postgres
  ports:
    - port: 5432
`,
      notes:
        'A LoadBalancer restricted by source ranges or made internal by a cloud annotation is not reported; a NodePort always is, since node ports ignore both.',
    },
    references: {
      peers: { kubescape: 'C-0021', 'kube-linter': 'ssh-port' },
      urls: ['https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types', 'https://hub.armosec.io/docs/c-0021'],
    },
  },
  check(ctx) {
    const { object } = ctx;
    const { type, node: typeNode } = serviceType(object);
    if (!typeNode || (type !== 'NodePort' && type !== 'LoadBalancer')) return;
    if (type === 'LoadBalancer' && loadBalancerExposure(object, (n) => ctx.isUncertain(n)) !== 'open') return;
    const spec = object.root.get('spec')!;
    const fixes: FixSpec[] = [{ title: 'Change the type to ClusterIP', apply: (edit) => toClusterIP(edit, object, typeNode) }];
    if (type === 'LoadBalancer') {
      const ranges = sourceRangesOf(object);
      // With an open range present, service-source-ranges-open replaces it; otherwise add one.
      if (!ranges.node)
        fixes.push({ title: 'Add loadBalancerSourceRanges', apply: (edit) => edit.setIn(spec, ['loadBalancerSourceRanges'], [placeholder('<your-cidr>')]) });
    }
    const name = object.name ?? 'this Service';
    let reported = false;
    for (const entry of servicePortsOf(object)) {
      for (const [value, node] of [
        [entry.port, entry.portNode],
        [entry.targetPort, entry.targetPortNode],
      ] as const) {
        if (typeof value !== 'number' || !node) continue;
        const what = SENSITIVE_PORTS.get(value);
        if (!what) continue;
        ctx.report({ node, messageId: 'port', data: { name, port: value, what, type }, fix: fixes });
        reported = true;
        break; // one finding per port entry
      }
    }
    if (reported) return;
    const selector = spec.get('selector');
    const values = [object.name ?? '', ...(selector?.isMap ? selector.entries().flatMap(([, v]) => (v?.str ? [v.str] : [])) : [])];
    const sensitive = sensitiveInterfaceIn(values);
    if (sensitive) ctx.report({ node: typeNode, messageId: 'interface', data: { name, what: sensitive, type }, fix: fixes });
  },
});
