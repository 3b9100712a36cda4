import { defineRule } from '../engine/rule';
import { WORKLOAD_KINDS } from '../k8s/objects';
import { appArmorAnnotations, CONFINED_PROFILE_TYPES, explicitValues, isConfinedAppArmorAnnotation, siteLabel, workloadLabel } from '../k8s/pod-security';

export default defineRule({
  meta: {
    id: 'pod-apparmor-unconfined',
    title: 'AppArmor confinement turned off',
    severity: 'warning',
    category: 'pod-security',
    kinds: WORKLOAD_KINDS,
    messages: {
      profile: '{{site}} sets appArmorProfile.type: {{value}}',
      annotation: '{{object}} sets AppArmor to "{{value}}" for container "{{container}}"',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: "Use the runtime's default AppArmor profile" },
    since: '0.1.0',
    docs: {
      rationale:
        'On nodes with AppArmor, the container runtime confines every container with a default profile that denies writes to sensitive parts of `/proc` and `/sys`, mounts and raw kernel interfaces. `Unconfined` removes that layer. The Pod Security Standards allow, at the **baseline** level ("AppArmor"), only an unset profile, `RuntimeDefault` or `Localhost` in `securityContext.appArmorProfile.type` (pod and containers), and only `runtime/default` or `localhost/<profile>` in the older `container.apparmor.security.beta.kubernetes.io/<container>` annotation.',
      remediation:
        'Set `appArmorProfile.type: RuntimeDefault` (or remove it: the runtime default applies), or write a `Localhost` profile for the workload. In the annotation, use `runtime/default`.',
      invalid: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
      securityContext:
        appArmorProfile:
          type: Unconfined
`,
      valid: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
      securityContext:
        appArmorProfile:
          type: RuntimeDefault
`,
    },
    references: {
      peers: { kics: '8b36775e', trivy: 'KSV-0002', kubescape: 'C-0055', kubesec: 'ApparmorUnconfined' },
      urls: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline', 'https://kubernetes.io/docs/tutorials/security/apparmor/'],
    },
  },
  check(ctx) {
    for (const site of explicitValues(ctx.object, ['appArmorProfile', 'type'])) {
      const value = site.node.str;
      if (value === undefined || CONFINED_PROFILE_TYPES.has(value)) continue;
      const node = site.node;
      ctx.report({ node, messageId: 'profile', data: { site: siteLabel(ctx.object, site), value }, fix: (edit) => edit.setScalar(node, 'RuntimeDefault') });
    }
    for (const { container, node } of appArmorAnnotations(ctx.object)) {
      const value = node.str;
      if (value === undefined || isConfinedAppArmorAnnotation(value)) continue;
      ctx.report({
        node,
        messageId: 'annotation',
        data: { object: workloadLabel(ctx.object), container, value },
        fix: (edit) => edit.setScalar(node, 'runtime/default'),
      });
    }
  },
});
