import { defineRule } from '../engine/rule';
import { podSpecOf, WORKLOAD_KINDS } from '../source/k8s';
import { lookup, workloadLabel } from '../source/pod-security';

export default defineRule({
  meta: {
    id: 'pod-sa-token-automount',
    title: 'Pod mounts a Kubernetes API token it may not need',
    severity: 'info',
    category: 'pod-security',
    kinds: WORKLOAD_KINDS,
    profiles: ['restricted'],
    messages: {
      enabled:
        '{{object}} sets automountServiceAccountToken: true: every container gets a token for the Kubernetes API, which an attacker who gets in can use with all the permissions of the service account. Set it to false unless the workload calls the API.',
      missing:
        '{{object}} does not set automountServiceAccountToken: false, so Kubernetes mounts a token for its API into every container; an attacker who gets in can use it with all the permissions of the service account. Set it to false unless the workload calls the API.',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Set automountServiceAccountToken: false' },
    since: '0.1.0',
    docs: {
      rationale:
        'By default every pod gets a service account token mounted at `/var/run/secrets/kubernetes.io/serviceaccount`. Most applications never call the Kubernetes API, but an attacker who reaches a shell in the container reads the token first: with it they act as the service account, and any RBAC it holds (often more than intended, sometimes the `default` account\'s) becomes theirs. This is not a Pod Security Standard but a hardening recommendation (CIS 5.1.6, NSA/CISA), run with the **restricted** profile. The rule reads the pod spec alone: setting `automountServiceAccountToken: false` on the ServiceAccount also works but is not visible from the workload, so the pod-level setting is what it asks for.',
      remediation: 'Set `automountServiceAccountToken: false` in the pod spec. Workloads that call the API keep it (or mount a projected token with a short expiry and an audience) and run under a dedicated service account with narrow RBAC.',
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
      automountServiceAccountToken: false
      containers:
        - name: web
          image: nginx:1.27
`,
    },
    references: {
      peers: {
        polaris: 'automountServiceAccountToken',
        checkov: 'CKV_K8S_38',
        kics: '48471392',
        trivy: 'KSV-0036',
        kubescape: ['C-0034', 'C-0190', 'C-0261'],
        kubesec: 'AutomountServiceAccountToken',
      },
      urls: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting'],
    },
  },
  check(ctx) {
    const spec = podSpecOf(ctx.object);
    if (!spec) return;
    const found = lookup(spec, ['automountServiceAccountToken'], (n) => ctx.isUncertain(n));
    const data = { object: workloadLabel(ctx.object) };
    if (found.state === 'unknown') return;
    if (found.state === 'set') {
      if (!found.node.isTrue) return;
      const node = found.node;
      ctx.report({ node, messageId: 'enabled', data, fix: (edit) => edit.setScalar(node, false) });
      return;
    }
    ctx.reportMissing({ parent: found.parent, messageId: 'missing', data, fix: (edit) => edit.setIn(spec, ['automountServiceAccountToken'], false) });
  },
});
