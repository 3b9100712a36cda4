import { defineRule } from '../engine/rule';
import { containersOf, WORKLOAD_KINDS } from '../k8s/objects';

export default defineRule({
  meta: {
    id: 'pod-proc-mount-unmasked',
    title: 'Container sees an unmasked /proc',
    severity: 'warning',
    category: 'pod-security',
    kinds: WORKLOAD_KINDS,
    messages: {
      procMount: 'Container "{{name}}" sets procMount: {{value}}',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Set procMount: Default' },
    since: '0.1.0',
    docs: {
      rationale:
        'By default the container runtime masks and makes read-only the parts of `/proc` that expose the node\'s kernel (`/proc/kcore`, `/proc/keys`, `/proc/sys` and others). `procMount: Unmasked` turns that off; it exists for nested containers inside user namespaces and is dangerous anywhere else. The Pod Security Standards allow, at the **baseline** level ("/proc Mount Type"), only an unset value or `Default`.',
      remediation: 'Remove `procMount` or set it to `Default`.',
      invalid: `apiVersion: v1
kind: Pod
metadata:
  name: builder
spec:
  containers:
    - name: builder
      image: builder:1.0
      securityContext:
        procMount: Unmasked
`,
      valid: `apiVersion: v1
kind: Pod
metadata:
  name: builder
spec:
  containers:
    - name: builder
      image: builder:1.0
      securityContext:
        procMount: Default
`,
    },
    references: {
      peers: { 'kube-linter': 'unsafe-proc-mount', polaris: 'procMount', kics: 'f922827f', trivy: 'KSV-0027' },
      urls: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
    },
  },
  check(ctx) {
    for (const container of containersOf(ctx.object)) {
      const node = container.node.getIn(['securityContext', 'procMount']);
      const value = node?.str;
      if (!node || value === undefined || value === 'Default') continue;
      ctx.report({ node, messageId: 'procMount', data: { name: container.name, value }, fix: (edit) => edit.setScalar(node, 'Default') });
    }
  },
});
