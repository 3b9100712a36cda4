import { defineRule } from '../engine/rule';
import { WORKLOAD_KINDS } from '../k8s/objects';
import { sensitiveHostPath, volumesOf, workloadLabel } from '../k8s/pod-security';

export default defineRule({
  meta: {
    id: 'pod-hostpath-volume',
    title: 'Pod mounts a directory of the node',
    severity: 'error',
    category: 'pod-security',
    kinds: WORKLOAD_KINDS,
    messages: {
      hostPath: '{{object}} mounts the node\'s "{{path}}" (hostPath volume "{{volume}}")',
      sensitive: '{{object}} mounts the node\'s sensitive "{{path}}" (hostPath volume "{{volume}}")',
      socket: '{{object}} mounts the container runtime socket "{{path}}" (volume "{{volume}}")',
    },
    fix: { availability: 'none' },
    since: '0.1.0',
    docs: {
      rationale:
        'A `hostPath` volume hands a pod part of the node\'s filesystem. Writable, it lets the pod plant files the node executes or trusts; even read-only it can expose other pods\' secrets under `/var/lib/kubelet` or the cluster PKI under `/etc/kubernetes`. The container runtime socket (`docker.sock`, `containerd.sock`, `crio.sock`) is the worst case: it starts privileged containers on request. The Pod Security Standards forbid every hostPath volume at the **baseline** level ("HostPath Volumes"). Paths that amount to the node (`/`, `/etc`, `/proc`, `/sys`, `/dev`, `/var/lib/kubelet`, runtime sockets and the like) get a message that says so.',
      remediation:
        'Replace the volume with one that belongs to the pod: `emptyDir` for scratch space, a PersistentVolumeClaim for data, a ConfigMap, Secret or projected volume for configuration, a CSI driver for node-provided storage. Node agents that need host files belong in a namespace with a `privileged` Pod Security level; there, mount the narrowest path with `readOnly: true` and suppress the finding with a reason.',
      invalid: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      containers:
        - name: agent
          image: agent:1.0
          volumeMounts:
            - name: docker
              mountPath: /var/run/docker.sock
      volumes:
        - name: docker
          hostPath:
            path: /var/run/docker.sock
`,
      valid: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      containers:
        - name: agent
          image: agent:1.0
          volumeMounts:
            - name: scratch
              mountPath: /scratch
      volumes:
        - name: scratch
          emptyDir: {}
`,
    },
    references: {
      peers: {
        'kube-linter': ['sensitive-host-mounts', 'docker-sock'],
        polaris: 'hostPathSet',
        checkov: 'CKV_K8S_27',
        kics: ['aa8f7a35', '5308a7a8', 'b7652612', 'a6f34658'],
        trivy: ['KSV-0023', 'KSV-0006', 'KSV-0121'],
        kubescape: ['C-0048', 'C-0045', 'C-0074'],
        kubesec: 'DockerSock',
      },
      urls: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline', 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath'],
    },
  },
  check(ctx) {
    for (const volume of volumesOf(ctx.object)) {
      const hostPath = volume.get('hostPath');
      // The key alone makes it a hostPath volume, whatever a template puts under it.
      if (!hostPath) continue;
      const pathNode = hostPath.get('path');
      const path = pathNode?.str;
      const kind = path === undefined ? undefined : sensitiveHostPath(path);
      ctx.report({
        node: hostPath,
        at: 'key',
        messageId: kind === 'runtime-socket' ? 'socket' : kind === 'system' ? 'sensitive' : 'hostPath',
        // A templated path is shown as written: the volume type alone is the finding.
        data: { object: workloadLabel(ctx.object), path: path ?? ctx.sourceOf(pathNode ?? hostPath), volume: volume.get('name')?.str ?? '?' },
      });
    }
  },
});
