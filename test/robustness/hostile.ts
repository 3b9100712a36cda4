/**
 * Hostile inputs, generated (nothing large is committed): what a repository
 * may hold that a linter running in an editor must survive. Shared by the
 * engine, CLI and language-server robustness tests.
 */

/** A normal manifest that always has findings: a v1beta1 Ingress (safe fix) without TLS. */
export const NORMAL = `apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: normal-web
spec:
  rules:
    - host: web.example.com
      http:
        paths:
          - path: /
            backend:
              serviceName: web
              servicePort: 80
`;

/** Rule ids the normal manifest must always get, wherever it sits. */
export const NORMAL_FINDINGS = ['ingress-removed-api-version', 'ingress-tls-missing'];

export interface HostileInput {
  name: string;
  /** Text, or bytes when the input is not valid UTF-8 (the CLI reads it from disk). */
  make: () => string | Uint8Array;
  /**
   * 'document': the input is one or more YAML documents, so the normal
   * manifest can follow it in the same file; 'file': it concerns the whole
   * file (size, binary), so the normal manifest is only next to it.
   */
  scope: 'document' | 'file';
  /** Rule ids the input itself must get (among others). */
  expect?: string[];
  /** Not a manifest (or nothing in it): no finding at all. */
  quiet?: boolean;
  /** A substring of the expected finding's message. */
  message?: string;
  /** Skip the in-process fix round and the combined file (inputs so large that re-parsing is the test's cost, not Kubeward's). */
  heavy?: boolean;
}

/** Seeded PRNG (mulberry32), so every run sees the same bytes. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CONFIGMAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hostile\ndata:\n';
const INGRESS_HEAD = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: hostile\n';
const MB = 1024 * 1024;

/** Billion laughs: 10 levels of 9 aliases each (9^9 strings if expanded). */
function laughs(prefix: string, indent: string): string {
  let s = `${indent}l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n`;
  for (let i = 1; i < 10; i++)
    s += `${indent}l${i}: &l${i} [${Array(9)
      .fill(`*l${i - 1}`)
      .join(',')}]\n`;
  return prefix + s;
}

/** The same through merge keys: every level merges the previous one 9 times. */
function mergeBomb(): string {
  let s = `${INGRESS_HEAD}  labels:\n    m0: &m0 {a: "1"}\n`;
  for (let i = 1; i < 10; i++)
    s += `    m${i}: &m${i} {<<: [${Array(9)
      .fill(`*m${i - 1}`)
      .join(', ')}]}\n`;
  // Rules read annotations and spec through the bomb, and look up keys that are absent.
  return `${s}  annotations:\n    <<: *m9\nspec:\n  <<: *m9\n  rules:\n    - host: bomb.example.com\n`;
}

const DEPTH = 20_000;

export const HOSTILE_INPUTS: HostileInput[] = [
  { name: 'alias bomb (billion laughs)', make: () => laughs(CONFIGMAP, '  '), scope: 'document' },
  {
    name: 'alias bomb inside an Ingress',
    make: () => `${INGRESS_HEAD}  annotations: {}\nspec:\n  x:\n${laughs('', '    ')}  tls:\n    - hosts: *l9\n  rules:\n    - host: a.example.com\n`,
    scope: 'document',
  },
  { name: 'merge-key bomb in annotations and spec', make: mergeBomb, scope: 'document' },
  {
    name: 'self-referencing merge key',
    make: () => `${INGRESS_HEAD}  annotations: &a\n    <<: *a\nspec: &s\n  <<: *s\n  rules:\n    - host: a.example.com\n`,
    scope: 'document',
  },
  {
    name: '20,000 aliases to 20,000 anchors',
    make: () => {
      const n = 20_000;
      const parts = [`${INGRESS_HEAD}spec:\n  rules:\n`];
      for (let i = 0; i < n; i++) parts.push(`    - &r${i} {host: h${i}.example.com}\n`);
      for (let i = 0; i < n; i++) parts.push(`    - *r${i}\n`);
      return parts.join('');
    },
    scope: 'document',
  },
  {
    name: `flow sequences nested ${DEPTH} deep`,
    make: () => `${CONFIGMAP}  x: ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}\n`,
    scope: 'document',
    expect: ['analysis-skipped'],
    message: 'nested too deeply',
  },
  {
    name: `flow mappings nested ${DEPTH} deep`,
    make: () => `${CONFIGMAP}  x: ${'{a: '.repeat(DEPTH)}1${'}'.repeat(DEPTH)}\n`,
    scope: 'document',
    expect: ['analysis-skipped'],
    message: 'nested too deeply',
  },
  { name: `unclosed flow nesting ${DEPTH} deep`, make: () => `${CONFIGMAP}  x: ${'[{'.repeat(DEPTH)}\n`, scope: 'document' },
  {
    name: `block sequences nested ${DEPTH} deep`,
    make: () => `${CONFIGMAP}  x:\n    ${'- '.repeat(DEPTH)}1\n`,
    scope: 'document',
    expect: ['analysis-skipped'],
    message: 'nested too deeply',
  },
  {
    // 3,000 levels take 4.5 MB of indentation; whether the parser's stack
    // holds depends on the thread (a finding, or a clean analysis: both fine).
    name: 'block mappings nested 3,000 deep (indentation)',
    make: () => `${CONFIGMAP}${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(2 + i)}k${i}:`).join('\n')} 1\n`,
    scope: 'document',
  },
  { name: `bare flow nesting ${DEPTH} deep (not a manifest)`, make: () => `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}\n`, scope: 'document', quiet: true },
  {
    name: '50 MB file',
    make: () => {
      const doc = `${CONFIGMAP}  key: ${'x'.repeat(1000)}\n---\n`;
      return doc.repeat(Math.ceil((50 * MB) / doc.length));
    },
    scope: 'file',
    expect: ['analysis-skipped'],
    message: 'MB limit',
    heavy: true,
  },
  {
    name: '5 MB manifest of 5,500 different documents (analysed; 10 MB in the server test)',
    make: () => {
      // Every document different: identical ones would be analysed once, from the cache.
      const docs: string[] = [];
      for (let i = 0, size = 0; size < 5 * MB; i++) {
        const doc = `${NORMAL.replace('normal-web', `bulk-${i}`).replace('web.example.com', `web-${i}.example.com`)}# ${'padding '.repeat(60)}\n---\n`;
        docs.push(doc);
        size += doc.length;
      }
      return docs.join('');
    },
    scope: 'document',
    expect: ['ingress-removed-api-version', 'ingress-tls-missing'],
    heavy: true,
  },
  {
    name: 'binary junk with NUL bytes',
    make: () => {
      const r = prng(1);
      return Uint8Array.from({ length: MB }, () => Math.floor(r() * 256));
    },
    scope: 'file',
    quiet: true,
  },
  {
    name: 'binary junk without NUL bytes',
    make: () => {
      const r = prng(2);
      return Uint8Array.from({ length: MB }, () => 1 + Math.floor(r() * 255));
    },
    scope: 'file',
    quiet: true,
  },
  {
    name: 'NUL bytes after the first 8 KB of a manifest',
    make: () => `${INGRESS_HEAD}  annotations:\n    pad: "${'p'.repeat(9000)}"\n    nul: "a\u0000b\u0000"\nspec:\n  rules:\n    - host: nul.example.com\n`,
    scope: 'document',
  },
  {
    name: 'invalid UTF-8 in keys, values and comments',
    make: () => {
      const bad = [0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0xff, 0xfe, 0xed, 0xa0, 0x80];
      const enc = new TextEncoder();
      // v1beta1: its safe fix must not make `--fix` write the file back with U+FFFD.
      const parts = [enc.encode(`${INGRESS_HEAD.replace('networking.k8s.io/v1', 'extensions/v1beta1').replace('hostile', 'caf').trimEnd()}`)];
      parts.push(Uint8Array.from(bad), enc.encode('\n  annotations:\n    k'), Uint8Array.from(bad), enc.encode(': "v'), Uint8Array.from(bad));
      // A Latin-1 file with a few accents, not junk: most of it is text.
      parts.push(
        enc.encode('" # '),
        Uint8Array.from(bad),
        enc.encode(
          `\nspec:\n  rules:\n${'    - host: a.example.com\n      http: {paths: [{path: /, backend: {serviceName: a, servicePort: 80}}]}\n'.repeat(8)}`,
        ),
      );
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += p.length;
      }
      return out;
    },
    scope: 'document',
    expect: ['ingress-removed-api-version', 'ingress-tls-missing'],
  },
  {
    name: 'mostly invalid UTF-8 (decodes to U+FFFD)',
    make: () => {
      const r = prng(3);
      return Uint8Array.from({ length: 256 * 1024 }, () => 0x80 + Math.floor(r() * 64));
    },
    scope: 'file',
    quiet: true,
  },
  {
    name: '2 MB annotation value full of nginx injection characters',
    make: () =>
      `${INGRESS_HEAD}  annotations:\n    nginx.ingress.kubernetes.io/auth-url: "https://a${';{}#<>|^'.repeat((2 * MB) / 8)}"\n    nginx.ingress.kubernetes.io/whitelist-source-range: "${'10.0.0.0/8,'.repeat(MB / 11)}0.0.0.0/0"\nspec:\n  ingressClassName: nginx\n  rules:\n    - host: a.example.com\n`,
    scope: 'document',
    expect: ['ingress-nginx-annotation-injection', 'ingress-source-range-open', 'ingress-tls-missing'],
  },
  {
    name: '5 MB plain scalars of near-miss patterns',
    make: () =>
      `${INGRESS_HEAD}  annotations:\n    kubernetes.io/ingress.class: ${'a-'.repeat(MB)}!\n    nginx.ingress.kubernetes.io/server-alias: ${'a.'.repeat(MB)}-,\n    nginx.ingress.kubernetes.io/auth-tls-match-cn: CN=${' '.repeat(MB)}x\n    nginx.ingress.kubernetes.io/auth-proxy-set-headers: ${'a'.repeat(MB)}/\n    nginx.ingress.kubernetes.io/upstream-hash-by: <${'a'.repeat(MB)}\nspec:\n  tls: [{hosts: ["${'*.'.repeat(MB / 2)}x"]}]\n  rules:\n    - host: ${'a.'.repeat(MB / 2)}example.com\n`,
    scope: 'document',
  },
  {
    name: '5 MB comment line',
    make: () => `${INGRESS_HEAD}# ${'# kubeward- -- '.repeat((5 * MB) / 15)}\nspec:\n  rules:\n    - host: a.example.com\n`,
    scope: 'document',
    expect: ['ingress-tls-missing'],
  },
  { name: '5 MB key', make: () => `${CONFIGMAP}  ${'k'.repeat(5 * MB)}: v\n`, scope: 'document' },
  { name: '5 MB line of 1,000,000 Helm actions', make: () => `${INGRESS_HEAD}spec:\n  rules:\n    - host: ${'{{a}}'.repeat(MB)}\n`, scope: 'document' },
  { name: '5 MB line of unclosed Helm actions', make: () => `${INGRESS_HEAD}spec:\n  rules:\n    - host: ${'{{"'.repeat((5 * MB) / 3)}\n`, scope: 'document' },
  // yaml parses flow collections at about 15 µs an item: 1,000,000 items take 15-20 s (linear, reported).
  { name: 'flow sequence of 100,000 items', make: () => `${CONFIGMAP}  x: [${'1,'.repeat(100_000)}1]\n`, scope: 'document' },
  { name: 'mapping of 100,000 keys', make: () => `${CONFIGMAP}${Array.from({ length: 100_000 }, (_, i) => `  k${i}: v`).join('\n')}\n`, scope: 'document' },
  {
    name: '20,000 duplicate keys',
    make: () => `${CONFIGMAP}${'  k: v\n'.repeat(20_000)}`,
    scope: 'document',
    expect: ['yaml-syntax'],
    message: 'Duplicate key',
  },
  { name: '100,000 empty documents', make: () => '---\n'.repeat(100_000), scope: 'document', quiet: true },
  { name: '100,000 null documents', make: () => '--- null\n--- ~\n'.repeat(50_000), scope: 'document', quiet: true },
  {
    name: '1 MB of lone CR line breaks',
    make: () => `${INGRESS_HEAD}spec:\n  rules:\n    - host: a.example.com\n`.replace(/\n/g, '\r') + '\r'.repeat(MB),
    scope: 'document',
  },
  {
    name: '100,000 disable-next-line comments',
    make: () => `${'# kubeward-disable-next-line ingress-tls-missing\n'.repeat(100_000)}${INGRESS_HEAD}spec:\n  rules:\n    - host: a.example.com\n`,
    scope: 'document',
  },
  {
    name: '50,000 disable and 50,000 unmatched enable comments',
    make: () =>
      `${'# kubeward-disable a\n'.repeat(50_000)}${'# kubeward-enable b\n'.repeat(50_000)}${INGRESS_HEAD}spec:\n  rules:\n    - host: a.example.com\n`,
    scope: 'document',
  },
  {
    name: 'suppression globs that backtrack exponentially as RegExps',
    make: () =>
      `${INGRESS_HEAD}# kubeward-disable-next-line ${'*'.repeat(60)}z, ${'*-'.repeat(40)}z, ${'i*'.repeat(40)}z\nspec:\n  rules:\n    - host: a.example.com\n`,
    scope: 'document',
  },
  { name: 'empty file', make: () => '', scope: 'file', quiet: true },
  { name: 'white space only', make: () => ' \n\t\n   \r\n', scope: 'document', quiet: true },
  { name: 'comments only', make: () => '# just a comment\n# kubeward-disable pod-privileged\n', scope: 'document', quiet: true },
  { name: 'document markers only', make: () => '---\n...\n---\n---\n...\n', scope: 'document', quiet: true },
  { name: 'null documents', make: () => 'null\n---\n~\n---\n', scope: 'document', quiet: true },
  { name: 'BOM only', make: () => '\uFEFF', scope: 'file', quiet: true },
  {
    name: 'wrong types where objects are expected',
    make: () =>
      [
        'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: t1}\nspec: "a string"\n',
        'apiVersion: v1\nkind: Pod\nmetadata: {name: t2}\nspec:\n  containers: {}\n',
        'apiVersion: v1\nkind: Service\nmetadata: {name: t3}\nspec:\n  ports: 7\n',
        'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: [a, b]\nspec:\n  tls: {}\n  rules: 7\n',
        'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: [x]\n  annotations: "x"\nspec:\n  rules: [1, "x", null, [[]], {host: 7, http: {paths: 3}}]\n  tls: [1, {hosts: 5, secretName: [1]}]\n',
        'apiVersion: [v1]\nkind: Ingress\n',
        'apiVersion: v1\nkind: {a: 1}\n',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: t8}\nspec:\n  template: 5\n',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: t9}\nspec:\n  template:\n    spec:\n      containers: [1, null, {securityContext: "x"}, {securityContext: {privileged: [true]}}]\n',
        'apiVersion: v1\nkind: List\nitems: 5\n',
        'apiVersion: v1\nkind: List\nitems: [1, null, {kind: Ingress}, {apiVersion: v1, kind: 7}]\n',
      ].join('---\n'),
    scope: 'document',
  },
];

/** Decodes bytes as Node's readFileSync(…, 'utf8') does (invalid sequences become U+FFFD). */
export function asText(input: string | Uint8Array): string {
  return typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
}
