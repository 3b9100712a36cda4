import { defineRule } from '../engine/rule';
import { placeholder } from '../fix/emit';
import { podSpecOf, WORKLOAD_KINDS } from '../k8s/objects';
import { explicitValues, siteLabel, workloadLabel } from '../k8s/pod-security';
import { keepingComments } from '../fix/recipes';

const GID_PLACEHOLDER = '<non-zero-gid>';

export default defineRule({
  meta: {
    id: 'pod-root-group',
    title: 'Pod runs with the root group',
    severity: 'info',
    category: 'pod-security',
    kinds: WORKLOAD_KINDS,
    profiles: ['restricted'],
    messages: {
      runAsGroup: '{{site}} sets runAsGroup: 0: its processes run with the root group, which owns many files in images and on volumes. Use a non-zero GID.',
      fsGroup: '{{site}} sets fsGroup: 0: volumes are made group-owned by root, and every container gets the root group to reach them. Use a non-zero GID.',
      supplementalGroups: '{{site}} adds group 0 to supplementalGroups: its processes gain the root group and the files it owns. Remove 0 from the list.',
    },
    fix: { availability: 'always', applicability: 'display-only', title: 'Use a non-zero GID' },
    since: '0.1.0',
    docs: {
      rationale:
        'Group 0 is root\'s group: many files in images and on mounted volumes are writable by it. A process running with it, as its primary group (`runAsGroup`), through `fsGroup` or through `supplementalGroups`, can change those files even as a non-root user. The Pod Security Standards list "Non-root groups" as an optional **restricted** control: `runAsGroup`, `fsGroup` and `supplementalGroups[*]` must not be 0. Only explicit zeros are reported.',
      remediation: 'Choose a dedicated non-zero GID for `runAsGroup` and `fsGroup` (and fix file ownership in the image accordingly), and remove 0 from `supplementalGroups`.',
      invalid: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsUser: 10001
    runAsGroup: 0
  containers:
    - name: web
      image: web:1.0
`,
      valid: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsUser: 10001
    runAsGroup: 10001
  containers:
    - name: web
      image: web:1.0
`,
    },
    references: {
      peers: { trivy: ['KSV-0021', 'KSV-0116'], kubesec: 'RunAsGroup' },
      urls: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
    },
  },
  check(ctx) {
    const { object } = ctx;
    for (const site of explicitValues(object, ['runAsGroup'])) {
      if (site.node.str !== '0') continue;
      const node = site.node;
      ctx.report({ node, messageId: 'runAsGroup', data: { site: siteLabel(object, site) }, fix: (edit) => edit.setScalar(node, placeholder(GID_PLACEHOLDER)) });
    }
    const podSc = podSpecOf(object)?.get('securityContext');
    if (!podSc?.isMap) return;
    const site = workloadLabel(object);
    const fsGroup = podSc.get('fsGroup');
    if (fsGroup?.str === '0') ctx.report({ node: fsGroup, messageId: 'fsGroup', data: { site }, fix: (edit) => edit.setScalar(fsGroup, placeholder(GID_PLACEHOLDER)) });
    const groups = podSc.get('supplementalGroups');
    for (const item of groups?.isSeq ? groups.items() : []) {
      if (item.str !== '0') continue;
      ctx.report({ node: item, messageId: 'supplementalGroups', data: { site }, fix: { title: 'Remove group 0', applicability: 'unsafe', apply: (edit) => keepingComments(edit, (e) => e.removeItem(item)) } });
    }
  },
});
