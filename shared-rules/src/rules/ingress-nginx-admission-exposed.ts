import { atObject, defineRule, fixesAtObject, type WorkspaceFix } from '../engine/rule';
import type { EditBuilder } from '../fix/edit-builder';
import { collectPlaceholders, emitBlockLines, placeholder, type EmitValue } from '../fix/emit';
import { selectsController } from '../k8s/ingress-nginx';
import type { K8sObject } from '../k8s/objects';
import type { YNode } from '../yaml/nav';

const ID = 'ingress-nginx-admission-exposed';

/** Service fields that only NodePort and LoadBalancer Services may carry. */
const EXTERNAL_ONLY_FIELDS = [
  'externalTrafficPolicy',
  'healthCheckNodePort',
  'loadBalancerIP',
  'loadBalancerSourceRanges',
  'loadBalancerClass',
  'allocateLoadBalancerNodePorts',
];

function isWebhookPort(port: YNode): boolean {
  const target = port.get('targetPort');
  const name = port.get('name')?.str ?? '';
  return target?.str === 'webhook' || target?.str === '8443' || name.includes('webhook');
}

/** The controller's admission Service: it selects the controller pods (or is named so) and serves the webhook port. */
function admissionPorts(object: K8sObject): { spec: YNode; ports: YNode; webhook: YNode[] } | undefined {
  const spec = object.root.get('spec');
  const ports = spec?.get('ports');
  if (!spec?.isMap || !ports?.isSeq) return undefined;
  const named = /(^|-)ingress-nginx(-controller)?-admission$/.test(object.name ?? '');
  if (!named && !selectsController(spec.get('selector'))) return undefined;
  const webhook = ports.items().filter((p) => p.isMap && isWebhookPort(p));
  return webhook.length > 0 ? { spec, ports, webhook } : undefined;
}

interface ServiceData {
  kind: 'service';
  namespace: string | undefined;
  selector: Record<string, string>;
  range: [number, number];
  fixes: WorkspaceFix[];
}
interface PolicyData {
  kind: 'policy';
  namespace: string | undefined;
  /** matchLabels of the podSelector; undefined when it selects every pod or cannot be read exactly. */
  matchLabels: Record<string, string> | undefined;
}

function networkPolicyStub(object: K8sObject, selector: Record<string, string>): EmitValue {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `${object.name ?? 'ingress-nginx'}-webhook`, ...(object.namespace ? { namespace: object.namespace } : {}) },
    spec: {
      podSelector: { matchLabels: selector },
      policyTypes: ['Ingress'],
      ingress: [
        { ports: [{ port: 'http' }, { port: 'https' }] },
        { from: [{ ipBlock: { cidr: placeholder('<api-server-cidr>') } }], ports: [{ port: 'webhook' }] },
      ],
    },
  };
}

export default defineRule({
  meta: {
    id: ID,
    title: 'ingress-nginx admission webhook is reachable from outside',
    severity: 'error',
    category: 'ingress-nginx',
    kinds: ['Service'],
    messages: {
      exposed: 'Service "{{name}}" exposes the ingress-nginx admission webhook as {{type}}',
      port: 'Service "{{name}}" ({{type}}) also publishes the ingress-nginx admission webhook port',
      noPolicy: 'Service "{{name}}" serves the ingress-nginx admission webhook with no NetworkPolicy in front',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Make the Service ClusterIP' },
    since: '0.1.0',
    docs: {
      rationale:
        "The ingress-nginx admission webhook validates Ingresses by rendering them into nginx configuration — and CVE-2025-1974 (CVSS 9.8, part of IngressNightmare) made that an unauthenticated remote code execution for anyone who can send it a request, with the controller's access to every Secret of the cluster. The official manifests keep the webhook on a ClusterIP Service; publishing it as NodePort or LoadBalancer puts it on the network, and even inside the cluster every pod can reach it unless a NetworkPolicy says otherwise. The project is retired, so the next such flaw will not be patched.",
      remediation:
        'Keep the admission Service `type: ClusterIP` (the quick fix also removes the fields only external Services may carry), never add the webhook port to the public controller Service, and add a NetworkPolicy that lets only the API server reach the webhook port while Ingress traffic still reaches `http` and `https`.',
      notes:
        "The NetworkPolicy check looks at the whole workspace and reports at information level; its quick fix appends a NetworkPolicy with a placeholder for the API server's address range. That policy admits only the `http`, `https` and `webhook` ports of the controller pods: add the metrics port if something scrapes it.",
      invalid: `apiVersion: v1
kind: Service
metadata:
  name: ingress-nginx-controller-admission
  namespace: ingress-nginx
spec:
  type: NodePort
  selector:
    app.kubernetes.io/name: ingress-nginx
    app.kubernetes.io/component: controller
  ports:
    - name: https-webhook
      port: 443
      targetPort: webhook
`,
      valid: `apiVersion: v1
kind: Service
metadata:
  name: ingress-nginx-controller-admission
  namespace: ingress-nginx
spec:
  type: ClusterIP
  selector:
    app.kubernetes.io/name: ingress-nginx
    app.kubernetes.io/component: controller
  ports:
    - name: https-webhook
      port: 443
      targetPort: webhook
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ingress-nginx-admission
  namespace: ingress-nginx
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: ingress-nginx
      app.kubernetes.io/component: controller
  policyTypes: [Ingress]
  ingress:
    - ports: [{ port: http }, { port: https }]
    - from: [{ ipBlock: { cidr: 10.0.0.10/32 } }]
      ports: [{ port: webhook }]
`,
    },
    references: {
      peers: {},
      urls: ['https://github.com/kubernetes/kubernetes/issues/131009', 'https://kubernetes.github.io/ingress-nginx/deploy/#webhook-network-access'],
    },
  },
  check(ctx) {
    const { object } = ctx;
    const found = admissionPorts(object);
    if (!found) return;
    const type = found.spec.get('type');
    const value = type?.str;
    if (!type || value === undefined || value === 'ClusterIP' || value === 'ExternalName') return;
    const name = object.name ?? 'this Service';
    const all = found.ports.items();
    if (found.webhook.length < all.length) {
      // The public controller Service also carries the webhook port: that port goes.
      for (const port of found.webhook)
        ctx.report({
          node: port.get('port') ?? port,
          messageId: 'port',
          data: { name, type: value },
          fix: { title: 'Remove the webhook port', apply: (edit) => edit.removeItem(port) },
        });
      return;
    }
    ctx.report({
      node: type,
      messageId: 'exposed',
      data: { name, type: value },
      fix: (edit: EditBuilder) => {
        edit.setScalar(type, 'ClusterIP');
        for (const field of EXTERNAL_ONLY_FIELDS) edit.removePair(found.spec, field);
        for (const port of all) edit.removePair(port, 'nodePort');
      },
    });
  },
  summarize(object, tools): ServiceData | PolicyData | undefined {
    if (object.kind === 'NetworkPolicy') {
      const selector = object.root.get('spec')?.get('podSelector');
      const labels = selector?.get('matchLabels');
      const exact = selector?.isMap && !selector.has('matchExpressions') && (!labels || labels.isMap) && !selector.templated;
      const matchLabels: Record<string, string> = {};
      for (const [k, v] of labels?.entries() ?? []) if (v?.str !== undefined) matchLabels[k] = v.str;
      return { kind: 'policy', namespace: object.namespace, matchLabels: exact && Object.keys(matchLabels).length > 0 ? matchLabels : undefined };
    }
    if (object.kind !== 'Service') return undefined;
    const found = admissionPorts(object);
    const selectorNode = found?.spec.get('selector');
    if (!found || !selectorNode?.isMap || selectorNode.templated) return undefined;
    const selector: Record<string, string> = {};
    for (const [k, v] of selectorNode.entries()) {
      if (v?.str === undefined) return undefined;
      selector[k] = v.str;
    }
    const stub = networkPolicyStub(object, selector);
    const nameNode = object.metadata?.get('name');
    return {
      kind: 'service',
      namespace: object.namespace,
      selector,
      range: tools.rangeOf(nameNode && !nameNode.isNull ? nameNode : object.root.get('kind')!),
      fixes: tools.fixes([
        {
          title: 'Add a NetworkPolicy that admits only the API server to the webhook',
          applicability: 'display-only',
          apply: (edit) => {
            edit.placeholders.push(...collectPlaceholders(stub));
            edit.appendDocument(emitBlockLines(stub, 0, edit.source.style));
          },
        },
      ]),
    };
  },
  checkWorkspace(ctx) {
    const data = ctx.summary.data[ID] as ServiceData | PolicyData | undefined;
    if (data?.kind !== 'service' || !ctx.index.complete) return;
    const covered = ctx.index.byKind('NetworkPolicy').some((np) => {
      const policy = np.data[ID] as PolicyData | undefined;
      if (!policy || (policy.namespace ?? undefined) !== (data.namespace ?? undefined)) return false;
      // Empty or unreadable selector: it may select the controller pods.
      return !policy.matchLabels || Object.entries(policy.matchLabels).every(([k, v]) => data.selector[k] === v);
    });
    if (covered) return;
    ctx.report({
      range: atObject(ctx.summary.start, data.range),
      messageId: 'noPolicy',
      severity: 'info',
      data: { name: ctx.summary.name ?? 'this Service' },
      fix: fixesAtObject(ctx.summary.start, data.fixes),
    });
  },
});
