import { defineRule } from '../engine/rule';

/** Reported by the engine itself when a manifest does not parse. */
export default defineRule({
  meta: {
    id: 'yaml-syntax',
    title: 'Manifest is not valid YAML',
    severity: 'error',
    category: 'syntax',
    kinds: [],
    engine: true,
    messages: {
      syntax: 'YAML syntax error: {{detail}}',
      duplicateKey: 'Duplicate key "{{key}}": kubectl and Helm refuse the file',
      duplicateUnnamedKey: 'Duplicate key: kubectl and Helm refuse the file',
    },
    fix: { availability: 'none' },
    since: '0.1.0',
    docs: {
      rationale:
        'A manifest that does not parse is rejected by `kubectl apply`, and nothing in it can be checked. Kubeward reports each syntax error once, at its position, and still analyses the other documents of the file. Helm template actions (`{{ … }}`) are masked before parsing, so template syntax is never reported here.',
      remediation: 'Fix the YAML at the reported position: indentation, a missing `:` or a stray character are the usual causes.',
      invalid: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n   namespace: shop\n',
      valid: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\n',
    },
    references: { urls: ['https://yaml.org/spec/1.2.2/'] },
  },
});
