import { defineRule } from '../engine/rule';
import { podSpecOf, WORKLOAD_KINDS } from '../k8s/objects';
import type { YNode } from '../yaml/nav';
import { safeSysctls, workloadLabel } from '../k8s/pod-security';
import { removeItems } from '../fix/recipes';

export default defineRule({
  meta: {
    id: 'pod-unsafe-sysctls',
    title: 'Pod sets a sysctl that is not namespaced',
    severity: 'warning',
    category: 'pod-security',
    kinds: WORKLOAD_KINDS,
    messages: {
      unsafe: '{{object}} sets sysctl "{{sysctl}}", which is not in the safe set',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Remove the unsafe sysctls' },
    since: '0.1.0',
    docs: {
      rationale:
        'Pod-level sysctls change kernel parameters. Only a small set is namespaced, so that a pod changes them for itself alone; the rest affect the whole node (every other pod on it) or weaken protections such as ptrace or kernel pointer restrictions. The Pod Security Standards allow, at the **baseline** level ("Sysctls"): `kernel.shm_rmid_forced`, `net.ipv4.ip_local_port_range`, `net.ipv4.ip_unprivileged_port_start`, `net.ipv4.tcp_syncookies`, `net.ipv4.ping_group_range`, and, depending on the target Kubernetes version (`kubernetesVersion`), `net.ipv4.ip_local_reserved_ports` (1.27), `net.ipv4.tcp_keepalive_time`, `tcp_fin_timeout`, `tcp_keepalive_intvl`, `tcp_keepalive_probes` (1.29), `net.ipv4.tcp_rmem` and `tcp_wmem` (1.32).',
      remediation:
        'Remove the sysctl from `securityContext.sysctls`. If the workload truly needs it, tune the nodes it runs on (a node pool with the setting, and a taint and toleration to keep it there).',
      invalid: `apiVersion: v1
kind: Pod
metadata:
  name: db
spec:
  securityContext:
    sysctls:
      - name: kernel.sem
        value: "250 32000 100 128"
  containers:
    - name: db
      image: postgres:17
`,
      valid: `apiVersion: v1
kind: Pod
metadata:
  name: db
spec:
  securityContext:
    sysctls:
      - name: net.ipv4.ip_local_port_range
        value: "32768 60999"
  containers:
    - name: db
      image: postgres:17
`,
    },
    references: {
      peers: { 'kube-linter': 'unsafe-sysctls', kics: '9127f0d9', trivy: 'KSV-0026' },
      urls: [
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
        'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/',
      ],
    },
  },
  check(ctx) {
    const sysctls = podSpecOf(ctx.object)?.getIn(['securityContext', 'sysctls']);
    // Entries with a templated name are unknown; the literal ones are judged.
    if (!sysctls?.isSeq) return;
    const safe = safeSysctls(ctx.config.kubernetesMinor[0] > 1 ? 99 : ctx.config.kubernetesMinor[1]);
    const unsafe: Array<{ entry: YNode; name: YNode; sysctl: string }> = [];
    for (const entry of sysctls.items()) {
      const name = entry.isMap ? entry.get('name') : undefined;
      const sysctl = name?.str;
      if (!name || sysctl === undefined || safe.has(sysctl)) continue;
      unsafe.push({ entry, name, sysctl });
    }
    for (const { name, sysctl } of unsafe) {
      ctx.report({
        node: name,
        messageId: 'unsafe',
        data: { object: workloadLabel(ctx.object), sysctl },
        fix: (edit) =>
          removeItems(
            edit,
            sysctls,
            unsafe.map((u) => u.entry),
          ),
      });
    }
  },
});
