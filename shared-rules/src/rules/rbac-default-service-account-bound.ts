import { defineRule } from '../engine/rule';
import { placeholder } from '../fix/emit';
import { BINDING_KINDS, describeObject, roleRefOf, subjectsOf } from '../k8s/rbac';

export default defineRule({
  meta: {
    id: 'rbac-default-service-account-bound',
    title: "Binding grants a role to a namespace's default ServiceAccount",
    severity: 'warning',
    category: 'rbac',
    kinds: BINDING_KINDS,
    messages: {
      defaultAccount: '{{object}} gives the {{role}} to the "default" ServiceAccount of {{namespace}}',
    },
    fix: { availability: 'always', applicability: 'display-only', title: 'Bind a dedicated ServiceAccount instead' },
    since: '0.1.0',
    docs: {
      rationale:
        'Every namespace has a `default` ServiceAccount, and every pod that names no `serviceAccountName` runs as it. A role bound to it is held by all those pods at once: any workload of the namespace, a debugging pod or a compromised one included, gets the permissions meant for one application.',
      remediation:
        'Create a ServiceAccount for the workload that needs the permissions, set `serviceAccountName` in its pod template, and bind the role to that account. Leave `default` without bindings (and with `automountServiceAccountToken: false`).',
      invalid: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: reader
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: config-reader
subjects:
  - kind: ServiceAccount
    name: default
    namespace: shop
`,
      valid: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: reader
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: config-reader
subjects:
  - kind: ServiceAccount
    name: shop-api
    namespace: shop
`,
    },
    references: {
      peers: { checkov: 'CKV_K8S_42' },
      urls: [
        'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege',
        'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/',
      ],
    },
  },
  check(ctx) {
    const ref = roleRefOf(ctx.object);
    const role = ref?.name !== undefined ? `${ref.kind ?? 'role'} "${ref.name}"` : 'role';
    for (const subject of subjectsOf(ctx.object)) {
      if (subject.kind !== 'ServiceAccount' || subject.name !== 'default' || !subject.nameNode) continue;
      const ns = subject.namespace ?? ctx.object.namespace;
      const nameNode = subject.nameNode;
      ctx.report({
        node: nameNode,
        messageId: 'defaultAccount',
        data: { object: describeObject(ctx.object), role, namespace: ns ? `namespace "${ns}"` : 'its namespace' },
        fix: (edit) => edit.setScalar(nameNode, placeholder('<dedicated-service-account>')),
      });
    }
  },
});
