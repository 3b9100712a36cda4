import { defineRule } from '../engine/rule';
import { CONTROLLER_NAME, explicitNginxClass, isControllerImage, NGINX_PREFIX, servedByIngressNginx } from '../k8s/ingress-nginx';
import { annotationsOf, containersOf, WORKLOAD_KINDS } from '../k8s/objects';

export default defineRule({
  meta: {
    id: 'ingress-nginx-retired',
    title: 'ingress-nginx is retired',
    severity: 'hint',
    category: 'ingress-nginx',
    kinds: ['Ingress', 'IngressClass', ...WORKLOAD_KINDS],
    messages: {
      ingress: 'Ingress "{{name}}" is served by ingress-nginx, retired in March 2026',
      ingressClass: 'IngressClass "{{name}}" selects ingress-nginx, retired in March 2026',
      controller: 'Container "{{container}}" runs the ingress-nginx controller, retired in March 2026',
    },
    fix: { availability: 'none' },
    since: '0.1.0',
    docs: {
      rationale:
        "Kubernetes SIG Network retired ingress-nginx: best-effort maintenance ended in March 2026, and there will be no further releases, bug fixes or security updates. Existing installations keep working, but every vulnerability found from now on stays open — and the controller has had a critical one every few months (IngressNightmare in 2025, path and annotation injections in 2026), each exposing every Secret it can read. NGINX Rift (CVE-2026-42945, May 2026, a heap overflow in nginx's rewrite module fixed in nginx 1.30.1) came after the last release: no ingress-nginx image will ever ship the fix (`ingress-nginx-rewrite-capture-query` flags the Ingresses that write its pattern). The project itself asks new users not to deploy it and existing ones to move to a Gateway API implementation.",
      remediation:
        'Inventory the Ingresses that use `ingressClassName: nginx` (or `nginx.ingress.kubernetes.io/` annotations), choose a maintained Gateway API implementation (or another Ingress controller), and convert them. The quick fix "Migrate this Ingress to Gateway API" (also `kubeward migrate <files…>`) writes the Gateway, HTTPRoutes and policies after the Ingress, routing requests as ingress-nginx did, and lists every annotation it could not convert with what to do instead; `kubernetes-sigs/ingress2gateway` does the same from the command line. Until then, keep the injection defences of the ConfigMap on and the controller on its last release.',
      notes:
        'This is a standing advisory: a hint on each Ingress, information on the controller workload and its IngressClass. The F5 NGINX Ingress Controller (`nginx.org/` annotations) is a different, maintained project and is not reported. Turn the rule off in `.kubeward.yaml` once the migration is planned.',
      invalid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  ingressClassName: nginx
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: shop
                port:
                  number: 80
`,
      valid: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: shop
spec:
  parentRefs:
    - name: public
  hostnames: [shop.example.com]
  rules:
    - backendRefs:
        - name: shop
          port: 80
`,
    },
    references: {
      peers: { kubescape: 'C-0292' },
      urls: [
        'https://kubernetes.io/blog/2025/11/11/ingress-nginx-retirement/',
        'https://github.com/kubernetes-sigs/ingress2gateway',
        'https://gateway-api.sigs.k8s.io/implementations/',
      ],
    },
  },
  check(ctx) {
    const { object, config } = ctx;
    if (object.kind === 'Ingress') {
      const data = { name: object.name ?? 'this Ingress' };
      const cls = explicitNginxClass(object, config);
      if (cls) {
        ctx.report({ node: cls, messageId: 'ingress', data });
        return;
      }
      // No class (or a custom one) but ingress-nginx annotations: the default class serves it.
      if (!servedByIngressNginx(object, config)) return;
      const first = annotationsOf(object)
        ?.entries()
        .find(([key]) => key.startsWith(NGINX_PREFIX));
      if (first?.[1]) ctx.report({ node: first[1], at: 'key', messageId: 'ingress', data });
      return;
    }
    if (object.kind === 'IngressClass') {
      const controller = object.root.get('spec')?.get('controller');
      if (controller?.str !== CONTROLLER_NAME) return;
      ctx.report({
        node: controller,
        messageId: 'ingressClass',
        severity: 'info',
        data: { name: object.name ?? 'this IngressClass', controller: CONTROLLER_NAME },
      });
      return;
    }
    for (const container of containersOf(object)) {
      const image = container.node.get('image');
      if (image?.str === undefined || !isControllerImage(image.str)) continue;
      ctx.report({ node: image, messageId: 'controller', severity: 'info', data: { container: container.name } });
    }
  },
});
