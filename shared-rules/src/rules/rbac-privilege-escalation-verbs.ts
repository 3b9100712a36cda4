import { defineRule } from '../engine/rule';
import type { EditBuilder } from '../fix/edit-builder';
import { describeObject, explicitGrants, groupsOf, humanList, matchesGroup, narrowedByName, policyRulesOf, ROLE_KINDS, type PolicyRule } from '../k8s/rbac';
import { removalTitle, removeFlagged, type Flagged } from '../fix/recipes';

/** Escalation verbs and the resources (group-qualified) they act on. */
const VERB_TARGETS: Record<'bind' | 'escalate' | 'impersonate', readonly string[]> = {
  bind: ['roles', 'clusterroles'],
  escalate: ['roles', 'clusterroles'],
  impersonate: ['users', 'groups', 'serviceaccounts', 'uids', 'userextras'],
};

/** Resources whose write access is an escalation path, with the verbs that matter. */
const RESOURCE_GRANTS: ReadonlyArray<{
  resources: readonly string[];
  verbs: readonly string[];
  messageId: 'bindings' | 'webhooks' | 'csrApproval' | 'nodeProxy' | 'tokens';
  /** The fix keeps read access to bindings and webhooks; the subresources go. */
  drop: 'verbs' | 'all';
}> = [
  { resources: ['rolebindings', 'clusterrolebindings'], verbs: ['create', 'update', 'patch'], messageId: 'bindings', drop: 'verbs' },
  {
    resources: ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations'],
    verbs: ['create', 'update', 'patch'],
    messageId: 'webhooks',
    drop: 'verbs',
  },
  { resources: ['certificatesigningrequests/approval'], verbs: ['update', 'patch'], messageId: 'csrApproval', drop: 'all' },
  { resources: ['nodes/proxy'], verbs: ['get', 'create'], messageId: 'nodeProxy', drop: 'all' },
  { resources: ['serviceaccounts/token'], verbs: ['create'], messageId: 'tokens', drop: 'all' },
];

/** True when the rule's resources (explicitly or by `*`) include one of `targets` in its group. */
function actsOn(rule: PolicyRule, targets: readonly string[]): boolean {
  return targets.some((t) => {
    const names = rule.resources.items.map((i) => i.value);
    const base = t.split('/')[0]!;
    const named = names.includes('*') || names.includes(t) || (t === 'userextras' && names.some((n) => n?.startsWith('userextras/'))) || names.includes(base);
    return named && matchesGroup(rule, groupsOf(t));
  });
}

export default defineRule({
  meta: {
    id: 'rbac-privilege-escalation-verbs',
    title: 'Role can escalate its own privileges',
    severity: 'error',
    category: 'rbac',
    kinds: ROLE_KINDS,
    messages: {
      bind: '{{object}} grants "bind" on roles',
      escalate: '{{object}} grants "escalate" on roles',
      impersonate: '{{object}} grants "impersonate"',
      bindings: '{{object}} can {{verbs}} {{resource}}',
      webhooks: '{{object}} can {{verbs}} {{resource}}',
      csrApproval: '{{object}} can {{verbs}} certificatesigningrequests/approval',
      nodeProxy: '{{object}} can {{verbs}} nodes/proxy',
      tokens: '{{object}} can create serviceaccounts/token',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Remove the flagged verbs and resources from the rules' },
    since: '0.1.0',
    docs: {
      rationale:
        'RBAC prevents escalation by refusing to let a subject grant permissions it does not have — except through these doors: `bind` lets it bind any role, `escalate` lets it write roles beyond its own rights, `impersonate` lets it become any identity. Writing RoleBindings hands out everything it holds; writing admission webhook configurations intercepts every object sent to the API server; approving CertificateSigningRequests mints credentials; `nodes/proxy` reaches the kubelet, which executes in any pod; `serviceaccounts/token` mints tokens for other accounts.',
      remediation:
        'Remove the verb or resource from the rule. Where delegation is intended, limit `bind` and `impersonate` to the roles or identities involved with `resourceNames` (such rules are not reported), and keep webhook, CSR and node access to cluster components.',
      notes:
        'Reported where the verb or resource is named explicitly; a `*` that includes them is reported by `rbac-wildcard`. `resourceNames` narrows every verb except `create`, so `create` on RoleBindings is reported even with names. Aggregated ClusterRoles are skipped.',
      invalid: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: role-manager
rules:
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["clusterroles"]
    verbs: ["get", "list", "bind"]
`,
      valid: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: role-manager
rules:
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["clusterroles"]
    verbs: ["get", "list"]
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["clusterroles"]
    resourceNames: ["view"]
    verbs: ["bind"]
`,
    },
    references: {
      peers: {
        checkov: ['CKV_K8S_155', 'CKV_K8S_156', 'CKV_K8S_157', 'CKV_K8S_158', 'CKV2_K8S_1', 'CKV2_K8S_2', 'CKV2_K8S_3'],
        trivy: ['KSV-0043', 'KSV-0047', 'KSV-0050', 'KSV-0051', 'KSV-0052', 'KSV-0114'],
        kubescape: ['C-0191', 'C-0065', 'C-0279', 'C-0280', 'C-0281', 'C-0282'],
      },
      urls: [
        'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks',
        'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping',
      ],
    },
  },
  check(ctx) {
    const object = describeObject(ctx.object);
    const rules = policyRulesOf(ctx.object);
    const found: Array<{
      flagged: Flagged;
      messageId: keyof typeof VERB_TARGETS | (typeof RESOURCE_GRANTS)[number]['messageId'];
      verbs?: string[];
      resource?: string;
    }> = [];
    for (const rule of rules) {
      for (const item of rule.verbs.items) {
        const verb = item.value as keyof typeof VERB_TARGETS | undefined;
        if (verb === undefined || !(verb in VERB_TARGETS) || narrowedByName(rule, verb)) continue;
        if (actsOn(rule, VERB_TARGETS[verb])) found.push({ flagged: { rule, list: rule.verbs, item }, messageId: verb });
      }
    }
    for (const group of RESOURCE_GRANTS) {
      for (const grant of explicitGrants(rules, group.resources, group.verbs)) {
        found.push({
          flagged: { rule: grant.rule, list: grant.rule.resources, item: grant.item, drop: group.drop === 'all' ? 'all' : group.verbs },
          messageId: group.messageId,
          verbs: grant.verbs,
          resource: grant.resource,
        });
      }
    }
    // One fix takes every flagged verb and resource out, so fixes never overlap.
    const all = found.map((f) => f.flagged);
    const fix = { title: removalTitle(all), apply: (edit: EditBuilder) => removeFlagged(edit, ctx.object, all) };
    for (const f of found) {
      ctx.report({ node: f.flagged.item.node, messageId: f.messageId, data: { object, verbs: humanList(f.verbs ?? []), resource: f.resource ?? '' }, fix });
    }
  },
});
