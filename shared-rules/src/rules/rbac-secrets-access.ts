import { defineRule } from '../engine/rule';
import { placeholder } from '../fix/emit';
import { describeObject, explicitGrants, humanList, policyRulesOf, READ_VERBS, ROLE_KINDS } from '../k8s/rbac';

export default defineRule({
  meta: {
    id: 'rbac-secrets-access',
    title: 'Role can read Secrets',
    severity: 'warning',
    category: 'rbac',
    kinds: ROLE_KINDS,
    messages: {
      read: '{{object}} can {{verbs}} Secrets{{scope}}',
      list: '{{object}} can {{verbs}} Secrets{{scope}}',
    },
    fix: { availability: 'sometimes', applicability: 'display-only', title: 'Restrict the rule to named Secrets (resourceNames)' },
    since: '0.1.0',
    docs: {
      rationale:
        "Reading Secrets is reading credentials: database passwords, API keys, TLS private keys and, in older clusters, ServiceAccount tokens that let the reader act with other accounts' permissions. `list` and `watch` are as dangerous as `get`: they return the full content of every Secret in scope. A ClusterRole grants this in every namespace once bound with a ClusterRoleBinding, so it is reported as an error; a Role as a warning.",
      remediation:
        "Grant `get` on the specific Secrets the workload needs with `resourceNames`, or better, mount the Secret into the pod and grant no API access at all. The quick fix adds a `resourceNames` placeholder when Secrets are the rule's only resource.",
      notes:
        'Only rules that name `secrets` explicitly are reported; `*` resources are reported by `rbac-wildcard`. A rule narrowed by `resourceNames` is not reported. Aggregated ClusterRoles are skipped.',
      invalid: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: app
  namespace: shop
rules:
  - apiGroups: [""]
    resources: ["secrets"]
    verbs: ["get"]
`,
      valid: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: app
  namespace: shop
rules:
  - apiGroups: [""]
    resources: ["secrets"]
    resourceNames: ["shop-db"]
    verbs: ["get"]
`,
    },
    references: {
      peers: {
        'kube-linter': 'access-to-secrets',
        checkov: 'CKV2_K8S_5',
        kics: ['b7bca5c4', '056ac60e'],
        trivy: ['KSV-0041', 'KSV-0113'],
        kubescape: ['C-0015', 'C-0186', 'C-0255'],
      },
      urls: [
        'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets',
        'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources',
      ],
    },
  },
  check(ctx) {
    const cluster = ctx.object.kind === 'ClusterRole';
    for (const grant of explicitGrants(policyRulesOf(ctx.object), ['secrets'], READ_VERBS)) {
      const { rule, item, verbs } = grant;
      const bulk = verbs.includes('list') || verbs.includes('watch');
      const onlySecrets = rule.resources.items.length === 1;
      ctx.report({
        node: item.node,
        messageId: bulk ? 'list' : 'read',
        data: { object: describeObject(ctx.object), verbs: humanList(verbs), scope: cluster ? ' in every namespace it is bound in' : '' },
        severity: cluster ? 'error' : undefined,
        fix: onlySecrets ? (edit) => edit.setIn(rule.node, ['resourceNames'], [placeholder('<secret-name>')], { overwrite: true }) : undefined,
      });
    }
  },
});
