import { defineRule } from '../engine/rule';
import { filterType, forwards, isGatewayApi, routeRulesOf } from '../k8s/gateway';

export default defineRule({
  meta: {
    id: 'httproute-redirect-with-backendrefs',
    title: 'HTTPRoute rule both redirects and forwards',
    severity: 'error',
    category: 'gateway-api',
    kinds: ['HTTPRoute'],
    messages: {
      backendRefs: 'HTTPRoute "{{name}}" has a rule with both a RequestRedirect filter and backendRefs',
      rewrite: 'HTTPRoute "{{name}}" has a rule with both RequestRedirect and URLRewrite filters',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Remove backendRefs from the redirect rule' },
    since: '0.1.0',
    docs: {
      rationale:
        'A `RequestRedirect` filter answers the request itself (usually a 301 to `https://`), so a rule that also lists `backendRefs` is contradictory; the Gateway API rejects it ("RequestRedirect filter must not be used together with backendRefs"), as it rejects `RequestRedirect` combined with `URLRewrite`. The route is then not attached at all: the HTTP listener keeps serving whatever it served before, often plain HTTP with no redirect.',
      remediation:
        "Remove `backendRefs` from the rule that redirects (the HTTPS listener's route forwards to the backends), and keep redirects and rewrites in separate rules.",
      invalid: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: shop-redirect
spec:
  parentRefs:
    - name: web
      sectionName: http
  rules:
    - filters:
        - type: RequestRedirect
          requestRedirect:
            scheme: https
            statusCode: 301
      backendRefs:
        - name: shop
          port: 80
`,
      valid: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: shop-redirect
spec:
  parentRefs:
    - name: web
      sectionName: http
  rules:
    - filters:
        - type: RequestRedirect
          requestRedirect:
            scheme: https
            statusCode: 301
`,
    },
    references: {
      urls: ['https://gateway-api.sigs.k8s.io/guides/http-redirect-rewrite/', 'https://gateway-api.sigs.k8s.io/reference/spec/#httprouterule'],
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (!isGatewayApi(object)) return;
    const name = object.name ?? 'this HTTPRoute';
    for (const rule of routeRulesOf(object)) {
      if (!rule.filters.some((f) => filterType(f) === 'RequestRedirect')) continue;
      if (forwards(rule) && rule.backendRefs && !rule.backendRefs.templated) {
        ctx.report({ node: rule.backendRefs, at: 'key', messageId: 'backendRefs', data: { name }, fix: (edit) => edit.removePair(rule.node, 'backendRefs') });
      }
      for (const filter of rule.filters) {
        if (filterType(filter) !== 'URLRewrite') continue;
        ctx.report({
          node: filter.get('type')!,
          messageId: 'rewrite',
          data: { name },
          fix: { title: 'Remove the URLRewrite filter', apply: (edit) => edit.removeItem(filter) },
        });
      }
    }
  },
});
