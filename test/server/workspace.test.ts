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
