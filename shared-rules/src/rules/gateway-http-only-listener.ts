import { defineRule, type FixSpec } from '../engine/rule';
import { placeholder, type EmitValue } from '../fix/emit';
import type { EditBuilder } from '../fix/edit-builder';
import { freeListenerName, hostnameCovers, isGatewayApi, listenersOf } from '../k8s/gateway';
import { literalValue } from '../fix/recipes';
import { nameFromPattern } from '../k8s/ingress';

export default defineRule({
  meta: {
    id: 'gateway-http-only-listener',
    title: 'Gateway serves a hostname over plain HTTP only',
    severity: 'error',
    category: 'gateway-api',
    kinds: ['Gateway'],
    messages: {
      httpOnly: 'Gateway "{{gateway}}" listener "{{listener}}" serves {{host}} over plain HTTP only',
    },
    fix: { availability: 'sometimes', applicability: 'unsafe', title: 'Add an HTTPS listener' },
    since: '0.1.0',
    docs: {
      rationale:
        'A Gateway listener with `protocol: HTTP` accepts unencrypted connections. Without an HTTPS listener for the same hostname there is no way to reach the routes securely: passwords, session cookies and API tokens travel in clear text and can be read or changed by anyone between the client and the Gateway. An HTTP listener with no hostname is covered by any HTTPS listener; one with a hostname needs an HTTPS listener for that hostname, a wildcard that covers it, or one without a hostname.',
      remediation:
        'Add an HTTPS listener (`protocol: HTTPS`, `port: 443`, `tls.mode: Terminate`, `tls.certificateRefs` naming the certificate Secret) for the same hostname, then attach a redirect HTTPRoute to the HTTP listener (see `httproute-missing-https-redirect`). With cert-manager, the `cert-manager.io/cluster-issuer` annotation on the Gateway issues the certificate into that Secret.',
      invalid: `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: web
spec:
  gatewayClassName: example
  listeners:
    - name: http
      protocol: HTTP
      port: 80
      hostname: shop.example.com
`,
      valid: `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: web
spec:
  gatewayClassName: example
  listeners:
    - name: http
      protocol: HTTP
      port: 80
      hostname: shop.example.com
    - name: https
      protocol: HTTPS
      port: 443
      hostname: shop.example.com
      tls:
        mode: Terminate
        certificateRefs:
          - kind: Secret
            name: web-tls
`,
      notes:
        "The new listener copies the HTTP listener's `allowedRoutes`, so routes that attach today can attach over HTTPS too. The Secret name follows the `ingress.tlsSecretName` setting (default `{name}-tls`, with the Gateway's name).",
    },
    references: {
      peers: { kubescape: 'C-0266' },
      urls: ['https://gateway-api.sigs.k8s.io/guides/tls/', 'https://cert-manager.io/docs/usage/gateway/'],
    },
  },
  check(ctx) {
    const { object, config } = ctx;
    if (!isGatewayApi(object)) return;
    const listeners = listenersOf(object);
    const listenersNode = object.root.get('spec')?.get('listeners');
    if (!listenersNode || ctx.isUncertain(listenersNode)) return;
    const https = listeners.filter((l) => l.protocol === 'HTTPS' || l.templated);
    for (const listener of listeners) {
      if (listener.templated || listener.protocol !== 'HTTP' || !listener.protocolNode) continue;
      const covered = https.some((h) => h.templated || (listener.hostname === undefined ? true : hostnameCovers(h.hostname, listener.hostname)));
      if (covered) continue;
      const secret = nameFromPattern(config.ingress.tlsSecretName, object, 'gateway');
      const listenerValue = (): EmitValue => {
        const value: { [key: string]: EmitValue } = { name: freeListenerName(listeners, 'https', listener.name), protocol: 'HTTPS', port: 443 };
        if (listener.hostname !== undefined) value.hostname = listener.hostname;
        value.tls = { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: secret }] };
        const allowed = listener.node.get('allowedRoutes');
        if (allowed && !allowed.isNull) {
          const copy = literalValue(allowed);
          if (copy !== undefined) value.allowedRoutes = copy;
        }
        return value;
      };
      const add = (edit: EditBuilder) => edit.appendItem(listenersNode, listenerValue());
      const issuer = config.ingress.clusterIssuer;
      const fixes: FixSpec[] = [
        { title: 'Add an HTTPS listener', preferred: !issuer, apply: add },
        {
          title: 'Add an HTTPS listener and a cert-manager issuer',
          preferred: Boolean(issuer),
          apply: (edit) => {
            add(edit);
            edit.setIn(object.root, ['metadata', 'annotations', 'cert-manager.io/cluster-issuer'], issuer ?? placeholder('<cluster-issuer>'));
          },
        },
      ];
      ctx.report({
        node: listener.protocolNode,
        messageId: 'httpOnly',
        data: { gateway: object.name ?? 'this Gateway', listener: listener.name ?? '', host: listener.hostname ?? 'every hostname' },
        fix: fixes,
      });
    }
  },
});
