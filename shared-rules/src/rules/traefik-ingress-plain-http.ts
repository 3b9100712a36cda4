import { atObject, defineRule, fixesAtObject, type WorkspaceFix } from '../engine/rule';
import type { EditBuilder } from '../fix/edit-builder';
import { emitBlockLines, placeholder, quoted } from '../fix/emit';
import { ann, cloudControllerOf, middlewareRefs, TRAEFIK_ENTRYPOINTS, TRAEFIK_MIDDLEWARES, TRAEFIK_TLS } from '../k8s/cloud-ingress';
import { hasTls } from '../k8s/ingress';
import type { K8sObject } from '../k8s/objects';

const ID = 'traefik-ingress-plain-http';

interface IngressData {
  kind: 'ingress';
  namespace: string | undefined;
  middlewares: string[];
  range: [number, number];
  fixes: WorkspaceFix[];
}
interface MiddlewareData {
  kind: 'middleware';
  /** `<namespace>-<name>` as router.middlewares names it (namespace unknown: undefined). */
  ref: string | undefined;
  name: string | undefined;
  redirectsToHttps: boolean;
}

function entrypointsOf(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Serve on websecure only, with TLS. */
function websecureOnly(edit: EditBuilder, object: K8sObject): void {
  const entrypoints = ann(object, TRAEFIK_ENTRYPOINTS)!;
  edit.setScalar(entrypoints, 'websecure');
  if (ann(object, TRAEFIK_TLS)?.str !== 'true') edit.setIn(object.root, ['metadata', 'annotations', TRAEFIK_TLS], quoted('true'), { overwrite: true });
}

/** Keep web, but redirect it to HTTPS with a redirectScheme Middleware. */
function redirectMiddleware(edit: EditBuilder, object: K8sObject): void {
  const name = `${object.name ?? 'ingress'}-redirect-https`;
  const namespace = object.namespace;
  edit.setScalar(ann(object, TRAEFIK_ENTRYPOINTS)!, 'web,websecure');
  if (ann(object, TRAEFIK_TLS)?.str !== 'true') edit.setIn(object.root, ['metadata', 'annotations', TRAEFIK_TLS], quoted('true'), { overwrite: true });
  edit.setIn(
    object.root,
    ['metadata', 'annotations', TRAEFIK_MIDDLEWARES],
    namespace ? `${namespace}-${name}@kubernetescrd` : placeholder(`<namespace>-${name}@kubernetescrd`),
  );
  edit.appendDocument(
    emitBlockLines(
      {
        apiVersion: 'traefik.io/v1alpha1',
        kind: 'Middleware',
        metadata: { name, ...(namespace ? { namespace } : {}) },
        spec: { redirectScheme: { scheme: 'https', permanent: true } },
      },
      0,
      edit.source.style,
    ),
  );
}

export default defineRule({
  meta: {
    id: ID,
    title: 'Traefik Ingress serves plain HTTP',
    severity: 'warning',
    category: 'cloud-ingress',
    kinds: ['Ingress'],
    messages: {
      webOnly: 'Ingress "{{name}}" is routed by Traefik on "web" only, without a redirect to HTTPS',
      noTls: 'Ingress "{{name}}" is routed by Traefik on "websecure" without router.tls or spec.tls',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Serve on websecure with TLS' },
    since: '0.1.0',
    docs: {
      rationale:
        'Traefik attaches an Ingress\'s router to the entrypoints named in `traefik.ingress.kubernetes.io/router.entrypoints`. On `web` alone (port 80) without a redirect, the application is only reachable over plain HTTP; on `websecure` the router terminates TLS only with `router.tls: "true"`, `spec.tls`, or TLS enabled on the entrypoint in Traefik\'s static configuration.',
      remediation:
        'Use `router.entrypoints: websecure` with `router.tls: "true"` (first quick fix), or keep `web` and add a Middleware with `spec.redirectScheme: {scheme: https, permanent: true}` referenced by `router.middlewares: <namespace>-<name>@kubernetescrd` (second quick fix, which also serves `websecure` with TLS).',
      notes:
        'Referenced Middlewares are looked up in the workspace (`traefik.io` or `traefik.containo.us`); a reference that cannot be resolved is assumed to redirect. `websecure` without router.tls is reported at information level, because TLS is often enabled on the entrypoint itself.',
      invalid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    traefik.ingress.kubernetes.io/router.entrypoints: web
spec:
  ingressClassName: traefik
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
      valid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    traefik.ingress.kubernetes.io/router.entrypoints: websecure
    traefik.ingress.kubernetes.io/router.tls: "true"
spec:
  ingressClassName: traefik
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
        'https://doc.traefik.io/traefik/reference/routing-configuration/kubernetes/ingress/',
        'https://doc.traefik.io/traefik/middlewares/http/redirectscheme/',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (cloudControllerOf(object, ctx.config) !== 'traefik') return;
    const entrypoints = ann(object, TRAEFIK_ENTRYPOINTS);
    if (!entrypoints || entrypoints.str === undefined) return;
    const eps = entrypointsOf(entrypoints.str);
    const tls = ann(object, TRAEFIK_TLS)?.str === 'true' || hasTls(object);
    const data = { name: object.name ?? 'this Ingress' };
    if (eps.includes('web') && !eps.includes('websecure')) {
      if (ann(object, TRAEFIK_MIDDLEWARES)) return; // decided with the Middlewares, in the workspace
      ctx.report({
        node: entrypoints,
        messageId: 'webOnly',
        data,
        fix: [
          { apply: (edit) => websecureOnly(edit, object) },
          { title: 'Redirect web to HTTPS with a Middleware', preferred: false, apply: (edit) => redirectMiddleware(edit, object) },
        ],
      });
      return;
    }
    if (eps.includes('websecure') && !tls && !ann(object, TRAEFIK_TLS)?.templated) {
      ctx.report({
        node: entrypoints,
        messageId: 'noTls',
        severity: 'info',
        data,
        fix: {
          title: 'Set router.tls to "true"',
          apply: (edit) => edit.setIn(object.root, ['metadata', 'annotations', TRAEFIK_TLS], quoted('true'), { overwrite: true }),
        },
      });
    }
  },
  summarize(object, tools): IngressData | MiddlewareData | undefined {
    if (object.kind === 'Middleware') {
      const scheme = object.root.getIn(['spec', 'redirectScheme', 'scheme'])?.str;
      return {
        kind: 'middleware',
        ref: object.namespace ? `${object.namespace}-${object.name}` : undefined,
        name: object.name,
        redirectsToHttps: scheme === 'https',
      };
    }
    if (object.kind !== 'Ingress' || cloudControllerOf(object, tools.config) !== 'traefik') return undefined;
    const entrypoints = ann(object, TRAEFIK_ENTRYPOINTS);
    const middlewares = ann(object, TRAEFIK_MIDDLEWARES)?.str;
    if (!entrypoints?.str || middlewares === undefined) return undefined;
    const eps = entrypointsOf(entrypoints.str);
    if (!eps.includes('web') || eps.includes('websecure')) return undefined;
    return {
      kind: 'ingress',
      namespace: object.namespace,
      middlewares: middlewareRefs(middlewares),
      range: tools.rangeOf(entrypoints),
      fixes: tools.fixes([{ title: 'Serve on websecure with TLS', apply: (edit) => websecureOnly(edit, object) }]),
    };
  },
  checkWorkspace(ctx) {
    const data = ctx.summary.data[ID] as IngressData | MiddlewareData | undefined;
    if (data?.kind !== 'ingress') return;
    const all = ctx.index.byKind('Middleware').flatMap((m) => {
      const d = m.data[ID] as MiddlewareData | undefined;
      return d?.kind === 'middleware' ? [{ ...d, namespace: m.namespace }] : [];
    });
    for (const ref of data.middlewares) {
      const at = ref.indexOf('@');
      const provider = at === -1 ? 'kubernetescrd' : ref.slice(at + 1);
      const id = at === -1 ? ref : ref.slice(0, at);
      if (provider !== 'kubernetescrd') return; // a file or other provider: cannot be checked
      // Without a namespace on the Middleware, match it to the Ingress's namespace.
      const found = all.find((m) => (m.ref ?? `${data.namespace ?? 'default'}-${m.name}`) === id);
      if (!found || found.redirectsToHttps) return;
    }
    ctx.report({
      range: atObject(ctx.summary.start, data.range),
      messageId: 'webOnly',
      data: { name: ctx.summary.name ?? 'this Ingress' },
      fix: fixesAtObject(ctx.summary.start, data.fixes),
    });
  },
});
