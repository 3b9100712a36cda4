import { defineRule } from '../engine/rule';
import type { EditBuilder } from '../fix/edit-builder';
import { nameFromPattern, tlsEntriesOf } from '../k8s/ingress';

export default defineRule({
  meta: {
    id: 'ingress-tls-secret-unset',
    title: 'Ingress TLS entry names no certificate Secret',
    severity: 'info',
    category: 'ingress-tls',
    kinds: ['Ingress'],
    messages: {
      unset: 'Ingress "{{name}}" has a spec.tls entry without secretName',
    },
    fix: { availability: 'sometimes', applicability: 'unsafe', title: 'Set secretName' },
    since: '0.1.0',
    docs: {
      rationale:
        'A `spec.tls` entry tells the controller which hosts to serve over HTTPS, and `secretName` tells it with which certificate. Without a Secret, ingress-nginx serves its built-in self-signed "Kubernetes Ingress Controller Fake Certificate"; other controllers fall back to a default certificate or skip TLS. Browsers warn, API clients fail, and people end up turning verification off — exactly what lets an interception go unnoticed.',
      remediation:
        'Set `secretName` to a Secret of type `kubernetes.io/tls` with `tls.crt` and `tls.key` in the Ingress namespace. With cert-manager, add the `cert-manager.io/cluster-issuer` annotation and cert-manager creates that Secret for the listed hosts. The quick fix uses the `ingress.tlsSecretName` pattern of `.kubeward.yaml` (default `{name}-tls`).',
      invalid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  ingressClassName: nginx
  tls:
    - hosts:
        - shop.example.com
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: { name: shop, port: { number: 80 } }
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
      secretName: shop-tls
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: { name: shop, port: { number: 80 } }
`,
    },
    references: {
      urls: [
        'https://kubernetes.io/docs/concepts/services-networking/ingress/#tls',
        'https://kubernetes.github.io/ingress-nginx/user-guide/tls/#default-ssl-certificate',
        'https://cert-manager.io/docs/usage/ingress/',
      ],
    },
  },
  check(ctx) {
    const { object, config } = ctx;
    const entries = tlsEntriesOf(object);
    const base = nameFromPattern(config.ingress.tlsSecretName, object);
    const used = new Set(entries.flatMap((e) => (e.secretName?.str ? [e.secretName.str] : [])));
    const data = { name: object.name ?? 'this Ingress' };
    for (const entry of entries) {
      if (!entry.node.isMap || entry.node.templated) continue;
      const secret = entry.secretName;
      if (secret && !secret.isNull && secret.str !== '') continue; // set (or templated)
      // Each entry gets its own name: two entries with one Secret would share one certificate.
      let name = base;
      for (let i = 2; used.has(name); i++) name = `${base}-${i}`;
      used.add(name);
      const fix = (edit: EditBuilder) => (secret ? edit.setScalar(secret, name) : edit.insertPair(entry.node, 'secretName', name));
      if (secret) ctx.report({ node: secret, at: 'key', messageId: 'unset', data, fix });
      else ctx.reportMissing({ parent: entry.node, messageId: 'unset', data, fix });
    }
  },
});
