import { defineRule, type SummarizeContext, type WorkspaceFix } from '../engine/rule';
import type { ObjectSummary } from '../engine/workspace';
import { placeholder, type EmitValue } from '../fix/emit';
import { backendRefsOf, isGatewayApi } from '../k8s/gateway';
import type { K8sObject } from '../k8s/objects';
import { servicePortsOf } from '../k8s/services';
import { documentSlot, fileRange, freeName, mayShareNamespace, newDocumentEdit, type DocumentSlot } from '../engine/workspace-docs';
import { relRange, type RelRange } from '../k8s/objects';

const ID = 'backend-tls-missing';
const TLS_APP_PROTOCOLS = new Set(['https', 'kubernetes.io/https', 'tls']);

interface Ref {
  name: string;
  namespace: string | undefined;
  port: number | undefined;
  at: RelRange;
}
interface PortData {
  port: number | undefined;
  name: string | undefined;
  appProtocol: string | undefined;
}
type Data =
  | { type: 'route'; refs: Ref[]; slot: DocumentSlot }
  | { type: 'service'; ports: PortData[] | undefined }
  | { type: 'policy'; targets: Array<{ name: string; sectionName: string | undefined }> | undefined };
const dataOf = (s: ObjectSummary) => s.data[ID] as Data | undefined;

function summarize(object: K8sObject, source: SummarizeContext): Data | undefined {
  if (object.kind === 'Service') {
    const ports = object.root.get('spec')?.get('ports');
    if (ports && (source.isUncertain(ports) || ports.templated)) return { type: 'service', ports: undefined };
    return {
      type: 'service',
      ports: servicePortsOf(object).map((p) => ({ port: p.port, name: p.name, appProtocol: p.node.get('appProtocol')?.str?.toLowerCase() })),
    };
  }
  if (!isGatewayApi(object)) return undefined;
  if (object.kind === 'BackendTLSPolicy') {
    const refs = object.root.get('spec')?.get('targetRefs');
    if (!refs?.isSeq || source.isUncertain(refs)) return { type: 'policy', targets: undefined };
    const targets: Array<{ name: string; sectionName: string | undefined }> = [];
    for (const t of refs.items()) {
      const name = t.get('name')?.str;
      if (!name || t.templated) return { type: 'policy', targets: undefined };
      if ((t.get('group')?.str ?? '') === '' && (t.get('kind')?.str ?? 'Service') === 'Service') targets.push({ name, sectionName: t.get('sectionName')?.str });
    }
    return { type: 'policy', targets };
  }
  if (object.kind !== 'HTTPRoute' && object.kind !== 'GRPCRoute') return undefined;
  const refs: Ref[] = [];
  for (const ref of backendRefsOf(object)) {
    if (ref.templated || !ref.name || !ref.nameNode || ref.group !== '' || ref.kind !== 'Service') continue;
    refs.push({ name: ref.name, namespace: ref.namespace, port: ref.port, at: relRange(object, ref.nameNode) });
  }
  return refs.length > 0 ? { type: 'route', refs, slot: documentSlot(object, source) } : undefined;
}

export default defineRule({
  meta: {
    id: ID,
    title: 'Gateway sends plain HTTP to a TLS backend',
    severity: 'hint',
    // Off by default, as the catalogue's core set proposes: it reads backend TLS by port conventions.
    optIn: true,
    category: 'gateway-api',
    kinds: ['HTTPRoute', 'GRPCRoute'],
    messages: {
      noPolicy: '{{kind}} "{{name}}" sends traffic to TLS Service "{{service}}" without a BackendTLSPolicy',
    },
    fix: { availability: 'sometimes', applicability: 'unsafe', title: 'Add a BackendTLSPolicy' },
    since: '0.1.0',
    docs: {
      rationale:
        "A Gateway terminates the client's TLS and opens a new connection to the backend. Without a BackendTLSPolicy that connection is plain HTTP: a backend that listens for TLS (port 443, `appProtocol: https`) rejects it, and traffic inside the cluster — credentials included — travels unencrypted and unauthenticated wherever it does go through. BackendTLSPolicy (Standard channel since Gateway API v1.4) tells the Gateway to use TLS and which hostname and CA to verify. This rule looks across files for the backend Service's port and for a policy that targets it.",
      remediation:
        "Add a BackendTLSPolicy in the Service's namespace with `targetRefs` naming the Service and `validation.hostname` (the name in the backend's certificate) plus either `caCertificateRefs` (a ConfigMap with your internal CA) or `wellKnownCACertificates: System`.",
      invalid: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: api
spec:
  parentRefs:
    - name: edge
  rules:
    - backendRefs:
        - name: api
          port: 443
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
  ports:
    - name: https
      port: 443
      targetPort: 8443
      appProtocol: https
`,
      valid: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: api
spec:
  parentRefs:
    - name: edge
  rules:
    - backendRefs:
        - name: api
          port: 443
---
apiVersion: gateway.networking.k8s.io/v1
kind: BackendTLSPolicy
metadata:
  name: api-backend-tls
spec:
  targetRefs:
    - group: ""
      kind: Service
      name: api
  validation:
    hostname: api.default.svc
    caCertificateRefs:
      - group: ""
        kind: ConfigMap
        name: internal-ca
`,
      notes:
        'A hint, silent while the workspace index is incomplete. A backend port counts as TLS when the Service port has `appProtocol: https` (or `kubernetes.io/https`, `tls`), is named `https`, or is 443; when the Service is not in the workspace, port 443 on the reference decides.',
    },
    references: {
      urls: ['https://gateway-api.sigs.k8s.io/api-types/backendtlspolicy/', 'https://gateway-api.sigs.k8s.io/guides/tls/#upstream-tls'],
    },
  },
  summarize,
  checkWorkspace(ctx) {
    const { summary, index } = ctx;
    const data = dataOf(summary);
    if (!index.complete || summary.partial || data?.type !== 'route') return;
    for (const ref of data.refs) {
      if (ref.port === undefined) continue;
      const namespace = ref.namespace ?? summary.namespace;
      const services = index.byKind('Service').filter((s) => s.name === ref.name && mayShareNamespace(s, { namespace, file: summary.file }));
      const entries = services.flatMap((s) => {
        const d = dataOf(s);
        return d?.type === 'service' && d.ports ? d.ports.filter((p) => p.port === ref.port) : [];
      });
      if (services.some((s) => (dataOf(s) as Extract<Data, { type: 'service' }> | undefined)?.ports === undefined)) continue;
      const tls =
        entries.length > 0
          ? entries.some((e) => (e.appProtocol !== undefined && TLS_APP_PROTOCOLS.has(e.appProtocol)) || e.name === 'https' || e.port === 443)
          : ref.port === 443;
      if (!tls) continue;
      const policies = index.byKind('BackendTLSPolicy').filter((p) => mayShareNamespace(p, { namespace, file: summary.file }));
      const targets = policies.map((p) => (dataOf(p)?.type === 'policy' && !p.partial ? (dataOf(p) as Extract<Data, { type: 'policy' }>).targets : undefined));
      if (targets.some((t) => t === undefined)) continue;
      const portNames = new Set(entries.map((e) => e.name));
      if (targets.some((list) => list!.some((t) => t.name === ref.name && (t.sectionName === undefined || portNames.has(t.sectionName))))) continue;

      // Built only when fixes are asked for, not on every keystroke.
      const fixes = (): WorkspaceFix[] => {
        const out: WorkspaceFix[] = [];
        const metadata: { [key: string]: EmitValue } = { name: freeName(index.byKind('BackendTLSPolicy'), namespace, [`${ref.name}-backend-tls`]) };
        if (namespace) metadata.namespace = namespace;
        const policy = (validation: EmitValue): EmitValue => ({
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'BackendTLSPolicy',
          metadata,
          spec: { targetRefs: [{ group: '', kind: 'Service', name: ref.name }], validation },
        });
        const hostname = placeholder('<backend-hostname>');
        for (const [title, validation] of [
          ['Add a BackendTLSPolicy (internal CA)', { hostname, caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: placeholder('<ca-configmap>') }] }],
          ['Add a BackendTLSPolicy (public CAs)', { hostname, wellKnownCACertificates: 'System' }],
        ] as const) {
          const { edit, placeholders } = newDocumentEdit(summary, data.slot, policy(validation));
          out.push({ title, applicability: 'unsafe', edits: [edit], placeholders });
        }
        return out;
      };
      ctx.report({
        range: fileRange(summary, ref.at),
        messageId: 'noPolicy',
        data: { kind: summary.kind, name: summary.name ?? summary.kind, service: ref.name, port: ref.port },
        fix: fixes,
      });
    }
  },
});
