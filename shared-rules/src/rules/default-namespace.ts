import { defineRule } from '../engine/rule';
import { placeholder } from '../fix/emit';
import { NAMESPACED_KINDS } from '../k8s/objects';

export default defineRule({
  meta: {
    id: 'default-namespace',
    title: 'Object lands in the default namespace',
    severity: 'hint',
    category: 'legacy',
    kinds: [...NAMESPACED_KINDS],
    optIn: true,
    messages: {
      missing: '{{kind}} "{{name}}" has no metadata.namespace',
      isDefault: '{{kind}} "{{name}}" is in the "default" namespace',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Set metadata.namespace' },
    since: '0.1.0',
    docs: {
      rationale:
        'Namespaces are where Kubernetes draws its security boundaries: RBAC roles, NetworkPolicies, ResourceQuotas and Pod Security Admission labels all apply per namespace. The `default` namespace collects everything nobody placed on purpose, so a workload there shares its boundary with unrelated objects and is exposed to every RoleBinding granted "just in default". Many repositories leave the namespace to `kubectl -n`, Helm or Kustomize, which is why this rule is opt-in.',
      remediation:
        'Set `metadata.namespace` to a namespace dedicated to the application, or turn the rule on only where manifests are expected to name their namespace.',
      invalid: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
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
      valid: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
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
      notes:
        'The built-in `kubernetes` Service and `default` ServiceAccount live in `default` by design and are not reported. Custom resources are not reported: their scope is unknown.',
    },
    references: {
      peers: { checkov: 'CKV_K8S_21', 'kube-linter': 'use-namespace', kics: '611ab018', trivy: 'KSV-0110', kubescape: ['C-0061', 'C-0212'] },
      urls: ['https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/'],
    },
  },
  check(ctx) {
    const { object } = ctx;
    const metadata = object.metadata;
    if (!metadata) return;
    // Objects Kubernetes itself keeps in default.
    if ((object.kind === 'Service' && object.name === 'kubernetes') || (object.kind === 'ServiceAccount' && object.name === 'default')) return;
    const data = { kind: object.kind, name: object.name ?? object.kind };
    const namespace = metadata.get('namespace');
    if (!namespace || namespace.isNull) {
      ctx.reportMissing({
        parent: metadata,
        messageId: 'missing',
        data,
        fix: (edit) => edit.setIn(metadata, ['namespace'], placeholder('<namespace>'), { overwrite: true }),
      });
      return;
    }
    if (namespace.str !== 'default') return;
    ctx.report({ node: namespace, messageId: 'isDefault', data, fix: (edit) => edit.setScalar(namespace, placeholder('<namespace>')) });
  },
});
