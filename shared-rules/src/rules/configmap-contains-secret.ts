import { defineRule } from '../engine/rule';
import type { YNode } from '../yaml/nav';
import { couldBeCredential, decodeSecretValue, findSensitiveValue, isFileKey, sensitiveNameReason } from '../k8s/secrets';

export default defineRule({
  meta: {
    id: 'configmap-contains-secret',
    title: 'ConfigMap holds a credential',
    severity: 'error',
    category: 'secrets',
    kinds: ['ConfigMap'],
    messages: {
      sensitiveValue: 'ConfigMap "{{name}}" key "{{key}}" contains {{what}}',
      sensitiveKey: 'ConfigMap "{{name}}" key "{{key}}" is a {{reason}} with a real value',
    },
    fix: { availability: 'none' },
    since: '0.1.0',
    docs: {
      rationale:
        'ConfigMaps are designed for non-confidential data: they are readable by every subject that may read ConfigMaps (often every service account through broad roles), shown by `kubectl describe`, never encrypted at rest, and copied freely into logs and bug reports. A password or token in one is exposed to all of them.',
      remediation:
        'Move the value to a Secret (created outside git with SealedSecret, External Secrets Operator or SOPS) and change the consumers from `configMapKeyRef`/`configMap` volumes to `secretKeyRef`/`secret` volumes. Rotate the credential: it is in the repository history.',
      invalid: `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  DB_HOST: db.internal
  DB_PASSWORD: s3cr3t-Passw0rd
`,
      valid: `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  DB_HOST: db.internal
  password_validation.py: |
    def validate(password):
        return len(password) >= 12
`,
      notes:
        'Values are matched against well-known credential formats (private keys, JWTs, AWS, GitHub, Google, Slack, Stripe keys, URLs with a password) wherever they appear. Key names only count for single-line values under keys that are not file names, so a script called `password_validation.py` is not a finding (the false positive of trivy#8198). Placeholders, `$(VAR)`/`${VAR}` references, flags, paths and plain URLs are not flagged.',
    },
    references: {
      peers: { trivy: ['KSV-0109', 'KSV-01010'], polaris: 'sensitiveConfigmapContent', kubescape: 'C-0012' },
      urls: ['https://kubernetes.io/docs/concepts/configuration/configmap/', 'https://github.com/aquasecurity/trivy/issues/8198'],
    },
  },
  check(ctx) {
    const { object } = ctx;
    const name = object.name ?? 'this ConfigMap';
    const inspect = (key: string, node: YNode, text: string, encoded: boolean) => {
      const data = { name, key };
      const match = findSensitiveValue(text);
      if (match) {
        // Point at the credential itself when it is written as is.
        const at = encoded ? -1 : ctx.sourceOf(node).indexOf(match.text);
        const start = node.range[0] + at;
        if (at >= 0) ctx.report({ range: [start, start + match.text.length], messageId: 'sensitiveValue', data: { ...data, what: match.pattern.what } });
        else ctx.report({ node, at: node.quoteStyle === 'block' ? 'key' : 'value', messageId: 'sensitiveValue', data: { ...data, what: match.pattern.what } });
        return;
      }
      const reason = sensitiveNameReason(key);
      if (!reason || isFileKey(key) || /[\r\n]/.test(text.trim()) || !couldBeCredential(text)) return;
      ctx.report({ node, at: node.quoteStyle === 'block' ? 'key' : 'value', messageId: 'sensitiveKey', data: { ...data, reason } });
    };
    for (const [key, node] of object.root.get('data')?.entries() ?? []) {
      const text = node?.isScalar ? node.str : undefined;
      if (node && text !== undefined) inspect(key, node, text, false);
    }
    for (const [key, node] of object.root.get('binaryData')?.entries() ?? []) {
      const text = node?.isScalar ? node.str : undefined;
      const decoded = text === undefined ? undefined : decodeSecretValue(text);
      if (node && decoded && !decoded.binary) inspect(key, node, decoded.text, true);
    }
  },
});
