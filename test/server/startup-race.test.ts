/**
 * The start-up race of an editor that restores its open editors: a workspace
 * folder, `initialize`, `initialized`, then `didOpen` 0–10 ms later, while
 * the server is still reading the folder for the cross-document rules. The
 * document's first analysis may run before that index is complete (then the
 * cross-document rules stay silent); once it is, the server must check the
 * document again and publish (push clients) or ask the client to pull again
 * (`workspace/diagnostic/refresh`, pull clients). Whatever the timing, the
 * client ends with what `kubeward scan <folder>` reports for that file.
 *
 * Hundreds of starts, several servers side by side, each folder holding just
 * the opened file (nothing else on disk changes the index when it is read).
 * The RBAC case decides from the file's own documents even before the index
 * is complete; the other two report an absence, which only a complete index
 * shows, so they fail whenever the recheck is missing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DocumentDiagnosticRequest, type Diagnostic, type DocumentDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { scan } from '../../shared-rules/src/cli/scan';
import { fullCapabilities, tempDir, TestClient, uriOf } from './harness';

/** Files of each case's folder besides the opened one. */
const EXTRA: Record<string, Record<string, string>> = {
  // The rule is opt-in: the repository turns it on.
  'ingress.yaml': { '.kubeward.yaml': 'rules:\n  ingress-dangling-backend: warning\n' },
};

const CASES: Record<string, string> = {
  // The report's case: a Role granting everything and a RoleBinding of it.
  'rbac.yaml': `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: everything
  namespace: test
rules:
  - apiGroups: ["*"]
    resources: ["*"]
    verbs: ["*"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: alice-everything
  namespace: test
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: everything
subjects:
  - kind: User
    name: alice
    apiGroup: rbac.authorization.k8s.io
`,
  // Only a complete index can tell that no NetworkPolicy protects the webhook.
  'admission.yaml': `apiVersion: v1
kind: Service
metadata:
  name: ingress-nginx-controller-admission
  namespace: ingress-nginx
spec:
  type: ClusterIP
  selector:
    app.kubernetes.io/name: ingress-nginx
    app.kubernetes.io/component: controller
  ports:
    - name: https-webhook
      port: 443
      targetPort: webhook
`,
  // Only a complete index can tell that the Service is in no file.
  'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  namespace: shop
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
                name: storefront
                port:
                  number: 80
`,
};

/** Cross-document findings the folder scan must report for each case (so a silent start is visible). */
const CROSS_DOCUMENT: Record<string, string> = {
  'rbac.yaml': 'rbac-cluster-admin-binding',
  'admission.yaml': 'ingress-nginx-admission-exposed',
  'ingress.yaml': 'ingress-dangling-backend',
};

const STARTS = { push: 134, pull: 66 };
const LANES = 8;
/** How long a start may take to reach the folder scan's findings (the machine may be busy; a good start takes a fraction). */
const SETTLE_MS = 10_000;
/** A failing run stops after this many problems. */
const ENOUGH = 3;

const folders = new Map<string, string>();
const expected = new Map<string, string[]>();
let root: string;

const key = (ruleId: unknown, line: number, character: number) => `${String(ruleId)}@${line}:${character}`;
const keys = (diagnostics: Diagnostic[]) => diagnostics.map((d) => key(d.code, d.range.start.line, d.range.start.character)).sort();

beforeAll(() => {
  root = tempDir('kubeward-race-');
  for (const [name, text] of Object.entries(CASES)) {
    const folder = path.join(root, path.basename(name, '.yaml'));
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, name), text);
    for (const [extra, content] of Object.entries(EXTRA[name] ?? {})) fs.writeFileSync(path.join(folder, extra), content);
    folders.set(name, folder);
    const report = scan({ paths: [folder], cwd: folder, threads: 1 }).reports.find((r) => r.file.endsWith(name))!;
    const findings = report.findings.map((f) => {
      const p = report.lines.positionAt(f.start);
      return key(f.ruleId, p.line, p.character);
    });
    expected.set(name, findings.sort());
  }
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One editor start; a problem, or undefined when the client ends with the scan's findings. */
async function start(name: string, mode: 'push' | 'pull', delay: number): Promise<string | undefined> {
  const folder = folders.get(name)!;
  const file = path.join(folder, name);
  const uri = uriOf(file);
  const capabilities = fullCapabilities();
  if (mode === 'pull') capabilities.textDocument!.diagnostic = { dynamicRegistration: false, relatedDocumentSupport: false };
  const client = await TestClient.start({ folders: [folder], capabilities });
  try {
    if (delay > 0) await sleep(delay);
    await client.open(uri, CASES[name]!);
    const want = JSON.stringify(expected.get(name));
    let last: string[] = [];
    const deadline = Date.now() + SETTLE_MS;
    if (mode === 'push') {
      while (Date.now() < deadline) {
        const published = client.published(uri).at(-1);
        if (published) {
          last = keys(published.diagnostics);
          if (JSON.stringify(last) === want) return undefined;
        }
        await sleep(5);
      }
    } else {
      // As VS Code does: pull once opened, and again whenever the server asks.
      let refreshes = client.refreshRequests;
      const pull = async () => {
        const report = (await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as DocumentDiagnosticReport;
        if (report.kind === 'full') last = keys(report.items);
      };
      await pull();
      while (JSON.stringify(last) !== want && Date.now() < deadline) {
        if (client.refreshRequests > refreshes) {
          refreshes = client.refreshRequests;
          await pull();
        } else await sleep(5);
      }
      if (JSON.stringify(last) === want) return undefined;
    }
    const answers = mode === 'push' ? `${client.published(uri).length} publications` : `${client.refreshRequests} refresh requests`;
    return `${mode} ${name}, didOpen ${delay} ms after initialized: ends with ${JSON.stringify(last)} after ${answers}, the folder scan reports ${want}`;
  } finally {
    await client.stop();
  }
}

async function run(mode: 'push' | 'pull', starts: number): Promise<void> {
  const names = Object.keys(CASES);
  const problems: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: LANES }, async () => {
      while (next < starts && problems.length < ENOUGH) {
        const i = next++;
        const problem = await start(names[i % names.length]!, mode, Math.floor(Math.random() * 11));
        if (problem) problems.push(problem);
      }
    }),
  );
  expect(problems).toEqual([]);
}

it('the scan of the folder reports the cross-document findings the starts must end with', () => {
  for (const [name, ruleId] of Object.entries(CROSS_DOCUMENT))
    expect(
      expected.get(name)!.some((k) => k.startsWith(`${ruleId}@`)),
      name,
    ).toBe(true);
});

it(`push client: ${STARTS.push} starts, didOpen 0–10 ms after initialized, end with the folder's findings`, () => run('push', STARTS.push), 300_000);

it(`pull client: ${STARTS.pull} starts, didOpen 0–10 ms after initialized, end with the folder's findings`, () => run('pull', STARTS.pull), 300_000);
