/**
 * "Kubeward: Secure this Ingress" on Ingresses as hardening guides and
 * tutorials write them: the exact text it produces for given answers, and the
 * command's promises — the result parses, leaves no Ingress finding a fix
 * could resolve, is a fixed point, and touches nothing but that Ingress.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { applyEdits, lint, listIngresses, resolveConfig, RULES, secureIngress, type SecureIngressOptions } from '../../shared-rules/src/index';
import { yaml } from '../helpers/yaml-tag';

const ANSWERS = { authUrl: 'https://auth.example.com/oauth2/auth', tlsSecretName: '{name}-cert', clusterIssuer: 'letsencrypt-prod' };
const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');
// The rules the command acts on: Ingress rules with a fix (advisories such as
// ingress-nginx-retired have none: no edit of this Ingress resolves them).
const INGRESS_RULES = new Set(
  RULES.filter((r) => r.meta.kinds !== '*' && r.meta.kinds.includes('Ingress') && r.meta.fix.availability !== 'none').map((r) => r.meta.id),
);

/** Ingress findings in [start, end) of a text analysed with the command's answers as configuration. */
function ingressFindings(text: string, options: SecureIngressOptions, start: number, end: number): string[] {
  const config = resolveConfig({
    ingress: {
      ...(options.authUrl ? { authUrl: options.authUrl } : {}),
      ...(options.tlsSecretName ? { tlsSecretName: options.tlsSecretName } : {}),
      ...(options.clusterIssuer ? { clusterIssuer: options.clusterIssuer } : {}),
    },
  });
  return lint(text, { config })
    .findings.filter((f) => f.object?.kind === 'Ingress' && INGRESS_RULES.has(f.ruleId) && f.start >= start && f.start < end)
    .map((f) => f.ruleId);
}

/** Runs the command and checks every promise it makes; returns the new text. */
function secure(text: string, options: SecureIngressOptions, expected: { text: string; remaining?: string[] }): void {
  const result = secureIngress(text, options);
  if (!result.ok) throw new Error(result.error);
  // The exact text, reached by the returned edits alone.
  expect(result.newText).toBe(expected.text);
  expect(applyEdits(text, result.edits)).toBe(expected.text);
  // It parses.
  for (const doc of parseAllDocuments(result.newText, { version: '1.1', merge: true })) expect('errors' in doc ? doc.errors : []).toEqual([]);
  // The Ingress's own document: from the object to the next `---`.
  const [ingress] = listIngresses(text).filter((i) => options.offset === undefined || (options.offset >= i.span[0] && options.offset <= i.span[1]));
  const start = ingress!.span[0];
  const nextDocument = text.slice(start).search(/^---/m);
  const end = nextDocument === -1 ? text.length : start + nextDocument;
  const newEnd = end + result.newText.length - text.length;
  // Only findings that need a person are left on it, and the command says which.
  const remaining = expected.remaining ?? [];
  expect(result.remaining.map((f) => f.ruleId).sort()).toEqual([...remaining].sort());
  expect(ingressFindings(result.newText, options, start, newEnd).sort()).toEqual([...remaining].sort());
  // A fixed point: a second run changes nothing.
  const again = secureIngress(result.newText, options);
  expect(again.ok && again.edits).toEqual([]);
  // Only that document changed: everything before and after it is byte-for-byte the same.
  for (const edit of result.edits) {
    expect(edit.start).toBeGreaterThanOrEqual(start);
    expect(edit.end).toBeLessThanOrEqual(end);
  }
  expect(result.newText.slice(0, start)).toBe(text.slice(0, start));
  expect(result.newText.slice(result.newText.length - (text.length - end))).toBe(text.slice(end));
}

const GUIDE = yaml`
  # Shop front door, from the 2019 hardening guide
  apiVersion: extensions/v1beta1
  kind: Ingress
  metadata:
    name: web
    namespace: shop
    annotations:
      kubernetes.io/ingress.class: nginx
      nginx.ingress.kubernetes.io/ssl-redirect: "false"
      nginx.ingress.kubernetes.io/secure-backends: "true"
      nginx.ingress.kubernetes.io/configuration-snippet: |
        more_set_headers "X-Frame-Options: DENY";
  spec:
    rules:
    - host: shop.example.com
      http:
        paths:
        - path: /
          backend:
            serviceName: web
            servicePort: 443
    - host: api.example.com
      http:
        paths:
        - path: /v1 # versioned API
          backend:
            serviceName: api
            servicePort: https
`;

const GUIDE_SECURED = yaml`
  # Shop front door, from the 2019 hardening guide
  apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    name: web
    namespace: shop
    annotations:
      nginx.ingress.kubernetes.io/ssl-redirect: "true"
      nginx.ingress.kubernetes.io/backend-protocol: "HTTPS"
      cert-manager.io/cluster-issuer: letsencrypt-prod
      nginx.ingress.kubernetes.io/auth-url: https://auth.example.com/oauth2/auth
  spec:
    ingressClassName: nginx
    tls:
    - hosts:
      - shop.example.com
      - api.example.com
      secretName: web-cert
    rules:
    - host: shop.example.com
      http:
        paths:
        - path: /
          pathType: ImplementationSpecific
          backend:
            service:
              name: web
              port:
                number: 443
    - host: api.example.com
      http:
        paths:
        - path: /v1 # versioned API
          pathType: ImplementationSpecific
          backend:
            service:
              name: api
              port:
                name: https
`;

describe('secureIngress', () => {
  it('v1beta1 nginx Ingress from a hardening guide, with every answer given', () => {
    secure(GUIDE, ANSWERS, { text: GUIDE_SECURED });
    const result = secureIngress(GUIDE, ANSWERS);
    expect(result.ok && result.applied).toEqual([
      'ingress-removed-api-version',
      'ingress-class-annotation-deprecated',
      'ingress-tls-missing',
      'ingress-nginx-ssl-redirect-disabled',
      'ingress-public-no-auth',
      'ingress-nginx-deprecated-annotation',
      'ingress-nginx-snippet-annotation',
    ]);
    expect(result.ok && result.ingressName).toBe('web');
    expect(result.ok && result.placeholders).toEqual([]);
  });

  it('the same without answers: basic auth, the default secret name, no issuer', () => {
    secure(
      GUIDE,
      {},
      {
        text: GUIDE_SECURED.replace('    cert-manager.io/cluster-issuer: letsencrypt-prod\n', '')
          .replace(
            '    nginx.ingress.kubernetes.io/auth-url: https://auth.example.com/oauth2/auth\n',
            '    nginx.ingress.kubernetes.io/auth-type: basic\n    nginx.ingress.kubernetes.io/auth-secret: web-basic-auth\n    nginx.ingress.kubernetes.io/auth-realm: "Authentication Required"\n',
          )
          .replace('secretName: web-cert', 'secretName: web-tls'),
      },
    );
  });

  it('keeps CRLF line ends', () => {
    secure(crlf(GUIDE), ANSWERS, { text: crlf(GUIDE_SECURED) });
  });

  it('a v1 Ingress: completes TLS, names the Secret, closes the open allowlist with a placeholder, drops the snippet', () => {
    const text = yaml`
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: grafana
        namespace: monitoring
        annotations:
          nginx.ingress.kubernetes.io/whitelist-source-range: "0.0.0.0/0"
          nginx.ingress.kubernetes.io/server-snippet: |
            location /metrics { deny all; }
      spec:
        ingressClassName: nginx
        tls:
          - hosts:
              - grafana.example.com
        rules:
          - host: grafana.example.com
            http:
              paths:
                - path: /
                  pathType: Prefix
                  backend:
                    service:
                      name: grafana
                      port:
                        number: 3000
          - host: grafana.example.org
            http:
              paths:
                - path: /
                  pathType: Prefix
                  backend:
                    service:
                      name: grafana
                      port:
                        number: 3000
    `;
    const result = secureIngress(text, { tlsSecretName: 'grafana-cert' });
    expect(result.ok && result.placeholders).toEqual(['<your-cidr>/32']);
    secure(
      text,
      { tlsSecretName: 'grafana-cert' },
      {
        text: text
          .replace('"0.0.0.0/0"', '"<your-cidr>/32"')
          .replace('    nginx.ingress.kubernetes.io/server-snippet: |\n      location /metrics { deny all; }\n', '')
          .replace(
            '        - grafana.example.com\n  rules:',
            '        - grafana.example.com\n        - grafana.example.org\n      secretName: grafana-cert\n  rules:',
          ),
      },
    );
  });

  const DEPLOYMENT = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
        name: web
    spec:
        selector:
            matchLabels: {app: web}
        template:
            metadata:
                labels: {app: web}
            spec:
                containers:
                -   name: web
                    image: nginx:1.27
  `;
  const SERVICE = yaml`
    apiVersion: v1
    kind: Service
    metadata:
        name: web
    spec:
        ports:
        -   port: 80
  `;
  const MULTI = `${DEPLOYMENT}---\n${yaml`
    apiVersion: networking.k8s.io/v1beta1
    kind: Ingress
    metadata:
        name: web
        annotations:
            kubernetes.io/ingress.class: "nginx"
            nginx.ingress.kubernetes.io/ssl-redirect: "false"
    spec:
        tls:
        -   secretName: web-tls
        rules:
        -   host: web.example.com
            http:
                paths:
                -   backend:
                        serviceName: web
                        servicePort: 80
  `}---\n${SERVICE}`;
  const MULTI_SECURED = `${DEPLOYMENT}---\n${yaml`
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata:
        name: web
        annotations:
            nginx.ingress.kubernetes.io/ssl-redirect: "true"
            nginx.ingress.kubernetes.io/auth-type: basic
            nginx.ingress.kubernetes.io/auth-secret: web-basic-auth
            nginx.ingress.kubernetes.io/auth-realm: "Authentication Required"
    spec:
        ingressClassName: nginx
        tls:
        -   secretName: web-tls
            hosts:
            -   web.example.com
        rules:
        -   host: web.example.com
            http:
                paths:
                -   backend:
                        service:
                            name: web
                            port:
                                number: 80
                    pathType: ImplementationSpecific
  `}---\n${SERVICE}`;

  it('in a multi-document file with 4-space indentation: only the Ingress document changes', () => {
    // TLS exists already, so the issuer answer is not used: cert-manager would take over a Secret someone else manages.
    secure(MULTI, { clusterIssuer: 'letsencrypt-prod' }, { text: MULTI_SECURED });
  });

  it('the same file with CRLF line ends', () => {
    secure(crlf(MULTI), {}, { text: crlf(MULTI_SECURED) });
  });

  it('leaves what needs a person, and says so', () => {
    const text = yaml`
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: admin
        annotations:
          kubernetes.io/ingress.class: nginx-public
          nginx.ingress.kubernetes.io/auth-url: "http://auth.internal/#;}}}\n\nserver { location / { return 200; } }\n"
      spec:
        ingressClassName: nginx
        tls:
          - hosts: [admin.example.com]
            secretName: admin-tls
        rules:
          - host: admin.example.com
    `;
    secure(text, {}, { text, remaining: ['ingress-class-annotation-deprecated', 'ingress-nginx-annotation-injection'] });
    const result = secureIngress(text, {});
    expect(result.ok && result.applied).toEqual([]);
  });

  it('examples/hardened/ingress.yaml is examples/insecure/ingress.yaml secured, and only the retirement advisory remains', () => {
    const read = (file: string) => fs.readFileSync(path.resolve(__dirname, '../../examples', file), 'utf8');
    const withoutHeader = (text: string) => text.replace(/^(#.*\n)+/, '');
    const insecure = read('insecure/ingress.yaml');
    const hardened = read('hardened/ingress.yaml');
    const answers = { authUrl: 'https://auth.example.com/oauth2/auth', clusterIssuer: 'letsencrypt-prod' };
    const result = secureIngress(insecure, answers);
    if (!result.ok) throw new Error(result.error);
    expect(withoutHeader(result.newText)).toBe(withoutHeader(hardened));
    expect(result.remaining).toEqual([]);
    expect(lint(insecure).findings.length).toBeGreaterThanOrEqual(6);
    // Only the standing advisory that ingress-nginx itself is retired remains (a hint).
    expect(lint(hardened).findings.map((f) => [f.ruleId, f.severity])).toEqual([['ingress-nginx-retired', 'hint']]);
  });

  it('an Ingress that is already secure gives no edit', () => {
    const result = secureIngress(GUIDE_SECURED, ANSWERS);
    expect(result).toMatchObject({ ok: true, edits: [], applied: [], remaining: [], placeholders: [] });
  });

  describe('which Ingress', () => {
    const first = yaml`
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata: { name: one }
      spec:
        ingressClassName: nginx
        rules:
          - host: one.example.com
    `;
    const second = yaml`
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: two
        annotations:
          nginx.ingress.kubernetes.io/auth-type: basic
          nginx.ingress.kubernetes.io/auth-secret: two-basic-auth
      spec:
        ingressClassName: nginx
        rules:
          - host: two.example.com
    `;
    const two = `${first}---\n${second}`;

    it('a file with two Ingresses needs the cursor', () => {
      const result = secureIngress(two);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error).toBe('This file has several Ingresses: put the cursor inside the one to secure.');
    });

    it('with the cursor inside the second, only the second is secured', () => {
      const offset = two.indexOf('two.example.com');
      secure(
        two,
        { offset },
        {
          text: `${first}---\n${second.replace('spec:\n  ingressClassName: nginx\n', 'spec:\n  ingressClassName: nginx\n  tls:\n    - hosts:\n        - two.example.com\n      secretName: two-tls\n')}`,
        },
      );
      const result = secureIngress(two, { offset });
      expect(result.ok && result.ingressName).toBe('two');
    });

    it('with the cursor outside both, it says where to put it', () => {
      const text = `${first}---\n${SERVICE}---\n${second}`;
      const result = secureIngress(text, { offset: text.indexOf('kind: Service') });
      expect(result).toEqual({ ok: false, error: 'The cursor is not inside an Ingress: put it inside the one to secure.' });
    });

    it('a file without an Ingress returns a clear error', () => {
      expect(secureIngress(`${DEPLOYMENT}---\n${SERVICE}`)).toEqual({ ok: false, error: 'There is no Ingress in this file.' });
      expect(secureIngress('')).toEqual({ ok: false, error: 'There is no Ingress in this file.' });
    });

    it('an Ingress inside a List', () => {
      const text = yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: { name: one }
            spec:
              ingressClassName: nginx
              tls: [{ hosts: [one.example.com], secretName: one-tls }]
              rules:
                - host: one.example.com
      `;
      secure(
        text,
        {},
        {
          text: text.replace(
            'metadata: { name: one }',
            'metadata: { name: one, annotations: {nginx.ingress.kubernetes.io/auth-type: basic, nginx.ingress.kubernetes.io/auth-secret: one-basic-auth, nginx.ingress.kubernetes.io/auth-realm: "Authentication Required"} }',
          ),
        },
      );
    });
  });
});
