import { defineRule } from '../engine/rule';
import { dangerousSnippetMatch, isSnippetKey, servedByIngressNginx } from '../k8s/ingress-nginx';
import { annotationsOf } from '../k8s/objects';
import { humanList } from '../k8s/rbac';

/** The source text with every `{{ … }}` action blanked (same length), so literal parts can be searched. */
function withoutActions(text: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const open = text.indexOf('{{', at);
    if (open === -1) break;
    const close = text.indexOf('}}', open + 2);
    const end = close === -1 ? text.length : close + 2;
    out += text.slice(at, open) + ' '.repeat(end - open);
    at = end;
    if (close === -1) break;
  }
  return out + text.slice(at);
}

export default defineRule({
  meta: {
    id: 'ingress-nginx-snippet-dangerous-content',
    title: "Snippet annotation reaches the controller's secrets or code",
    severity: 'error',
    category: 'ingress-nginx',
    kinds: ['Ingress'],
    messages: {
      dangerous: 'Ingress "{{name}}" puts {{what}} into nginx through {{key}}',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Remove the snippet annotation' },
    since: '0.1.0',
    docs: {
      rationale:
        'Snippet annotations (`configuration-snippet`, `server-snippet`, `auth-snippet`, …) paste raw nginx configuration into the controller. Certain content turns that into code execution or file disclosure inside the controller pod, whose ServiceAccount can read every Secret of the cluster in a default installation: Lua directives (`content_by_lua`, `access_by_lua`, `lua_*`), `alias` (serves any file, such as the token under `/var/run/secrets`), `load_module` and `ssl_engine` (load native code), or references to `kubernetes.io` and the token path. ingress-nginx was retired in March 2026, so no future fix will close such holes.',
      remediation:
        'Remove the annotation. Express what it did with regular annotations (custom headers, rewrites, redirects) or move to a Gateway API implementation. Keep `allow-snippet-annotations: "false"` in the controller ConfigMap (the default).',
      notes:
        "Patterns follow Checkov's CKV_K8S_152 (Lua, kubernetes.io) and CKV_K8S_154 (alias), plus `load_module`, `ssl_engine` and the ServiceAccount token path. Helm actions inside the snippet are ignored; the literal text around them is checked.",
      invalid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    nginx.ingress.kubernetes.io/server-snippet: |
      location /token {
        alias /var/run/secrets/kubernetes.io/serviceaccount/token;
      }
spec:
  ingressClassName: nginx
  rules:
    - host: web.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port:
                  number: 80
`,
      valid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  ingressClassName: nginx
  rules:
    - host: web.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port:
                  number: 80
`,
    },
    references: {
      peers: { checkov: ['CKV_K8S_152', 'CKV_K8S_154'], kubescape: 'C-0059' },
      urls: [
        'https://github.com/kubernetes/ingress-nginx/issues/7837',
        'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations-risk/',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (!servedByIngressNginx(object, ctx.config)) return;
    const annotations = annotationsOf(object);
    if (!annotations) return;
    for (const [key, value] of annotations.entries()) {
      if (!value || !isSnippetKey(key) || !value.isScalar || value.isNull) continue;
      // Search the text as written (so the range is exact), with Helm actions blanked.
      const source = withoutActions(ctx.sourceOf(value));
      const match = dangerousSnippetMatch(source);
      // Escapes in a quoted scalar can hide a pattern from the written text: check the value too.
      const parsed = match ? undefined : value.str !== undefined ? dangerousSnippetMatch(value.str) : undefined;
      const found = match ?? parsed;
      if (!found) continue;
      const start = value.range[0] + (match?.index ?? 0);
      ctx.report({
        range: match ? [start, start + match.length] : value.range,
        messageId: 'dangerous',
        data: { name: object.name ?? 'this Ingress', what: humanList(found.labels), key },
        fix: (edit) => edit.removePair(annotations, key),
      });
    }
  },
});
