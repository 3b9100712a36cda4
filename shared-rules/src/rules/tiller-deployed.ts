import { defineRule } from '../engine/rule';
import { isWorkload, WORKLOAD_KINDS } from '../k8s/objects';
import { hasTillerLabels, imagesMatching, isTillerImage } from '../k8s/legacy';

export default defineRule({
  meta: {
    id: 'tiller-deployed',
    title: 'Helm 2 Tiller is deployed',
    severity: 'error',
    category: 'legacy',
    kinds: [...WORKLOAD_KINDS, 'Service'],
    messages: {
      image: 'Container "{{name}}" runs Tiller ({{image}}), Helm 2\'s in-cluster server',
      service: 'Service "{{name}}" exposes Tiller, Helm 2\'s unauthenticated in-cluster server',
    },
    fix: { availability: 'none' },
    since: '0.1.0',
    docs: {
      rationale:
        'Helm 2 ran a server, Tiller, inside the cluster, usually bound to `cluster-admin`. Its gRPC port (44134) accepts commands from anyone who can reach it; by default there is no TLS and no authentication, so any compromised pod — or anyone who reaches a Service in front of it — can install a chart that runs a privileged pod on every node. Helm 2 reached end of life in November 2020 and gets no security fixes.',
      remediation:
        "Migrate releases with the `helm-2to3` plugin, delete the Tiller Deployment, Service and ServiceAccount (and its ClusterRoleBinding), and use Helm 3, which talks to the API server with the user's own credentials.",
      invalid: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: tiller-deploy
  namespace: kube-system
spec:
  selector:
    matchLabels:
      app: helm
      name: tiller
  template:
    metadata:
      labels:
        app: helm
        name: tiller
    spec:
      containers:
        - name: tiller
          image: gcr.io/kubernetes-helm/tiller:v2.16.12
`,
      valid: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
`,
    },
    references: {
      peers: { checkov: ['CKV_K8S_34', 'CKV_K8S_44', 'CKV_K8S_45'], kics: ['6d173be7', '8b862ca9', 'e17fa86a'], trivy: 'KSV-0102' },
      urls: ['https://helm.sh/blog/helm-v2-deprecation-timeline/', 'https://v2.helm.sh/docs/securing_installation/'],
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (isWorkload(object.kind)) {
      for (const hit of imagesMatching(object, isTillerImage))
        ctx.report({ node: hit.node, messageId: 'image', data: { name: hit.container, image: hit.image } });
      return;
    }
    // A Service: Helm 2's `tiller-deploy`, or one selecting Tiller's pods.
    const selector = object.root.get('spec')?.get('selector');
    const labels = new Map((selector?.isMap ? selector.entries() : []).map(([k, v]) => [k, v?.str]));
    if (object.name !== 'tiller-deploy' && !hasTillerLabels(labels)) return;
    const name = object.metadata?.get('name');
    ctx.report({ node: name && !name.isNull ? name : undefined, messageId: 'service', data: { name: object.name ?? 'this Service' } });
  },
});
