import { defineRule } from '../engine/rule';
import { isSnippetKey, ngx, servedByIngressNginx } from '../k8s/ingress-nginx';
import { annotationsOf } from '../k8s/objects';

/** A replacement with an unnamed capture (`$1`…`$9`) and a literal `?`: the first two conditions of CVE-2026-42945. */
export function isRiftReplacement(replacement: string): boolean {
  return /\$[1-9]/.test(replacement) && replacement.includes('?');
}

/** `rewrite <regex> <replacement> [flag];` directives of a snippet whose replacement fits. Linear. */
function riftRewrites(snippet: string): string[] {
  const out: string[] = [];
  for (const m of snippet.matchAll(/(?:^|[\s;{}])rewrite[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\S+)[ \t]+("[^"\n]*"|'[^'\n]*'|[^\s;]+)/g)) {
    const replacement = m[1]!.replace(/^["']|["']$/g, '');
    if (isRiftReplacement(replacement)) out.push(replacement);
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'ingress-nginx-rewrite-capture-query',
    title: 'Ingress writes the NGINX Rift rewrite pattern (CVE-2026-42945)',
    severity: 'warning',
    category: 'ingress-nginx',
    kinds: ['Ingress'],
    messages: {
      annotation: 'Ingress "{{name}}" rewrites to a numbered capture with "?": the NGINX Rift pattern (CVE-2026-42945).',
      snippet: 'Ingress "{{name}}" has a snippet rewrite to a numbered capture with "?": the NGINX Rift pattern (CVE-2026-42945).',
    },
    fix: { availability: 'none' },
    since: '0.1.0',
    docs: {
      rationale:
        "CVE-2026-42945 (\"NGINX Rift\", May 2026) is a heap buffer overflow in nginx's rewrite module (nginx 0.6.27 to 1.30.0; fixed in 1.30.1 and 1.31.0): one crafted request crashes a worker, and code execution is realistic, in the controller that can read the cluster's Secrets. The nginx advisory's condition has three parts: a `rewrite` whose replacement uses an unnamed capture (`$1`, `$2`…), a literal `?` in that replacement, and rewrite-module directives (`rewrite`, `if`, `set`) that run after it in the same context. ingress-nginx writes `nginx.ingress.kubernetes.io/rewrite-target` into exactly such a `rewrite` (the regex of the path, the annotation as replacement), and snippets can write one directly. ingress-nginx was retired before the fix: no controller image will ever ship a patched nginx, so the only remedies are not writing the pattern, or leaving ingress-nginx.",
      remediation:
        'Drop the query from the rewrite target (let the backend read the original query string, which nginx keeps), or use a named capture the backend does not need. Better, migrate the Ingress to Gateway API with "Migrate this Ingress to Gateway API": URLRewrite filters have no such engine.',
      notes:
        "Flags the first two conditions: an ingress-nginx Ingress whose `rewrite-target` (or a `rewrite` directive in one of its snippets) has an unnamed capture and a `?` in the replacement. Whether later rewrite-module directives run depends on the rest of the rendered location (other annotations, snippets, the controller's template), so Kubeward reports the pattern as exploitable. Controller images are covered by `ingress-nginx-retired`: all of them carry the vulnerable nginx.",
      invalid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    nginx.ingress.kubernetes.io/use-regex: "true"
    nginx.ingress.kubernetes.io/rewrite-target: /index.php?path=$1
spec:
  ingressClassName: nginx
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /shop/(.*)
            pathType: ImplementationSpecific
            backend:
              service:
                name: shop
                port:
                  number: 80
`,
      valid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    nginx.ingress.kubernetes.io/use-regex: "true"
    nginx.ingress.kubernetes.io/rewrite-target: /$1
spec:
  ingressClassName: nginx
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /shop/(.*)
            pathType: ImplementationSpecific
            backend:
              service:
                name: shop
                port:
                  number: 80
`,
    },
    references: {
      urls: ['https://nginx.org/en/security_advisories.html', 'https://kubernetes.io/blog/2025/11/11/ingress-nginx-retirement/'],
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (!servedByIngressNginx(object, ctx.config)) return;
    const name = object.name ?? 'this Ingress';
    const target = ngx(object, 'rewrite-target');
    if (target?.isScalar && !target.templated && target.str !== undefined && isRiftReplacement(target.str)) {
      ctx.report({ node: target, messageId: 'annotation', data: { name } });
    }
    for (const [key, value] of annotationsOf(object)?.entries() ?? []) {
      if (!value?.isScalar || value.templated || value.str === undefined || !isSnippetKey(key)) continue;
      if (riftRewrites(value.str).length) ctx.report({ node: value, at: 'key', messageId: 'snippet', data: { name } });
    }
  },
});
