import { defineRule, type FixSpec } from '../engine/rule';
import { containersOf, WORKLOAD_KINDS } from '../k8s/objects';
import { escalationForced, isWindowsPod, lookup } from '../k8s/pod-security';
import { applyRestrictedSecurityContext, RESTRICTED_FIX_TITLE } from '../fix/recipes';

const FIELD = ['securityContext', 'allowPrivilegeEscalation'];

export default defineRule({
  meta: {
    id: 'pod-allow-privilege-escalation',
    title: 'Container may gain more privileges than it started with',
    severity: 'warning',
    category: 'pod-security',
    kinds: WORKLOAD_KINDS,
    profiles: ['restricted'],
    messages: {
      allowed: 'Container "{{name}}" sets allowPrivilegeEscalation: true',
      missing: 'Container "{{name}}" does not set allowPrivilegeEscalation: false',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Set allowPrivilegeEscalation: false' },
    since: '0.1.0',
    docs: {
      rationale:
        '`allowPrivilegeEscalation` controls the kernel\'s `no_new_privs` flag. Unless it is `false`, a process can become more privileged than its parent by executing a setuid-root binary or one with file capabilities: an attacker who reaches an unprivileged shell in the container becomes root there, one step from the node. Kubernetes defaults to allowing it, so the **restricted** Pod Security Standard ("Privilege Escalation") requires every container, init and ephemeral ones included, to set it to `false` explicitly. Windows pods (`spec.os.name: windows`) are exempt. Privileged containers and containers that add `SYS_ADMIN` can always escalate; the API rejects `false` beside them, so for those no fix is offered (see pod-privileged and pod-capabilities-added).',
      remediation:
        'Set `securityContext.allowPrivilegeEscalation: false` on every container, or apply the whole restricted securityContext with the quick fix. Images that rely on `sudo` or setuid helpers need to be changed to run their task as the right user from the start.',
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
      containers:
        - name: web
          image: nginx:1.27
          securityContext:
            allowPrivilegeEscalation: false
`,
    },
    references: {
      peers: {
        'kube-linter': 'privilege-escalation-container',
        polaris: 'privilegeEscalationAllowed',
        checkov: 'CKV_K8S_20',
        kics: '5572cc5e',
        trivy: 'KSV-0001',
        kubescape: 'C-0016',
        kubesec: 'AllowPrivilegeEscalation',
      },
      urls: [
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
        'https://www.kernel.org/doc/html/latest/userspace-api/no_new_privs.html',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (isWindowsPod(object)) return;
    const uncertain = (n: Parameters<typeof ctx.isUncertain>[0]) => ctx.isUncertain(n);
    for (const container of containersOf(object)) {
      const found = lookup(container.node, FIELD, uncertain);
      const forced = escalationForced(container.node);
      const data = { name: container.name };
      if (found.state === 'set') {
        if (!found.node.isTrue) continue;
        const node = found.node;
        ctx.report({ node, messageId: 'allowed', data, fix: forced ? [] : (edit) => edit.setScalar(node, false) });
        continue;
      }
      if (found.state === 'unknown') continue;
      const fixes: FixSpec[] =
        forced || found.parent.indirect
          ? []
          : [
              { apply: (edit) => edit.setIn(container.node, FIELD, false) },
              { title: RESTRICTED_FIX_TITLE, preferred: false, apply: (edit) => applyRestrictedSecurityContext(edit, object, uncertain) },
            ];
      ctx.reportMissing({ parent: found.parent, messageId: 'missing', data, fix: fixes });
    }
  },
});
