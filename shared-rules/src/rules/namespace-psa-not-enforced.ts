import { defineRule } from '../engine/rule';
import { displayName } from '../k8s/objects';
import { isPodSecurityLevel, PSA_LABEL_PREFIX, psaLabels, stricterLevel, SYSTEM_NAMESPACES, type PodSecurityLevel } from '../k8s/pod-security-admission';

const ENFORCE = `${PSA_LABEL_PREFIX}enforce`;

export default defineRule({
  meta: {
    id: 'namespace-psa-not-enforced',
    title: 'Namespace does not enforce a Pod Security level',
    severity: 'warning',
    category: 'pod-security',
    kinds: ['Namespace'],
    messages: {
      none: 'Namespace {{name}} has no {{enforce}} label: the cluster default applies, often privileged.',
      notEnforced: 'Namespace {{name}} only {{modes}} Pod Security {{level}}: violating pods are still admitted.',
      privileged: 'Namespace {{name}} enforces the privileged Pod Security level: any pod is admitted.',
    },
    fix: { availability: 'sometimes', applicability: 'unsafe', title: 'Enforce a Pod Security level' },
    since: '0.1.0',
    docs: {
      rationale:
        "Pod Security Admission checks pods against the Pod Security Standards per namespace, through labels: `pod-security.kubernetes.io/enforce` rejects violating pods, while `warn` and `audit` only report them. A namespace without an `enforce` label gets the cluster's default (privileged unless the API server is configured otherwise), and `enforce: privileged` admits everything: privileged containers, host namespaces and hostPath mounts included. With only `warn` or `audit`, the violations are known and still run.",
      remediation:
        'Label the namespace with `pod-security.kubernetes.io/enforce: baseline` (or `restricted`), plus `enforce-version` and the same level for `warn` and `audit`. Keep `privileged` to the namespaces of node agents and CNI plugins, and say why in an annotation or a suppression. Try a level first with `kubectl label --dry-run=server --overwrite ns <name> pod-security.kubernetes.io/enforce=baseline`, which lists the pods that would be rejected.',
      invalid: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/warn: restricted
`,
      valid: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/warn: restricted
`,
      notes:
        'A Namespace without any Pod Security label is reported at information level (the cluster may set a default level in its admission configuration); one that only warns or audits, or enforces `privileged`, is a warning. `kube-system`, `kube-public` and `kube-node-lease` are not reported, nor Namespaces whose labels are Helm-templated.',
    },
    references: {
      urls: [
        'https://kubernetes.io/docs/concepts/security/pod-security-admission/',
        'https://kubernetes.io/docs/tasks/configure-pod-container/enforce-standards-namespace-labels/',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (object.name !== undefined && SYSTEM_NAMESPACES.has(object.name)) return;
    const metadata = object.metadata;
    if (!metadata) return;
    const name = displayName(object);
    const labels = metadata.get('labels');
    if (labels && (labels.templated || ctx.isUncertain(labels))) return;
    const enforce = labels?.isMap ? labels.get(ENFORCE) : undefined;
    if (enforce) {
      if (enforce.str === 'privileged') {
        ctx.report({
          node: enforce,
          messageId: 'privileged',
          data: { name },
          fix: { title: 'Enforce the baseline level', apply: (edit) => edit.setScalar(enforce, 'baseline') },
        });
      }
      return;
    }
    // Only warn or audit: the level is known, and not enforced.
    const modes: string[] = [];
    let level: PodSecurityLevel | undefined;
    for (const mode of ['warn', 'audit'] as const) {
      const value = labels?.isMap ? labels.get(`${PSA_LABEL_PREFIX}${mode}`)?.str : undefined;
      if (!isPodSecurityLevel(value)) continue;
      modes.push(mode === 'warn' ? 'warns' : 'audits');
      level = level ? stricterLevel(level, value) : value;
    }
    if (level && labels) {
      const enforced = level;
      ctx.report({
        node: labels,
        at: 'key',
        messageId: 'notEnforced',
        data: { name, modes: modes.join(' and '), level: enforced },
        fix: { title: `Enforce the ${enforced} level`, apply: (edit) => edit.setIn(metadata, ['labels', ENFORCE], enforced) },
      });
      return;
    }
    ctx.reportMissing({
      parent: labels?.isMap ? labels : metadata,
      messageId: 'none',
      severity: 'info',
      data: { name, enforce: ENFORCE },
      fix: {
        title: 'Enforce the baseline level',
        apply: (edit) => {
          for (const [key, value] of Object.entries(psaLabels('baseline'))) edit.setIn(metadata, ['labels', key], value);
        },
      },
    });
  },
});
