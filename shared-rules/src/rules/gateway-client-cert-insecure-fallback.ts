import { defineRule } from '../engine/rule';
import { isGatewayApi } from '../k8s/gateway';
import type { YNode } from '../yaml/nav';

/** The frontend validation blocks of a Gateway: the default one and each port's. */
function validations(frontend: YNode | undefined): Array<{ validation: YNode; port: string | undefined }> {
  if (!frontend?.isMap) return [];
  const out: Array<{ validation: YNode; port: string | undefined }> = [];
  const dflt = frontend.getIn(['default', 'validation']);
  if (dflt?.isMap) out.push({ validation: dflt, port: undefined });
  const perPort = frontend.get('perPort');
  for (const item of perPort?.isSeq ? perPort.items() : []) {
    const v = item.getIn(['tls', 'validation']);
    const port = item.get('port');
    if (v?.isMap) out.push({ validation: v, port: port?.isScalar && !port.isNull ? String(port.value) : undefined });
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'gateway-client-cert-insecure-fallback',
    title: 'Gateway accepts clients without a valid certificate',
    severity: 'warning',
    category: 'gateway-api',
    kinds: ['Gateway'],
    messages: {
      fallback: 'Gateway "{{gateway}}" accepts clients without a valid certificate on {{where}} (AllowInsecureFallback).',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Accept only valid client certificates' },
    since: '0.1.0',
    docs: {
      rationale:
        'Gateway API v1.5 added frontend client-certificate validation (`spec.tls.frontend`, mutual TLS at the Gateway). Its `mode: AllowInsecureFallback` accepts the connection even when the client sends no certificate or one that fails validation: the Gateway then only passes the outcome on, and every backend behind it must refuse unauthenticated clients itself. A backend that trusts "the Gateway checks certificates" is open to anyone who reaches the listener. The API itself describes the mode as meant for testing or a temporary transition.',
      remediation:
        'Use `mode: AllowValidOnly` (the default: remove `mode`) once the clients have certificates. While a migration needs the fallback, keep it on the ports that need it only (`perPort`), make the backends check the forwarded client identity, and set an end date.',
      notes:
        'Looks at `spec.tls.frontend.default.validation.mode` and `spec.tls.frontend.perPort[].tls.validation.mode`. The fix writes `AllowValidOnly`: clients without a valid certificate are refused from then on.',
      invalid: `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: partners
spec:
  gatewayClassName: example
  listeners:
    - name: https
      protocol: HTTPS
      port: 443
      tls:
        certificateRefs:
          - name: partners-tls
  tls:
    frontend:
      default:
        validation:
          caCertificateRefs:
            - kind: ConfigMap
              group: ""
              name: partner-ca
          mode: AllowInsecureFallback
`,
      valid: `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: partners
spec:
  gatewayClassName: example
  listeners:
    - name: https
      protocol: HTTPS
      port: 443
      tls:
        certificateRefs:
          - name: partners-tls
  tls:
    frontend:
      default:
        validation:
          caCertificateRefs:
            - kind: ConfigMap
              group: ""
              name: partner-ca
`,
    },
    references: {
      urls: ['https://gateway-api.sigs.k8s.io/reference/spec/#frontendtlsvalidation', 'https://gateway-api.sigs.k8s.io/geps/gep-91/'],
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (!isGatewayApi(object)) return;
    for (const { validation, port } of validations(object.root.getIn(['spec', 'tls', 'frontend']))) {
      const mode = validation.get('mode');
      if (!mode?.isScalar || mode.str !== 'AllowInsecureFallback') continue;
      ctx.report({
        node: mode,
        messageId: 'fallback',
        data: { gateway: object.name ?? 'this Gateway', where: port === undefined ? 'every port' : `port ${port}` },
        fix: (edit) => edit.setScalar(mode, 'AllowValidOnly'),
      });
    }
  },
});
