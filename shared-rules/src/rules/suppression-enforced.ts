import { defineRule } from '../engine/rule';

/** Reported by the engine where a comment or annotation tries to suppress a rule that .kubeward.yaml enforces. */
export default defineRule({
  meta: {
    id: 'suppression-enforced',
    title: 'Suppression of an enforced rule',
    severity: 'warning',
    category: 'kubeward',
    kinds: [],
    engine: true,
    messages: { enforced: '{{rule}} is enforced in .kubeward.yaml: this suppression does not suppress it.' },
    fix: { availability: 'none' },
    since: '0.1.0',
    docs: {
      rationale:
        'Some rules are not for each author to waive: a repository lists them under `enforce:` in `.kubeward.yaml` (running privileged, binding cluster-admin). A `# kubeward-disable…` comment or an `ignore.kubeward.io/<rule>` annotation for such a rule has no effect: the finding stays, and this finding shows where the suppression was attempted, so a reviewer sees it.',
      remediation:
        'Fix the finding, or ask for a reviewed exception in `.kubeward.yaml` (`exceptions:` with a rule, a scope, a reason and an end date), which enforced rules honour; then remove the comment or annotation.',
      invalid: '',
      valid: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
    references: {},
  },
});
