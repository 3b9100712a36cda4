import { defineRule, type FixSpec } from '../engine/rule';
import { placeholder, quoted } from '../fix/emit';
import { annotationsOf } from '../k8s/objects';
import { INTERNAL_LB_FIX, loadBalancerExposure, providerOf, serviceType, sourceRangesOf, type CloudProvider } from '../k8s/services';
import { toClusterIP } from '../fix/recipes';

export default defineRule({
  meta: {
    id: 'service-loadbalancer-unrestricted',
    title: 'LoadBalancer Service is open to the whole Internet',
    severity: 'warning',
    category: 'service',
    kinds: ['Service'],
    messages: {
      unrestricted: 'Service "{{name}}" is a public LoadBalancer with no loadBalancerSourceRanges',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Add loadBalancerSourceRanges' },
    since: '0.1.0',
    docs: {
      rationale:
        'A `type: LoadBalancer` Service makes the cloud provision a load balancer with a public IP address that forwards straight to the pods. Nothing in front of it authenticates or filters: every port of the Service is reachable by anyone on the Internet, including scanners that find a new address within minutes. Restricting the source ranges, or asking the cloud for an internal load balancer (AWS `aws-load-balancer-scheme: internal` or the legacy `aws-load-balancer-internal: "true"`, GKE `networking.gke.io/load-balancer-type: "Internal"` or the legacy `cloud.google.com/load-balancer-type`, Azure `azure-load-balancer-internal: "true"`, and the OCI, OpenStack, IBM and Alibaba equivalents), keeps it off the Internet.',
      remediation:
        "Add `spec.loadBalancerSourceRanges` with the CIDRs that may connect (office, VPN, partner ranges). If only clients inside the VPC need it, add your cloud's internal-load-balancer annotation instead. If the Service serves HTTP, make it `type: ClusterIP` and publish it through an Ingress or a Gateway that terminates TLS and authenticates.",
      invalid: `apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  type: LoadBalancer
  selector:
    app: api
  ports:
    - port: 443
      targetPort: 8443
`,
      valid: `apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  type: LoadBalancer
  loadBalancerSourceRanges:
    - 203.0.113.0/24
  selector:
    app: api
  ports:
    - port: 443
      targetPort: 8443
`,
      notes:
        'The rule stays silent when the annotations or the source ranges are Helm-templated, since the chart may make the load balancer internal. `spec.loadBalancerSourceRanges` containing `0.0.0.0/0` is reported by `service-source-ranges-open` instead.',
    },
    references: {
      peers: { kics: '26763a1c', 'kube-linter': 'exposed-services', kubescape: 'C-0256' },
      urls: [
        'https://kubernetes.io/docs/concepts/services-networking/service/#loadbalancer',
        'https://kubernetes.io/docs/concepts/services-networking/service/#internal-load-balancer',
        'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/annotations/#lb-scheme',
        'https://cloud.google.com/kubernetes-engine/docs/how-to/internal-load-balancing',
        'https://learn.microsoft.com/en-us/azure/aks/internal-lb',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    const { type, node: typeNode } = serviceType(object);
    if (type !== 'LoadBalancer' || !typeNode) return;
    if (loadBalancerExposure(object, (n) => ctx.isUncertain(n)) !== 'open') return;
    // An open 0.0.0.0/0 range is service-source-ranges-open's finding.
    if (sourceRangesOf(object).ranges.length > 0) return;
    const spec = object.root.get('spec')!;
    const ranges = spec.get('loadBalancerSourceRanges');
    const provider = providerOf(object);
    const providers: CloudProvider[] = provider ? [provider] : ['aws', 'gcp', 'azure'];
    const fixes: FixSpec[] = [
      {
        title: 'Add loadBalancerSourceRanges',
        apply: (edit) => edit.setIn(spec, ['loadBalancerSourceRanges'], [placeholder('<your-cidr>')], { overwrite: Boolean(ranges) }),
      },
      ...providers.map((p): FixSpec => ({
        title: `Make it an internal ${INTERNAL_LB_FIX[p].label} load balancer`,
        apply: (edit) => {
          const { key, value } = INTERNAL_LB_FIX[p];
          const annotations = annotationsOf(object);
          if (annotations?.get(key))
            edit.replaceValue(annotations.get(key)!, value); // keeps its quoting; "true" stays a string
          else edit.setIn(object.metadata ?? object.root, object.metadata ? ['annotations', key] : ['metadata', 'annotations', key], quoted(value));
        },
      })),
      { title: 'Change the type to ClusterIP', apply: (edit) => toClusterIP(edit, object, typeNode) },
    ];
    ctx.report({ node: typeNode, messageId: 'unrestricted', data: { name: object.name ?? 'this Service' }, fix: fixes });
  },
});
