import { targetsAtLeast } from '../engine/config';
import { defineRule } from '../engine/rule';
import { WORKLOAD_KINDS } from '../k8s/objects';
import { allowedSelinuxTypes, explicitValues, siteLabel } from '../k8s/pod-security';
import { keepingComments } from '../fix/recipes';

export default defineRule({
  meta: {
    id: 'pod-selinux-custom',
    title: 'Custom SELinux type, user or role',
    severity: 'warning',
    category: 'pod-security',
    kinds: WORKLOAD_KINDS,
    messages: {
      type: '{{site}} sets seLinuxOptions.type: {{value}}',
      user: '{{site}} sets seLinuxOptions.user: {{value}}',
      role: '{{site}} sets seLinuxOptions.role: {{value}}',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Remove the custom SELinux setting' },
    since: '0.1.0',
    docs: {
      rationale:
        'On SELinux nodes, container processes run as `container_t`, a type that cannot touch host files. Setting another type (for example `spc_t`, "super privileged container") or a custom SELinux user or role removes or changes that separation. The Pod Security Standards allow, at the **baseline** level ("SELinux"), only an empty or unset type, `container_t`, `container_init_t`, `container_kvm_t` and, from Kubernetes 1.31, `container_engine_t`, and forbid setting `user` or `role`. The MCS `level` is allowed.',
      remediation:
        "Remove `seLinuxOptions.type`, `user` and `role` from the pod's and containers' securityContext; keep `level` if you use it to separate workloads.",
      invalid: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    seLinuxOptions:
      type: spc_t
  containers:
    - name: web
      image: nginx:1.27
`,
      valid: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    seLinuxOptions:
      level: "s0:c123,c456"
  containers:
    - name: web
      image: nginx:1.27
`,
    },
    references: {
      peers: { trivy: 'KSV-0025' },
      urls: [
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
        'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#assign-selinux-labels-to-a-container',
      ],
    },
  },
  check(ctx) {
    const allowed = allowedSelinuxTypes(targetsAtLeast(ctx.config, 1, 31));
    for (const site of explicitValues(ctx.object, ['seLinuxOptions'])) {
      const options = site.node;
      if (!options.isMap) continue;
      for (const key of ['type', 'user', 'role'] as const) {
        const node = options.get(key);
        const value = node?.str;
        if (!node || value === undefined) continue;
        if (key === 'type' ? allowed.has(value) : value === '') continue;
        ctx.report({
          node,
          messageId: key,
          data: { site: siteLabel(ctx.object, site), value },
          fix: (edit) => keepingComments(edit, (e) => e.removePair(options, key)),
        });
      }
    }
  },
});
