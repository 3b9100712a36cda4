import { targetsAtLeast } from '../engine/config';
import { defineRule, type FixSpec } from '../engine/rule';
import { containersOf, podSpecOf, WORKLOAD_KINDS } from '../k8s/objects';
import {
  CONFINED_PROFILE_TYPES,
  explicitValues,
  isConfiningSeccompAnnotation,
  isWindowsPod,
  lookup,
  quotedList,
  seccompAnnotations,
  siteLabel,
  workloadLabel,
} from '../k8s/pod-security';
import { applyRestrictedSecurityContext, RESTRICTED_FIX_TITLE } from '../fix/recipes';

const TYPE = ['securityContext', 'seccompProfile', 'type'];

export default defineRule({
  meta: {
    id: 'pod-seccomp',
    title: 'Container runs without a seccomp profile',
    severity: 'warning',
    category: 'pod-security',
    kinds: WORKLOAD_KINDS,
    messages: {
      unconfined: '{{site}} sets seccompProfile.type: Unconfined',
      invalid: '{{site}} sets seccompProfile.type: {{value}}, which does not confine the container',
      missing: '{{object}} runs {{containers}} without a seccomp profile',
      annotation: '{{object}} sets seccomp only by annotation, which Kubernetes ignores since 1.27',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: "Use the runtime's default seccomp profile" },
    since: '0.1.0',
    docs: {
      rationale:
        "Seccomp filters the system calls a container may make; the container runtime's default profile blocks the few dozen that containers do not need and that kernel exploits and container escapes use (`unshare`, `keyctl`, `bpf`, `mount`…). This rule has two levels, as the Pod Security Standards do:\n\n- **baseline** (every profile): `seccompProfile.type: Unconfined` on the pod or a container turns filtering off explicitly. It is reported as an error, even when a container overrides the pod's value, because Pod Security Admission rejects it at the pod level too.\n- **restricted** (`profile: restricted`): a profile must be set, `RuntimeDefault` or `Localhost`, on the pod or on every container. Without one, the kubelet runs the container `Unconfined` unless the node was started with `--seccomp-default`. The missing case is reported once per pod, listing the containers it leaves unfiltered.\n\nWindows pods (`spec.os.name: windows`) are exempt from the restricted part, as in the standard. The alpha annotations `seccomp.security.alpha.kubernetes.io/pod` and `container.seccomp.security.alpha.kubernetes.io/<container>` count only when `kubernetesVersion` is below 1.27; from 1.27 Kubernetes ignores them, and a pod that relies on them is reported with a message that says so.",
      remediation:
        'Set `securityContext.seccompProfile.type: RuntimeDefault` at the pod level, so every container (init and ephemeral too) inherits it; use `Localhost` with `localhostProfile` for a custom profile. The quick fix does that, or applies the whole restricted securityContext at once.',
      invalid: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    seccompProfile:
      type: Unconfined
  containers:
    - name: web
      image: nginx:1.27
`,
      valid: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  containers:
    - name: web
      image: nginx:1.27
`,
    },
    references: {
      peers: {
        polaris: 'linuxHardening',
        checkov: 'CKV_K8S_31',
        kics: 'f377b83e',
        trivy: ['KSV-0030', 'KSV-0104'],
        kubescape: 'C-0210',
        kubesec: ['SeccompAny', 'SeccompUnconfined'],
      },
      urls: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/', 'https://kubernetes.io/docs/tutorials/security/seccomp/'],
    },
  },
  check(ctx) {
    const { object } = ctx;
    // Baseline: an explicit Unconfined (or an unknown type) anywhere.
    for (const site of explicitValues(object, ['seccompProfile', 'type'])) {
      const value = site.node.str;
      if (value === undefined || CONFINED_PROFILE_TYPES.has(value)) continue;
      const node = site.node;
      ctx.report({
        node,
        messageId: value === 'Unconfined' ? 'unconfined' : 'invalid',
        data: { site: siteLabel(object, site), value },
        severity: value === 'Unconfined' ? 'error' : undefined,
        fix: (edit) => edit.setScalar(node, 'RuntimeDefault'),
      });
    }
    // Restricted: a confining profile on the pod, or on every container.
    if (ctx.config.profile !== 'restricted' || isWindowsPod(object)) return;
    const uncertain = (n: Parameters<typeof ctx.isUncertain>[0]) => ctx.isUncertain(n);
    const spec = podSpecOf(object);
    if (!spec) return;
    const pod = lookup(spec, TYPE, uncertain);
    // A pod-level value is either confining or already reported above.
    if (pod.state !== 'unset') return;
    // Before 1.27 the kubelet still applied the alpha annotations.
    const legacy = seccompAnnotations(object);
    const annotationsApply = !targetsAtLeast(ctx.config, 1, 27);
    if (legacy.pod?.templated || (annotationsApply && isConfiningSeccompAnnotation(legacy.pod?.str))) return;
    const unfiltered = containersOf(object).filter((c) => {
      if (lookup(c.node, TYPE, uncertain).state !== 'unset') return false;
      const annotation = legacy.containers.get(c.name);
      return !(annotation?.templated || (annotationsApply && isConfiningSeccompAnnotation(annotation?.str)));
    });
    if (unfiltered.length === 0) return;
    const annotated = legacy.pod !== undefined || unfiltered.some((c) => legacy.containers.has(c.name));
    const fixes: FixSpec[] = pod.parent.indirect
      ? []
      : [
          { apply: (edit) => edit.setIn(spec, TYPE, 'RuntimeDefault') },
          { title: RESTRICTED_FIX_TITLE, preferred: false, apply: (edit) => applyRestrictedSecurityContext(edit, object, uncertain) },
        ];
    ctx.reportMissing({
      parent: pod.parent,
      messageId: annotated ? 'annotation' : 'missing',
      data: {
        object: workloadLabel(object),
        containers: `${unfiltered.length === 1 ? 'container' : 'containers'} ${quotedList(unfiltered.map((c) => c.name))}`,
      },
      fix: fixes,
    });
  },
});
