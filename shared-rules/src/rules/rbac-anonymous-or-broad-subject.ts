import { defineRule } from '../engine/rule';
import type { EditBuilder } from '../fix/edit-builder';
import { BINDING_KINDS, describeObject, DISCOVERY_ROLES, roleRefOf, subjectsOf } from '../k8s/rbac';
import { removeItems, EMPTY_LIST } from '../fix/recipes';

/** Subjects that stand for everyone (or for the RBAC bypass group), by kind and name. */
const BROAD: ReadonlyArray<{ kind: string; name: string; messageId: 'anonymous' | 'unauthenticated' | 'authenticated' | 'masters' }> = [
  { kind: 'User', name: 'system:anonymous', messageId: 'anonymous' },
  { kind: 'Group', name: 'system:unauthenticated', messageId: 'unauthenticated' },
  { kind: 'Group', name: 'system:authenticated', messageId: 'authenticated' },
  { kind: 'Group', name: 'system:masters', messageId: 'masters' },
];

export default defineRule({
  meta: {
    id: 'rbac-anonymous-or-broad-subject',
    title: 'Binding grants a role to anonymous or all users',
    severity: 'error',
    category: 'rbac',
    kinds: BINDING_KINDS,
    messages: {
      anonymous: '{{object}} grants {{role}} to system:anonymous',
      unauthenticated: '{{object}} grants {{role}} to the system:unauthenticated group',
      authenticated: '{{object}} grants {{role}} to the system:authenticated group',
      masters: '{{object}} names the system:masters group, whose members bypass RBAC',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Remove this subject' },
    since: '0.1.0',
    docs: {
      rationale:
        '`system:anonymous` and `system:unauthenticated` are every request that carries no credentials; `system:authenticated` is every user and every ServiceAccount token in the cluster. Binding a role to them grants it to attackers on the network or to any compromised pod. `system:masters` is the hard-coded super-user group: RBAC is never consulted for it, and membership comes from client certificates that cannot be revoked, so bindings that name it point at a credential practice to stop.',
      remediation:
        'Remove the subject and bind the specific users, groups or ServiceAccounts that need the role. Bindings of the built-in discovery roles (`system:basic-user`, `system:discovery`, `system:public-info-viewer`), which Kubernetes itself grants to everyone, are not reported.',
      invalid: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: dashboard-viewers
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
subjects:
  - kind: Group
    apiGroup: rbac.authorization.k8s.io
    name: system:authenticated
`,
      valid: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: dashboard-viewers
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
subjects:
  - kind: Group
    apiGroup: rbac.authorization.k8s.io
    name: sre
`,
    },
    references: {
      peers: { kubesec: 'BindingsToSystemAnonymous', trivy: ['KSV-0122', 'KSV-01011', 'KSV-0123'], kubescape: ['C-0262', 'C-0265', 'C-0246'] },
      urls: [
        'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#discovery-roles',
        'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests',
      ],
    },
  },
  check(ctx) {
    const ref = roleRefOf(ctx.object);
    if (ref?.name && DISCOVERY_ROLES.has(ref.name)) return;
    const role = ref?.name ? `the ${ref.kind ?? 'role'} "${ref.name}"` : 'its role';
    const found = subjectsOf(ctx.object).flatMap((subject) => {
      const match = BROAD.find((b) => b.name === subject.name && (subject.kind === undefined || subject.kind === b.kind));
      return match && subject.nameNode ? [{ subject, nameNode: subject.nameNode, messageId: match.messageId }] : [];
    });
    const seq = ctx.object.root.get('subjects');
    // One fix removes every such subject, so fixes never overlap.
    const fix = {
      title: found.length > 1 ? 'Remove these subjects' : 'Remove this subject',
      apply: (edit: EditBuilder) =>
        removeItems(
          edit,
          seq!,
          found.map((f) => f.subject.node),
          EMPTY_LIST,
        ),
    };
    for (const f of found) ctx.report({ node: f.nameNode, messageId: f.messageId, data: { object: describeObject(ctx.object), role }, fix });
  },
});
