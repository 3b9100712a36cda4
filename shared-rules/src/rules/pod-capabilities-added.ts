import { defineRule } from '../engine/rule';
import type { YNode } from '../yaml/nav';
import { containersOf, WORKLOAD_KINDS } from '../k8s/objects';
import { BASELINE_CAPABILITIES, isNodeTakeoverCapability, RESTRICTED_CAPABILITIES } from '../k8s/pod-security';
import { removeItems } from '../fix/recipes';

export default defineRule({
  meta: {
    id: 'pod-capabilities-added',
    title: 'Container adds a forbidden Linux capability',
    severity: 'error',
    category: 'pod-security',
    kinds: WORKLOAD_KINDS,
    messages: {
      dangerous: 'Container "{{name}}" adds capability {{capability}}',
      baseline: 'Container "{{name}}" adds capability {{capability}}, which the baseline level forbids',
      restricted: 'Container "{{name}}" adds capability {{capability}}; restricted allows only NET_BIND_SERVICE',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Remove the forbidden capabilities' },
    since: '0.1.0',
    docs: {
      rationale:
        "Linux capabilities split root's power into pieces. The **baseline** Pod Security Standard (\"Capabilities\") allows adding only the container runtime's default set: AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID and SYS_CHROOT. Anything else, and above all `SYS_ADMIN`, `NET_ADMIN`, `SYS_MODULE`, `SYS_PTRACE` or `ALL`, lets a compromised container reconfigure the node's network, load kernel modules, read other processes' memory or mount filesystems. The **restricted** standard allows only `NET_BIND_SERVICE`; with `profile: restricted` the other default capabilities are reported too, as warnings. Names are compared exactly, as Pod Security Admission does: `CAP_CHOWN` or `chown` is not on the allowed list.",
      remediation:
        'Remove the capability from `securityContext.capabilities.add`. Most software needs none: to bind a port below 1024 add only `NET_BIND_SERVICE`, or listen on a high port. If a node agent truly needs more, run it in a namespace with a `privileged` Pod Security level and suppress the finding there with a reason.',
      invalid: `apiVersion: v1
kind: Pod
metadata:
  name: vpn
spec:
  containers:
    - name: vpn
      image: vpn:2.1
      securityContext:
        capabilities:
          add: [NET_ADMIN, NET_BIND_SERVICE]
`,
      valid: `apiVersion: v1
kind: Pod
metadata:
  name: vpn
spec:
  containers:
    - name: vpn
      image: vpn:2.1
      securityContext:
        capabilities:
          add: [NET_BIND_SERVICE]
`,
    },
    references: {
      peers: {
        polaris: ['dangerousCapabilities', 'insecureCapabilities'],
        checkov: ['CKV_K8S_25', 'CKV_K8S_39'],
        kics: ['19ebaa28', '235236ee'],
        trivy: ['KSV-0005', 'KSV-0022', 'KSV-0106', 'KSV-0119', 'KSV-0120'],
        kubescape: 'C-0046',
        kubesec: 'CapSysAdmin',
      },
      urls: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline', 'https://man7.org/linux/man-pages/man7/capabilities.7.html'],
    },
  },
  check(ctx) {
    const restricted = ctx.config.profile === 'restricted';
    for (const container of containersOf(ctx.object)) {
      const add = container.node.getIn(['securityContext', 'capabilities', 'add']);
      // Templated entries are unknown; the literal ones are judged.
      if (!add?.isSeq) continue;
      const offending: Array<{ item: YNode; capability: string; messageId: 'dangerous' | 'baseline' | 'restricted' }> = [];
      for (const item of add.items()) {
        const capability = item.str;
        if (capability === undefined) continue;
        if (!BASELINE_CAPABILITIES.has(capability))
          offending.push({ item, capability, messageId: isNodeTakeoverCapability(capability) ? 'dangerous' : 'baseline' });
        else if (restricted && !RESTRICTED_CAPABILITIES.has(capability)) offending.push({ item, capability, messageId: 'restricted' });
      }
      // One edit removes every offending entry of the list, whichever finding it is applied from.
      const fix = (edit: Parameters<typeof removeItems>[0]) =>
        removeItems(
          edit,
          add,
          offending.map((o) => o.item),
        );
      for (const { item, capability, messageId } of offending) {
        ctx.report({
          node: item,
          messageId,
          data: { name: container.name, capability },
          severity: messageId === 'restricted' ? 'warning' : undefined,
          fix,
        });
      }
    }
  },
});
