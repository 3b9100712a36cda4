import { atObject, defineRule, fixesAtObject, type WorkspaceFix } from '../engine/rule';
import { quoted } from '../fix/emit';
import { hasTls } from '../k8s/ingress';
import { isControllerConfigMap, NGINX_PREFIX, ngx, selectsController, servedByIngressNginx } from '../k8s/ingress-nginx';
import { annotation } from '../k8s/objects';

const ID = 'ingress-nginx-force-ssl-redirect-missing-offloaded';
const AWS = 'service.beta.kubernetes.io/aws-load-balancer-';

interface IngressData {
  kind: 'ingress';
  range: [number, number];
  fixes: WorkspaceFix[];
}
interface ServiceData {
  kind: 'service';
  name: string | undefined;
  /** TLS ends at a layer-7 load balancer that forwards X-Forwarded-Proto. */
  offloaded: boolean;
  /** Port 80 goes to something other than nginx's http port (a redirect server). */
  redirectsHttp: boolean;
}
interface ConfigData {
  kind: 'config';
  forceRedirect: boolean;
  forwardedHeaders: boolean;
}

export default defineRule({
  meta: {
    id: ID,
    title: 'TLS is offloaded before ingress-nginx but HTTP is not redirected',
    severity: 'info',
    category: 'ingress-tls',
    kinds: ['Ingress'],
    optIn: true,
    messages: {
      missing: 'Ingress "{{name}}" behind TLS-offloading "{{service}}" has no force-ssl-redirect',
      needsHeaders: 'Ingress "{{name}}" behind TLS-offloading "{{service}}" is not redirected to HTTPS',
    },
    fix: { availability: 'sometimes', applicability: 'unsafe', title: 'Add force-ssl-redirect: "true"' },
    since: '0.1.0',
    docs: {
      rationale:
        'ingress-nginx redirects HTTP to HTTPS only for hosts it terminates TLS for (`spec.tls`). When an AWS classic load balancer terminates TLS in front of it (`service.beta.kubernetes.io/aws-load-balancer-ssl-cert` with an HTTP backend protocol), the Ingresses have no `spec.tls`, nginx sees every request as plain HTTP, and users who type `http://` stay on plain HTTP. The documented answer is `nginx.ingress.kubernetes.io/force-ssl-redirect: "true"`, which redirects based on the `X-Forwarded-Proto` header the load balancer adds.',
      remediation:
        'Add `force-ssl-redirect: "true"` to the Ingress (or `force-ssl-redirect: "true"` in the controller ConfigMap for all of them), with `use-forwarded-headers: "true"` in the ConfigMap so nginx trusts the load balancer\'s `X-Forwarded-Proto`. The quick fix is offered when the workspace shows that header is trusted.',
      notes:
        "Opt-in: it can only be decided from the controller's Service and ConfigMap, which usually live in another repository or Helm release than the Ingresses; without them in the workspace the rule says nothing. It looks for an ingress-nginx controller Service (selecting the controller pods) of type LoadBalancer with an AWS certificate and an HTTP or HTTPS backend protocol. Network load balancers (`aws-load-balancer-type: nlb` or `external`) do not send `X-Forwarded-Proto`: force-ssl-redirect would loop there, and ingress-nginx's NLB manifest redirects port 80 with a dedicated server instead (a port 80 target other than `http` is taken as such a redirect).",
      invalid: `apiVersion: v1
kind: Service
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
  annotations:
    service.beta.kubernetes.io/aws-load-balancer-ssl-cert: arn:aws:acm:eu-west-1:123456789012:certificate/abc
    service.beta.kubernetes.io/aws-load-balancer-backend-protocol: http
spec:
  type: LoadBalancer
  selector:
    app.kubernetes.io/name: ingress-nginx
    app.kubernetes.io/component: controller
  ports:
    - { name: http, port: 80, targetPort: http }
    - { name: https, port: 443, targetPort: http }
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
data:
  use-forwarded-headers: "true"
---
apiVersion: networking.k8s.io/v1
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
      valid: `apiVersion: v1
kind: Service
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
  annotations:
    service.beta.kubernetes.io/aws-load-balancer-ssl-cert: arn:aws:acm:eu-west-1:123456789012:certificate/abc
    service.beta.kubernetes.io/aws-load-balancer-backend-protocol: http
spec:
  type: LoadBalancer
  selector:
    app.kubernetes.io/name: ingress-nginx
    app.kubernetes.io/component: controller
  ports:
    - { name: http, port: 80, targetPort: http }
    - { name: https, port: 443, targetPort: http }
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
data:
  use-forwarded-headers: "true"
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    nginx.ingress.kubernetes.io/force-ssl-redirect: "true"
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
    },
    references: {
      peers: {},
      urls: [
        'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#server-side-https-enforcement-through-redirect',
        'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/#use-forwarded-headers',
      ],
    },
  },
  summarize(object, tools): IngressData | ServiceData | ConfigData | undefined {
    if (object.kind === 'ConfigMap') {
      if (!isControllerConfigMap(object)) return undefined;
      const data = object.root.get('data');
      return {
        kind: 'config',
        forceRedirect: data?.get('force-ssl-redirect')?.str === 'true',
        forwardedHeaders: data?.get('use-forwarded-headers')?.str === 'true',
      };
    }
    if (object.kind === 'Service') {
      const spec = object.root.get('spec');
      if (spec?.get('type')?.str !== 'LoadBalancer' || !selectsController(spec.get('selector'))) return undefined;
      const cert = annotation(object, `${AWS}ssl-cert`);
      const backend = annotation(object, `${AWS}backend-protocol`)?.str?.toLowerCase();
      const lbType = annotation(object, `${AWS}type`)?.str?.toLowerCase();
      const offloaded = Boolean(cert && !cert.isNull) && (backend === 'http' || backend === 'https') && lbType !== 'nlb' && lbType !== 'external';
      const http = spec
        .get('ports')
        ?.items()
        .find((p) => p.get('port')?.value === 80);
      const target = http?.get('targetPort');
      const redirectsHttp = Boolean(target && !target.templated && target.str !== 'http' && target.str !== '80');
      return { kind: 'service', name: object.name, offloaded, redirectsHttp };
    }
    if (object.kind !== 'Ingress' || !servedByIngressNginx(object, tools.config) || hasTls(object)) return undefined;
    if (ngx(object, 'force-ssl-redirect') || ngx(object, 'ssl-passthrough')?.str === 'true') return undefined;
    const annotations = object.metadata?.get('annotations');
    const anchor = annotations && !annotations.isNull ? annotations : object.metadata;
    if (!anchor || anchor.templated) return undefined;
    return {
      kind: 'ingress',
      range: tools.rangeOf(anchor, 'key'),
      fixes: tools.fixes([{ apply: (edit) => edit.setIn(object.root, ['metadata', 'annotations', `${NGINX_PREFIX}force-ssl-redirect`], quoted('true')) }]),
    };
  },
  checkWorkspace(ctx) {
    const data = ctx.summary.data[ID] as IngressData | undefined;
    if (data?.kind !== 'ingress' || ctx.summary.partial) return;
    const service = ctx.index.byKind('Service').find((s) => {
      const d = s.data[ID] as ServiceData | undefined;
      return d?.kind === 'service' && d.offloaded && !d.redirectsHttp;
    });
    if (!service) return;
    const configs = ctx.index.byKind('ConfigMap').flatMap((c) => {
      const d = c.data[ID] as ConfigData | undefined;
      return d?.kind === 'config' ? [d] : [];
    });
    if (configs.some((c) => c.forceRedirect)) return;
    const trusted = configs.some((c) => c.forwardedHeaders);
    ctx.report({
      range: atObject(ctx.summary.start, data.range),
      messageId: trusted ? 'missing' : 'needsHeaders',
      data: { name: ctx.summary.name ?? 'this Ingress', service: service.name ?? 'ingress-nginx-controller' },
      fix: trusted ? fixesAtObject(ctx.summary.start, data.fixes) : undefined,
    });
  },
});
