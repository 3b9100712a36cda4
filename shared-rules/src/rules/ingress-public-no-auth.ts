import type { ResolvedConfig } from '../engine/config';
import { defineRule, type FixSpec } from '../engine/rule';
import { placeholder, quoted, type EmitValue } from '../fix/emit';
import type { EditBuilder } from '../fix/edit-builder';
import { cloudControllerOf } from '../k8s/cloud-ingress';
import { servedByIngressNginx } from '../k8s/ingress-nginx';
import { ALB_PREFIX, isPublicHost, nameFromPattern, nginxAnnotation, NGINX_PREFIX, ruleHostsOf } from '../k8s/ingress';
import { annotation, type K8sObject } from '../k8s/objects';
import type { YNode } from '../yaml/nav';

export const AUTH_URL_PLACEHOLDER = 'https://<oauth2-proxy>/oauth2/auth';
export const AUTH_REALM = 'Authentication Required';

function addAnnotations(edit: EditBuilder, object: K8sObject, values: Record<string, EmitValue>): void {
  for (const [key, value] of Object.entries(values)) edit.setIn(object.root, ['metadata', 'annotations', key], value);
}

/** External auth (oauth2-proxy and the like): auth-url, plus auth-signin when configured. */
export function externalAuthFix(object: K8sObject, config: ResolvedConfig, preferred: boolean): FixSpec {
  const { authUrl, authSignin } = config.ingress;
  return {
    title: 'Add external authentication (auth-url)',
    applicability: authUrl ? 'unsafe' : 'display-only',
    preferred,
    apply: (edit) =>
      addAnnotations(edit, object, {
        [`${NGINX_PREFIX}auth-url`]: authUrl ?? placeholder(AUTH_URL_PLACEHOLDER),
        ...(authSignin ? { [`${NGINX_PREFIX}auth-signin`]: authSignin } : {}),
      }),
  };
}

/** Basic auth against an htpasswd Secret (key `auth`). */
export function basicAuthFix(object: K8sObject, config: ResolvedConfig, preferred: boolean): FixSpec {
  return {
    title: 'Add basic authentication (auth-type: basic)',
    applicability: 'unsafe',
    preferred,
    apply: (edit) =>
      addAnnotations(edit, object, {
        [`${NGINX_PREFIX}auth-type`]: 'basic',
        [`${NGINX_PREFIX}auth-secret`]: nameFromPattern(config.ingress.basicAuthSecret, object),
        [`${NGINX_PREFIX}auth-realm`]: quoted(AUTH_REALM),
      }),
  };
}

const present = (node: YNode | undefined): node is YNode => Boolean(node && !node.isNull);

/** ingress-nginx sees a way to restrict who gets in. Templated values count: they are unknown. */
function nginxProtected(object: K8sObject): boolean {
  if (present(nginxAnnotation(object, 'auth-type')) || present(nginxAnnotation(object, 'auth-url'))) return true;
  const mtls = nginxAnnotation(object, 'auth-tls-verify-client');
  if (present(mtls) && mtls.str !== 'off') return true;
  return present(nginxAnnotation(object, 'whitelist-source-range')) || present(nginxAnnotation(object, 'allowlist-source-range'));
}

/** The AWS Load Balancer Controller: internal unless internet-facing; OIDC/Cognito auth or inbound CIDRs protect it. */
function albExposed(object: K8sObject): boolean {
  const scheme = annotation(object, `${ALB_PREFIX}scheme`);
  if (scheme?.str !== 'internet-facing') return false; // default `internal`; templated: unknown
  const authType = annotation(object, `${ALB_PREFIX}auth-type`);
  if (present(authType) && (authType.str === undefined || authType.str === 'oidc' || authType.str === 'cognito')) return false;
  return !present(annotation(object, `${ALB_PREFIX}inbound-cidrs`));
}

export default defineRule({
  meta: {
    id: 'ingress-public-no-auth',
    title: 'Ingress is reachable by anyone without authentication',
    severity: 'info',
    category: 'ingress-access',
    kinds: ['Ingress'],
    messages: {
      nginx: 'Ingress "{{name}}" lets anyone reach its backend: no authentication annotation',
      alb: 'Ingress "{{name}}" is an internet-facing ALB with no authentication and no inbound-cidrs',
    },
    fix: { availability: 'sometimes', applicability: 'unsafe', title: 'Add authentication' },
    since: '0.1.0',
    docs: {
      rationale:
        'An Ingress publishes a Service to everyone who can reach the load balancer, usually the whole Internet. Admin consoles, dashboards and internal APIs are regularly exposed this way, trusting that "nobody knows the host name" — certificate-transparency logs and scanners find such names within minutes. ingress-nginx can put authentication in front of the backend (an external identity-aware proxy with `auth-url`, or `auth-type: basic`), require client certificates, or restrict source addresses; the AWS Load Balancer Controller offers OIDC/Cognito authentication and `inbound-cidrs`. Many applications authenticate users themselves, so this finding is informational.',
      remediation:
        'For an internal tool, put it behind your SSO: `nginx.ingress.kubernetes.io/auth-url: https://<oauth2-proxy>/oauth2/auth` and `auth-signin` (set `ingress.authUrl` and `ingress.authSignin` in `.kubeward.yaml` and the quick fix uses them), or basic auth with an htpasswd Secret (key `auth`). For a site that is public by design, list its hosts in `ingress.publicHosts` (globs) so the finding goes away for good.',
      invalid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: grafana
spec:
  ingressClassName: nginx
  tls:
    - hosts: [grafana.example.com]
      secretName: grafana-tls
  rules:
    - host: grafana.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: { name: grafana, port: { number: 3000 } }
`,
      valid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: grafana
  annotations:
    nginx.ingress.kubernetes.io/auth-url: "https://auth.example.com/oauth2/auth"
    nginx.ingress.kubernetes.io/auth-signin: "https://auth.example.com/oauth2/start?rd=$escaped_request_uri"
spec:
  ingressClassName: nginx
  tls:
    - hosts: [grafana.example.com]
      secretName: grafana-tls
  rules:
    - host: grafana.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: { name: grafana, port: { number: 3000 } }
`,
      notes:
        'Protected for ingress-nginx: `auth-type`, `auth-url`, `auth-tls-verify-client` other than `off`, `whitelist-source-range` or `allowlist-source-range`. For an ALB Ingress (class `alb`): only when `scheme: internet-facing`, and protected by `auth-type` `oidc`/`cognito` or `inbound-cidrs`. Other controllers are not checked. The external-auth fix is preferred when `ingress.authUrl` is configured, basic auth otherwise; basic auth needs a Secret (default name `{name}-basic-auth`) with an htpasswd file under the key `auth`.',
    },
    references: {
      peers: { kubescape: ['C-0274', 'C-0256'] },
      urls: [
        'https://kubernetes.github.io/ingress-nginx/examples/auth/oauth-external-auth/',
        'https://kubernetes.github.io/ingress-nginx/examples/auth/basic/',
        'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#authentication',
      ],
    },
  },
  check(ctx) {
    const { object, config } = ctx;
    const nginx = servedByIngressNginx(object, config);
    const alb = !nginx && cloudControllerOf(object, config) === 'alb';
    if (!nginx && !alb) return;
    const globs = config.ingress.publicHosts;
    if (globs.length > 0) {
      const rules = ruleHostsOf(object);
      if (rules.some((r) => r.templated)) return; // which hosts is unknown
      const hosts = rules.length > 0 ? rules.map((r) => r.host ?? '') : [''];
      if (hosts.every((h) => isPublicHost(h, globs))) return;
    }
    const annotations = object.metadata?.get('annotations');
    const parent = annotations && (annotations.isMap || annotations.isNull) ? annotations : (object.metadata ?? object.root);
    const data = { name: object.name ?? 'this Ingress' };
    if (nginx) {
      if (nginxProtected(object)) return;
      const external = Boolean(config.ingress.authUrl);
      const fixes = [externalAuthFix(object, config, external), basicAuthFix(object, config, !external)];
      ctx.reportMissing({ parent, messageId: 'nginx', data, fix: external ? fixes : fixes.reverse() });
      return;
    }
    if (!albExposed(object)) return;
    ctx.reportMissing({
      parent,
      messageId: 'alb',
      data,
      fix: {
        title: 'Restrict the ALB to your CIDR (inbound-cidrs)',
        applicability: 'display-only',
        apply: (edit) => addAnnotations(edit, object, { [`${ALB_PREFIX}inbound-cidrs`]: placeholder('<your-cidr>/32') }),
      },
    });
  },
});
