import { defineRule, type FixSpec } from '../engine/rule';
import { decodeBase64, encodeBase64, isPlaceholderValue, secretEntries } from '../k8s/secrets';

export default defineRule({
  meta: {
    id: 'secret-data-invalid-base64',
    title: 'Secret data value is not base64',
    severity: 'error',
    category: 'secrets',
    kinds: ['Secret'],
    messages: {
      invalid: 'Secret "{{name}}" data "{{key}}" is not valid base64',
      folded: 'Secret "{{name}}" data "{{key}}" is base64 broken by spaces (a folded plain scalar)',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Base64-encode the value' },
    since: '0.1.0',
    docs: {
      rationale:
        "Values under a Secret's `data` must be standard, padded base64; only line breaks are ignored. People often paste the plain value there instead. The API server then refuses the whole Secret with `illegal base64 data`, `kubectl apply` fails, and every workload that mounts the Secret or reads it into its environment stays in `CreateContainerConfigError`. A long base64 value written as a plain scalar over several lines breaks the same way: YAML folds the line breaks into spaces.",
      remediation:
        'Encode the value (`echo -n "$VALUE" | base64`), or move the entry under `stringData`, which takes plain text and is encoded by the API server. Better still, keep the value out of the repository altogether (see `secret-plaintext-in-manifest`).',
      invalid: `apiVersion: v1
kind: Secret
metadata:
  name: db
type: Opaque
data:
  username: YXBw
  password: hunter2!
`,
      valid: `apiVersion: v1
kind: Secret
metadata:
  name: db
type: Opaque
data:
  username: YXBw
  password: aHVudGVyMiE=
`,
      notes:
        'A `data` value that is a number or a boolean in YAML (`pin: 1234`) is not a string at all and is rejected too. Placeholders such as `<base64-password>` and Helm-templated values are left alone.',
    },
    references: {
      urls: [
        'https://kubernetes.io/docs/concepts/configuration/secret/#restriction-names-data',
        'https://kubernetes.io/docs/tasks/configmap-secret/managing-secret-using-config-file/',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    const name = object.name ?? 'this Secret';
    for (const entry of secretEntries(object, ['data'])) {
      if (!entry.invalidBase64 || isPlaceholderValue(entry.raw)) continue;
      const at = entry.node.quoteStyle === 'block' ? 'key' : 'value';
      const data = { name, key: entry.key };
      const joined = entry.raw.replace(/\s+/g, '');
      const foldedLines = entry.node.quoteStyle === 'plain' && /[\r\n]/.test(ctx.sourceOf(entry.node));
      if (foldedLines && decodeBase64(joined)) {
        ctx.report({
          node: entry.node,
          at,
          messageId: 'folded',
          data,
          fix: { title: 'Join the base64 lines', apply: (edit) => edit.setScalar(entry.node, joined) },
        });
        continue;
      }
      // Moving the entry to stringData is left to a person: as a fix it would
      // trade this finding for secret-stringdata-plaintext (a fix never adds a finding).
      const fixes: FixSpec[] = [{ title: 'Base64-encode the value', apply: (edit) => edit.setScalar(entry.node, encodeBase64(entry.plain)) }];
      ctx.report({ node: entry.node, at, messageId: 'invalid', data, fix: fixes });
    }
  },
});
