import { defineRule, type SummarizeContext } from '../engine/rule';
import type { ObjectSummary } from '../engine/workspace';
import { backendRefsOf, isGatewayApi } from '../k8s/gateway';
import type { K8sObject } from '../k8s/objects';
import { ingressServiceBackends, servicePortsOf } from '../k8s/services';
import { fileRange, mayShareNamespaceWith } from '../engine/workspace-docs';
import { relRange, type RelRange } from '../k8s/objects';

const ID = 'ingress-dangling-backend';

interface Backend {
  name: string;
  /** Explicit namespace of a Gateway API reference. */
  namespace: string | undefined;
  port: number | string | undefined;
  at: RelRange;
  portAt: RelRange | undefined;
}
type Data = { type: 'routes'; backends: Backend[] } | { type: 'service'; ports: Array<{ port: number | undefined; name: string | undefined }> | undefined };
const dataOf = (s: ObjectSummary) => s.data[ID] as Data | undefined;

function summarize(object: K8sObject, source: SummarizeContext): Data | undefined {
  if (object.kind === 'Service') {
    const ports = object.root.get('spec')?.get('ports');
    const known = !ports || (ports.isSeq && !source.isUncertain(ports) && ports.items().every((p) => !p.templated));
    return { type: 'service', ports: known ? servicePortsOf(object).map((p) => ({ port: p.port, name: p.name })) : undefined };
  }
  const backends: Backend[] = [];
  if (object.kind === 'Ingress') {
    for (const b of ingressServiceBackends(object)) {
      if (b.templated || !b.name) continue;
      backends.push({
        name: b.name,
        namespace: undefined,
        port: b.port,
        at: relRange(object, b.node),
        portAt: b.portNode ? relRange(object, b.portNode) : undefined,
      });
    }
  } else if (object.kind === 'HTTPRoute' && isGatewayApi(object)) {
    for (const ref of backendRefsOf(object)) {
      if (ref.templated || !ref.name || !ref.nameNode || ref.group !== '' || ref.kind !== 'Service') continue;
      const portNode = ref.node.get('port');
      backends.push({
        name: ref.name,
        namespace: ref.namespace,
        port: ref.port,
        at: relRange(object, ref.nameNode),
        portAt: portNode ? relRange(object, portNode) : undefined,
      });
    }
  } else return undefined;
  return { type: 'routes', backends };
}

export default defineRule({
  meta: {
    id: ID,
    title: 'Ingress or HTTPRoute backend Service does not exist',
    severity: 'info',
    // Off by default, as the catalogue's core set proposes: the backend Service often lives in another repository or chart.
    optIn: true,
    category: 'network-policy',
    kinds: ['Ingress', 'HTTPRoute'],
    messages: {
      service: '{{kind}} "{{name}}" sends traffic to Service "{{service}}", which is not in the workspace',
      port: '{{kind}} "{{name}}" sends traffic to port {{port}} of Service "{{service}}", which has no such port',
    },
    fix: { availability: 'none' },
    since: '0.1.0',
    docs: {
      rationale:
        'A backend that names a missing Service (a typo, a rename, a Service removed from the chart) leaves the route dangling: users get errors, and the hostname and path are kept open for whoever later creates a Service with that name in the namespace — another team, or an attacker with create rights there. The same holds for a port the Service does not expose. This rule looks across files, and only when every manifest of the workspace has been read.',
      remediation: 'Point the backend at an existing Service and one of its ports (by number or name), or add the missing Service.',
      invalid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: shop-frontend
                port:
                  number: 80
---
apiVersion: v1
kind: Service
metadata:
  name: shop
spec:
  selector:
    app: shop
  ports:
    - port: 80
`,
      valid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
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
apiVersion: v1
kind: Service
metadata:
  name: shop
spec:
  selector:
    app: shop
  ports:
    - port: 80
`,
      notes:
        'Silent while the workspace index is incomplete, in Kustomize patches, for templated backends, and when a Service in the namespace has a templated name. Services with a templated port list are assumed to have the port. HTTPRoute backends in another namespace are looked up there.',
    },
    references: {
      peers: { 'kube-linter': 'dangling-ingress', kubescape: ['C-0298', 'C-0302'] },
      urls: [
        'https://kubernetes.io/docs/concepts/services-networking/ingress/#the-ingress-resource',
        'https://gateway-api.sigs.k8s.io/api-types/httproute/#backendrefs',
      ],
    },
  },
  summarize,
  checkWorkspace(ctx) {
    const { summary, index } = ctx;
    const data = dataOf(summary);
    if (!index.complete || summary.partial || data?.type !== 'routes') return;
    const services = index.byKind('Service');
    for (const backend of data.backends) {
      const namespace = backend.namespace ?? summary.namespace;
      const candidates = mayShareNamespaceWith(services, { namespace, file: summary.file });
      // A Service whose name we cannot read (or a patch) may be this one.
      if (candidates.some((s) => s.name === undefined)) continue;
      const found = candidates.filter((s) => s.name === backend.name);
      const where = { kind: summary.kind, name: summary.name ?? summary.kind, service: backend.name };
      if (found.length === 0) {
        ctx.report({ range: fileRange(summary, backend.at), messageId: 'service', data: where });
        continue;
      }
      if (backend.port === undefined) continue;
      const portLists = found.map((s) => (dataOf(s) as Extract<Data, { type: 'service' }> | undefined)?.ports);
      if (portLists.some((p) => p === undefined || p.length === 0)) continue; // unknown, or no ports (ExternalName)
      const has = portLists.some((ports) => ports!.some((p) => (typeof backend.port === 'number' ? p.port === backend.port : p.name === backend.port)));
      if (has) continue;
      const ports = [...new Set(portLists.flatMap((l) => l!.map((p) => (p.name ? `${p.port} (${p.name})` : String(p.port)))))].join(', ');
      ctx.report({ range: fileRange(summary, backend.portAt ?? backend.at), messageId: 'port', data: { ...where, port: backend.port, ports } });
    }
  },
});
