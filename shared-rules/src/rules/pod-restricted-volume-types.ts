import { defineRule } from '../engine/rule';
import { WORKLOAD_KINDS } from '../k8s/objects';
import { RESTRICTED_VOLUME_TYPES, volumeSources, volumesOf, workloadLabel } from '../k8s/pod-security';

export default defineRule({
  meta: {
    id: 'pod-restricted-volume-types',
    title: 'Pod uses a volume type outside the restricted set',
    severity: 'info',
    category: 'pod-security',
    kinds: WORKLOAD_KINDS,
    profiles: ['restricted'],
    messages: {
      volumeType: '{{object}} uses a {{type}} volume ("{{volume}}"), which restricted does not allow',
    },
    fix: { availability: 'none' },
    since: '0.1.0',
    docs: {
      rationale:
        'Volume types other than the core ones let a pod mount storage directly from the pod spec: an NFS export, an iSCSI target, a cloud disk by ID, a Git repository cloned by the kubelet (`gitRepo`, which has had command-injection CVEs). Whoever can create pods can then reach that storage without the administrator\'s PersistentVolume, StorageClass and access rules in between. The **restricted** Pod Security Standard ("Volume Types") allows only `configMap`, `csi`, `downwardAPI`, `emptyDir`, `ephemeral`, `persistentVolumeClaim`, `projected` and `secret`. `hostPath` is forbidden too; pod-hostpath-volume reports it in every profile, so this rule leaves it out.',
      remediation:
        'Define the storage as a PersistentVolume (or through a StorageClass) and mount it with a `persistentVolumeClaim` volume; replace `gitRepo` with an init container that clones into an `emptyDir`.',
      invalid: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
  volumes:
    - name: shared
      nfs:
        server: nfs.example.com
        path: /exports/web
`,
      valid: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
  volumes:
    - name: shared
      persistentVolumeClaim:
        claimName: web-shared
`,
    },
    references: {
      peers: { trivy: 'KSV-0028' },
      urls: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
    },
  },
  check(ctx) {
    for (const volume of volumesOf(ctx.object)) {
      for (const { type, node } of volumeSources(volume)) {
        if (RESTRICTED_VOLUME_TYPES.has(type) || type === 'hostPath' || node.templated) continue;
        ctx.report({ node, at: 'key', messageId: 'volumeType', data: { object: workloadLabel(ctx.object), type, volume: volume.get('name')?.str ?? '?' } });
      }
    }
  },
});
