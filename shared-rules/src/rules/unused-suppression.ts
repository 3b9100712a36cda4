import { defineRule } from '../engine/rule';

/** Reported by the engine after suppressions are applied. */
export default defineRule({
  meta: {
    id: 'unused-suppression',
    title: 'Suppression matches nothing',
    severity: 'hint',
    category: 'kubeward',
    kinds: [],
    engine: true,
    messages: { unused: 'This suppression matches no finding.' },
    fix: { availability: 'always', applicability: 'safe', title: 'Remove the unused suppression' },
    since: '0.1.0',
    docs: {
      rationale:
        'A `# kubeward-disable…` comment or an `ignore.kubeward.io/<rule>` annotation that suppresses nothing is dead weight, and worse, it silently hides the next real finding of that rule at that place. Kubeward reports it so suppressions stay deliberate.',
      remediation: 'Remove the comment, the rule id from it, or the annotation.',
      invalid:
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  # kubeward-disable-next-line service-nodeport -- exposed on purpose\n  type: ClusterIP\n',
      valid: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: ClusterIP\n',
    },
    references: {},
  },
});
