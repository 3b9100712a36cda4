import { defineRule } from '../engine/rule';
import { isGatewayApi, listenersOf } from '../k8s/gateway';

export default defineRule({
  meta: {
    id: 'gateway-passthrough-no-l7-policy',
    title: 'TLS passthrough listener: no HTTP-level policy applies',
    severity: 'hint',
    // Off by default, as the catalogue's core set proposes: passthrough listeners are usually deliberate.
    optIn: true,
    category: 'gateway-api',
    kinds: ['Gateway'],
    messages: {
      passthrough: 'Gateway "{{gateway}}" listener "{{listener}}" passes TLS through unopened',
    },
    fix: { availability: 'none' },
    since: '0.1.0',
    docs: {
      rationale:
        'With `tls.mode: Passthrough` the Gateway routes encrypted connections by SNI alone (TLSRoute) and never decrypts them. That is sometimes exactly right (end-to-end TLS, mTLS to the backend), but every protection configured at the Gateway — HTTPS redirects, authentication filters, header policies, rate limits, a WAF — silently does nothing for that traffic. "In Passthrough TLS mode, TLS settings do not take effect."',
      remediation:
        'Confirm the backend terminates TLS with a valid certificate and enforces authentication and rate limits itself. If it does not need end-to-end TLS, use `mode: Terminate` with `certificateRefs` and an HTTPRoute instead.',
      invalid: `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: edge
spec:
  gatewayClassName: example
  listeners:
    - name: tls
      protocol: TLS
      port: 443
      tls:
        mode: Passthrough
`,
      valid: `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: edge
spec:
  gatewayClassName: example
  listeners:
    - name: https
      protocol: HTTPS
      port: 443
      tls:
        mode: Terminate
        certificateRefs:
          - name: edge-tls
`,
    },
    references: {
      urls: ['https://gateway-api.sigs.k8s.io/guides/tls/#listeners-and-tls'],
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (!isGatewayApi(object)) return;
    for (const listener of listenersOf(object)) {
      const mode = listener.tls?.isMap ? listener.tls.get('mode') : undefined;
      if (mode?.str !== 'Passthrough') continue;
      ctx.report({ node: mode, messageId: 'passthrough', data: { gateway: object.name ?? 'this Gateway', listener: listener.name ?? '' } });
    }
  },
});
