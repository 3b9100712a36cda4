import { defineRule } from '../engine/rule';
import type { EditBuilder } from '../fix/edit-builder';
import { isSnippetAnnotation } from '../k8s/ingress';
import { annotationsOf } from '../k8s/objects';

export default defineRule({
  meta: {
    id: 'ingress-nginx-snippet-annotation',
    title: 'Ingress injects raw nginx configuration with a snippet annotation',
    severity: 'error',
    category: 'ingress-nginx',
    kinds: ['Ingress'],
    messages: {
      snippet: 'Ingress "{{name}}" uses {{annotation}}',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Remove the snippet annotation' },
    since: '0.1.0',
    docs: {
      rationale:
        'ingress-nginx copies `*-snippet` annotations (`configuration-snippet`, `server-snippet`, `auth-snippet`, `stream-snippet`, `modsecurity-snippet`) verbatim into its nginx configuration. The controller runs with a service-account token that can read Secrets in every namespace, so a snippet can serve that token or any TLS key to the Internet (CVE-2021-25742, CVE-2023-5043). ingress-nginx disables snippet annotations by default (`allow-snippet-annotations: "false"`) and rates them Critical risk; since the project\'s retirement in March 2026 new injection bugs will not be patched.',
      remediation:
        'Remove the annotation. Most snippets have a safe equivalent: response headers via `custom-headers` or the controller ConfigMap, redirects via `permanent-redirect`, rate limits via `limit-rps`. On Gateway API, header changes are `RequestHeaderModifier`/`ResponseHeaderModifier` filters.',
      invalid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    nginx.ingress.kubernetes.io/configuration-snippet: |
      more_set_headers "X-Frame-Options: DENY";
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
    nginx.ingress.kubernetes.io/custom-headers: ingress-nginx/shop-headers
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
        'Every `nginx.ingress.kubernetes.io/*-snippet` key is reported, whatever its value, and whatever the class: the key alone is the risk. Removing the snippet changes what nginx does, so the fix is offered, never applied unattended; when the value is templated the annotation must be removed by hand.',
    },
    references: {
      peers: { checkov: 'CKV_K8S_153', kubescape: 'C-0059' },
      urls: [
        'https://github.com/kubernetes/ingress-nginx/issues/7837',
        'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations-risk/',
        'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/#allow-snippet-annotations',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    const annotations = annotationsOf(object);
    if (!annotations) return;
    for (const [key, value, keyNode] of annotations.entries()) {
      if (!isSnippetAnnotation(key)) continue;
      const data = { name: object.name ?? 'this Ingress', annotation: key };
      const fix = (edit: EditBuilder) => edit.removePair(annotations, key);
      if (value) ctx.report({ node: value, at: 'key', messageId: 'snippet', data, fix });
      else if (keyNode.range) ctx.report({ range: [keyNode.range[0], keyNode.range[1]], messageId: 'snippet', data, fix });
    }
  },
});
