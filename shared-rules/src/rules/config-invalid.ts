import { defineRule } from '../engine/rule';

/** Reported in `.kubeward.yaml` itself when it cannot be used as written. */
export default defineRule({
  meta: {
    id: 'config-invalid',
    title: 'Kubeward configuration is malformed',
    severity: 'error',
    category: 'kubeward',
    kinds: [],
    engine: true,
    messages: { invalid: '{{detail}}' },
    fix: { availability: 'none' },
    since: '0.1.0',
    docs: {
      rationale:
        'A malformed `.kubeward.yaml` never stops analysis: the settings that cannot be read fall back to their defaults, and this finding says which, at the exact place in the configuration file.',
      remediation: 'Correct the setting as the message says. Unknown rule ids come with the closest known id.',
      invalid: 'profile: strict\nrules:\n  ingres-tls-missing: warning\n',
      valid: 'profile: restricted\nrules:\n  ingress-tls-missing: warning\n',
    },
    references: {},
  },
});
