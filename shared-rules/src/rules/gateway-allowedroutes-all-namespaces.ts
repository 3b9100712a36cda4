import { defineRule } from '../engine/rule';
import { placeholder } from '../fix/emit';
import { isGatewayApi, listenersOf } from '../k8s/gateway';

export default defineRule({
  meta: {
    id: 'gateway-allowedroutes-all-namespaces',
    title: 'Gateway listener accepts routes (or listeners) from every namespace',
    severity: 'warning',
    category: 'gateway-api',
    kinds: ['Gateway', 'ListenerSet'],
    messages: {
      all: 'Gateway "{{gateway}}" listener "{{listener}}" accepts routes from all namespaces',
      listenerSet: 'ListenerSet "{{gateway}}" listener "{{listener}}" accepts routes from all namespaces.',
      listeners: 'Gateway "{{gateway}}" accepts ListenerSets from all namespaces.',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Accept routes from the same namespace only' },
    since: '0.1.0',
    docs: {
      rationale:
        "A listener's `allowedRoutes.namespaces.from` decides who may attach routes to it. With `All`, any team — or any attacker with route-creation rights in any namespace — can attach an HTTPRoute, take over a hostname or path served by the shared Gateway, and receive its users' requests and credentials. Route attachment across namespaces is governed by this field alone; no ReferenceGrant is involved.",
      remediation:
        'Use `from: Same` when the routes live beside the Gateway, or `from: Selector` with a `selector` matching only the namespaces that may publish through it (for example `kubernetes.io/metadata.name`).',
      notes:
        "Also checks the listeners of ListenerSets (Gateway API v1.5+), whose `allowedRoutes` work the same way, and a Gateway's `spec.allowedListeners.namespaces.from: All`: any namespace can then attach a ListenerSet to the Gateway, adding listeners (hostnames, ports, certificates) to it, and routes through them.",
      invalid: `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: shared
spec:
  gatewayClassName: example
  listeners:
    - name: https
      protocol: HTTPS
      port: 443
      tls:
        certificateRefs:
          - name: shared-tls
      allowedRoutes:
        namespaces:
          from: All
`,
      valid: `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: shared
spec:
  gatewayClassName: example
  listeners:
    - name: https
      protocol: HTTPS
      port: 443
      tls:
        certificateRefs:
          - name: shared-tls
      allowedRoutes:
        namespaces:
          from: Selector
          selector:
            matchLabels:
              gateway-access: shared
`,
    },
    references: {
      urls: ['https://gateway-api.sigs.k8s.io/reference/spec/#allowedroutes', 'https://gateway-api.sigs.k8s.io/guides/multiple-ns/'],
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (!isGatewayApi(object)) return;
    const allowedListeners = object.kind === 'Gateway' ? object.root.getIn(['spec', 'allowedListeners', 'namespaces']) : undefined;
    const fromListeners = allowedListeners?.get('from');
    if (allowedListeners && fromListeners?.str === 'All') {
      ctx.report({
        node: fromListeners,
        messageId: 'listeners',
        data: { gateway: object.name ?? 'this Gateway' },
        fix: [
          { title: 'Accept ListenerSets from the same namespace only', apply: (edit) => edit.setScalar(fromListeners, 'Same') },
          {
            title: 'Accept ListenerSets from selected namespaces',
            apply: (edit) => {
              edit.setScalar(fromListeners, 'Selector');
              edit.setIn(allowedListeners, ['selector', 'matchLabels', 'kubernetes.io/metadata.name'], placeholder('<namespace>'), { overwrite: true });
            },
          },
        ],
      });
    }
    for (const listener of listenersOf(object)) {
      const namespaces = listener.node.getIn(['allowedRoutes', 'namespaces']);
      const from = namespaces?.get('from');
      if (!namespaces || !from || from.str !== 'All') continue;
      ctx.report({
        node: from,
        messageId: object.kind === 'ListenerSet' ? 'listenerSet' : 'all',
        data: { gateway: object.name ?? (object.kind === 'ListenerSet' ? 'this ListenerSet' : 'this Gateway'), listener: listener.name ?? '' },
        fix: [
          { title: 'Accept routes from the same namespace only', apply: (edit) => edit.setScalar(from, 'Same') },
          {
            title: 'Accept routes from selected namespaces',
            apply: (edit) => {
              edit.setScalar(from, 'Selector');
              edit.setIn(namespaces, ['selector', 'matchLabels', 'kubernetes.io/metadata.name'], placeholder('<namespace>'), { overwrite: true });
            },
          },
        ],
      });
    }
  },
});
