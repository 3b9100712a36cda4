import { defineRule } from '../engine/rule';
import type { EditBuilder } from '../fix/edit-builder';
import { podSpecOf, WORKLOAD_KINDS } from '../k8s/objects';
import { workloadLabel } from '../k8s/pod-security';
import { keepingComments } from '../fix/recipes';

export default defineRule({
  meta: {
    id: 'workload-host-network',
    title: 'Pod shares the node network namespace',
    severity: 'error',
    category: 'pod-security',
    kinds: WORKLOAD_KINDS,
    messages: {
      hostNetwork: "{{object}} runs its pods in the node's network namespace (hostNetwork: true)",
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Remove hostNetwork' },
    since: '0.1.0',
    docs: {
      rationale:
        "With `hostNetwork: true` a pod uses the node's network stack instead of its own. Whatever listens on the node's loopback (the kubelet's read-only port, node-local agents, cloud metadata proxies) becomes reachable, every port the pod opens is opened on the node's public interfaces, and NetworkPolicy, which works on pod interfaces, stops applying. A compromised container on the host network can also observe or spoof traffic of other pods on the node. The Pod Security Standards forbid it at the **baseline** level (\"Host Namespaces\").",
      remediation:
        'Remove `hostNetwork` (or set it to `false`) and publish the ports the workload serves through a Service, an Ingress or a Gateway. Node agents that truly need the host network (CNI plugins, some monitoring agents) belong in a namespace labelled `pod-security.kubernetes.io/enforce: privileged`; suppress the finding there with a reason.',
      invalid: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      hostNetwork: true
      containers:
        - name: web
          image: nginx:1.27
`,
      valid: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
`,
    },
    references: {
      peers: {
        'kube-linter': 'host-network',
        polaris: 'hostNetworkSet',
        checkov: 'CKV_K8S_19',
        kics: '6b6bdfb3',
        trivy: 'KSV-0009',
        kubescape: 'C-0041',
        kubesec: 'HostNetwork',
      },
      urls: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
    },
  },
  check(ctx) {
    const spec = podSpecOf(ctx.object);
    const flag = spec?.get('hostNetwork');
    if (!spec || !flag?.isTrue) return;
    ctx.report({
      node: flag,
      messageId: 'hostNetwork',
      data: { object: workloadLabel(ctx.object) },
      // In a Kustomize patch a removed key keeps the base's value (and an emptied parent would delete it): set false there.
      fix: [
        ...(ctx.partial ? [] : [(edit: EditBuilder) => keepingComments(edit, (e) => e.removePair(spec, 'hostNetwork'))]),
        { title: 'Set hostNetwork: false', apply: (edit: EditBuilder) => edit.setScalar(flag, false) },
      ],
    });
  },
});
