/**
 * Every regular expression of the RBAC, ingress-nginx and cloud-controller
 * rules runs on text from the user's files. Each must stay linear: 100k
 * characters of adversarial input take well under the bound below, in the
 * helpers and through the whole engine.
 */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { lint, resolveConfig } from '../../shared-rules/src/index';
import { weakCiphers } from '../../shared-rules/src/rules/ingress-nginx-weak-tls-config';
import { elbPolicyMinTls, middlewareRefs, parseListenPorts } from '../../shared-rules/src/k8s/cloud-ingress';
import { dangerousSnippetMatch, isControllerImage, isOfficialControllerImage, parseImage, parseVersion } from '../../shared-rules/src/k8s/ingress-nginx';

const N = 100_000;
const BOUND_MS = 200;

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

const adversarial = [
  'a'.repeat(N),
  '-'.repeat(N),
  '_'.repeat(N),
  '/'.repeat(N),
  '1.'.repeat(N / 2),
  'lua'.repeat(N / 3),
  '_lua'.repeat(N / 4),
  'kubernetes.'.repeat(N / 11),
  '/var/run/'.repeat(N / 9),
  'TLS-1-'.repeat(N / 6),
  'ELBSecurityPolicy-' + '20'.repeat(N / 2),
  'ELBSecurityPolicy-' + '-TLS13-1'.repeat(N / 8),
  '!RC4:'.repeat(N / 5),
  'DES-'.repeat(N / 4),
  `${'{{'.repeat(N / 2)}`,
  'ingress-nginx-'.repeat(N / 14) + 'admission!',
  ' \t,'.repeat(N / 3),
];

describe('regular expressions on user text are linear', () => {
  for (const [i, text] of adversarial.entries()) {
    it(`helpers, input #${i + 1} (${JSON.stringify(text.slice(0, 12))}…)`, () => {
      const ms = time(() => {
        dangerousSnippetMatch(text);
        parseVersion(text);
        parseImage(text);
        isControllerImage(text);
        isOfficialControllerImage(text);
        weakCiphers(text);
        elbPolicyMinTls(text);
        parseListenPorts(text);
        middlewareRefs(text);
      });
      expect(ms).toBeLessThan(BOUND_MS);
    });
  }

  it('the whole engine on objects with 100k-character values', () => {
    const long = 'a;{'.repeat(N / 3);
    const text = [
      'apiVersion: networking.k8s.io/v1',
      'kind: Ingress',
      'metadata:',
      '  name: web',
      '  annotations:',
      `    nginx.ingress.kubernetes.io/server-snippet: "${'_lu'.repeat(N / 3)}"`,
      `    nginx.ingress.kubernetes.io/ssl-ciphers: "${'DES-'.repeat(N / 4)}"`,
      `    nginx.ingress.kubernetes.io/cors-allow-origin: "${', '.repeat(N / 2)}"`,
      '    nginx.ingress.kubernetes.io/enable-cors: "true"',
      `    alb.ingress.kubernetes.io/ssl-policy: "ELBSecurityPolicy-${'1-'.repeat(N / 2)}"`,
      'spec:',
      '  ingressClassName: nginx',
      '  rules:',
      '    - http:',
      '        paths:',
      `          - path: "/${long}"`,
      '            pathType: Prefix',
      `          - path: "/${'a'.repeat(N)}!"`,
      '            pathType: Exact',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: { name: ingress-nginx-controller }',
      'data:',
      `  ssl-protocols: "${'TLSv1.2 '.repeat(N / 8)}"`,
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      `metadata: { name: "${'-tcp-udp'.repeat(N / 8)}x", labels: { app.kubernetes.io/name: ingress-nginx } }`,
      'data: { allow-snippet-annotations: "true" }',
      '---',
      'apiVersion: v1',
      'kind: Service',
      `metadata: { name: "${'ingress-nginx-controller-'.repeat(N / 25)}x" }`,
      'spec: { type: NodePort, selector: { app: ingress-nginx }, ports: [{ port: 443, targetPort: webhook }] }',
      '---',
      'apiVersion: rbac.authorization.k8s.io/v1',
      'kind: ClusterRole',
      'metadata: { name: big }',
      `rules: [{ apiGroups: ["*"], resources: [${'"secrets", '.repeat(N / 11)}"pods"], verbs: ["*"] }]`,
      '',
    ].join('\n');
    const config = resolveConfig({ rules: { 'ingress-nginx-risky-annotation': 'hint' } });
    let findings = 0;
    const ms = time(() => {
      findings = lint(text, { config }).findings.length;
    });
    // The YAML parse of 700 kB dominates; a quadratic pattern would take seconds on top of it.
    const parse = time(() => parseAllDocuments(text, { version: '1.1' }));
    expect(findings).toBeGreaterThan(0);
    expect(ms).toBeLessThan(4 * parse + BOUND_MS);
  });
});
