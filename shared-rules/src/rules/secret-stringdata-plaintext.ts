import { defineRule } from '../engine/rule';
import { placeholder } from '../fix/emit';
import { isPlaceholderValue, isPublicCertificate, isStubSecretType, secretEntries, secretTypeOf } from '../k8s/secrets';
import { SECRET_PLACEHOLDER } from './secret-plaintext-in-manifest';

export default defineRule({
  meta: {
    id: 'secret-stringdata-plaintext',
    title: 'Secret stringData holds plain-text values',
    severity: 'warning',
    category: 'secrets',
    kinds: ['Secret'],
    messages: {
      plaintext: 'Secret "{{name}}" has real values under stringData',
    },
    fix: { availability: 'sometimes', applicability: 'display-only', title: 'Replace every stringData value with a placeholder' },
    since: '0.1.0',
    docs: {
      rationale:
        "`stringData` is a write-only convenience: the API server base64-encodes it into `data`. In the manifest it is plain text by design, so every password in it shows up in code review, in `git log -p`, in CI output and on screen shares, and stays in the repository history after it is removed. `kubectl apply` also copies the manifest, plain text included, into the Secret's `kubectl.kubernetes.io/last-applied-configuration` annotation.",
      remediation:
        'Do not commit secret values: use a `SealedSecret`, an `ExternalSecret` or SOPS-encrypted files, and keep only placeholders in plain manifests. Rotate values that were committed. Empty values and obvious placeholders (`changeme`, `<password>`, `${PASSWORD}`) are not flagged.',
      invalid: `apiVersion: v1
kind: Secret
metadata:
  name: smtp
stringData:
  username: mailer
  password: correct-horse-battery-staple
`,
      valid: `apiVersion: v1
kind: Secret
metadata:
  name: smtp
stringData:
  username: <set-outside-git>
  password: <set-outside-git>
`,
    },
    references: {
      urls: [
        'https://kubernetes.io/docs/concepts/configuration/secret/#editing-a-secret',
        'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (isStubSecretType(secretTypeOf(object))) return;
    const stringData = object.root.get('stringData');
    if (!stringData?.isMap) return;
    // Public certificates are not secret (secret-plaintext-in-manifest gives them a hint).
    const real = secretEntries(object, ['stringData']).filter((e) => !isPlaceholderValue(e.raw) && !isPublicCertificate(e.plain));
    if (real.length === 0) return;
    ctx.report({
      node: stringData,
      at: 'key',
      messageId: 'plaintext',
      data: { name: object.name ?? 'this Secret' },
      fix: (edit) => {
        for (const entry of real) edit.setScalar(entry.node, placeholder(SECRET_PLACEHOLDER));
      },
    });
  },
});
