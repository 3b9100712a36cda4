import { defineRule, type FixSpec } from '../engine/rule';
import { placeholder, quoted } from '../fix/emit';
import { describeObject, policyRulesOf, READ_VERBS, ROLE_KINDS, type ListItem, type PolicyRule } from '../k8s/rbac';

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
      verbs:
        '{{object}} grants every verb ("*") on {{resources}}: that includes delete, escalate, bind and impersonate, and verbs added later. List the verbs the subject actually uses.',
      resources:
        '{{object}} grants {{verbs}} on every resource ("*"): that includes Secrets, RBAC objects and any resource a CRD adds later. List the resources the subject actually uses.',
      subresources:
        '{{object}} grants {{verbs}} on the "{{sub}}" subresource of every resource ("{{value}}"), including resources a CRD adds later. List the resources the subject actually uses.',
      apiGroups:
        '{{object}} matches every API group ("*"): the rule also covers same-named resources of any group installed later. List the groups it needs ("" is the core group).',
      full: '{{object}} grants every verb on every resource: whoever holds it has full control{{scope}}, like cluster-admin, including Secrets and RBAC itself. Grant only the verbs and resources the subject uses.',
      fullGroup:
        '{{object}} grants every verb on every resource of the API groups {{groups}}{{scope}}, including resources added to it later. Grant only the verbs and resources the subject uses.',
    },
    fix: { availability: 'always', applicability: 'display-only', title: 'Replace "*" with an explicit value' },
    since: '0.1.0',
    docs: {
      rationale:
        'A `*` in a Role or ClusterRole rule grants far more than the author can see: every verb includes `escalate`, `bind` and `impersonate`; every resource includes Secrets, RBAC objects and every resource that a CRD installs later; every API group makes the rule cover same-named resources of groups that do not exist yet. A rule with `*` verbs on `*` resources is cluster-admin (or namespace-admin for a Role) under another name. Kubernetes\' own RBAC good practices ask for explicit lists.',
      remediation:
        'Replace each `*` with the verbs, resources and API groups the subject really uses. `kubectl auth can-i --list --as=system:serviceaccount:<ns>:<sa>` shows what a subject has; audit logs show what it uses. The quick fix puts a placeholder in place of the `*` (and, for verbs, offers the read-only verbs `get`, `list`, `watch`).',
      notes:
        'Each `*` is reported on its own, at its exact position. A `*` only in a non-resource rule (`nonResourceURLs`) is not reported. Aggregated ClusterRoles (`aggregationRule`) are skipped: the controller writes their rules. Other RBAC rules report Secrets access, escalation verbs and exec only where the resource or verb is named explicitly, so a `*` is reported once, here.',
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
      urls: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege', 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources'],
    },
  },
  check(ctx) {
    const object = describeObject(ctx.object);
    const scope = ctx.object.kind === 'Role' ? ` in namespace "${ctx.object.namespace ?? 'its namespace'}"` : ' over the whole cluster';
    for (const rule of policyRulesOf(ctx.object)) {
      if (!rule.resources.node) continue; // a non-resource rule
      const starVerb = rule.verbs.items.some((i) => i.value === '*');
      const starResource = rule.resources.items.some((i) => i.value === '*');
      const groups = rule.apiGroups.items.flatMap((i) => (i.value !== undefined ? [i.value] : []));
      const anyGroup = !rule.apiGroups.node || groups.includes('*');
      // Every verb on every resource: of every group (cluster-admin), or of the listed groups.
      const full = starVerb && starResource ? (anyGroup ? 'full' : 'fullGroup') : undefined;
      const resources = rule.resources.items.flatMap((i) => (i.value !== undefined ? [i.value] : []));
      const verbs = rule.verbs.items.flatMap((i) => (i.value !== undefined ? [i.value] : []));
      const data = {
        object,
        scope,
        resources: resources.length ? resources.map((r) => `"${r}"`).join(', ') : 'its resources',
        verbs: verbs.length ? verbs.map((v) => `"${v}"`).join(', ') : 'its verbs',
        groups: groups.map((g) => (g === '' ? '"" (core: Secrets, pods, Services…)' : `"${g}"`)).join(', '),
      };
      for (const item of rule.apiGroups.items) {
        if (item.value !== '*') continue;
        ctx.report({ node: item.node, messageId: full ?? 'apiGroups', data, fix: (edit) => edit.setScalar(item.node, placeholder('<api-group>')) });
      }
      for (const item of rule.resources.items) {
        if (item.value === '*') {
          ctx.report({ node: item.node, messageId: full ?? 'resources', data, fix: (edit) => edit.setScalar(item.node, placeholder('<resource>')) });
        } else if (item.value?.startsWith('*/')) {
          ctx.report({ node: item.node, messageId: 'subresources', data: { ...data, sub: item.value.slice(2), value: item.value }, fix: (edit) => edit.setScalar(item.node, placeholder(`<resource>${item.value!.slice(1)}`)) });
        }
      }
      for (const item of rule.verbs.items) {
        if (item.value !== '*') continue;
        ctx.report({
          node: item.node,
          messageId: full ?? 'verbs',
          data,
          fix: [{ apply: (edit) => edit.setScalar(item.node, placeholder('<verb>')) }, readOnlyVerbs(rule, item)],
        });
      }
    }
  },
});
