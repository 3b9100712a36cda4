import { defineRule } from '../engine/rule';
import { placeholder } from '../fix/emit';
import { containersOf, podSpecOf, WORKLOAD_KINDS } from '../k8s/objects';
import type { YNode } from '../yaml/nav';
import { effectiveField, explicitValues, GID_PLACEHOLDER, siteLabel, workloadLabel } from '../k8s/pod-security';
import { keepingComments } from '../fix/recipes';

export default defineRule({
  meta: {
    id: 'pod-root-group',
    title: 'Pod runs with the root group',
    severity: 'info',
    category: 'pod-security',
    kinds: WORKLOAD_KINDS,
    profiles: ['restricted'],
    messages: {
      runAsGroup: '{{site}} sets runAsGroup: 0',
      fsGroup: '{{site}} sets fsGroup: 0',
      noGroup: "{{site}} sets runAsUser without runAsGroup: its processes run with the image's group, usually 0 (root).",
      supplementalGroups: '{{site}} adds group 0 to supplementalGroups',
    },
    fix: { availability: 'always', applicability: 'display-only', title: 'Use a non-zero GID' },
    since: '0.1.0',
    docs: {
      rationale:
        'Group 0 is root\'s group: many files in images and on mounted volumes are writable by it. A process running with it, as its primary group (`runAsGroup`), through `fsGroup` or through `supplementalGroups`, can change those files even as a non-root user. The Pod Security Standards list "Non-root groups" as an optional **restricted** control: `runAsGroup`, `fsGroup` and `supplementalGroups[*]` must not be 0. Only explicit zeros are reported, and one implicit case: `runAsUser` set without `runAsGroup` at either level, where the container runs with the group of the image\'s user, which is 0 for most images.',
      remediation:
        'Choose a dedicated non-zero GID for `runAsGroup` and `fsGroup` (and fix file ownership in the image accordingly), and remove 0 from `supplementalGroups`.',
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
    // runAsUser without runAsGroup: the primary group is the image's, root's for most images.
    const spec = podSpecOf(object);
    const uncertain = (n: YNode) => ctx.isUncertain(n);
    const reported = new Set<number>();
    for (const container of spec ? containersOf(object) : []) {
      const user = effectiveField(container.node, spec!, ['runAsUser'], uncertain);
      if (user.state !== 'set' || user.node.str === undefined || reported.has(user.node.range[0])) continue;
      if (effectiveField(container.node, spec!, ['runAsGroup'], uncertain).state !== 'unset') continue;
      reported.add(user.node.range[0]);
      const holder = user.node.parent!;
      ctx.report({
        node: user.node,
        at: 'key',
        messageId: 'noGroup',
        data: { site: user.level === 'pod' ? workloadLabel(object) : `Container "${container.name}"` },
        fix: { title: 'Set runAsGroup to a non-zero GID', apply: (edit) => edit.insertPair(holder, 'runAsGroup', placeholder(GID_PLACEHOLDER)) },
      });
    }
    const podSc = spec?.get('securityContext');
    if (!podSc?.isMap) return;
    const site = workloadLabel(object);
    const fsGroup = podSc.get('fsGroup');
    if (fsGroup?.str === '0')
      ctx.report({ node: fsGroup, messageId: 'fsGroup', data: { site }, fix: (edit) => edit.setScalar(fsGroup, placeholder(GID_PLACEHOLDER)) });
    const groups = podSc.get('supplementalGroups');
    for (const item of groups?.isSeq ? groups.items() : []) {
      if (item.str !== '0') continue;
      ctx.report({
        node: item,
        messageId: 'supplementalGroups',
        data: { site },
        fix: { title: 'Remove group 0', applicability: 'unsafe', apply: (edit) => keepingComments(edit, (e) => e.removeItem(item)) },
      });
    }
  },
});
