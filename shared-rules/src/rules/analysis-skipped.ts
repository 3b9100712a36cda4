import { defineRule } from '../engine/rule';

/** Reported by the engine when a file or document is too large or too deep to analyse. */
export default defineRule({
  meta: {
    id: 'analysis-skipped',
    title: 'File or document not analysed',
    severity: 'info',
    category: 'kubeward',
    kinds: [],
    engine: true,
    messages: {
      document: 'Kubeward skipped this document: it could not be parsed ({{reason}}). Nothing in it was checked.',
      file: 'Kubeward skipped this file: {{size}} MB is above the {{limit}} MB limit (maxFileSize)',
    },
    fix: { availability: 'none' },
    since: '0.1.0',
    docs: {
      rationale:
        'Kubeward keeps the editor responsive: a manifest larger than `maxFileSize` (16 MB by default), or a document nested too deeply to parse, is not analysed. This informational finding says so, so that silence is never mistaken for a clean bill of health.',
      remediation: 'Split the file, or raise `maxFileSize` in `.kubeward.yaml` and scan it with the CLI.',
      invalid: '',
      valid: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: small\n',
    },
    references: {},
  },
});
