import { defineRule } from '../engine/rule';
import type { EditBuilder } from '../fix/edit-builder';
import { podSpecOf, WORKLOAD_KINDS } from '../k8s/objects';
import { workloadLabel } from '../k8s/pod-security';
import { keepingComments } from '../fix/recipes';

export default defineRule({
  meta: {
    id: 'pod-host-pid-ipc',
    title: 'Pod shares the node PID or IPC namespace',
    severity: 'error',
    category: 'pod-security',
    kinds: WORKLOAD_KINDS,
    messages: {
      hostPID: "{{object}} shares the node's process namespace (hostPID: true)",
      hostIPC: "{{object}} shares the node's IPC namespace (hostIPC: true)",
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Remove the host namespace setting' },
    since: '0.1.0',
    docs: {
      rationale:
        'A pod with `hostPID: true` sees all processes of the node: their arguments and environment variables (where secrets often end up), and with root it can kill, trace or inject into them, which is a short path to the node. `hostIPC: true` exposes the node\'s System V shared memory and message queues, which other workloads use to exchange data. The Pod Security Standards forbid both at the **baseline** level ("Host Namespaces").',
      remediation:
        'Remove `hostPID` and `hostIPC` (or set them to `false`). To share processes between the containers of one pod, use `shareProcessNamespace: true`, which stays inside the pod.',
      invalid: `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  hostPID: true
  hostIPC: true
  containers:
    - name: debug
      image: busybox:1.36
`,
      valid: `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  shareProcessNamespace: true
  containers:
    - name: debug
      image: busybox:1.36
`,
    },
    references: {
      peers: {
        'kube-linter': ['host-pid', 'host-ipc'],
        polaris: ['hostPIDSet', 'hostIPCSet'],
        checkov: ['CKV_K8S_17', 'CKV_K8S_18'],
        kics: ['302736f4', 'cd290efd'],
        trivy: ['KSV-0010', 'KSV-0008'],
        kubescape: ['C-0038', 'C-0275', 'C-0276'],
        kubesec: ['HostPID', 'HostIPC'],
      },
      urls: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
    },
  },
  check(ctx) {
    const spec = podSpecOf(ctx.object);
    if (!spec) return;
    for (const key of ['hostPID', 'hostIPC'] as const) {
      const flag = spec.get(key);
      if (!flag?.isTrue) continue;
      ctx.report({
        node: flag,
        messageId: key,
        data: { object: workloadLabel(ctx.object) },
        // In a Kustomize patch a removed key keeps the base's value: set false there.
        fix: [
          ...(ctx.partial ? [] : [{ title: `Remove ${key}`, apply: (edit: EditBuilder) => keepingComments(edit, (e) => e.removePair(spec, key)) }]),
          { title: `Set ${key}: false`, apply: (edit: EditBuilder) => edit.setScalar(flag, false) },
        ],
      });
    }
  },
});
