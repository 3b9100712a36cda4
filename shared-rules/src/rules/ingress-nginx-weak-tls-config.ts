import { defineRule } from '../engine/rule';
import { quoted } from '../fix/emit';
import { isControllerConfigMap, NGINX_PREFIX, ngx, servedByIngressNginx } from '../k8s/ingress-nginx';
import { annotationsOf } from '../k8s/objects';
import type { YNode } from '../yaml/nav';

/** OpenSSL cipher-string words that enable broken or unauthenticated suites. */
const WEAK_CIPHER_WORDS: ReadonlySet<string> = new Set(['RC4', 'DES', '3DES', 'MD5', 'NULL', 'ENULL', 'ANULL', 'ADH', 'AECDH', 'IDEA', 'SEED', 'LOW']);
const WEAK_PROTOCOLS: ReadonlySet<string> = new Set(['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1']);
const DEFAULT_PROTOCOLS = 'TLSv1.2 TLSv1.3';

/**
 * Weak suites an OpenSSL cipher string enables: `!X` and `-X` remove, so
 * they do not count; a suite name counts when one of its dash-separated
 * words is weak (`DES-CBC3-SHA`, `RC4-MD5`, `EXP-…`).
 */
export function weakCiphers(value: string): string[] {
  const out: string[] = [];
  for (const element of value.split(/[:,\s]+/)) {
    if (!element || element.startsWith('!') || element.startsWith('-')) continue;
    const name = element.startsWith('+') ? element.slice(1) : element;
    const words = name.toUpperCase().split(/[-+]/);
    // EXP, EXPORT, EXPORT40…: the export-grade suites.
    if (words.some((w) => WEAK_CIPHER_WORDS.has(w) || w.startsWith('EXP'))) out.push(name);
  }
  return [...new Set(out)];
}

export default defineRule({
  meta: {
    id: 'ingress-nginx-weak-tls-config',
    title: 'ingress-nginx allows weak TLS',
    severity: 'warning',
    category: 'ingress-tls',
    kinds: ['Ingress', 'ConfigMap'],
    messages: {
      ciphers: '{{object}} enables weak cipher suites ({{ciphers}}) in ssl-ciphers',
      protocols: 'ConfigMap "{{name}}" enables {{protocols}} in ssl-protocols',
      hsts: 'ConfigMap "{{name}}" turns HSTS off',
      sslRedirect: 'ConfigMap "{{name}}" turns off the HTTPS redirect for every Ingress of the controller',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Restore the secure default' },
    since: '0.1.0',
    docs: {
      rationale:
        'ingress-nginx defaults to TLS 1.2 and 1.3 with a modern cipher list, redirects HTTP to HTTPS for hosts with TLS, and sends HSTS. The controller ConfigMap (`ssl-protocols`, `ssl-ciphers`, `hsts`, `ssl-redirect`) and the `ssl-ciphers` annotation can weaken that for every Ingress or for one: TLS 1.0/1.1 and SSL are deprecated and downgradable, RC4/DES/3DES/NULL/EXPORT/anonymous suites are broken, and without the redirect or HSTS users keep landing on plain HTTP.',
      remediation:
        'Remove the weakening keys to get the defaults back: `ssl-protocols: "TLSv1.2 TLSv1.3"`, no `ssl-ciphers` override (or one without weak suites), `hsts` and `ssl-redirect` left at `"true"`. The quick fixes do exactly that.',
      notes:
        'In cipher strings, entries prefixed with `!` or `-` remove suites and are not reported (`HIGH:!aNULL:!MD5` is fine). The ConfigMap is recognised by its name (`ingress-nginx-controller`, `nginx-configuration`, `*-ingress-nginx-controller`) or its `app.kubernetes.io/name: ingress-nginx` label. HSTS off is reported at information level.',
      invalid: `apiVersion: v1
kind: ConfigMap
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
data:
  ssl-protocols: "TLSv1 TLSv1.1 TLSv1.2"
`,
      valid: `apiVersion: v1
kind: ConfigMap
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
data:
  ssl-protocols: "TLSv1.2 TLSv1.3"
`,
    },
    references: {
      peers: {},
      urls: [
        'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/#ssl-protocols',
        'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#ssl-ciphers',
        'https://www.rfc-editor.org/rfc/rfc8996',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    const name = object.name ?? 'ingress-nginx-controller';
    const checkCiphers = (node: YNode | undefined, map: YNode, key: string, label: string) => {
      const value = node?.str;
      if (!node || value === undefined) return;
      const weak = weakCiphers(value);
      if (weak.length === 0) return;
      ctx.report({
        node,
        messageId: 'ciphers',
        data: { object: label, ciphers: weak.slice(0, 4).join(', ') + (weak.length > 4 ? ', …' : '') },
        fix: { title: 'Remove ssl-ciphers (use the default list)', apply: (edit) => edit.removePair(map, key) },
      });
    };
    if (object.kind === 'Ingress') {
      if (!servedByIngressNginx(object, ctx.config)) return;
      const annotations = annotationsOf(object);
      if (annotations) checkCiphers(ngx(object, 'ssl-ciphers'), annotations, `${NGINX_PREFIX}ssl-ciphers`, `Ingress "${object.name ?? 'this Ingress'}"`);
      return;
    }
    if (!isControllerConfigMap(object)) return;
    const data = object.root.get('data');
    if (!data?.isMap) return;
    checkCiphers(data.get('ssl-ciphers'), data, 'ssl-ciphers', `ConfigMap "${name}"`);
    const protocols = data.get('ssl-protocols');
    if (protocols?.str !== undefined) {
      const weak = protocols.str.split(/\s+/).filter((p) => WEAK_PROTOCOLS.has(p));
      if (weak.length > 0)
        ctx.report({
          node: protocols,
          messageId: 'protocols',
          data: { name, protocols: weak.join(', ') },
          fix: { title: `Set ssl-protocols to "${DEFAULT_PROTOCOLS}"`, apply: (edit) => edit.setScalar(protocols, quoted(DEFAULT_PROTOCOLS)) },
        });
    }
    for (const [key, messageId] of [
      ['hsts', 'hsts'],
      ['ssl-redirect', 'sslRedirect'],
    ] as const) {
      const node = data.get(key);
      if (node?.str !== 'false') continue;
      ctx.report({
        node,
        messageId,
        severity: key === 'hsts' ? 'info' : undefined,
        data: { name },
        fix: { title: `Remove ${key}: "false"`, apply: (edit) => edit.removePair(data, key) },
      });
    }
  },
});
