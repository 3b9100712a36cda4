import { defineRule, type FixSpec } from '../engine/rule';
import type { EditBuilder } from '../fix/edit-builder';
import { placeholder, quoted } from '../fix/emit';
import { DEPRECATED_NGINX_ANNOTATIONS, NGINX_PREFIX } from '../k8s/ingress';
import { annotationsOf, type K8sObject } from '../k8s/objects';
import type { YNode } from '../yaml/nav';

const SECURE = `${NGINX_PREFIX}secure-backends`;
const GRPC = `${NGINX_PREFIX}grpc-backend`;
const VERIFY = `${NGINX_PREFIX}secure-verify-ca-secret`;
const BACKEND_PROTOCOL = `${NGINX_PREFIX}backend-protocol`;
const PROXY_SSL_SECRET = `${NGINX_PREFIX}proxy-ssl-secret`;
const PROXY_SSL_VERIFY = `${NGINX_PREFIX}proxy-ssl-verify`;

/**
 * secure-backends / grpc-backend → backend-protocol, in place:
 * "true" → HTTPS, grpc "true" → GRPC, both → GRPCS. When nothing is to be
 * carried over (values "false", or backend-protocol already set) the dead
 * annotations are removed, which changes nothing at run time.
 */
function protocolFix(annotations: YNode): FixSpec | undefined {
  const secure = annotations.get(SECURE);
  const grpc = annotations.get(GRPC);
  if ((secure && secure.str === undefined) || (grpc && grpc.str === undefined)) return undefined; // templated: unknown
  const secureOn = secure?.str === 'true';
  const grpcOn = grpc?.str === 'true';
  const target = grpcOn ? (secureOn ? 'GRPCS' : 'GRPC') : secureOn ? 'HTTPS' : undefined;
  if (!target || annotations.get(BACKEND_PROTOCOL)) {
    return {
      title: 'Remove the ignored annotation',
      applicability: 'safe',
      apply: (edit) => {
        if (secure) edit.removePair(annotations, SECURE);
        if (grpc) edit.removePair(annotations, GRPC);
      },
    };
  }
  return {
    title: `Replace with backend-protocol: "${target}"`,
    apply: (edit) => {
      const keep = grpcOn ? grpc! : secure!;
      edit.renameKey(keep, BACKEND_PROTOCOL);
      edit.setScalar(keep, quoted(target));
      if (keep === grpc && secure) edit.removePair(annotations, SECURE);
      if (keep === secure && grpc) edit.removePair(annotations, GRPC);
    },
  };
}

/** secure-verify-ca-secret: X → proxy-ssl-secret: <namespace>/X + proxy-ssl-verify: "on". */
function verifyFix(annotations: YNode, object: K8sObject): FixSpec | undefined {
  const verify = annotations.get(VERIFY)!;
  const secret = verify.str;
  if (secret === undefined || secret === '') return undefined;
  if (annotations.get(PROXY_SSL_SECRET)) {
    return { title: 'Remove the ignored annotation', applicability: 'safe', apply: (edit) => edit.removePair(annotations, VERIFY) };
  }
  const qualified = secret.includes('/') ? secret : object.namespace ? `${object.namespace}/${secret}` : undefined;
  return {
    title: 'Replace with proxy-ssl-secret and proxy-ssl-verify: "on"',
    // Without a namespace the user must fill one in.
    applicability: qualified ? 'unsafe' : 'display-only',
    apply: (edit: EditBuilder) => {
      edit.renameKey(verify, PROXY_SSL_SECRET);
      edit.setScalar(verify, qualified ?? placeholder(`<namespace>/${secret}`));
      if (!annotations.get(PROXY_SSL_VERIFY)) edit.insertPair(annotations, PROXY_SSL_VERIFY, quoted('on'));
    },
  };
}

export default defineRule({
  meta: {
    id: 'ingress-nginx-deprecated-annotation',
    title: 'ingress-nginx annotation was removed and is ignored',
    severity: 'warning',
    category: 'ingress-nginx',
    kinds: ['Ingress'],
    deprecation: true,
    messages: {
      removed: 'Ingress "{{name}}" uses {{annotation}}, which ingress-nginx {{version}} ignores',
    },
    fix: { availability: 'sometimes', applicability: 'unsafe', title: 'Replace the removed annotation' },
    since: '0.1.0',
    docs: {
      rationale:
        "ingress-nginx removed `secure-backends` and `grpc-backend` in 0.21.0 (superseded by `backend-protocol`) and `secure-verify-ca-secret` in 0.27.0 (superseded by `proxy-ssl-secret` and `proxy-ssl-verify`). A removed annotation is not an error: the controller just ignores it. So an Ingress written to talk HTTPS to its backend, or to verify the backend's certificate, quietly sends plain HTTP or accepts any certificate inside the cluster, and the manifest still reads as if it were protected.",
      remediation:
        'Replace `secure-backends: "true"` with `backend-protocol: "HTTPS"`, `grpc-backend: "true"` with `backend-protocol: "GRPC"` (`"GRPCS"` together with `secure-backends`), and `secure-verify-ca-secret: <secret>` with `proxy-ssl-secret: <namespace>/<secret>` plus `proxy-ssl-verify: "on"`. Annotations set to `"false"`, or already superseded by their replacement, can simply be removed.',
      invalid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    nginx.ingress.kubernetes.io/secure-backends: "true"
spec:
  ingressClassName: nginx
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: { name: shop, port: { number: 443 } }
`,
      valid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    nginx.ingress.kubernetes.io/backend-protocol: "HTTPS"
spec:
  ingressClassName: nginx
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: { name: shop, port: { number: 443 } }
`,
      notes:
        'The fix renames the annotation in place and rewrites its value, so its position and comments stay. Removing an annotation that is `"false"` or already superseded cannot change what the controller does, so that fix is safe; carrying `"true"` over to `backend-protocol` changes the protocol spoken to the backend, so it is offered, not applied unattended. Without `metadata.namespace`, `proxy-ssl-secret` gets a `<namespace>/` placeholder.',
    },
    references: {
      urls: [
        'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#backend-protocol',
        'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#backend-certificate-authentication',
        'https://github.com/kubernetes/ingress-nginx/pull/3203',
        'https://github.com/kubernetes/ingress-nginx/pull/4695',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    const annotations = annotationsOf(object);
    if (!annotations) return;
    let protocol: FixSpec | undefined | null = null;
    for (const [name, { removedIn, replacement }] of DEPRECATED_NGINX_ANNOTATIONS) {
      const key = NGINX_PREFIX + name;
      const node = annotations.get(key);
      if (!node) continue;
      let fix: FixSpec | undefined;
      if (key === VERIFY) fix = verifyFix(annotations, object);
      else fix = protocol === null ? (protocol = protocolFix(annotations)) : protocol;
      ctx.report({
        node,
        at: 'key',
        messageId: 'removed',
        data: { name: object.name ?? 'this Ingress', annotation: key, version: removedIn, replacement },
        fix,
      });
    }
  },
});
