import { defineRule, type FixSpec } from '../engine/rule';
import { placeholder } from '../fix/emit';
import { containersOf, podSpecOf, WORKLOAD_KINDS } from '../k8s/objects';
import { explicitValues, GID_PLACEHOLDER, lookup, quotedList, siteLabel, workloadLabel } from '../k8s/pod-security';
import { applyRestrictedSecurityContext, RESTRICTED_FIX_TITLE } from '../fix/recipes';

const NON_ROOT = ['securityContext', 'runAsNonRoot'];
const UID_PLACEHOLDER = '<non-zero-uid>';

export default defineRule({
  meta: {
    id: 'pod-run-as-root',
    title: 'Container may run as root',
    severity: 'warning',
    category: 'pod-security',
    kinds: WORKLOAD_KINDS,
    profiles: ['restricted'],
    messages: {
      disabled: '{{site}} sets runAsNonRoot: false',
      missing: '{{object}} may run {{containers}} as root: runAsNonRoot is not set',
      rootUser: '{{site}} sets runAsUser: 0',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Set runAsNonRoot: true for the pod' },
    since: '0.1.0',
    docs: {
      rationale:
        'Most images run their program as root unless told otherwise. Root in a container is not root on the node, but it owns the container\'s files, can use every capability the container keeps, and turns any kernel or runtime escape into a node compromise. The **restricted** Pod Security Standard requires "Running as Non-root": `runAsNonRoot: true` on the pod (containers may then leave it unset) or on every container, and no `false` anywhere; and "Running as Non-root user": no `runAsUser: 0` on the pod or any container. With `runAsNonRoot: true` the kubelet refuses to start a container whose user is root, so the setting is enforced at run time too.',
      remediation:
        'Set `securityContext.runAsNonRoot: true` at the pod level, and make sure the image runs as a non-root user (`USER 10001` in the Dockerfile) or set `runAsUser` to a non-zero UID. The quick fix sets the pod-level field; a variant adds a `runAsUser` and a `runAsGroup` for you to fill in; another applies the whole restricted securityContext.',
      invalid: `apiVersion: apps/v1
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
      valid: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
      containers:
        - name: web
          image: nginxinc/nginx-unprivileged:1.27
`,
    },
    references: {
      peers: {
        'kube-linter': 'run-as-non-root',
        polaris: 'runAsRootAllowed',
        checkov: ['CKV_K8S_23', 'CKV_K8S_40'],
        kics: ['cf34805e', '02323c00'],
        trivy: ['KSV-0012', 'KSV-0020', 'KSV-0105'],
        kubescape: 'C-0013',
        kubesec: ['RunAsNonRoot', 'RunAsUser'],
      },
      urls: [
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
        'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    const uncertain = (n: Parameters<typeof ctx.isUncertain>[0]) => ctx.isUncertain(n);
    // Explicit root: runAsUser: 0 anywhere.
    for (const site of explicitValues(object, ['runAsUser'])) {
      if (site.node.str !== '0') continue;
      const node = site.node;
      ctx.report({
        node,
        messageId: 'rootUser',
        data: { site: siteLabel(object, site) },
        fix: { title: 'Set runAsUser to a non-zero UID', applicability: 'display-only', apply: (edit) => edit.setScalar(node, placeholder(UID_PLACEHOLDER)) },
      });
    }
    // Explicit runAsNonRoot: false anywhere.
    for (const site of explicitValues(object, ['runAsNonRoot'])) {
      if (!site.node.isFalse) continue;
      const node = site.node;
      ctx.report({
        node,
        messageId: 'disabled',
        data: { site: siteLabel(object, site) },
        fix: { title: 'Set runAsNonRoot: true', apply: (edit) => edit.setScalar(node, true) },
      });
    }
    // Implicit: neither the pod nor the container says runAsNonRoot.
    const spec = podSpecOf(object);
    if (!spec) return;
    const pod = lookup(spec, NON_ROOT, uncertain);
    if (pod.state !== 'unset') return;
    const implicit = containersOf(object).filter((c) => lookup(c.node, NON_ROOT, uncertain).state === 'unset');
    if (implicit.length === 0) return;
    const hasUser = lookup(spec, ['securityContext', 'runAsUser'], uncertain).state !== 'unset';
    const fixes: FixSpec[] = pod.parent.indirect
      ? []
      : [
          { apply: (edit) => edit.setIn(spec, NON_ROOT, true) },
          ...(hasUser
            ? []
            : [
                {
                  title: 'Set runAsNonRoot: true, a runAsUser and a runAsGroup for the pod',
                  applicability: 'display-only' as const,
                  preferred: false,
                  apply: (edit: Parameters<FixSpec['apply']>[0]) => {
                    edit.setIn(spec, NON_ROOT, true);
                    edit.setIn(spec, ['securityContext', 'runAsUser'], placeholder(UID_PLACEHOLDER));
                    // Without a group, the user runs with the image's group, 0 for most images (pod-root-group).
                    if (lookup(spec, ['securityContext', 'runAsGroup'], uncertain).state === 'unset')
                      edit.setIn(spec, ['securityContext', 'runAsGroup'], placeholder(GID_PLACEHOLDER));
                  },
                },
              ]),
          { title: RESTRICTED_FIX_TITLE, preferred: false, apply: (edit) => applyRestrictedSecurityContext(edit, object, uncertain) },
        ];
    ctx.reportMissing({
      parent: pod.parent,
      messageId: 'missing',
      data: { object: workloadLabel(object), containers: `${implicit.length === 1 ? 'container' : 'containers'} ${quotedList(implicit.map((c) => c.name))}` },
      fix: fixes,
    });
  },
});
