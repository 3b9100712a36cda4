import { defineRule, type FixSpec } from '../engine/rule';
import { placeholder, type EmitValue } from '../fix/emit';
import type { EditBuilder } from '../fix/edit-builder';
import { CERT_MANAGER_ANNOTATIONS, distinctHosts, hasTls, nameFromPattern, ruleHostsOf, tlsTerminatedByAnnotation } from '../k8s/ingress';
import { insertBeforeKey } from '../fix/recipes';
import { annotation, type K8sObject } from '../k8s/objects';
import type { ResolvedConfig } from '../engine/config';

/** The TLS block that covers every rule host, with the configured secret name. */
export function tlsBlockFor(object: K8sObject, config: ResolvedConfig): EmitValue {
  const hosts = distinctHosts(object);
  const secretName = nameFromPattern(config.ingress.tlsSecretName, object);
  return [hosts.length > 0 ? { hosts, secretName } : { secretName }];
}

/** Adds `spec.tls` before `spec.rules` (or replaces an empty or null one in place). */
export function addTls(edit: EditBuilder, object: K8sObject, config: ResolvedConfig): void {
  const block = tlsBlockFor(object, config);
  if (insertBeforeKey(edit, object.root.get('spec'), 'rules', 'tls', block)) return;
  edit.setIn(object.root, ['spec', 'tls'], block, { overwrite: true });
}

export default defineRule({
  meta: {
    id: 'ingress-tls-missing',
    title: 'Ingress serves plain HTTP',
    severity: 'error',
    category: 'ingress-tls',
    kinds: ['Ingress'],
    messages: {
      missing: 'Ingress "{{name}}" has no spec.tls',
    },
    fix: { availability: 'sometimes', applicability: 'unsafe', title: 'Add spec.tls for every host' },
    since: '0.1.0',
    docs: {
      rationale:
        'Without `spec.tls` the controller serves the Ingress hosts over plain HTTP. Everything that crosses the Internet — login forms, session cookies, API tokens — can be read and changed by anyone between the user and the cluster. TLS set by a cloud controller annotation (an ALB certificate ARN, a GKE pre-shared or managed certificate, an Application Gateway certificate) counts as TLS.',
      remediation:
        'Add a `spec.tls` entry listing every host of the rules and the Secret that holds the certificate. With cert-manager, add the `cert-manager.io/cluster-issuer` annotation and the certificate is issued into that Secret for you.',
      invalid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  ingressClassName: nginx
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: shop
                port:
                  number: 80
`,
      valid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  ingressClassName: nginx
  tls:
    - hosts:
        - shop.example.com
      secretName: shop-tls
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: shop
                port:
                  number: 80
`,
    },
    references: {
      peers: { polaris: 'tlsSettingsMissing', kubescape: 'C-0263', kics: 'c81c6c42' },
      urls: ['https://kubernetes.io/docs/concepts/services-networking/ingress/#tls', 'https://cert-manager.io/docs/usage/ingress/'],
    },
  },
  check(ctx) {
    const { object, config } = ctx;
    const spec = object.root.get('spec');
    if (hasTls(object) || tlsTerminatedByAnnotation(object)) return;
    const tls = spec?.get('tls');
    // `tls:` followed by Helm action lines (`{{- toYaml .Values.tls | nindent 4 }}`).
    if (tls?.isNull && ctx.isUncertain(tls)) return;
    const hostsTemplated = ruleHostsOf(object).some((r) => r.templated);
    // With a configured issuer, the cert-manager variant is the one to offer first;
    // with an issuer annotation already there, cert-manager needs only the TLS block.
    const issuer = config.ingress.clusterIssuer;
    const hasIssuer = CERT_MANAGER_ANNOTATIONS.some((key) => annotation(object, key) !== undefined);
    const fixes: FixSpec[] = [];
    if (!hostsTemplated) {
      fixes.push({ preferred: !issuer || hasIssuer, apply: (edit) => addTls(edit, object, config) });
      if (!hasIssuer)
        fixes.push({
          title: 'Add spec.tls and a cert-manager issuer',
          preferred: Boolean(issuer),
          // Without a configured issuer, its name is a placeholder to fill in.
          applicability: issuer ? 'unsafe' : 'display-only',
          apply: (edit) => {
            addTls(edit, object, config);
            edit.setIn(object.root, ['metadata', 'annotations', 'cert-manager.io/cluster-issuer'], issuer ?? placeholder('<cluster-issuer>'));
          },
        });
    }
    const data = { name: object.name ?? 'this Ingress' };
    if (tls) ctx.report({ node: tls, at: 'key', messageId: 'missing', data, fix: fixes });
    else ctx.reportMissing({ parent: spec?.isMap ? spec : object.root, messageId: 'missing', data, fix: fixes });
  },
});
