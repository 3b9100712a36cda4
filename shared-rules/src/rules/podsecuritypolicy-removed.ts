import { targetsAtLeast } from '../engine/config';
import { defineRule, type FileObject, type FixSpec } from '../engine/rule';
import { placeholder } from '../fix/emit';
import type { EditBuilder } from '../fix/edit-builder';
import { apiGroup, displayName, isCustomGroup } from '../k8s/objects';
import { hasEnforceLabel, PSP_API_VERSIONS, psaLabels, pspLevel, SYSTEM_NAMESPACES } from '../k8s/pod-security-admission';

/** Adds the labels a Namespace lacks (existing labels win: merged, never overwritten). */
function labelNamespace(edit: EditBuilder, namespace: FileObject, labels: Record<string, string>): void {
  const target = edit.inDocument(namespace.document);
  for (const [key, value] of Object.entries(labels)) target.setIn(namespace.object.root, ['metadata', 'labels', key], value);
}

export default defineRule({
  meta: {
    id: 'podsecuritypolicy-removed',
    title: 'PodSecurityPolicy API is removed',
    severity: 'error',
    category: 'api-version',
    kinds: ['PodSecurityPolicy'],
    deprecation: true,
    messages: {
      neverServed: 'PodSecurityPolicy {{name}} uses {{apiVersion}}, which never served it; PodSecurityPolicy is gone since 1.25.',
      removed: 'PodSecurityPolicy {{name}} uses {{apiVersion}}, which Kubernetes stopped serving in 1.25',
      deprecated: 'PodSecurityPolicy {{name}} uses {{apiVersion}}, removed in Kubernetes 1.25',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Replace the PodSecurityPolicy with Pod Security Admission namespace labels' },
    since: '0.1.0',
    docs: {
      rationale:
        'PodSecurityPolicy was deprecated in Kubernetes 1.21 and removed in 1.25 without a direct replacement. A manifest that still ships one fails to apply on a current cluster, and worse, a cluster upgraded with PSPs in place silently stops enforcing them: privileged pods, host namespaces and hostPath volumes are admitted again. Its successor is the built-in Pod Security Admission controller, configured per namespace with `pod-security.kubernetes.io/*` labels.',
      remediation:
        'Label each namespace the policy applied to with the Pod Security Standard it corresponds to (`pod-security.kubernetes.io/enforce: restricted|baseline`, `enforce-version: latest`, plus `audit` and `warn`), then delete the PodSecurityPolicy and the RBAC that granted `use` on it. The level follows the official mapping: `restricted` when the policy forbids privileged containers and privilege escalation, drops ALL capabilities, requires `runAsUser.rule: MustRunAsNonRoot` and allows only the restricted volume types; `baseline` when it allows nothing the baseline forbids; otherwise `privileged` (enforced as privileged, audited and warned at baseline). With Namespaces in the same file the quick fix labels them and removes the policy; otherwise it replaces the policy with a Namespace whose name you fill in.',
      invalid: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: restricted
spec:
  privileged: false
  allowPrivilegeEscalation: false
  requiredDropCapabilities: [ALL]
  runAsUser:
    rule: MustRunAsNonRoot
  seLinux:
    rule: RunAsAny
  supplementalGroups:
    rule: RunAsAny
  fsGroup:
    rule: RunAsAny
  volumes: [configMap, emptyDir, projected, secret, downwardAPI, persistentVolumeClaim]
`,
      valid: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/enforce-version: latest
    pod-security.kubernetes.io/audit: restricted
    pod-security.kubernetes.io/warn: restricted
`,
      notes:
        '`seLinux.rule: RunAsAny` and absent seccomp/AppArmor annotations are treated as "no opinion" (almost every PodSecurityPolicy has them, the upstream restricted example included); Pod Security Admission will still reject pods that set custom SELinux users or roles or an Unconfined profile. The fix does not yet remove the ClusterRole rules that grant `use` on the policy. With a target `kubernetesVersion` below 1.25 the finding is a warning. A PodSecurityPolicy at any version of Kubernetes\' own groups is reported, even one that never served it (`policy/v1`); a `PodSecurityPolicy` kind of a custom API group is not.',
    },
    references: {
      peers: { kics: '94b76ea5' },
      urls: [
        'https://kubernetes.io/docs/reference/access-authn-authz/psp-to-pod-security-standards/',
        'https://kubernetes.io/docs/tasks/configure-pod-container/migrate-from-psp/',
        'https://kubernetes.io/docs/concepts/security/pod-security-admission/',
        'https://kubernetes.io/docs/reference/using-api/deprecation-guide/#psp-v125',
      ],
    },
  },
  check(ctx) {
    const { object, config } = ctx;
    const apiVersionNode = object.root.get('apiVersion');
    const apiVersion = object.apiVersion;
    // A PodSecurityPolicy at any version of Kubernetes' own groups, even one that never served it (policy/v1), is still one; a custom resource is not.
    if (apiVersion !== undefined && isCustomGroup(apiGroup(apiVersion))) return;
    const neverServed = apiVersion !== undefined && !PSP_API_VERSIONS.includes(apiVersion);
    const { level } = pspLevel(object);
    const labels = psaLabels(level);
    const root = object.root;

    const namespaces = ctx.fileObjects(['Namespace']).filter((n) => !hasEnforceLabel(n.object) && !SYSTEM_NAMESPACES.has(n.object.name ?? ''));
    const fixes: FixSpec[] = [];
    if (namespaces.length > 1) {
      fixes.push({
        title: 'Add Pod Security Admission labels to every Namespace in this file and remove the PodSecurityPolicy',
        apply: (edit) => {
          for (const namespace of namespaces) labelNamespace(edit, namespace, labels);
          edit.removeObject(root);
        },
      });
    }
    for (const namespace of namespaces) {
      fixes.push({
        title: `Add Pod Security Admission labels to Namespace ${displayName(namespace.object)} and remove the PodSecurityPolicy`,
        apply: (edit) => {
          labelNamespace(edit, namespace, labels);
          edit.removeObject(root);
        },
      });
    }
    fixes.push({
      title: 'Replace the PodSecurityPolicy with a Namespace with Pod Security Admission labels',
      applicability: 'display-only',
      apply: (edit) => edit.replaceObject(root, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: placeholder('<namespace>'), labels } }),
    });

    const removed = targetsAtLeast(config, 1, 25);
    ctx.report({
      node: apiVersion !== undefined && apiVersionNode ? apiVersionNode : root.get('kind'),
      messageId: neverServed ? 'neverServed' : removed ? 'removed' : 'deprecated',
      severity: removed || neverServed ? undefined : 'warning',
      data: { name: displayName(object), apiVersion: apiVersion ?? 'a PodSecurityPolicy API', level },
      fix: fixes,
    });
  },
});
