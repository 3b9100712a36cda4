import { atObject, defineRule, fixesAtObject, type WorkspaceFix } from '../engine/rule';
import type { ObjectSummary } from '../engine/workspace';
import { quoted } from '../fix/emit';
import { AGIC_PREFIX, ann, cloudControllerOf } from '../k8s/cloud-ingress';
import { NGINX_PREFIX, servedByIngressNginx } from '../k8s/ingress-nginx';
import type { K8sObject } from '../k8s/objects';
import type { YNode } from '../yaml/nav';
import { inNamespace } from '../engine/workspace-docs';

const ID = 'ingress-backend-protocol-plaintext';

interface Backend {
  service: string;
  port: number | string;
  /** Range of the port value, relative to the object. */
  range: [number, number];
}
interface IngressData {
  kind: 'ingress';
  controller: 'nginx' | 'agic';
  namespace: string | undefined;
  /** The backend-protocol annotation's value, upper-cased (undefined: the default, HTTP). */
  protocol: string | undefined;
  backends: Backend[];
  fixes: WorkspaceFix[];
}
interface ServiceData {
  kind: 'service';
  ports: Array<{ port: number | undefined; name: string | undefined; targetPort: string | undefined; appProtocol: string | undefined }>;
}

/** Service backends of an Ingress (v1 and v1beta1 shapes), with the node of their port. */
function backendsOf(object: K8sObject): Array<{ service: string; port: number | string; node: YNode }> {
  const spec = object.root.get('spec');
  const backends: YNode[] = [];
  for (const key of ['defaultBackend', 'backend']) {
    const b = spec?.get(key);
    if (b?.isMap) backends.push(b);
  }
  for (const rule of spec?.get('rules')?.items() ?? []) {
    for (const path of rule.get('http')?.get('paths')?.items() ?? []) {
      const b = path.get('backend');
      if (b?.isMap) backends.push(b);
    }
  }
  const out: Array<{ service: string; port: number | string; node: YNode }> = [];
  for (const b of backends) {
    const service = b.get('service');
    const name = service ? service.get('name')?.str : b.get('serviceName')?.str;
    const portNode = service ? (service.getIn(['port', 'number']) ?? service.getIn(['port', 'name'])) : b.get('servicePort');
    const value = portNode?.value;
    if (!name || !portNode || (typeof value !== 'number' && typeof value !== 'string')) continue;
    out.push({ service: name, port: value, node: portNode });
  }
  return out;
}

/** True when the Service port speaks TLS: named or declared https, or port 443. */
function isTlsPort(port: ServiceData['ports'][number]): boolean {
  const app = port.appProtocol?.toLowerCase();
  const name = port.name?.toLowerCase();
  return app === 'https' || name === 'https' || port.port === 443 || port.targetPort === '443' || port.targetPort === 'https';
}

function resolvePort(service: ObjectSummary, port: number | string): ServiceData['ports'][number] | undefined {
  const data = service.data[ID] as ServiceData | undefined;
  if (data?.kind !== 'service') return undefined;
  return data.ports.find((p) => (typeof port === 'number' ? p.port === port : p.name === port));
}

export default defineRule({
  meta: {
    id: ID,
    title: 'Ingress sends plain HTTP to a TLS backend',
    severity: 'hint',
    // Off by default, as the catalogue's core set proposes: it needs the backend Service and reads ports by convention.
    optIn: true,
    category: 'ingress-tls',
    kinds: ['Ingress'],
    messages: {
      nginx: 'Ingress "{{name}}" sends plain HTTP to HTTPS port {{port}} of Service "{{service}}"',
      agic: 'Ingress "{{name}}" sends plain HTTP to HTTPS port {{port}} of Service "{{service}}"',
    },
    fix: { availability: 'sometimes', applicability: 'unsafe', title: 'Set backend-protocol to HTTPS' },
    since: '0.1.0',
    docs: {
      rationale:
        'ingress-nginx and Application Gateway talk plain HTTP to backends unless told otherwise (`backend-protocol` defaults to `HTTP` and `http`). When the backend Service port is declared as HTTPS — named `https`, `appProtocol: https`, or port 443 — the hop from the controller to the pod either carries credentials unencrypted across the cluster network or fails with "plain HTTP request sent to HTTPS port".',
      remediation:
        'Set `nginx.ingress.kubernetes.io/backend-protocol: "HTTPS"` (`"GRPCS"` for gRPC), or `appgw.ingress.kubernetes.io/backend-protocol: "https"`, and consider verifying the backend certificate (`proxy-ssl-verify`). If the port is not really TLS, fix its name or appProtocol instead.',
      notes:
        'Needs the backend Service in the workspace (same namespace). The fix is offered only when every backend of the Ingress that can be resolved speaks TLS: the annotation applies to all of them. A hint, because a port named `https` may still serve plain HTTP.',
      invalid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: dashboard
  namespace: ops
spec:
  ingressClassName: nginx
  rules:
    - host: dashboard.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: dashboard
                port:
                  number: 443
---
apiVersion: v1
kind: Service
metadata:
  name: dashboard
  namespace: ops
spec:
  selector: { app: dashboard }
  ports:
    - name: https
      port: 443
      targetPort: 8443
`,
      valid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: dashboard
  namespace: ops
  annotations:
    nginx.ingress.kubernetes.io/backend-protocol: "HTTPS"
spec:
  ingressClassName: nginx
  rules:
    - host: dashboard.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: dashboard
                port:
                  number: 443
---
apiVersion: v1
kind: Service
metadata:
  name: dashboard
  namespace: ops
spec:
  selector: { app: dashboard }
  ports:
    - name: https
      port: 443
      targetPort: 8443
`,
    },
    references: {
      peers: {},
      urls: [
        'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#backend-protocol',
        'https://azure.github.io/application-gateway-kubernetes-ingress/annotations/#backend-protocol',
      ],
    },
  },
  summarize(object, tools): IngressData | ServiceData | undefined {
    if (object.kind === 'Service') {
      const ports = object.root.get('spec')?.get('ports');
      if (!ports?.isSeq) return undefined;
      return {
        kind: 'service',
        ports: ports.items().map((p) => {
          const port = p.get('port')?.value;
          return {
            port: typeof port === 'number' ? port : undefined,
            name: p.get('name')?.str,
            targetPort: p.get('targetPort')?.str,
            appProtocol: p.get('appProtocol')?.str,
          };
        }),
      };
    }
    if (object.kind !== 'Ingress') return undefined;
    const controller = cloudControllerOf(object, tools.config) === 'agic' ? 'agic' : servedByIngressNginx(object, tools.config) ? 'nginx' : undefined;
    if (!controller) return undefined;
    const key = controller === 'nginx' ? `${NGINX_PREFIX}backend-protocol` : `${AGIC_PREFIX}backend-protocol`;
    const annotation = ann(object, key);
    if (annotation?.templated) return undefined;
    const protocol = annotation?.str?.toUpperCase();
    if (protocol === 'HTTPS' || protocol === 'GRPCS' || (protocol !== undefined && protocol !== 'HTTP' && protocol !== 'GRPC')) return undefined;
    const backends = backendsOf(object).map((b) => ({ service: b.service, port: b.port, range: tools.rangeOf(b.node) }));
    if (backends.length === 0) return undefined;
    const value = controller === 'agic' ? 'https' : protocol === 'GRPC' ? 'GRPCS' : 'HTTPS';
    return {
      kind: 'ingress',
      controller,
      namespace: object.namespace,
      protocol,
      backends,
      fixes: tools.fixes([
        {
          title: `Set backend-protocol to "${value}"`,
          apply: (edit) => edit.setIn(object.root, ['metadata', 'annotations', key], quoted(value), { overwrite: true }),
        },
      ]),
    };
  },
  checkWorkspace(ctx) {
    const data = ctx.summary.data[ID] as IngressData | ServiceData | undefined;
    if (data?.kind !== 'ingress') return;
    const services = inNamespace(ctx.index.byKind('Service'), data.namespace ?? undefined);
    const resolved = data.backends.map((b) => {
      const service = services.find((s) => s.name === b.service);
      const port = service ? resolvePort(service, b.port) : undefined;
      return { backend: b, port };
    });
    const tls = resolved.filter((r) => r.port && isTlsPort(r.port));
    if (tls.length === 0) return;
    // The annotation covers every backend: offer it only when none of them is known to be plain.
    const allTls = resolved.every((r) => !r.port || isTlsPort(r.port));
    const suggested = data.protocol === 'GRPC' ? 'GRPCS' : 'HTTPS';
    for (const { backend } of tls) {
      ctx.report({
        range: atObject(ctx.summary.start, backend.range),
        messageId: data.controller,
        data: { name: ctx.summary.name ?? 'this Ingress', port: String(backend.port), service: backend.service, suggested },
        fix: allTls ? fixesAtObject(ctx.summary.start, data.fixes) : undefined,
      });
    }
  },
});
