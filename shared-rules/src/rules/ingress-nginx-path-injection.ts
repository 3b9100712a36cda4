import { defineRule, type FixSpec } from '../engine/rule';
import type { EditBuilder } from '../fix/edit-builder';
import { quoted } from '../fix/emit';
import { NGINX_PREFIX, ngx, servedByIngressNginx } from '../k8s/ingress-nginx';
import type { YNode } from '../yaml/nav';

/** What `strict-validate-path-type` accepts for Exact and Prefix paths (configmap.md). Linear. */
const STRICT_PATH = /^\/[A-Za-z0-9/_-]*$/;
/** Characters that break out of nginx's location block: never legitimate in a path. */
const INJECTION = /[;#"'`\u0000-\u001f\u007f]/;
/** Braces, legitimate only as regex quantifiers. */
const BRACES = /[{}]/;
/** Regex syntax: such a path belongs to ImplementationSpecific with use-regex. */
const REGEX_SYNTAX = /[()[\]*+?|^$\\]/;

function pathsOf(ingress: YNode): Array<{ path: YNode; pathType: YNode | undefined; entry: YNode }> {
  const rules = ingress.get('spec')?.get('rules');
  if (!rules?.isSeq) return [];
  const out: Array<{ path: YNode; pathType: YNode | undefined; entry: YNode }> = [];
  for (const rule of rules.items()) {
    const paths = rule.get('http')?.get('paths');
    if (!paths?.isSeq) continue;
    for (const entry of paths.items()) {
      const path = entry.get('path');
      if (path?.isScalar && !path.isNull) out.push({ path, pathType: entry.get('pathType'), entry });
    }
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'ingress-nginx-path-injection',
    title: 'Ingress path can inject nginx configuration',
    severity: 'error',
    category: 'ingress-nginx',
    kinds: ['Ingress'],
    messages: {
      injection: 'Ingress "{{name}}" has a path with {{chars}}, which can inject nginx configuration',
      strict: 'Ingress "{{name}}" has a {{pathType}} path "{{path}}" with characters nginx may reject',
    },
    fix: { availability: 'sometimes', applicability: 'unsafe', title: 'Make the path ImplementationSpecific' },
    since: '0.1.0',
    docs: {
      rationale:
        'ingress-nginx writes each path into an nginx `location` directive. Characters such as `;`, `#`, quotes, braces or line breaks end the directive or comment the rest out, and what follows becomes nginx configuration running in the controller, whose ServiceAccount reads every Secret of the cluster (CVE-2021-25745, CVE-2026-24512, CVE-2026-4342). With `strict-validate-path-type` on (the default in recent releases) the controller validates `Exact` and `Prefix` paths strictly (letters, digits, `/`, `-`, `_`) and rejects the rest; older or reconfigured controllers do not. ingress-nginx was retired in March 2026: a new bypass will not be fixed.',
      remediation:
        'Remove control characters and nginx syntax from paths. A path that is a regular expression belongs to `pathType: ImplementationSpecific` with `nginx.ingress.kubernetes.io/use-regex: "true"` (the quick fix); a plain path with other characters (`/robots.txt`) also belongs to `ImplementationSpecific`. Note that `use-regex` applies to every path of the same host, in every Ingress.',
      notes:
        'Braces count as injection only outside regular-expression paths (`use-regex` or `rewrite-target`), where they are quantifiers. Only Ingresses served by ingress-nginx are checked.',
      invalid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: api
spec:
  ingressClassName: nginx
  rules:
    - host: api.example.com
      http:
        paths:
          - path: /api/v[0-9]+/users
            pathType: Prefix
            backend:
              service:
                name: api
                port:
                  number: 80
`,
      valid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: api
  annotations:
    nginx.ingress.kubernetes.io/use-regex: "true"
spec:
  ingressClassName: nginx
  rules:
    - host: api.example.com
      http:
        paths:
          - path: /api/v[0-9]+/users
            pathType: ImplementationSpecific
            backend:
              service:
                name: api
                port:
                  number: 80
`,
    },
    references: {
      peers: {},
      urls: [
        'https://github.com/kubernetes/kubernetes/issues/136678',
        'https://github.com/kubernetes/kubernetes/issues/137893',
        'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/#strict-validate-path-type',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (!servedByIngressNginx(object, ctx.config)) return;
    const regexMode = ngx(object, 'use-regex')?.str === 'true' || Boolean(ngx(object, 'rewrite-target'));
    const name = object.name ?? 'this Ingress';
    for (const { path, pathType } of pathsOf(object.root)) {
      if (path.templated) continue;
      const value = path.str;
      if (value === undefined) continue;
      const type = pathType?.templated ? undefined : (pathType?.str ?? 'ImplementationSpecific');
      const bad = INJECTION.exec(value) ?? (!regexMode || type !== 'ImplementationSpecific' ? BRACES.exec(value) : null);
      if (bad) {
        const ch = bad[0];
        const chars = ch < ' ' || ch === '\u007f' ? 'a control character' : `"${ch}"`;
        ctx.report({ node: path, messageId: 'injection', data: { name, chars } });
        continue;
      }
      if ((type !== 'Exact' && type !== 'Prefix') || STRICT_PATH.test(value) || !pathType) continue;
      const looksRegex = REGEX_SYNTAX.test(value);
      const fixes: FixSpec[] = [];
      if (!pathType.indirect) {
        fixes.push({
          title: looksRegex ? 'Make the path an ImplementationSpecific regular expression (use-regex)' : 'Make the path ImplementationSpecific',
          apply: (edit: EditBuilder) => {
            edit.setScalar(pathType, 'ImplementationSpecific');
            if (looksRegex && !regexMode) edit.setIn(object.root, ['metadata', 'annotations', `${NGINX_PREFIX}use-regex`], quoted('true'));
          },
        });
      }
      const advice = looksRegex
        ? 'It looks like a regular expression: use pathType ImplementationSpecific with use-regex "true".'
        : 'Use pathType ImplementationSpecific for it.';
      ctx.report({ node: path, messageId: 'strict', data: { name, path: value, pathType: type, advice }, fix: fixes });
    }
  },
});
