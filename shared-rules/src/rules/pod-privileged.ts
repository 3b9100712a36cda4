import { defineRule } from '../engine/rule';
import { containersOf, WORKLOAD_KINDS } from '../k8s/objects';

export default defineRule({
  meta: {
    id: 'pod-privileged',
    title: 'Container runs privileged',
    severity: 'error',
    category: 'pod-security',
    kinds: WORKLOAD_KINDS,
    messages: {
      privileged: 'Container "{{name}}" runs privileged',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Set privileged: false' },
    since: '0.1.0',
    docs: {
      rationale:
        'A privileged container runs with all Linux capabilities, sees every host device and is not confined by seccomp or AppArmor. An attacker who reaches it (through an exposed Service or Ingress) can mount the host filesystem and take over the node and every pod on it. The Pod Security Standards forbid it at the **baseline** level.',
      remediation: 'Remove `privileged: true` or set it to `false`, and grant only the specific capabilities the workload needs with `capabilities.add`.',
      invalid: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
      securityContext:
        privileged: true
`,
      valid: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
      securityContext:
        privileged: false
`,
    },
    references: {
      peers: {
        'kube-linter': 'privileged-container',
        polaris: 'runAsPrivileged',
        checkov: 'CKV_K8S_16',
        kics: 'dd29336b',
        trivy: 'KSV-0017',
        kubescape: 'C-0057',
        kubesec: 'Privileged',
      },
      urls: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
    },
  },
  check(ctx) {
    for (const container of containersOf(ctx.object)) {
      const flag = container.node.getIn(['securityContext', 'privileged']);
      if (!flag?.isTrue) continue;
      ctx.report({
        node: flag,
        messageId: 'privileged',
        data: { name: container.name },
        fix: (edit) => edit.setScalar(flag, false),
      });
    }
  },
});
