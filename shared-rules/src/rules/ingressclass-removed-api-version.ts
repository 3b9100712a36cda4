import { defineRule } from '../engine/rule';
import { apiStatus, formatVersion, removedApi } from '../k8s/api-versions';

export default defineRule({
  meta: {
    id: 'ingressclass-removed-api-version',
    title: 'IngressClass uses networking.k8s.io/v1beta1',
    severity: 'warning',
    category: 'api-version',
    kinds: ['IngressClass'],
    deprecation: true,
    messages: {
      removed: 'IngressClass "{{name}}" uses {{apiVersion}}, which Kubernetes stopped serving in {{removedIn}}',
    },
    fix: { availability: 'always', applicability: 'safe', title: 'Change the apiVersion to networking.k8s.io/v1' },
    since: '0.1.0',
    docs: {
      rationale:
        '`networking.k8s.io/v1beta1` IngressClass was deprecated in 1.19 and is no longer served from 1.22. A chart or manifest that still uses it fails to apply, so the IngressClass — which decides which controller, and with it which TLS and authentication settings, serve an Ingress — is missing. The deprecation guide lists no other change, so the new apiVersion is all that is needed.',
      remediation: 'Change `apiVersion` to `networking.k8s.io/v1`.',
      invalid: `apiVersion: networking.k8s.io/v1beta1
kind: IngressClass
metadata:
  name: nginx
spec:
  controller: k8s.io/ingress-nginx
`,
      valid: `apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: nginx
spec:
  controller: k8s.io/ingress-nginx
`,
    },
    references: {
      peers: { trivy: 'KSV-0107' },
      urls: ['https://kubernetes.io/docs/reference/using-api/deprecation-guide/#ingressclass-v122'],
    },
  },
  check(ctx) {
    const { object, config } = ctx;
    if (!object.apiVersion) return;
    const api = removedApi(object.apiVersion, object.kind);
    if (!api || !apiStatus(api, config.kubernetesMinor)) return;
    const node = object.root.get('apiVersion')!;
    ctx.report({
      node,
      messageId: 'removed',
      data: { name: object.name ?? 'this IngressClass', apiVersion: object.apiVersion, removedIn: formatVersion(api.removedIn) },
      fix: (edit) => edit.setScalar(node, api.replacement),
    });
  },
});
