import { describe, expect, it } from 'vitest';
import { lint } from '../../shared-rules/src/index';
import rule from '../../shared-rules/src/rules/ingress-nginx-annotation-injection';
import {
  hasInjectionCharacters,
  INJECTION_ANNOTATIONS,
  isWellFormedAnnotationValue,
  stripInjectionCharacters,
  type AnnotationValueKind,
} from '../../shared-rules/src/k8s/ingress';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: 'plain values, nginx variables allowed',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/auth-url: "https://auth.example.com/oauth2/auth"
            nginx.ingress.kubernetes.io/auth-signin: "https://$host/oauth2/start?rd=$escaped_request_uri"
            nginx.ingress.kubernetes.io/auth-tls-match-cn: "CN=client"
            nginx.ingress.kubernetes.io/mirror-target: "https://test.env.com$request_uri"
            nginx.ingress.kubernetes.io/mirror-host: "test.env.com"
            nginx.ingress.kubernetes.io/auth-proxy-set-headers: ingress-nginx/auth-headers
            nginx.ingress.kubernetes.io/permanent-redirect: https://www.example.com/new
            nginx.ingress.kubernetes.io/temporal-redirect: https://www.example.com/tmp
            nginx.ingress.kubernetes.io/server-alias: "www.example.com, shop.example.org"
            nginx.ingress.kubernetes.io/proxy-ssl-name: backend.internal
            nginx.ingress.kubernetes.io/upstream-hash-by: "$binary_remote_addr"
      `,
    },
    {
      name: 'other annotations may hold such characters',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/rewrite-target: /$2
            nginx.ingress.kubernetes.io/cors-allow-headers: "a;b"
            example.com/auth-url: "x; y"
      `,
    },
    {
      name: 'templated value',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/auth-url: {{ .Values.authUrl | quote }}
      `,
    },
    {
      name: 'suppressed',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            # kubeward-disable-next-line ingress-nginx-annotation-injection -- regex alternation, reviewed
            nginx.ingress.kubernetes.io/server-alias: "a.example.com|b.example.com"
      `,
    },
  ],
  invalid: [
    {
      name: 'IngressNightmare auth-url: a trailing ";" is stripped, the comment stays',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/auth-url: "https://auth.example.com/oauth2/auth;" # sso
        spec:
          ingressClassName: nginx
      `,
      errors: [{ line: 6, column: 43, endColumn: 82, messageId: 'injection', message: 'has nginx.ingress.kubernetes.io/auth-url containing ";"' }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/auth-url: "https://auth.example.com/oauth2/auth" # sso
        spec:
          ingressClassName: nginx
      `,
      applicability: 'unsafe',
    },
    {
      name: 'an injected directive leaves no well-formed value: no fix',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/auth-url: "http://example.com/#;}}}\n\nserver { location / { content_by_lua_block { os.execute('id') } } }\n"
      `,
      errors: [{ line: 6, column: 43, endColumn: 142, message: '"#", ";", "}", a line break, "{"' }],
      output: null,
    },
    {
      name: 'an unfilled placeholder is reported, and not "fixed" into a real-looking URL',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/auth-url: https://<oauth2-proxy>/oauth2/auth
      `,
      errors: [{ line: 6, column: 43, endColumn: 77, message: 'containing "<", ">"' }],
      output: null,
    },
    {
      name: 'mirror-target, mirror-host, auth-tls-match-cn (CVE-2025-1097/1098)',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/auth-tls-match-cn: "CN=abc #(\n){}\n }}"
            nginx.ingress.kubernetes.io/mirror-target: 'https://mirror.example.com/$request_uri|'
            nginx.ingress.kubernetes.io/mirror-host: mirror.example.com;
      `,
      errors: [
        { line: 6, column: 52, endColumn: 73, message: 'auth-tls-match-cn' },
        { line: 7, column: 48, endColumn: 90 },
        { line: 8, column: 46, endColumn: 65 },
      ],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/auth-tls-match-cn: "CN=abc #(\n){}\n }}"
            nginx.ingress.kubernetes.io/mirror-target: 'https://mirror.example.com/$request_uri'
            nginx.ingress.kubernetes.io/mirror-host: mirror.example.com
      `,
    },
    {
      name: 'block scalar with a trailing line break; auth-proxy-set-headers, server-alias, proxy-ssl-name, upstream-hash-by',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/auth-signin: |
              https://auth.example.com/oauth2/start
            nginx.ingress.kubernetes.io/auth-proxy-set-headers: "ingress-nginx/headers}"
            nginx.ingress.kubernetes.io/server-alias: "www.example.com;"
            nginx.ingress.kubernetes.io/proxy-ssl-name: "backend.internal\\"
            nginx.ingress.kubernetes.io/upstream-hash-by: "$remote_addr^"
      `,
      errors: [
        { line: 6, column: 46, endColumn: 47 },
        { line: 8, column: 57, endColumn: 81 },
        { line: 9, column: 47, endColumn: 65 },
        { line: 10, column: 49, endColumn: 69 },
        { line: 11, column: 51, endColumn: 66 },
      ],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/auth-signin: https://auth.example.com/oauth2/start
            nginx.ingress.kubernetes.io/auth-proxy-set-headers: "ingress-nginx/headers"
            nginx.ingress.kubernetes.io/server-alias: "www.example.com"
            nginx.ingress.kubernetes.io/proxy-ssl-name: "backend.internal"
            nginx.ingress.kubernetes.io/upstream-hash-by: "$remote_addr"
      `,
    },
    {
      name: 'redirects with quotes and angle brackets; flow annotations; CRLF; List kind',
      code: yaml`
        apiVersion: v1
        kind: List
        items:
        - apiVersion: extensions/v1beta1
          kind: Ingress
          metadata:
            name: shop
            annotations: {nginx.ingress.kubernetes.io/permanent-redirect: "https://example.com/x>", nginx.ingress.kubernetes.io/temporal-redirect: "https://example.com/\"a\""}
      `.replace(/\n/g, '\r\n'),
      errors: [
        { line: 8, column: 67, endColumn: 91 },
        { line: 8, column: 140, endColumn: 167 },
      ],
      output: yaml`
        apiVersion: v1
        kind: List
        items:
        - apiVersion: extensions/v1beta1
          kind: Ingress
          metadata:
            name: shop
            annotations: {nginx.ingress.kubernetes.io/permanent-redirect: "https://example.com/x", nginx.ingress.kubernetes.io/temporal-redirect: "https://example.com/a"}
      `.replace(/\n/g, '\r\n'),
    },
  ],
});

describe('injection checks run in linear time', () => {
  const adversarial: string[] = [
    `https://${'a'.repeat(100_000)}!`,
    `https://a/${'/'.repeat(100_000)} `,
    `https://${'a.'.repeat(50_000)}:${'9'.repeat(1000)}x`,
    `CN=${'='.repeat(100_000)} `,
    `${'a-'.repeat(50_000)}/`,
    `${'*.a,'.repeat(25_000)} ,`,
    `${'$'.repeat(100_000)} `,
    `${';'.repeat(100_000)}`,
    `${'a'.repeat(100_000)}\n;`,
  ];
  it('well-formedness and detection on 100k-character hostile values take milliseconds', () => {
    const kinds: AnnotationValueKind[] = ['url', 'host', 'hosts', 'cn', 'configmap', 'variable'];
    const started = performance.now();
    for (const value of adversarial) {
      hasInjectionCharacters(value);
      const stripped = stripInjectionCharacters(value);
      for (const kind of kinds) {
        isWellFormedAnnotationValue(kind, value);
        isWellFormedAnnotationValue(kind, stripped);
      }
    }
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('a whole manifest with 100k-character values is analysed quickly', () => {
    const lines = [...INJECTION_ANNOTATIONS.keys()].map(
      (name, i) => `    nginx.ingress.kubernetes.io/${name}: ${JSON.stringify(`${adversarial[i % adversarial.length]!};`)}`,
    );
    const text = `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: big\n  annotations:\n${lines.join('\n')}\n`;
    const started = performance.now();
    const findings = lint(text, { withFixes: true }).findings.filter((f) => f.ruleId === rule.meta.id);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(findings.length).toBe(INJECTION_ANNOTATIONS.size);
  });

  it('knows what a well-formed value is', () => {
    expect(isWellFormedAnnotationValue('url', 'https://auth.example.com:8443/oauth2/auth?x=1')).toBe(true);
    expect(isWellFormedAnnotationValue('url', 'ftp://x')).toBe(false);
    expect(isWellFormedAnnotationValue('url', 'https://a/b c')).toBe(false);
    expect(isWellFormedAnnotationValue('host', 'mirror.example.com:8080')).toBe(true);
    expect(isWellFormedAnnotationValue('host', 'a b')).toBe(false);
    expect(isWellFormedAnnotationValue('hosts', 'a.example.com, *.example.org')).toBe(true);
    expect(isWellFormedAnnotationValue('hosts', 'a.example.com,,')).toBe(false);
    expect(isWellFormedAnnotationValue('cn', 'CN=client')).toBe(true);
    expect(isWellFormedAnnotationValue('cn', 'client')).toBe(false);
    expect(isWellFormedAnnotationValue('configmap', 'ns/name')).toBe(true);
    expect(isWellFormedAnnotationValue('configmap', 'a/b/c')).toBe(false);
    expect(isWellFormedAnnotationValue('variable', '$request_uri')).toBe(true);
    expect(isWellFormedAnnotationValue('variable', '')).toBe(false);
  });
});
