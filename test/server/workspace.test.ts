/**
 * Cross-document rules through the workspace index, with the test rule
 * `kubeward-test-duplicate-configmap` (KUBEWARD_TEST_RULES=workspace): a
 * ConfigMap defined in two files is flagged in both.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExecuteCommandRequest, FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { Commands } from '../../shared-rules/src/protocol';
import { tempDir, TestClient, uriOf } from './harness';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const RULE = 'kubeward-test-duplicate-configmap';
const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: b\n`;
const duplicates = (p: { diagnostics: Diagnostic[] }) => p.diagnostics.filter((d) => d.code === RULE);

function workspace(files: Record<string, string>): string {
  const root = tempDir();
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

describe('workspace index', () => {
  it('indexes closed files at start-up, so an open document sees them', async () => {
    const root = workspace({ 'a.yaml': configMap('shared'), 'b.yaml': configMap('shared'), 'c.yaml': configMap('alone') });
    client = await TestClient.start({ folders: [root], env: { KUBEWARD_TEST_RULES: 'workspace' } });
    const a = uriOf(path.join(root, 'a.yaml'));
    await client.open(a, configMap('shared'));
    const published = await client.waitFor('the duplicate finding', () => {
      const last = client!.published(a).at(-1);
      return last && duplicates(last).length === 1 ? last : undefined;
    });
    expect(duplicates(published)[0]!.message).toContain(`is also defined in ${uriOf(path.join(root, 'b.yaml'))}`);
    expect(duplicates(published)[0]!.range).toEqual({ start: { line: 3, character: 8 }, end: { line: 3, character: 14 } });
  });

  it('an edit in one open document re-checks the others', async () => {
    client = await TestClient.start({ env: { KUBEWARD_TEST_RULES: 'workspace' } });
    const a = 'file:///work/a.yaml';
    const b = 'file:///work/b.yaml';
    await client.open(a, configMap('shared'));
    await client.waitForDiagnostics(a, 1);
    await client.open(b, configMap('shared'));
    // b sees a at once; a is re-checked because b's objects changed what it sees.
    await client.waitFor('b flagged', () => duplicates(client!.published(b).at(-1) ?? { diagnostics: [] as Diagnostic[] }).length === 1);
    await client.waitFor('a flagged', () => duplicates(client!.published(a).at(-1) ?? { diagnostics: [] as Diagnostic[] }).length === 1);
    // Rename in b: a's finding goes, though a itself did not change.
    const version = await client.change(b, [{ range: { start: { line: 3, character: 8 }, end: { line: 3, character: 14 } }, text: 'other' }]);
    expect(duplicates(await client.waitForDiagnostics(b, version))).toEqual([]);
    await client.waitFor('a cleared', () => {
      const last = client!.published(a).at(-1)!;
      return last.version === 1 && duplicates(last).length === 0;
    });
    // Closing b (never on disk, no scan): it leaves the index, a stays clear.
    await client.close(b);
  });

  it('a change on disk to a closed file reaches the open documents', async () => {
    const root = workspace({ 'a.yaml': configMap('shared'), 'b.yaml': configMap('different') });
    client = await TestClient.start({ folders: [root], env: { KUBEWARD_TEST_RULES: 'workspace' } });
    const a = uriOf(path.join(root, 'a.yaml'));
    await client.open(a, configMap('shared'));
    await client.waitForDiagnostics(a, 1);
    fs.writeFileSync(path.join(root, 'b.yaml'), configMap('shared'));
    await client.watchedFilesChanged([{ uri: uriOf(path.join(root, 'b.yaml')), type: FileChangeType.Changed }]);
    await client.waitFor('a flagged', () => duplicates(client!.published(a).at(-1)!).length === 1);
    fs.rmSync(path.join(root, 'b.yaml'));
    await client.watchedFilesChanged([{ uri: uriOf(path.join(root, 'b.yaml')), type: FileChangeType.Deleted }]);
    await client.waitFor('a cleared', () => duplicates(client!.published(a).at(-1)!).length === 0);
  });

  it('scan workspace reports cross-document findings in closed files', async () => {
    const root = workspace({ 'a.yaml': configMap('shared'), 'nested/b.yaml': configMap('shared') });
    client = await TestClient.start({ folders: [root], env: { KUBEWARD_TEST_RULES: 'workspace' } });
    const result = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.scanWorkspace, arguments: [] });
    expect(result).toEqual({ filesChecked: 2, findings: 2, hints: 0, cancelled: false });
    for (const rel of ['a.yaml', 'nested/b.yaml']) {
      const published = client.published(uriOf(path.join(root, rel))).at(-1)!;
      expect(duplicates(published)).toHaveLength(1);
    }
  });
});

describe('without a workspace folder', () => {
  const ingress = (secretName: string) =>
    `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  ingressClassName: nginx\n  tls:\n    - hosts: [shop.example.com]\n      secretName: ${secretName}\n  rules:\n    - host: shop.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: storefront\n                port:\n                  number: 80\n`;
  const secret = (name: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: shop\ntype: Opaque\ndata:\n  username: YWRtaW4=\n`;
  const codes = (p: { diagnostics: Diagnostic[] }) => [...new Set(p.diagnostics.map((d) => String(d.code)))].sort();

  it('a file is checked as a complete set of its own documents, like `kubeward scan <file>`', async () => {
    client = await TestClient.start({ settings: { rules: { 'ingress-dangling-backend': 'warning' } } });
    const one = 'file:///no-folder/one.yaml';
    await client.open(one, `${ingress('web-tls')}---\n${secret('web-tls')}`);
    const published = await client.waitForDiagnostics(one, 1);
    // The Secret it names is in the file: checked. The Service may be anywhere: only a workspace folder can tell.
    expect(codes(published)).toContain('tls-secret-malformed');
    expect(codes(published)).not.toContain('ingress-dangling-backend');
    // Another open file's Secret does not count: what a file shows never depends on which other files are open.
    const other = 'file:///no-folder/ingress.yaml';
    await client.open('file:///no-folder/secret.yaml', secret('other-tls'));
    await client.open(other, ingress('other-tls'));
    expect(codes(await client.waitForDiagnostics(other, 1))).not.toContain('tls-secret-malformed');
  });
});
