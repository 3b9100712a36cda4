import { atObject, defineRule } from '../engine/rule';
import type { EditBuilder } from '../fix/edit-builder';
import { quoted } from '../fix/emit';
import { nameFromPattern } from '../k8s/ingress';
import { NGINX_PREFIX, ngx, servedByIngressNginx } from '../k8s/ingress-nginx';

interface IngressData {
  kind: 'ingress';
  namespace: string | undefined;
  secret: string;
  /** Range of the auth-secret value, relative to the object. */
  range: [number, number];
}
interface SecretData {
  kind: 'secret';
  /** Keys of data and stringData; undefined when they cannot be read (templated). */
  keys: string[] | undefined;
}

const ID = 'ingress-nginx-basic-auth-incomplete';

export default defineRule({
  meta: {
    id: ID,
    title: 'Basic authentication is configured incompletely',
    severity: 'warning',
    category: 'ingress-access',
    kinds: ['Ingress'],
    messages: {
      noSecret: 'Ingress "{{name}}" sets auth-type "{{type}}" without auth-secret',
      noType: 'Ingress "{{name}}" sets auth-secret without auth-type',
      badType: 'Ingress "{{name}}" sets auth-type to "{{type}}", which ingress-nginx does not know',
      secretKey: 'Ingress "{{name}}" reads basic-auth users from Secret "{{secret}}", which has no "auth" key',
    },
    fix: { availability: 'sometimes', applicability: 'unsafe', title: 'Complete the basic-auth annotations' },
    since: '0.1.0',
    docs: {
      rationale:
        'ingress-nginx enables basic or digest authentication only when both `auth-type` (`basic` or `digest`) and `auth-secret` are set and the Secret holds an htpasswd file under the key `auth` (or one key per user with `auth-secret-type: auth-map`). When one part is missing or wrong it logs an error and serves the Ingress **without** authentication — while the manifest looks protected.',
      remediation:
        'Set `auth-type: basic`, `auth-secret: <secret>` and `auth-realm`, and create the Secret with `htpasswd -c auth <user>` and `kubectl create secret generic <secret> --from-file=auth`. The quick fix adds the missing annotations, using the `ingress.basicAuthSecret` name pattern of `.kubeward.yaml` (default `{name}-basic-auth`).',
      notes: "The Secret's keys are checked when the Secret is in the workspace (same namespace, or the one `auth-secret` names as `namespace/name`).",
      invalid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: admin
  annotations:
    nginx.ingress.kubernetes.io/auth-type: basic
spec:
  ingressClassName: nginx
  rules:
    - host: admin.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: admin
                port:
                  number: 80
`,
      valid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: admin
  annotations:
    nginx.ingress.kubernetes.io/auth-type: basic
    nginx.ingress.kubernetes.io/auth-secret: admin-basic-auth
    nginx.ingress.kubernetes.io/auth-realm: "Authentication Required"
spec:
  ingressClassName: nginx
  rules:
    - host: admin.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: admin
                port:
                  number: 80
`,
    },
    references: {
      peers: {},
      urls: [
        'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#authentication',
        'https://kubernetes.github.io/ingress-nginx/examples/auth/basic/',
      ],
    },
  },
  check(ctx) {
    const { object, config } = ctx;
    if (!servedByIngressNginx(object, config)) return;
    const type = ngx(object, 'auth-type');
    const secret = ngx(object, 'auth-secret');
    const name = object.name ?? 'this Ingress';
    const annotations = ['metadata', 'annotations'];
    if (type) {
      if (type.templated) return;
      const value = type.str ?? '';
      if (value !== 'basic' && value !== 'digest') {
        ctx.report({
          node: type,
          messageId: 'badType',
          data: { name, type: value },
          fix: { title: 'Set auth-type to "basic"', apply: (edit) => edit.setScalar(type, 'basic') },
        });
        return;
      }
      if (secret) return;
      ctx.report({
        node: type,
        messageId: 'noSecret',
        data: { name, type: value },
        fix: (edit: EditBuilder) => {
          edit.setIn(object.root, [...annotations, `${NGINX_PREFIX}auth-secret`], nameFromPattern(config.ingress.basicAuthSecret, object));
          if (!ngx(object, 'auth-realm')) edit.setIn(object.root, [...annotations, `${NGINX_PREFIX}auth-realm`], quoted('Authentication Required'));
        },
      });
      return;
    }
    // auth-secret alone does nothing; with auth-url the Ingress uses external authentication instead.
    if (secret && !secret.templated && !ngx(object, 'auth-url')) {
      ctx.report({
        node: secret,
        at: 'key',
        messageId: 'noType',
        data: { name },
        fix: { title: 'Add auth-type "basic"', apply: (edit) => edit.setIn(object.root, [...annotations, `${NGINX_PREFIX}auth-type`], 'basic') },
      });
    }
  },
  summarize(object, tools): IngressData | SecretData | undefined {
    if (object.kind === 'Secret') {
      const keys: string[] = [];
      for (const field of ['data', 'stringData']) {
        const map = object.root.get(field);
        if (!map || map.isNull) continue;
        if (!map.isMap || map.templated) return { kind: 'secret', keys: undefined };
        keys.push(...map.keys());
      }
      return { kind: 'secret', keys };
    }
    if (object.kind !== 'Ingress') return undefined;
    const secret = ngx(object, 'auth-secret');
    const type = ngx(object, 'auth-type')?.str;
    const secretType = ngx(object, 'auth-secret-type');
    if (!secret?.str || (type !== 'basic' && type !== 'digest') || secretType?.templated || (secretType && secretType.str !== 'auth-file')) return undefined;
    return { kind: 'ingress', namespace: object.namespace, secret: secret.str, range: tools.rangeOf(secret) };
  },
  checkWorkspace(ctx) {
    const data = ctx.summary.data[ID] as IngressData | SecretData | undefined;
    if (data?.kind !== 'ingress') return;
    const slash = data.secret.indexOf('/');
    const namespace = slash === -1 ? ctx.summary.namespace : data.secret.slice(0, slash);
    const secretName = slash === -1 ? data.secret : data.secret.slice(slash + 1);
    const secret = ctx.index.byKind('Secret').find((s) => s.name === secretName && (s.namespace ?? undefined) === (namespace ?? undefined));
    const keys = (secret?.data[ID] as SecretData | undefined)?.keys;
    if (!secret || !keys || keys.includes('auth')) return;
    ctx.report({
      range: atObject(ctx.summary.start, data.range),
      messageId: 'secretKey',
      data: { name: ctx.summary.name ?? 'this Ingress', secret: data.secret },
    });
  },
});
