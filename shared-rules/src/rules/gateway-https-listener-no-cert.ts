import { defineRule } from '../engine/rule';
import type { EditBuilder } from '../fix/edit-builder';
import { isGatewayApi, listenersOf } from '../k8s/gateway';
import { nameFromPattern } from '../k8s/ingress';

export default defineRule({
  meta: {
    id: 'gateway-https-listener-no-cert',
    title: 'HTTPS listener has no certificate',
    severity: 'error',
    category: 'gateway-api',
    kinds: ['Gateway'],
    messages: {
      noCert: 'Gateway "{{gateway}}" listener "{{listener}}" terminates TLS but names no certificate',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Add tls.certificateRefs' },
    since: '0.1.0',
    docs: {
      rationale:
        'A listener with `protocol: HTTPS`, or `protocol: TLS` in the default `Terminate` mode, decrypts traffic with the certificate named in `tls.certificateRefs`. Without one the listener is invalid: implementations mark it not programmed and drop its routes, or fall back to a default certificate that clients reject. Recent CRD versions refuse the object, but the mistake is cheaper to catch while typing.',
      remediation:
        "Add `tls.certificateRefs` with the Secret (kind `Secret`, type `kubernetes.io/tls`) that holds the certificate for the listener's hostname. With cert-manager, annotate the Gateway with `cert-manager.io/cluster-issuer` and it creates that Secret.",
      invalid: `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: web
spec:
  gatewayClassName: example
  listeners:
    - name: https
      protocol: HTTPS
      port: 443
      hostname: shop.example.com
`,
      valid: `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: web
spec:
  gatewayClassName: example
  listeners:
    - name: https
      protocol: HTTPS
      port: 443
      hostname: shop.example.com
      tls:
        certificateRefs:
          - kind: Secret
            name: web-tls
`,
    },
    references: {
      urls: ['https://gateway-api.sigs.k8s.io/guides/tls/', 'https://gateway-api.sigs.k8s.io/reference/spec/#gatewaytlsconfig'],
    },
  },
  check(ctx) {
    const { object, config } = ctx;
    if (!isGatewayApi(object)) return;
    const refs = [{ kind: 'Secret', name: nameFromPattern(config.ingress.tlsSecretName, object, 'gateway') }];
    for (const listener of listenersOf(object)) {
      if (listener.templated) continue;
      const terminates = listener.protocol === 'HTTPS' || (listener.protocol === 'TLS' && listener.tlsMode === 'Terminate');
      if (!terminates) continue;
      const data = {
        gateway: object.name ?? 'this Gateway',
        listener: listener.name ?? '',
        protocol: listener.protocol!,
        host: listener.hostname ?? 'its hostnames',
      };
      const tls = listener.tls;
      if (!tls || tls.isNull) {
        const fix = (edit: EditBuilder) => edit.setIn(listener.node, ['tls'], { mode: 'Terminate', certificateRefs: refs }, { overwrite: true });
        // `tls:` with nothing (or a Helm block) under it is its own nearest parent.
        ctx.reportMissing({ parent: tls ?? listener.node, messageId: 'noCert', data, fix });
        continue;
      }
      if (!tls.isMap) continue;
      const certs = tls.get('certificateRefs');
      if (certs && !certs.isNull) {
        if (certs.templated || !certs.isSeq) continue;
        if (certs.items().length > 0) continue;
        ctx.report({ node: certs, at: 'key', messageId: 'noCert', data, fix: (edit) => edit.replaceValue(certs, refs) });
        continue;
      }
      ctx.reportMissing({ parent: tls, messageId: 'noCert', data, fix: (edit) => edit.setIn(tls, ['certificateRefs'], refs, { overwrite: true }) });
    }
  },
});
