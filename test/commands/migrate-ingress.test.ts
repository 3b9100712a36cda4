/**
 * "Kubeward: Migrate this Ingress to Gateway API": the text it inserts (in the
 * file's style, one edit, the Ingress kept), the objects it writes for each
 * Ingress feature and annotation, and that no annotation goes unmentioned.
 */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { applyEdits, convertIngress, migrateIngress, type MigrateIngressOptions } from '../../shared-rules/src/index';
import { yaml } from '../helpers/yaml-tag';

type Doc = Record<string, any>;

function migrate(text: string, options: MigrateIngressOptions = {}): { docs: Doc[]; result: Extract<ReturnType<typeof migrateIngress>, { ok: true }> } {
  const result = migrateIngress(text, options);
  if (!result.ok) throw new Error(result.error);
  expect(applyEdits(text, result.edits)).toBe(result.newText);
  // The Ingress is kept, byte for byte: the edits only insert (new documents after it, listeners on a Gateway of the file).
  for (const e of result.edits) expect(e.end).toBe(e.start);
  expect(result.newText.startsWith(text.slice(0, result.edits[0]!.start))).toBe(true);
  for (const d of parseAllDocuments(result.newText, { version: '1.1' })) expect('errors' in d ? d.errors : []).toEqual([]);
  const inserted = result.edits[result.edits.length - 1]!.text;
  const docs = parseAllDocuments(inserted, { version: '1.1' }).map((d) => d.toJS() as Doc);
  return { docs, result };
}
const byKind = (docs: Doc[], kind: string) => docs.filter((d) => d.kind === kind);

const SHOP = yaml`
  apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    name: shop
    namespace: web
    annotations:
      nginx.ingress.kubernetes.io/auth-url: https://auth.example.com/check
  spec:
    ingressClassName: nginx
    tls:
      - hosts: [shop.example.com]
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
`;

describe('migrateIngress', () => {
  it('writes a Gateway, an HTTPS route and an HTTP route that only redirects, after the Ingress, in the file style', () => {
    const { result } = migrate(SHOP);
    expect(result.newText.slice(SHOP.length)).toBe(yaml`
      ---
      # Migrated from Ingress "shop" by Kubeward.
      # Keep the Ingress until traffic has moved to the Gateway, then delete it.
      # Not converted or changed (do it yourself):
      #   nginx.ingress.kubernetes.io/auth-url: Not converted: the Gateway API has no field for it. Use your Gateway implementation's external-auth policy, or the experimental HTTPRoute ExternalAuth filter.
      apiVersion: gateway.networking.k8s.io/v1
      kind: Gateway
      metadata:
        name: nginx
        namespace: web
      spec:
        gatewayClassName: nginx
        listeners:
          - name: shop-example-com-http
            hostname: shop.example.com
            port: 80
            protocol: HTTP
          - name: shop-example-com-https
            hostname: shop.example.com
            port: 443
            protocol: HTTPS
            tls:
              mode: Terminate
              certificateRefs:
                - kind: Secret
                  name: shop-tls
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: HTTPRoute
      metadata:
        name: shop-shop-example-com
        namespace: web
      spec:
        parentRefs:
          - name: nginx
            sectionName: shop-example-com-https
        hostnames:
          - shop.example.com
        rules:
          - matches:
              - path:
                  type: PathPrefix
                  value: /
            backendRefs:
              - name: shop
                port: 80
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: HTTPRoute
      metadata:
        name: shop-shop-example-com-https-redirect
        namespace: web
      spec:
        parentRefs:
          - name: nginx
            sectionName: shop-example-com-http
        hostnames:
          - shop.example.com
        rules:
          - filters:
              - type: RequestRedirect
                requestRedirect:
                  scheme: https
                  statusCode: 308
    `);
    expect(result.notes.find((n) => n.subject === 'nginx.ingress.kubernetes.io/auth-url')?.status).toBe('manual');
  });

  it('follows the file: flush sequences, 4-space indent, CRLF', () => {
    const text = SHOP.replace(/\n/g, '\r\n');
    const { result } = migrate(text);
    expect(result.newText.slice(text.length)).toMatch(/^---\r\n# Migrated/);
    expect(result.newText.slice(text.length).replace(/\r\n/g, '')).not.toContain('\n');
    const flush = yaml`
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
          name: a
      spec:
          rules:
          - host: a.example.com
            http:
                paths:
                - path: /
                  pathType: Prefix
                  backend:
                      service:
                          name: a
                          port:
                              number: 80
    `;
    const out = migrate(flush).result.newText.slice(flush.length);
    expect(out).toContain('\nspec:\n    gatewayClassName: nginx\n    listeners:\n    - name: a-example-com-http\n');
  });

  it('refuses a second run, a templated Ingress, and several Ingresses without a cursor', () => {
    const once = migrate(SHOP).result.newText;
    expect(migrateIngress(once)).toEqual({ ok: false, error: 'Ingress "shop" is already migrated in this file.' });
    expect(migrateIngress(SHOP.replace('name: shop\n', 'name: {{ .Release.Name }}\n')).ok).toBe(false);
    const two = `${SHOP}---\n${SHOP.replace(/shop/g, 'cart')}`;
    expect(migrateIngress(two)).toMatchObject({ ok: false, error: 'This file has several Ingresses: put the cursor inside the one to migrate.' });
    const second = migrate(two, { offset: two.indexOf('cart') });
    expect(second.result.ingressName).toBe('cart');
    // Inserted after the cart Ingress, at the end.
    expect(second.result.edits[0]!.start).toBe(two.length);
  });

  it('converts v1beta1 Ingresses, default backends and ImplementationSpecific paths', () => {
    const { docs, result } = migrate(yaml`
      apiVersion: extensions/v1beta1
      kind: Ingress
      metadata:
        name: old
      spec:
        backend:
          serviceName: fallback
          servicePort: 8080
        rules:
          - host: old.example.com
            http:
              paths:
                - path: /api
                  backend:
                    serviceName: api
                    servicePort: http
                - path: /static/
                  backend:
                    serviceName: static
                    servicePort: 80
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: api
      spec:
        ports:
          - name: http
            port: 9000
    `);
    const [host, catchAll] = byKind(docs, 'HTTPRoute');
    expect(host!.spec.rules).toEqual([
      { matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: [{ name: 'api', port: 9000 }] },
      { matches: [{ path: { type: 'PathPrefix', value: '/static/' } }], backendRefs: [{ name: 'static', port: 80 }] },
      { backendRefs: [{ name: 'fallback', port: 8080 }] },
    ]);
    expect(catchAll!.spec.hostnames).toBeUndefined();
    expect(catchAll!.spec.parentRefs).toEqual([{ name: 'nginx', sectionName: 'all-hosts-http' }]);
    expect(result.notes.find((n) => n.change === 'segment-prefix')?.message).toContain('/api became PathPrefix');
  });

  it('folds canary Ingresses into header matches and weights', () => {
    const main = yaml`
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: app
      spec:
        ingressClassName: nginx
        rules:
          - host: app.example.com
            http:
              paths:
                - path: /
                  pathType: Prefix
                  backend:
                    service:
                      name: app-v1
                      port:
                        number: 80
    `;
    const canary = main
      .replace(
        'name: app\n',
        'name: app-canary\n  annotations:\n    nginx.ingress.kubernetes.io/canary: "true"\n    nginx.ingress.kubernetes.io/canary-by-header: X-Canary\n    nginx.ingress.kubernetes.io/canary-weight: "20"\n',
      )
      .replace('app-v1', 'app-v2');
    const text = `${main}---\n${canary}`;
    expect(migrateIngress(text, { offset: text.indexOf('app-canary') })).toMatchObject({ ok: false, error: expect.stringContaining('is a canary') });
    const { docs } = migrate(text, { offset: 0 });
    expect(byKind(docs, 'HTTPRoute')[0]!.spec.rules).toEqual([
      {
        matches: [{ path: { type: 'PathPrefix', value: '/' }, headers: [{ name: 'X-Canary', value: 'always' }] }],
        backendRefs: [{ name: 'app-v2', port: 80 }],
      },
      { matches: [{ path: { type: 'PathPrefix', value: '/' }, headers: [{ name: 'X-Canary', value: 'never' }] }], backendRefs: [{ name: 'app-v1', port: 80 }] },
      {
        matches: [{ path: { type: 'PathPrefix', value: '/' } }],
        backendRefs: [
          { name: 'app-v1', port: 80, weight: 80 },
          { name: 'app-v2', port: 80, weight: 20 },
        ],
      },
    ]);
  });

  it('turns regex paths with the prefix-stripping rewrite into PathPrefix + ReplacePrefixMatch', () => {
    const { docs } = migrate(yaml`
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: rw
        annotations:
          nginx.ingress.kubernetes.io/use-regex: "true"
          nginx.ingress.kubernetes.io/rewrite-target: /$2
      spec:
        rules:
          - host: rw.example.com
            http:
              paths:
                - path: /api(/|$)(.*)
                  pathType: ImplementationSpecific
                  backend:
                    service:
                      name: api
                      port:
                        number: 80
    `);
    expect(byKind(docs, 'HTTPRoute')[0]!.spec.rules).toEqual([
      {
        matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
        filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }],
        backendRefs: [{ name: 'api', port: 80 }],
      },
    ]);
  });

  it('writes GRPCRoute, TLSRoute on a Passthrough listener, and BackendTLSPolicy', () => {
    const base = (annotations: string) => yaml`
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: x
        namespace: ns
        annotations:
      ${annotations}
      spec:
        ingressClassName: nginx
        tls:
          - hosts: [x.example.com]
            secretName: x-tls
        rules:
          - host: x.example.com
            http:
              paths:
                - path: /
                  pathType: Prefix
                  backend:
                    service:
                      name: x
                      port:
                        number: 443
    `;
    const grpc = migrate(base('    nginx.ingress.kubernetes.io/backend-protocol: GRPC')).docs;
    expect(byKind(grpc, 'GRPCRoute')[0]!.spec).toEqual({
      parentRefs: [{ name: 'nginx', sectionName: 'x-example-com-https' }],
      hostnames: ['x.example.com'],
      rules: [{ backendRefs: [{ name: 'x', port: 443 }] }],
    });
    const pass = migrate(base('    nginx.ingress.kubernetes.io/ssl-passthrough: "true"')).docs;
    expect(byKind(pass, 'Gateway')[0]!.spec.listeners).toEqual([
      { name: 'x-example-com-tls-passthrough', hostname: 'x.example.com', port: 443, protocol: 'TLS', tls: { mode: 'Passthrough' } },
    ]);
    expect(byKind(pass, 'TLSRoute')[0]!.spec.rules).toEqual([{ backendRefs: [{ name: 'x', port: 443 }] }]);
    const https = migrate(
      base('    nginx.ingress.kubernetes.io/backend-protocol: HTTPS\n          nginx.ingress.kubernetes.io/proxy-ssl-name: x.internal'),
    ).docs;
    expect(byKind(https, 'BackendTLSPolicy')[0]!.spec).toEqual({
      targetRefs: [{ group: '', kind: 'Service', name: 'x' }],
      validation: { wellKnownCACertificates: 'System', hostname: 'x.internal' },
    });
  });

  it('attaches to the one Gateway of the class, asks when several fit, and grants cross-namespace certificates', () => {
    const gateway = (name: string, ns: string) => yaml`
      apiVersion: gateway.networking.k8s.io/v1
      kind: Gateway
      metadata:
        name: ${name}
        namespace: ${ns}
      spec:
        gatewayClassName: nginx
        listeners:
          - name: https
            hostname: "*.example.com"
            port: 443
            protocol: HTTPS
          - name: http
            port: 80
            protocol: HTTP
    `;
    const one = migrate(`${SHOP}---\n${gateway('shared', 'infra')}`).docs;
    expect(byKind(one, 'Gateway')).toEqual([]);
    expect(byKind(one, 'HTTPRoute').map((r) => r.spec.parentRefs)).toEqual([
      [{ name: 'shared', namespace: 'infra', sectionName: 'https' }],
      [{ name: 'shared', namespace: 'infra', sectionName: 'http' }],
    ]);
    const two = `${SHOP}---\n${gateway('a', 'infra')}---\n${gateway('b', 'infra')}`;
    const asked = migrateIngress(two);
    expect(asked.ok === false && asked.candidates?.map((c) => c.name)).toEqual(['a', 'b']);
    expect(migrate(two, { gateway: { name: 'b', namespace: 'infra' } }).docs.filter((d) => d.kind === 'HTTPRoute')[0]!.spec.parentRefs[0].name).toBe('b');
    const cross = migrate(SHOP, { gatewayNamespace: 'infra' }).docs;
    expect(byKind(cross, 'Gateway')[0]!.spec.listeners[1].tls.certificateRefs).toEqual([{ kind: 'Secret', name: 'shop-tls', namespace: 'web' }]);
    expect(byKind(cross, 'Gateway')[0]!.spec.listeners[1].allowedRoutes).toEqual({
      namespaces: { from: 'Selector', selector: { matchLabels: { 'kubernetes.io/metadata.name': 'web' } } },
    });
    expect(byKind(cross, 'ReferenceGrant')[0]).toMatchObject({
      metadata: { namespace: 'web' },
      spec: { from: [{ kind: 'Gateway', namespace: 'infra' }], to: [{ group: '', kind: 'Secret', name: 'shop-tls' }] },
    });
  });

  it('mentions every annotation: converted, or with what to do instead', () => {
    const annotations: Record<string, string> = {
      'nginx.ingress.kubernetes.io/ssl-redirect': 'false',
      'nginx.ingress.kubernetes.io/configuration-snippet': 'more_set_headers "X: y";',
      'nginx.ingress.kubernetes.io/limit-rps': '10',
      'nginx.ingress.kubernetes.io/whitelist-source-range': '10.0.0.0/8',
      'nginx.ingress.kubernetes.io/auth-type': 'basic',
      'nginx.ingress.kubernetes.io/auth-secret': 'basic',
      'nginx.ingress.kubernetes.io/proxy-body-size': '8m',
      'nginx.ingress.kubernetes.io/proxy-read-timeout': '60',
      'nginx.ingress.kubernetes.io/x-forwarded-prefix': '/shop',
      'nginx.ingress.kubernetes.io/upstream-vhost': 'internal.example.com',
      'nginx.ingress.kubernetes.io/some-future-thing': 'x',
      'nginx.org/hsts': 'true',
      'nginx.org/proxy-hide-headers': 'Server',
      'cert-manager.io/cluster-issuer': 'letsencrypt',
      'kubectl.kubernetes.io/last-applied-configuration': '{}',
    };
    const ingress = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'a', annotations },
      spec: {
        tls: [{ hosts: ['a.example.com'], secretName: 'a' }],
        rules: [{ host: 'a.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'a', port: { number: 80 } } } }] } }],
      },
    };
    const result = convertIngress(ingress);
    if (!result.ok) throw new Error(result.error);
    for (const key of Object.keys(annotations))
      expect(
        result.notes.map((n) => n.subject),
        key,
      ).toContain(key);
    const status = Object.fromEntries(result.notes.map((n) => [n.subject, n.status]));
    expect(status).toMatchObject({
      'nginx.ingress.kubernetes.io/configuration-snippet': 'manual',
      'nginx.ingress.kubernetes.io/limit-rps': 'manual',
      'nginx.ingress.kubernetes.io/whitelist-source-range': 'manual',
      'nginx.ingress.kubernetes.io/x-forwarded-prefix': 'converted',
      'nginx.org/hsts': 'converted',
    });
    expect(result.notes.find((n) => n.subject.endsWith('/ssl-redirect'))?.change).toBe('https-redirect');
    expect(result.notes.find((n) => n.subject.endsWith('/limit-rps'))?.remedy).toContain('per client');
    const route = result.objects.find((o) => o.kind === 'HTTPRoute') as Doc;
    expect(route.spec.rules[0].filters).toEqual([
      { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'X-Forwarded-Prefix', value: '/shop' }] } },
      {
        type: 'ResponseHeaderModifier',
        responseHeaderModifier: { set: [{ name: 'Strict-Transport-Security', value: 'max-age=2592000; includeSubDomains' }], remove: ['Server'] },
      },
      { type: 'URLRewrite', urlRewrite: { hostname: 'internal.example.com' } },
    ]);
  });
});
