import { defineRule } from '../engine/rule';
import { placeholder } from '../fix/emit';
import { podSpecOf, WORKLOAD_KINDS } from '../k8s/objects';
import { lookup, workloadLabel } from '../k8s/pod-security';

const SA_PLACEHOLDER = '<service-account>';

export default defineRule({
  meta: {
    id: 'pod-default-service-account',
    title: 'Pod runs as the default service account',
    severity: 'info',
    category: 'pod-security',
    kinds: WORKLOAD_KINDS,
    profiles: ['restricted'],
    messages: {
      explicit: '{{object}} runs as the namespace\'s "default" service account',
      missing: '{{object}} sets no serviceAccountName, so it runs as "default"',
    },
    fix: { availability: 'always', applicability: 'display-only', title: 'Set serviceAccountName' },
    since: '0.1.0',
    docs: {
      rationale:
        "Pods without `serviceAccountName` run as the namespace's `default` service account. It is shared: a RoleBinding added for one workload's needs silently applies to every other pod of the namespace, and audit logs cannot tell them apart. A dedicated service account per workload keeps permissions least-privilege and attributable. This is a hardening recommendation (CIS 5.1.5), not a Pod Security Standard, run with the **restricted** profile.",
      remediation:
        'Create a `ServiceAccount` for the workload (with `automountServiceAccountToken: false` if it does not call the API) and set `serviceAccountName` in the pod spec. The quick fix inserts the field with a name for you to fill in.',
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
      serviceAccountName: web
      containers:
        - name: web
          image: nginx:1.27
`,
    },
    references: {
      peers: {
        'kube-linter': 'default-service-account',
        checkov: ['CKV_K8S_41', 'CKV_K8S_42'],
        kics: ['b93e973e', '591ade62'],
        kubescape: 'C-0189',
        kubesec: 'ServiceAccountName',
      },
      urls: ['https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts'],
    },
  },
  check(ctx) {
    const spec = podSpecOf(ctx.object);
    if (!spec) return;
    const uncertain = (n: Parameters<typeof ctx.isUncertain>[0]) => ctx.isUncertain(n);
    const data = { object: workloadLabel(ctx.object) };
    const found = lookup(spec, ['serviceAccountName'], uncertain);
    if (found.state === 'unknown') return;
    if (found.state === 'set') {
      // An empty name means the default account too.
      if (found.node.str !== 'default' && found.node.str !== '') return;
      const node = found.node;
      ctx.report({ node, messageId: 'explicit', data, fix: (edit) => edit.setScalar(node, placeholder(SA_PLACEHOLDER)) });
      return;
    }
    // The deprecated `serviceAccount` field still names the account when serviceAccountName is absent.
    const legacy = lookup(spec, ['serviceAccount'], uncertain);
    if (legacy.state === 'unknown') return;
    if (legacy.state === 'set') {
      if (legacy.node.str !== 'default' && legacy.node.str !== '') return;
      const node = legacy.node;
      ctx.report({ node, messageId: 'explicit', data, fix: (edit) => edit.setScalar(node, placeholder(SA_PLACEHOLDER)) });
      return;
    }
    ctx.reportMissing({
      parent: found.parent,
      messageId: 'missing',
      data,
      fix: (edit) => edit.setIn(spec, ['serviceAccountName'], placeholder(SA_PLACEHOLDER)),
    });
  },
});
