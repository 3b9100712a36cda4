import { defineRule, type SummarizeContext, type WorkspaceFix } from '../engine/rule';
import type { ObjectSummary } from '../engine/workspace';
import { backendRefsOf, GATEWAY_GROUP, isGatewayApi, listenersOf } from '../k8s/gateway';
import type { K8sObject } from '../k8s/objects';
import type { YNode } from '../yaml/nav';
import { documentSlot, fileRange, freeName, newDocumentEdit, type DocumentSlot } from '../engine/workspace-docs';
import { relRange, type RelRange } from '../k8s/objects';

const ID = 'gateway-cross-namespace-ref-without-referencegrant';
const SOURCE_KINDS = ['Gateway', 'HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'];

interface Ref {
  group: string;
  kind: string;
  name: string;
  namespace: string;
  at: RelRange;
}
interface Grant {
  from: Array<{ group: string; kind: string; namespace: string }>;
  to: Array<{ group: string; kind: string; name: string | undefined }>;
}
type Data = { type: 'source'; refs: Ref[]; slot: DocumentSlot } | { type: 'grant'; grant: Grant | undefined };
const dataOf = (s: ObjectSummary) => s.data[ID] as Data | undefined;

function summarize(object: K8sObject, source: SummarizeContext): Data | undefined {
  if (!isGatewayApi(object)) return undefined;
  if (object.kind === 'ReferenceGrant') {
    const spec = object.root.get('spec');
    if (!spec?.isMap || source.isUncertain(spec)) return { type: 'grant', grant: undefined };
    const read = <T>(key: string, make: (n: YNode) => T | undefined): T[] | undefined => {
      const out: T[] = [];
      for (const item of spec.get(key)?.items() ?? []) {
        const v = make(item);
        if (v === undefined) return undefined;
        out.push(v);
      }
      return out;
    };
    const from = read('from', (n) => {
      const group = n.get('group')?.str;
      const kind = n.get('kind')?.str;
      const namespace = n.get('namespace')?.str;
      return group !== undefined && kind && namespace ? { group, kind, namespace } : undefined;
    });
    const to = read('to', (n) => {
      const group = n.get('group')?.str;
      const kind = n.get('kind')?.str;
      const name = n.get('name');
      if (group === undefined || !kind || name?.templated) return undefined;
      return { group, kind, name: name && !name.isNull ? name.str : undefined };
    });
    return { type: 'grant', grant: from && to ? { from, to } : undefined };
  }
  if (!SOURCE_KINDS.includes(object.kind)) return undefined;
  const refs: Ref[] = [];
  if (object.kind === 'Gateway') {
    for (const listener of listenersOf(object)) {
      for (const ref of listener.tls?.get('certificateRefs')?.items() ?? []) {
        const namespace = ref.get('namespace');
        const name = ref.get('name')?.str;
        if (!namespace?.str || !name || ref.templated) continue;
        refs.push({
          group: ref.get('group')?.str ?? '',
          kind: ref.get('kind')?.str ?? 'Secret',
          name,
          namespace: namespace.str,
          at: relRange(object, namespace),
        });
      }
    }
  } else {
    for (const ref of backendRefsOf(object)) {
      const namespace = ref.node.get('namespace');
      if (!namespace?.str || !ref.name || ref.templated) continue;
      refs.push({ group: ref.group, kind: ref.kind, name: ref.name, namespace: namespace.str, at: relRange(object, namespace) });
    }
  }
  return refs.length > 0 ? { type: 'source', refs, slot: documentSlot(object, source) } : undefined;
}

export default defineRule({
  meta: {
    id: ID,
    title: 'Cross-namespace reference without a ReferenceGrant',
    severity: 'hint',
    // Off by default, as the catalogue's core set proposes: a workspace often holds only part of the cluster's ReferenceGrants.
    optIn: true,
    category: 'gateway-api',
    kinds: SOURCE_KINDS,
    messages: {
      noGrant: '{{kind}} "{{name}}" refers to {{target}} "{{targetName}}" in "{{namespace}}" with no ReferenceGrant',
    },
    fix: { availability: 'sometimes', applicability: 'unsafe', title: 'Add a ReferenceGrant' },
    since: '0.1.0',
    docs: {
      rationale:
        "The Gateway API requires the owner of a namespace to consent before objects elsewhere use its Secrets or Services: a ReferenceGrant in the target namespace names the kinds and namespaces allowed to refer in. Without it the reference is refused — a listener keeps no certificate, a route no backend — which shows up as an outage rather than as an error in the manifest. The check stops a Gateway in one namespace from borrowing another team's TLS keys unnoticed, so keep it; just make sure the grant exists. This rule looks across files, and only when every manifest has been read.",
      remediation:
        "Add a ReferenceGrant in the target namespace whose `from` names the referring kind and namespace and whose `to` names the target kind (and, ideally, name). Route-to-Gateway attachment across namespaces needs no grant: it is governed by the listener's `allowedRoutes`.",
      invalid: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: shop
  namespace: web
spec:
  parentRefs:
    - name: edge
  rules:
    - backendRefs:
        - name: shop-api
          namespace: backend
          port: 8080
`,
      valid: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: shop
  namespace: web
spec:
  parentRefs:
    - name: edge
  rules:
    - backendRefs:
        - name: shop-api
          namespace: backend
          port: 8080
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata:
  name: allow-web-routes
  namespace: backend
spec:
  from:
    - group: gateway.networking.k8s.io
      kind: HTTPRoute
      namespace: web
  to:
    - group: ""
      kind: Service
      name: shop-api
`,
      notes:
        "A hint, and silent while the workspace index is incomplete, when the referring object has no namespace (it may be the target's), and when a ReferenceGrant that may apply cannot be read.",
    },
    references: {
      peers: { kubescape: 'C-0302' },
      urls: ['https://gateway-api.sigs.k8s.io/api-types/referencegrant/', 'https://gateway-api.sigs.k8s.io/guides/multiple-ns/#cross-namespace-routing'],
    },
  },
  summarize,
  checkWorkspace(ctx) {
    const { summary, index } = ctx;
    const data = dataOf(summary);
    const from = summary.namespace;
    if (!index.complete || summary.partial || data?.type !== 'source' || !from || !summary.name) return;
    const grantsByNs = index.byKind('ReferenceGrant');
    for (const ref of data.refs) {
      if (ref.namespace === from) continue;
      const grants = grantsByNs.filter((g) => g.namespace === undefined || g.namespace === ref.namespace);
      const readable = grants.map((g) =>
        dataOf(g)?.type === 'grant' && !g.partial && g.namespace !== undefined ? (dataOf(g) as Extract<Data, { type: 'grant' }>).grant : undefined,
      );
      if (readable.some((g) => g === undefined)) continue;
      const allowed = readable.some(
        (g) =>
          g!.from.some((f) => f.group === GATEWAY_GROUP && f.kind === summary.kind && f.namespace === from) &&
          g!.to.some((t) => t.group === ref.group && t.kind === ref.kind && (t.name === undefined || t.name === ref.name)),
      );
      if (allowed) continue;
      // Built only when fixes are asked for, not on every keystroke.
      const fix = (): WorkspaceFix[] => {
        const { edit } = newDocumentEdit(summary, data.slot, {
          apiVersion: 'gateway.networking.k8s.io/v1beta1',
          kind: 'ReferenceGrant',
          metadata: { name: freeName(grantsByNs, ref.namespace, [`allow-${from}-${summary.kind.toLowerCase()}-${summary.name}`]), namespace: ref.namespace },
          spec: { from: [{ group: GATEWAY_GROUP, kind: summary.kind, namespace: from }], to: [{ group: ref.group, kind: ref.kind, name: ref.name }] },
        });
        return [{ title: 'Add a ReferenceGrant', applicability: 'unsafe', edits: [edit] }];
      };
      ctx.report({
        range: fileRange(summary, ref.at),
        messageId: 'noGrant',
        data: { kind: summary.kind, name: summary.name, target: ref.kind, targetName: ref.name, namespace: ref.namespace, from },
        fix,
      });
    }
  },
});
