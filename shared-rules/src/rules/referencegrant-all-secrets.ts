import { defineRule } from '../engine/rule';
import { placeholder } from '../fix/emit';
import { isGatewayApi } from '../k8s/gateway';

export default defineRule({
  meta: {
    id: 'referencegrant-all-secrets',
    title: 'ReferenceGrant opens every Secret of its namespace',
    severity: 'warning',
    category: 'gateway-api',
    kinds: ['ReferenceGrant'],
    messages: {
      all: 'ReferenceGrant "{{name}}" lets {{from}} use every Secret of its namespace, not a named one.',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Name the Secret' },
    since: '0.1.0',
    docs: {
      rationale:
        "A ReferenceGrant lets objects of other namespaces (Gateways, routes) refer to objects of its own. A `to` entry for Secrets without `name` covers every Secret of the namespace, today's and tomorrow's: whoever may create a Gateway in a `from` namespace can then serve any of those certificates and keys (or, with an implementation that accepts other Secret types, read them through listener or backend TLS settings). Certificates are usually shared one by one; a wildcard grant turns a namespace boundary into a suggestion.",
      remediation:
        'Give each Secret its own `to` entry with `name`, for the certificates the other namespace really needs. Move shared certificates to a namespace of their own when many Gateways need them.',
      notes: 'Reports `to` entries with `group: ""` and `kind: Secret` without `name`. The fix adds a `name` placeholder to fill in.',
      invalid: `apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata:
  name: certificates
  namespace: web
spec:
  from:
    - group: gateway.networking.k8s.io
      kind: Gateway
      namespace: infra
  to:
    - group: ""
      kind: Secret
`,
      valid: `apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata:
  name: certificates
  namespace: web
spec:
  from:
    - group: gateway.networking.k8s.io
      kind: Gateway
      namespace: infra
  to:
    - group: ""
      kind: Secret
      name: shop-tls
`,
    },
    references: {
      urls: ['https://gateway-api.sigs.k8s.io/api-types/referencegrant/'],
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (!isGatewayApi(object)) return;
    const spec = object.root.get('spec');
    const to = spec?.get('to');
    if (!to?.isSeq) return;
    const from = spec?.get('from');
    const sources = (from?.isSeq ? from.items() : [])
      .map((f) => (f.isMap ? `${f.get('kind')?.str ?? '?'}s of "${f.get('namespace')?.str ?? '?'}"` : undefined))
      .filter((s): s is string => Boolean(s));
    for (const entry of to.items()) {
      if (!entry.isMap || entry.templated) continue;
      const kind = entry.get('kind');
      const group = entry.get('group');
      if (kind?.str !== 'Secret' || (group?.str ?? '') !== '' || entry.get('name')) continue;
      ctx.report({
        node: kind,
        messageId: 'all',
        data: { name: object.name ?? 'this ReferenceGrant', from: sources.length ? [...new Set(sources)].join(', ') : 'other namespaces' },
        fix: (edit) => edit.insertPair(entry, 'name', placeholder('<secret-name>')),
      });
    }
  },
});
