import { defineRule } from '../engine/rule';
import { WORKLOAD_KINDS } from '../k8s/objects';
import { explicitValues, siteLabel } from '../k8s/pod-security';

export default defineRule({
  meta: {
    id: 'pod-hostprocess',
    title: 'Windows HostProcess container',
    severity: 'error',
    category: 'pod-security',
    kinds: WORKLOAD_KINDS,
    messages: {
      hostProcess: '{{site}} sets windowsOptions.hostProcess: true',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Set hostProcess: false' },
    since: '0.1.0',
    docs: {
      rationale:
        "A Windows HostProcess container is a process on the node, not a container: it shares the node's network namespace and filesystem and can run as `NT AUTHORITY\\SYSTEM`. It is the Windows equivalent of a privileged container with the host network. The Pod Security Standards forbid it at the **baseline** level (\"HostProcess\"), on the pod's and on each container's `securityContext.windowsOptions`.",
      remediation:
        'Remove `windowsOptions.hostProcess` (or set it to `false`). Node management agents that need it belong in a namespace with a `privileged` Pod Security level, where the finding can be suppressed with a reason.',
      invalid: `apiVersion: v1
kind: Pod
metadata:
  name: win-agent
spec:
  securityContext:
    windowsOptions:
      hostProcess: true
      runAsUserName: "NT AUTHORITY\\\\SYSTEM"
  hostNetwork: true
  containers:
    - name: agent
      image: mcr.microsoft.com/windows/nanoserver:ltsc2022
`,
      valid: `apiVersion: v1
kind: Pod
metadata:
  name: win-agent
spec:
  containers:
    - name: agent
      image: mcr.microsoft.com/windows/nanoserver:ltsc2022
`,
    },
    references: {
      peers: { polaris: 'hostProcess', trivy: 'KSV-0103', kubescape: 'C-0202' },
      urls: [
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
        'https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/',
      ],
    },
  },
  check(ctx) {
    for (const site of explicitValues(ctx.object, ['windowsOptions', 'hostProcess'])) {
      if (!site.node.isTrue) continue;
      const flag = site.node;
      ctx.report({ node: flag, messageId: 'hostProcess', data: { site: siteLabel(ctx.object, site) }, fix: (edit) => edit.setScalar(flag, false) });
    }
  },
});
