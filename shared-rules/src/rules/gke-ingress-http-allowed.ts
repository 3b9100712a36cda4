import { atObject, defineRule } from '../engine/rule';
import type { EditBuilder } from '../fix/edit-builder';
import { emitBlockLines, quoted } from '../fix/emit';
import { ann, cloudControllerOf, GKE_ALLOW_HTTP, GKE_FRONTEND_CONFIG } from '../k8s/cloud-ingress';
import { hasTls } from '../k8s/ingress';
import type { K8sObject } from '../k8s/objects';

const ID = 'gke-ingress-http-allowed';

interface IngressData {
  kind: 'ingress';
  frontendConfig: string;
  range: [number, number];
}
interface FrontendData {
  kind: 'frontend';
  /** spec.redirectToHttps.enabled is true (undefined when templated). */
  redirects: boolean | undefined;
}

/** GKE terminates TLS for this Ingress: spec.tls or a Google-managed or pre-shared certificate. */
function hasGkeTls(object: K8sObject): boolean {
  return hasTls(object) || Boolean(ann(object, 'ingress.gcp.kubernetes.io/pre-shared-cert') || ann(object, 'networking.gke.io/managed-certificates'));
}

function addFrontendConfig(edit: EditBuilder, object: K8sObject): void {
  const name = `${object.name ?? 'ingress'}-redirect-https`;
  const doc = {
    apiVersion: 'networking.gke.io/v1beta1',
    kind: 'FrontendConfig',
    metadata: { name, ...(object.namespace ? { namespace: object.namespace } : {}) },
    spec: { redirectToHttps: { enabled: true, responseCodeName: 'MOVED_PERMANENTLY_DEFAULT' } },
  };
  edit.setIn(object.root, ['metadata', 'annotations', GKE_FRONTEND_CONFIG], name);
  edit.appendDocument(emitBlockLines(doc, 0, edit.source.style));
}

export default defineRule({
  meta: {
    id: ID,
    title: 'GKE Ingress serves HTTP next to HTTPS',
    severity: 'warning',
    category: 'cloud-ingress',
    kinds: ['Ingress'],
    messages: {
      allowed: 'Ingress "{{name}}" has TLS, but its Google Cloud load balancer also serves plain HTTP',
      noRedirect: 'Ingress "{{name}}" allows HTTP and FrontendConfig "{{frontendConfig}}" does not redirect to HTTPS',
    },
    fix: { availability: 'sometimes', applicability: 'unsafe', title: 'Redirect HTTP to HTTPS with a FrontendConfig' },
    since: '0.1.0',
    docs: {
      rationale:
        'A GKE Ingress (class `gce` or `gce-internal`) with a certificate gets an HTTPS forwarding rule — and keeps its HTTP one unless `kubernetes.io/ingress.allow-http: "false"` removes it or a FrontendConfig with `redirectToHttps.enabled: true` turns it into a redirect. Otherwise the application is served both ways, and links or users starting with `http://` stay on plain HTTP.',
      remediation:
        'Create a `FrontendConfig` (`networking.gke.io/v1beta1`) with `spec.redirectToHttps.enabled: true` and reference it with the `networking.gke.io/v1beta1.FrontendConfig` annotation (first quick fix; GKE 1.17.13-gke.2600 and later), or set `kubernetes.io/ingress.allow-http: "false"` (second quick fix: HTTP clients then get no answer instead of a redirect).',
      notes:
        'Only Ingresses with TLS are checked (without it, `ingress-tls-missing` applies and allow-http "false" would leave nothing served). An Ingress without class is GKE\'s only when it carries GKE annotations. A referenced FrontendConfig is looked up in the workspace.',
      invalid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    kubernetes.io/ingress.class: gce
    networking.gke.io/managed-certificates: shop-cert
spec:
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
    kubernetes.io/ingress.class: gce
    networking.gke.io/managed-certificates: shop-cert
    networking.gke.io/v1beta1.FrontendConfig: shop-redirect-https
spec:
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
---
apiVersion: networking.gke.io/v1beta1
kind: FrontendConfig
metadata:
  name: shop-redirect-https
spec:
  redirectToHttps:
    enabled: true
`,
    },
    references: {
      peers: {},
      urls: [
        'https://cloud.google.com/kubernetes-engine/docs/how-to/ingress-configuration#https_redirect',
        'https://cloud.google.com/kubernetes-engine/docs/concepts/ingress-xlb#disabling_http',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (cloudControllerOf(object, ctx.config) !== 'gce' || !hasGkeTls(object)) return;
    const allowHttp = ann(object, GKE_ALLOW_HTTP);
    if (allowHttp && (allowHttp.templated || allowHttp.str === 'false')) return;
    if (ann(object, GKE_FRONTEND_CONFIG)) return; // decided with the FrontendConfig, in the workspace
    const data = { name: object.name ?? 'this Ingress' };
    const fixes = [
      { apply: (edit: EditBuilder) => addFrontendConfig(edit, object) },
      {
        title: 'Set kubernetes.io/ingress.allow-http to "false"',
        preferred: false,
        apply: (edit: EditBuilder) => edit.setIn(object.root, ['metadata', 'annotations', GKE_ALLOW_HTTP], quoted('false'), { overwrite: true }),
      },
    ];
    if (allowHttp) ctx.report({ node: allowHttp, messageId: 'allowed', data, fix: fixes });
    else {
      const annotations = object.metadata?.get('annotations');
      ctx.reportMissing({ parent: annotations?.isMap ? annotations : (object.metadata ?? object.root), messageId: 'allowed', data, fix: fixes });
    }
  },
  summarize(object, tools): IngressData | FrontendData | undefined {
    if (object.kind === 'FrontendConfig') {
      const enabled = object.root.getIn(['spec', 'redirectToHttps', 'enabled']);
      return { kind: 'frontend', redirects: enabled?.templated ? undefined : enabled?.isTrue === true };
    }
    if (object.kind !== 'Ingress' || cloudControllerOf(object, tools.config) !== 'gce' || !hasGkeTls(object)) return undefined;
    const allowHttp = ann(object, GKE_ALLOW_HTTP);
    const frontend = ann(object, GKE_FRONTEND_CONFIG);
    if ((allowHttp && (allowHttp.templated || allowHttp.str === 'false')) || frontend?.str === undefined) return undefined;
    return { kind: 'ingress', frontendConfig: frontend.str, range: tools.rangeOf(frontend) };
  },
  checkWorkspace(ctx) {
    const data = ctx.summary.data[ID] as IngressData | FrontendData | undefined;
    if (data?.kind !== 'ingress') return;
    const frontend = ctx.index
      .byKind('FrontendConfig')
      .find((f) => f.name === data.frontendConfig && (f.namespace ?? undefined) === (ctx.summary.namespace ?? undefined));
    const redirects = (frontend?.data[ID] as FrontendData | undefined)?.redirects;
    if (!frontend || redirects !== false) return;
    ctx.report({
      range: atObject(ctx.summary.start, data.range),
      messageId: 'noRedirect',
      data: { name: ctx.summary.name ?? 'this Ingress', frontendConfig: data.frontendConfig },
    });
  },
});
