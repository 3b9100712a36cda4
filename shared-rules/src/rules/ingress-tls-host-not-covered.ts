import { defineRule, type FixSpec } from '../engine/rule';
import type { EditBuilder } from '../fix/edit-builder';
import { hostCovered, ruleHostsOf, tlsEntriesOf, type TlsEntry } from '../k8s/ingress';

/** Adds hosts to the first TLS entry: to its `hosts` list, or as a new `hosts` list. */
function addHosts(edit: EditBuilder, first: TlsEntry, hosts: readonly string[]): void {
  if (first.hosts?.isSeq) for (const host of hosts) edit.appendItem(first.hosts, host);
  else edit.setIn(first.node, ['hosts'], [...hosts], { overwrite: true });
}

export default defineRule({
  meta: {
    id: 'ingress-tls-host-not-covered',
    title: 'Ingress host is not covered by its TLS block',
    severity: 'warning',
    category: 'ingress-tls',
    kinds: ['Ingress'],
    messages: {
      uncovered: 'Ingress host "{{host}}" is not listed in spec.tls',
      noHost: 'Ingress "{{name}}" has a rule without a host while spec.tls is set',
    },
    fix: { availability: 'sometimes', applicability: 'unsafe', title: 'Add the uncovered hosts to spec.tls' },
    since: '0.1.0',
    docs: {
      rationale:
        'TLS on an Ingress is per host: the controller picks a certificate by matching the request\'s server name against `spec.tls[].hosts`. A rule host that no TLS entry lists (exactly, or by a wildcard such as `*.example.com`, which covers exactly one label and never the bare domain) is served with the controller\'s default certificate — a self-signed "Fake Certificate" for ingress-nginx — or not over TLS at all. Users learn to click through the warning, and that is how interception goes unnoticed. A rule without a host is a catch-all: with TLS configured it still answers names that no certificate covers.',
      remediation:
        'List every rule host in a `spec.tls[].hosts` list, with a `secretName` whose certificate covers those names (cert-manager issues one for exactly the listed hosts). Give catch-all rules an explicit host.',
      invalid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  ingressClassName: nginx
  tls:
    - hosts:
        - shop.example.com
      secretName: shop-tls
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: { name: shop, port: { number: 80 } }
    - host: api.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: { name: api, port: { number: 80 } }
`,
      valid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  ingressClassName: nginx
  tls:
    - hosts:
        - shop.example.com
        - api.example.com
      secretName: shop-tls
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: { name: shop, port: { number: 80 } }
    - host: api.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: { name: api, port: { number: 80 } }
`,
      notes:
        'A wildcard TLS host covers exactly one label: `*.example.com` covers `a.example.com`, not `example.com` and not `a.b.example.com`. An Ingress without `spec.tls` is reported by `ingress-tls-missing` instead. When a TLS host list is templated, coverage is unknown and nothing is reported.',
    },
    references: {
      urls: ['https://kubernetes.io/docs/concepts/services-networking/ingress/#tls', 'https://kubernetes.github.io/ingress-nginx/user-guide/tls/'],
    },
  },
  check(ctx) {
    const { object } = ctx;
    const entries = tlsEntriesOf(object);
    if (entries.length === 0) return; // no TLS at all: ingress-tls-missing
    // A templated TLS list or host leaves coverage unknown.
    if (entries.some((e) => e.node.templated || e.hosts?.templated || e.hosts?.items().some((h) => h.templated))) return;
    const patterns = entries.flatMap((e) => e.hostNames);
    const rules = ruleHostsOf(object);
    const uncovered = rules.filter((r) => r.host !== undefined && r.host !== '' && !r.templated && !hostCovered(r.host, patterns));
    const missingHosts = [...new Set(uncovered.map((r) => r.host!))];
    const first = entries[0]!;
    const fixAll = (edit: EditBuilder) => addHosts(edit, first, missingHosts);
    const seen = new Set<string>();
    for (const r of uncovered) {
      const host = r.host!;
      // One finding per distinct host: two rules for one host need one certificate entry.
      if (seen.has(host.toLowerCase())) continue;
      seen.add(host.toLowerCase());
      const fixes: FixSpec[] = [{ apply: fixAll }];
      if (missingHosts.length > 1) fixes.push({ title: `Add "${host}" to spec.tls`, apply: (edit) => addHosts(edit, first, [host]) });
      ctx.report({ node: r.node!, messageId: 'uncovered', data: { host }, fix: fixes });
    }
    const data = { name: object.name ?? 'this Ingress' };
    for (const r of rules) {
      if (!r.rule.isMap) continue;
      if (!r.node) ctx.reportMissing({ parent: r.rule, messageId: 'noHost', data });
      else if (r.node.isNull || r.host === '') ctx.report({ node: r.node, at: 'key', messageId: 'noHost', data });
    }
  },
});
