import { defineRule, type FixSpec } from '../engine/rule';
import { containersOf, WORKLOAD_KINDS } from '../k8s/objects';
import { isWindowsPod, lookup } from '../k8s/pod-security';
import { applyRestrictedSecurityContext, RESTRICTED_FIX_TITLE } from '../fix/recipes';

const DROP = ['securityContext', 'capabilities', 'drop'];

export default defineRule({
  meta: {
    id: 'pod-capabilities-not-dropped',
    title: 'Container keeps the default Linux capabilities',
    severity: 'warning',
    category: 'pod-security',
    kinds: WORKLOAD_KINDS,
    profiles: ['restricted'],
    messages: {
      missing: 'Container "{{name}}" does not drop its Linux capabilities',
      noAll: 'Container "{{name}}" drops some capabilities but not ALL',
      lowercase: 'Container "{{name}}" drops "{{value}}"; Pod Security Admission accepts only "ALL"',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Drop ALL capabilities' },
    since: '0.1.0',
    docs: {
      rationale:
        'Every container starts with the runtime\'s default capabilities, among them `NET_RAW` (craft packets, spoof traffic on the pod network), `CHOWN`, `DAC_OVERRIDE`, `SETUID` and `SETGID`: each makes a compromise inside the container more useful to the attacker. The **restricted** Pod Security Standard ("Capabilities") requires every container to drop `ALL` (written exactly so) and add back at most `NET_BIND_SERVICE`. Windows pods are exempt.',
      remediation:
        'Set `securityContext.capabilities.drop: [ALL]` on each container and add back only what a program needs (`add: [NET_BIND_SERVICE]` to bind a port below 1024). The quick fix appends `ALL` to an existing drop list, or applies the whole restricted securityContext.',
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
          securityContext:
            capabilities:
              drop: [NET_RAW]
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
            capabilities:
              drop: [ALL]
`,
    },
    references: {
      peers: {
        'kube-linter': 'drop-net-raw-capability',
        checkov: ['CKV_K8S_28', 'CKV_K8S_37'],
        kics: ['dbbc6705', '268ca686'],
        trivy: ['KSV-0003', 'KSV-0004'],
        kubescape: 'C-0211',
        kubesec: ['CapDropAll', 'CapDropAny'],
      },
      urls: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted', 'https://man7.org/linux/man-pages/man7/capabilities.7.html'],
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (isWindowsPod(object)) return;
    const uncertain = (n: Parameters<typeof ctx.isUncertain>[0]) => ctx.isUncertain(n);
    const combined: FixSpec = { title: RESTRICTED_FIX_TITLE, preferred: false, apply: (edit) => applyRestrictedSecurityContext(edit, object, uncertain) };
    for (const container of containersOf(object)) {
      const found = lookup(container.node, DROP, uncertain);
      const data = { name: container.name };
      if (found.state === 'unknown') continue;
      if (found.state === 'unset') {
        const fixes = found.parent.indirect ? [] : [{ apply: (edit: Parameters<FixSpec['apply']>[0]) => edit.setIn(container.node, DROP, ['ALL']) }, combined];
        ctx.reportMissing({ parent: found.parent, messageId: 'missing', data, fix: fixes });
        continue;
      }
      const drop = found.node;
      if (!drop.isSeq || drop.items().some((i) => i.templated)) continue;
      const values = drop.items();
      if (values.some((v) => v.str === 'ALL')) continue;
      const spelled = values.find((v) => v.str?.toUpperCase() === 'ALL');
      if (spelled) {
        ctx.report({
          node: spelled,
          messageId: 'lowercase',
          data: { ...data, value: spelled.str! },
          fix: { title: 'Write ALL in capitals', apply: (edit) => edit.setScalar(spelled, 'ALL') },
        });
        continue;
      }
      ctx.report({
        node: drop,
        at: 'key',
        messageId: 'noAll',
        data,
        fix: drop.indirect ? [] : [{ title: 'Add ALL to the drop list', apply: (edit) => edit.appendItem(drop, 'ALL') }, combined],
      });
    }
  },
});
