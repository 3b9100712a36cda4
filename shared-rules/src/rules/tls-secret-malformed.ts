import { defineRule } from '../engine/rule';
import { secretTypeOf } from '../source/secrets';

const TLS_KEYS = ['tls.crt', 'tls.key'] as const;

export default defineRule({
  meta: {
    id: 'tls-secret-malformed',
    title: 'TLS Secret lacks its certificate or key',
    severity: 'warning',
    category: 'secrets',
    kinds: ['Secret'],
    messages: {
      missing:
        'Secret "{{name}}" has type kubernetes.io/tls but no {{keys}}: the API server rejects it, and an Ingress or Gateway that points at it serves the controller\'s default certificate instead of yours. Add {{keys}} (from cert-manager or your secret store).',
    },
    fix: { availability: 'none' },
    since: '0.1.0',
    docs: {
      rationale:
        'A Secret of type `kubernetes.io/tls` must carry both `tls.crt` and `tls.key`; the API server refuses one that lacks either. When the Secret never exists, ingress controllers fall back to a self-signed default certificate, so browsers show a warning and clients that skip verification talk to whoever answers.',
      remediation:
        'Provide both keys, under `data` (base64) or `stringData`. Prefer letting cert-manager create the Secret from a `Certificate`, or an External Secret, over committing TLS material.',
      invalid: `apiVersion: v1
kind: Secret
metadata:
  name: web-tls
type: kubernetes.io/tls
data:
  tls.crt: <base64-certificate>
`,
      valid: `apiVersion: v1
kind: Secret
metadata:
  name: web-tls
type: kubernetes.io/tls
data:
  tls.crt: <base64-certificate>
  tls.key: <base64-private-key>
`,
      notes: 'Whether a Secret referenced by an Ingress or Gateway has the TLS type is not checked yet (it needs the whole workspace).',
    },
    references: {
      urls: ['https://kubernetes.io/docs/concepts/configuration/secret/#tls-secrets'],
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (secretTypeOf(object) !== 'kubernetes.io/tls') return;
    const data = object.root.get('data');
    const stringData = object.root.get('stringData');
    const present = new Set([...(data?.keys() ?? []), ...(stringData?.keys() ?? [])]);
    const missing = TLS_KEYS.filter((k) => !present.has(k));
    if (missing.length === 0) return;
    // A templated or merged map may hold the keys; so may an empty `data:` in a
    // Helm template (`{{ toYaml … }}` on the next line is blanked by the mask).
    for (const map of [data, stringData]) {
      if (map && (map.templated || ctx.isUncertain(map) || (map.isNull && map.host.templateRegions.length > 0))) return;
    }
    const parent = data?.isMap ? data : stringData?.isMap ? stringData : object.root;
    ctx.reportMissing({ parent, messageId: 'missing', data: { name: object.name ?? 'this Secret', keys: missing.join(' and ') } });
  },
});
