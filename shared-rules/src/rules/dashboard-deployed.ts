import { defineRule } from '../engine/rule';
import { annotation, isWorkload, podMetadataOf, WORKLOAD_KINDS } from '../k8s/objects';

const AUTH_ANNOTATIONS = ['nginx.ingress.kubernetes.io/auth-url', 'nginx.ingress.kubernetes.io/auth-type'];
import { dashboardLabel, imagesMatching, isDashboardImage, isDashboardName } from '../k8s/legacy';
import { ingressServiceBackends, serviceType } from '../k8s/services';

export default defineRule({
  meta: {
    id: 'dashboard-deployed',
    title: 'Kubernetes dashboard is deployed',
    severity: 'warning',
    category: 'legacy',
    kinds: [...WORKLOAD_KINDS, 'Service', 'Ingress'],
    messages: {
      workload: '{{kind}} "{{name}}" runs the Kubernetes dashboard',
      exposedService: 'Service "{{name}}" publishes the Kubernetes dashboard as a {{type}}',
      ingress: 'Ingress "{{name}}" routes to the Kubernetes dashboard (Service "{{service}}")',
      ingressAuthenticated: 'Ingress "{{name}}" publishes the Kubernetes dashboard ("{{service}}") behind external auth',
    },
    fix: { availability: 'none' },
    since: '0.1.0',
    docs: {
      rationale:
        "The Kubernetes dashboard lets whoever opens it browse and change the cluster with the rights of its ServiceAccount — often far more than read access, since many guides bind it to `cluster-admin`. Exposed dashboards (a NodePort, a LoadBalancer, an Ingress without authentication) are a classic entry point: crypto-miners entered Tesla's cluster through one in 2018. The finding is an error when the dashboard is published outside the cluster, a warning otherwise.",
      remediation:
        'Remove the dashboard where kubectl or a read-only viewer will do. Otherwise keep its Service ClusterIP, reach it with `kubectl port-forward` or through an authenticating proxy (oauth2-proxy, an identity-aware proxy), and give it a ServiceAccount with minimal, read-only rights.',
      invalid: `apiVersion: v1
kind: Service
metadata:
  name: kubernetes-dashboard
  namespace: kubernetes-dashboard
spec:
  type: NodePort
  selector:
    k8s-app: kubernetes-dashboard
  ports:
    - port: 443
      targetPort: 8443
`,
      valid: `apiVersion: v1
kind: Service
metadata:
  name: grafana
spec:
  type: ClusterIP
  selector:
    app: grafana
  ports:
    - port: 80
`,
    },
    references: {
      peers: { checkov: 'CKV_K8S_33', kics: 'd2ad057f', kubescape: ['C-0014', 'C-0021'] },
      urls: ['https://github.com/kubernetes/dashboard/blob/master/docs/user/access-control/README.md', 'https://redlock.io/blog/cryptojacking-tesla'],
    },
  },
  check(ctx) {
    const { object } = ctx;
    const name = object.name ?? object.kind;
    if (isWorkload(object.kind)) {
      const [hit] = imagesMatching(object, isDashboardImage);
      const label = hit ? undefined : dashboardLabel(podMetadataOf(object)?.get('labels'));
      const node = hit?.node ?? label;
      if (node) ctx.report({ node, messageId: 'workload', data: { kind: object.kind, name } });
      return;
    }
    if (object.kind === 'Service') {
      const { type, node: typeNode } = serviceType(object);
      if (!typeNode || (type !== 'NodePort' && type !== 'LoadBalancer')) return;
      const selects = dashboardLabel(object.root.get('spec')?.get('selector'));
      if (!selects && !isDashboardName(object.name)) return;
      ctx.report({ node: typeNode, messageId: 'exposedService', severity: 'error', data: { name, type: type! } });
      return;
    }
    // Ingress: every backend Service named like the dashboard's.
    const backends = ingressServiceBackends(object).filter((b) => isDashboardName(b.name));
    // Behind ingress-nginx external or basic authentication it is less exposed: a warning.
    const authenticated = AUTH_ANNOTATIONS.some((key) => annotation(object, key) !== undefined);
    for (const b of backends) {
      ctx.report({
        node: b.node,
        messageId: authenticated ? 'ingressAuthenticated' : 'ingress',
        severity: authenticated ? 'warning' : 'error',
        data: { name, service: b.name! },
      });
    }
  },
});
