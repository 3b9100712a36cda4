import { defineRule, type SummarizeContext } from '../engine/rule';
import type { ObjectSummary } from '../engine/workspace';
import { fileRange, mayShareNamespace } from '../engine/workspace-docs';
import { GATEWAY_GROUP, isGatewayApi, ROUTE_KINDS } from '../k8s/gateway';
import { relRange, type K8sObject, type RelRange } from '../k8s/objects';

const ID = 'route-parent-gateway-not-found';

type Data = { type: 'gateway' } | { type: 'route'; refs: Array<{ name: string; namespace: string | undefined; at: RelRange }> };
const dataOf = (s: ObjectSummary) => s.data[ID] as Data | undefined;

function summarize(object: K8sObject, source: SummarizeContext): Data | undefined {
  if (!isGatewayApi(object)) return undefined;
  if (object.kind === 'Gateway') return { type: 'gateway' };
  if (!(ROUTE_KINDS as readonly string[]).includes(object.kind)) return undefined;
  const refs: Array<{ name: string; namespace: string | undefined; at: RelRange }> = [];
  const parentRefs = object.root.get('spec')?.get('parentRefs');
  for (const ref of parentRefs?.isSeq ? parentRefs.items() : []) {
    if (!ref.isMap || ref.templated || source.isUncertain(ref)) continue;
    const name = ref.get('name');
    const group = ref.get('group')?.str ?? GATEWAY_GROUP;
    const kind = ref.get('kind')?.str ?? 'Gateway';
    const namespace = ref.get('namespace');
    if (!name?.str || name.templated || group !== GATEWAY_GROUP || kind !== 'Gateway' || namespace?.templated) continue;
    refs.push({ name: name.str, namespace: namespace?.str, at: relRange(object, name) });
  }
  return { type: 'route', refs };
}

export default defineRule({
  meta: {
    id: ID,
    title: 'Route attaches to a Gateway that does not exist',
    severity: 'warning',
    category: 'gateway-api',
    kinds: [...ROUTE_KINDS],
    // Cross-file and context-dependent like the other reference checks: Gateways often live in a platform repository.
    optIn: true,
    messages: {
      notFound: '{{kind}} "{{name}}" attaches to Gateway "{{gateway}}", which is not in the workspace.',
    },
    fix: { availability: 'none' },
    since: '0.1.0',
    docs: {
      rationale:
        "A route serves nothing until a Gateway accepts it: a `parentRefs` entry naming a Gateway that does not exist (a typo, a Gateway renamed during a migration, the wrong namespace) leaves the route unattached, and the traffic goes to whatever else the hostname resolves to, often an older Ingress or a catch-all route the team did not mean to keep. Worse, whoever later creates a Gateway of that name in that namespace receives the route's traffic.",
      remediation:
        'Point `parentRefs` at the Gateway that should serve the route (`name`, and `namespace` when it lives elsewhere), or add the Gateway to the manifests.',
      notes:
        "Opt-in, and silent while the workspace index is incomplete, when the workspace has no Gateway at all (they are managed elsewhere), for templated references and in Kustomize patches. A reference without `namespace` means the route's own namespace; objects without namespace may be in any.",
      invalid: `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: public
  namespace: infra
spec:
  gatewayClassName: example
  listeners:
    - name: http
      protocol: HTTP
      port: 80
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: shop
  namespace: web
spec:
  parentRefs:
    - name: pubilc
      namespace: infra
  rules:
    - backendRefs:
        - name: shop
          port: 80
`,
      valid: `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: public
  namespace: infra
spec:
  gatewayClassName: example
  listeners:
    - name: http
      protocol: HTTP
      port: 80
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: shop
  namespace: web
spec:
  parentRefs:
    - name: public
      namespace: infra
  rules:
    - backendRefs:
        - name: shop
          port: 80
`,
    },
    references: {
      urls: ['https://gateway-api.sigs.k8s.io/api-types/httproute/#attaching-to-gateways'],
    },
  },
  summarize,
  checkWorkspace(ctx) {
    const { summary, index } = ctx;
    const data = dataOf(summary);
    if (!index.complete || summary.partial || data?.type !== 'route') return;
    const gateways = index.byKind('Gateway').filter((g) => dataOf(g)?.type === 'gateway');
    if (gateways.length === 0 || gateways.some((g) => g.name === undefined)) return;
    for (const ref of data.refs) {
      const namespace = ref.namespace ?? summary.namespace;
      if (gateways.some((g) => g.name === ref.name && mayShareNamespace(g, { namespace, file: summary.file }))) continue;
      ctx.report({
        range: fileRange(summary, ref.at),
        messageId: 'notFound',
        data: { kind: summary.kind, name: summary.name ?? `this ${summary.kind}`, gateway: ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name },
      });
    }
  },
});
