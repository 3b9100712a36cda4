import { defineRule, type FixSpec } from '../engine/rule';
import { containersOf, WORKLOAD_KINDS } from '../k8s/objects';
import { isWindowsPod, lookup } from '../k8s/pod-security';
import { applyRestrictedSecurityContext, RESTRICTED_FIX_TITLE } from '../fix/recipes';

const FIELD = ['securityContext', 'readOnlyRootFilesystem'];

export default defineRule({
  meta: {
    id: 'pod-writable-rootfs',
    title: 'Container can write to its root filesystem',
    severity: 'info',
    category: 'pod-security',
    kinds: WORKLOAD_KINDS,
    profiles: ['restricted'],
    messages: {
      writable: 'Container "{{name}}" sets readOnlyRootFilesystem: false',
      missing: 'Container "{{name}}" does not set readOnlyRootFilesystem: true',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Set readOnlyRootFilesystem: true' },
    since: '0.1.0',
    docs: {
      rationale:
        'A writable root filesystem lets whoever gets code execution in the container download tools, replace binaries and edit configuration that the program reads later, and it hides such changes from image scanning. A read-only root filesystem keeps the container as it was built. This is not part of the Pod Security Standards but of the hardening guides (NSA/CISA, CIS) and of most linters, so Kubeward runs it with the **restricted** profile. Windows pods are skipped: the field is not supported there.',
      remediation:
        'Set `securityContext.readOnlyRootFilesystem: true` on each container and mount an `emptyDir` at the paths the program writes to (`/tmp`, caches, PID files). The quick fix sets the field or applies the whole restricted securityContext; test the workload afterwards, since programs that write elsewhere will fail.',
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
            readOnlyRootFilesystem: true
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir: {}
`,
    },
    references: {
      peers: {
        'kube-linter': 'no-read-only-root-fs',
        polaris: 'notReadOnlyRootFilesystem',
        checkov: 'CKV_K8S_22',
        kics: 'a9c2f49d',
        trivy: 'KSV-0014',
        kubescape: 'C-0017',
        kubesec: 'ReadOnlyRootFilesystem',
      },
      urls: [
        'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
        'https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (isWindowsPod(object)) return;
    const uncertain = (n: Parameters<typeof ctx.isUncertain>[0]) => ctx.isUncertain(n);
    for (const container of containersOf(object)) {
      const found = lookup(container.node, FIELD, uncertain);
      const data = { name: container.name };
      if (found.state === 'unknown') continue;
      if (found.state === 'set') {
        if (!found.node.isFalse) continue;
        const node = found.node;
        ctx.report({ node, messageId: 'writable', data, fix: (edit) => edit.setScalar(node, true) });
        continue;
      }
      const fixes: FixSpec[] = found.parent.indirect
        ? []
        : [
            { apply: (edit) => edit.setIn(container.node, FIELD, true) },
            { title: RESTRICTED_FIX_TITLE, preferred: false, apply: (edit) => applyRestrictedSecurityContext(edit, object, uncertain) },
          ];
      ctx.reportMissing({ parent: found.parent, messageId: 'missing', data, fix: fixes });
    }
  },
});
