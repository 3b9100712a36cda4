import { defineRule, type FixSpec } from '../engine/rule';
import { placeholder, quoted } from '../fix/emit';
import type { EditBuilder } from '../fix/edit-builder';
import { isCustomGroup } from '../k8s/objects';
import { describeObject, humanList, policyRulesOf, READ_VERBS, ROLE_KINDS, SPECIAL_VERBS, type ListItem, type PolicyRule } from '../k8s/rbac';

/** Replaces a `*` verb with get, list and watch (those not listed already). */
function readOnlyVerbs(rule: PolicyRule, star: ListItem): FixSpec {
  return {
    title: 'Replace "*" with the read-only verbs get, list, watch',
    applicability: 'unsafe',
    preferred: false,
    apply(edit) {
      const have = new Set(rule.verbs.items.map((i) => i.value));
      const missing = READ_VERBS.filter((v) => !have.has(v));
      const [first, ...rest] = missing;
      if (first === undefined) {
        edit.removeItem(star.node);
        return;
      }
      edit.setScalar(star.node, first);
      // New items follow the quoting of the "*" they replace.
      for (const verb of rest) edit.appendItem(rule.verbs.node!, star.node.quoteStyle === 'double' ? quoted(verb) : verb);
    },
  };
}

export default defineRule({
  meta: {
    id: 'rbac-wildcard',
    title: 'RBAC rule grants "*" (every verb, resource or API group)',
    severity: 'error',
    category: 'rbac',
    kinds: ROLE_KINDS,
    messages: {
      verbs: '{{object}} grants every verb ("*") on {{resources}}: that includes {{special}}.',
      resources: '{{object}} grants {{verbs}} on every resource ("*"){{of}}: {{covers}}.',
      subresources: '{{object}} grants {{verbs}} on the "{{sub}}" subresource of every resource ("{{value}}"){{of}}.',
      apiGroups: '{{object}} matches every API group ("*") for {{resources}}, including groups installed later.',
      full: '{{object}} grants every verb on every resource: full control{{scope}}, like cluster-admin.',
      fullGroup: '{{object}} grants every verb on every resource of the API groups {{groups}}{{scope}}{{covers}}.',
    },
    fix: { availability: 'always', applicability: 'display-only', title: 'Replace "*" with an explicit value' },
    since: '0.1.0',
    docs: {
      rationale:
        "A `*` in a Role or ClusterRole rule grants far more than the author can see: every verb includes `escalate`, `bind` and `impersonate`; every resource includes Secrets, RBAC objects and every resource that a CRD installs later; every API group makes the rule cover same-named resources of groups that do not exist yet. A rule with `*` verbs on `*` resources is cluster-admin (or namespace-admin for a Role) under another name. Kubernetes' own RBAC good practices ask for explicit lists.",
      remediation:
        'Replace each `*` with the verbs, resources and API groups the subject really uses. `kubectl auth can-i --list --as=system:serviceaccount:<ns>:<sa>` shows what a subject has; audit logs show what it uses. The quick fix puts a placeholder in place of the `*` (and, for verbs, offers the read-only verbs `get`, `list`, `watch`).',
      notes:
        'One finding per rule entry, at its first `*`, saying what the entry grants. A `*` over API groups that hold only custom resources (not the core group, `apps`, `rbac.authorization.k8s.io` or another group Kubernetes serves) is reported as a warning: it reaches no Secret, pod or RBAC object. `escalate` and `bind` exist only on roles, `impersonate` only on users, groups and ServiceAccounts: a `*` verb elsewhere is named for what it adds (delete, deletecollection, verbs added later). A `*` only in a non-resource rule (`nonResourceURLs`) is not reported. Aggregated ClusterRoles (`aggregationRule`) are skipped: the controller writes their rules. Other RBAC rules report Secrets access, escalation verbs and exec only where the resource or verb is named explicitly, so a `*` is reported once, here.',
      invalid: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: deployer
rules:
  - apiGroups: ["apps"]
    resources: ["deployments"]
    verbs: ["*"]
`,
      valid: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: deployer
rules:
  - apiGroups: ["apps"]
    resources: ["deployments"]
    verbs: ["get", "list", "watch", "update", "patch"]
`,
    },
    references: {
      peers: {
        'kube-linter': 'wildcard-in-rules',
        checkov: 'CKV_K8S_49',
        kics: '6b896afb',
        trivy: ['KSV-0044', 'KSV-0045', 'KSV-0046', 'KSV-0112'],
        kubescape: 'C-0187',
      },
      urls: [
        'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege',
        'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources',
      ],
    },
  },
  check(ctx) {
    const object = describeObject(ctx.object);
    const scope =
      ctx.object.kind === 'Role' ? ` in namespace ${ctx.object.namespace ? `"${ctx.object.namespace}"` : 'its namespace'}` : ' over the whole cluster';
    for (const rule of policyRulesOf(ctx.object)) {
      if (!rule.resources.node) continue; // a non-resource rule
      // One finding per rule entry, at its first "*", saying what the entry grants.
      const groupStars = rule.apiGroups.items.filter((i) => i.value === '*');
      const resourceStars = rule.resources.items.filter((i) => i.value === '*');
      const subStars = rule.resources.items.filter((i) => i.value?.startsWith('*/'));
      const verbStars = rule.verbs.items.filter((i) => i.value === '*');
      const stars = [...groupStars, ...resourceStars, ...subStars, ...verbStars].sort((a, b) => a.node.range[0] - b.node.range[0]);
      const first = stars[0];
      if (!first) continue;
      const groups = rule.apiGroups.items.flatMap((i) => (i.value !== undefined ? [i.value] : []));
      const anyGroup = !rule.apiGroups.node || groupStars.length > 0;
      // Groups of custom resources only: the "*" reaches no Secret, pod or RBAC object.
      const customOnly = !anyGroup && !rule.apiGroups.templated && groups.length > 0 && groups.every(isCustomGroup);
      const resources = rule.resources.items.flatMap((i) => (i.value !== undefined && !i.value.startsWith('*') ? [i.value] : []));
      const verbs = rule.verbs.items.flatMap((i) => (i.value !== undefined ? [i.value] : []));
      const groupList = humanList(groups.map((g) => (g === '' ? '"" (core)' : `"${g}"`)));
      const special = [...new Set(resources.flatMap((r) => SPECIAL_VERBS[r.split('/')[0]!] ?? []))];
      let messageId: 'verbs' | 'resources' | 'subresources' | 'apiGroups' | 'full' | 'fullGroup';
      if (verbStars.length > 0 && resourceStars.length > 0) messageId = anyGroup ? 'full' : 'fullGroup';
      else if (resourceStars.length > 0) messageId = 'resources';
      else if (subStars.length > 0) messageId = 'subresources';
      else if (verbStars.length > 0) messageId = 'verbs';
      else messageId = 'apiGroups';
      const data = {
        object,
        scope,
        resources: resources.length ? humanList(resources.map((r) => `"${r}"`)) : 'its resources',
        verbs: verbStars.length > 0 ? 'every verb' : verbs.length ? verbs.map((v) => `"${v}"`).join(', ') : 'its verbs',
        groups: groupList,
        of: anyGroup ? ' of every API group' : ` of ${groupList}`,
        covers:
          messageId === 'fullGroup'
            ? customOnly
              ? ' (custom resources only)'
              : ''
            : customOnly
              ? 'custom resources only, and any added to that group later'
              : 'that includes Secrets, RBAC objects and any resource a CRD adds later',
        special: [...special, 'delete', 'deletecollection'].join(', ') + ', and verbs added later',
        sub: subStars[0]?.value?.slice(2) ?? '',
        value: subStars[0]?.value ?? '',
      };
      const placeholders = (edit: EditBuilder) => {
        for (const item of groupStars) edit.setScalar(item.node, placeholder('<api-group>'));
        for (const item of resourceStars) edit.setScalar(item.node, placeholder('<resource>'));
        for (const item of subStars) edit.setScalar(item.node, placeholder(`<resource>${item.value!.slice(1)}`));
        for (const item of verbStars) edit.setScalar(item.node, placeholder('<verb>'));
      };
      const onlyVerbs = stars.length === 1 && verbStars.length === 1;
      ctx.report({
        node: first.node,
        messageId,
        // A wildcard over custom resources only is a smaller grant than one over Secrets and RBAC.
        severity: customOnly ? 'warning' : undefined,
        data,
        fix: onlyVerbs ? [{ apply: placeholders }, readOnlyVerbs(rule, verbStars[0]!)] : [{ apply: placeholders }],
      });
    }
  },
});
