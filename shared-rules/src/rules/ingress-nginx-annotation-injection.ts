import { defineRule } from '../engine/rule';
import {
  hasInjectionCharacters,
  INJECTION_ANNOTATIONS,
  injectionCharactersIn,
  isWellFormedAnnotationValue,
  NGINX_PREFIX,
  stripInjectionCharacters,
} from '../k8s/ingress';
import { annotation } from '../k8s/objects';

/** Human-readable list of the offending characters of a value (in order of appearance). */
function describeCharacters(value: string): string {
  const names: Record<string, string> = { '\n': 'a line break', '\r': 'a carriage return' };
  return injectionCharactersIn(value)
    .map((c) => names[c] ?? `"${c}"`)
    .join(', ');
}

export default defineRule({
  meta: {
    id: 'ingress-nginx-annotation-injection',
    title: 'ingress-nginx annotation value can inject nginx configuration',
    severity: 'error',
    category: 'ingress-nginx',
    kinds: ['Ingress'],
    messages: {
      injection: 'Ingress "{{name}}" has {{annotation}} containing {{characters}}',
    },
    fix: { availability: 'sometimes', applicability: 'unsafe', title: 'Remove the characters that break out of the nginx directive' },
    since: '0.1.0',
    docs: {
      rationale:
        'Several ingress-nginx annotations are copied into the generated nginx configuration: `auth-url`, `auth-signin`, `auth-tls-match-cn`, `mirror-target`, `mirror-host`, `auth-proxy-set-headers`, `permanent-redirect`, `temporal-redirect`, `server-alias`, `proxy-ssl-name` and `upstream-hash-by`. A line break, `;`, `{`, `}`, `#`, a quote, a backslash, `<`, `>`, `|`, `^` or a backtick in their values closes the intended directive and injects new ones — the IngressNightmare family (CVE-2025-24514 `auth-url`, CVE-2025-1097 `auth-tls-match-cn`, CVE-2025-1098 `mirror-*`, CVE-2025-15566 `auth-proxy-set-headers`). The injected configuration runs in the controller pod, whose service account can read every Secret in the cluster. ingress-nginx is retired since March 2026, so further bugs of this kind stay unpatched.',
      remediation:
        'Write plain values: a URL (`https://auth.example.com/oauth2/auth`), a host name, `CN=client` or a `namespace/name` reference. The quick fix removes the offending characters when what remains is still a well-formed value of that annotation; otherwise the value has to be rewritten by hand.',
      invalid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    nginx.ingress.kubernetes.io/auth-url: "https://auth.example.com/oauth2/auth;"
spec:
  ingressClassName: nginx
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
  annotations:
    nginx.ingress.kubernetes.io/auth-url: "https://auth.example.com/oauth2/auth"
    nginx.ingress.kubernetes.io/auth-signin: "https://auth.example.com/oauth2/start?rd=$escaped_request_uri"
spec:
  ingressClassName: nginx
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: { name: shop, port: { number: 80 } }
`,
      notes:
        'The check and the well-formedness tests are single character classes and anchored patterns without nested quantifiers, so they run in linear time on any value, however long or hostile. The annotations are checked whatever the Ingress class: their prefix already names ingress-nginx.',
    },
    references: {
      peers: { trivy: 'KCV-0093' },
      urls: [
        'https://github.com/kubernetes/kubernetes/issues/131006',
        'https://github.com/kubernetes/kubernetes/issues/131007',
        'https://github.com/kubernetes/kubernetes/issues/131008',
        'https://github.com/kubernetes/kubernetes/issues/136789',
        'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations-risk/',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    for (const [name, kind] of INJECTION_ANNOTATIONS) {
      const key = NGINX_PREFIX + name;
      const node = annotation(object, key);
      const value = node?.str;
      if (!node || value === undefined) continue;
      if (!hasInjectionCharacters(value)) continue;
      const stripped = stripInjectionCharacters(value).trim();
      // An unfilled placeholder (`https://<oauth2-proxy>/…`) stripped of its brackets would look real.
      const fixable = !/<[^<>\s]+>/.test(value) && isWellFormedAnnotationValue(kind, stripped);
      ctx.report({
        node,
        messageId: 'injection',
        data: { name: object.name ?? 'this Ingress', annotation: key, characters: describeCharacters(value) },
        fix: fixable ? (edit) => edit.setScalar(node, stripped) : undefined,
      });
    }
  },
});
