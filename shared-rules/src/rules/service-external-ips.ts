import { defineRule } from '../engine/rule';

export default defineRule({
  meta: {
    id: 'service-external-ips',
    title: 'Service sets externalIPs (CVE-2020-8554)',
    severity: 'error',
    category: 'service',
    kinds: ['Service'],
    messages: {
      externalIPs: 'Service "{{name}}" sets spec.externalIPs',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Remove externalIPs' },
    since: '0.1.0',
    docs: {
      rationale:
        "With `spec.externalIPs`, kube-proxy on every node intercepts traffic addressed to those IPs and sends it to the Service's pods. Anyone allowed to create or edit a Service can list an IP they do not own — another tenant's Service, a public DNS resolver, a cloud metadata address — and receive the cluster's traffic to it. This is CVE-2020-8554 (\"Man in the middle using LoadBalancer or ExternalIPs\"); it cannot be patched in Kubernetes itself and is mitigated by refusing the field (the `DenyServiceExternalIPs` admission plugin or an admission policy).",
      remediation:
        'Remove `spec.externalIPs`. To receive traffic from outside the cluster use `type: LoadBalancer` with source ranges, or an Ingress or Gateway. If you really own the address, document it and suppress this finding on the Service.',
      invalid: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
  externalIPs:
    - 198.51.100.10
`,
      valid: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
`,
    },
    references: {
      peers: { trivy: 'KSV-0108', kubescape: ['C-0115', 'C-0283'] },
      urls: [
        'https://github.com/kubernetes/kubernetes/issues/97076',
        'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#denyserviceexternalips',
      ],
    },
  },
  check(ctx) {
    const spec = ctx.object.root.get('spec');
    const ips = spec?.get('externalIPs');
    if (!spec || !ips || ips.isNull) return;
    // `[]` is harmless; a templated list is unknown.
    if (ips.templated || (ips.isSeq && ips.items().length === 0)) return;
    if (!ips.isSeq) return;
    ctx.report({
      node: ips,
      at: 'key',
      messageId: 'externalIPs',
      data: { name: ctx.object.name ?? 'this Service' },
      fix: (edit) => edit.removePair(spec, 'externalIPs'),
    });
  },
});
