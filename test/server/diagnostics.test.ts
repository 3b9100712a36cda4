/** Diagnostics over the wire: fields, versions, debounce, cancellation, pull, a failing rule. */
import { afterEach, describe, expect, it } from 'vitest';
import { DiagnosticSeverity, DiagnosticTag, DocumentDiagnosticRequest } from 'vscode-languageserver-protocol/node';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { VERSION } from '../../shared-rules/src/index';
import { bigManifest, PRIVILEGED_POD } from './fixtures';
import { fullCapabilities, ROOT, TestClient } from './harness';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const URI = 'file:///work/pod.yaml';

describe('push diagnostics', () => {
  it('publishes every finding with source, code, documentation link, data and exact range', async () => {
    client = await TestClient.start();
    await client.open(URI, PRIVILEGED_POD);
    const published = await client.waitForDiagnostics(URI, 1);
    expect(published.diagnostics).toEqual([
      {
        range: { start: { line: 9, character: 20 }, end: { line: 9, character: 24 } },
        severity: DiagnosticSeverity.Error,
        source: 'kubeward',
        code: 'pod-privileged',
        codeDescription: { href: pathToFileURL(path.join(ROOT, 'docs', 'rules', 'pod-privileged.md')).href },
        message: expect.stringContaining('Container "web" runs privileged'),
        data: { ruleId: 'pod-privileged', messageId: 'privileged' },
      },
      expect.objectContaining({
        range: { start: { line: 13, character: 20 }, end: { line: 13, character: 24 } },
        code: 'pod-privileged',
        message: expect.stringContaining('"sidecar"'),
      }),
    ]);
  });

  it('marks unused suppressions as unnecessary hints', async () => {
    client = await TestClient.start();
    const text = PRIVILEGED_POD.replace(
      '  name: web # the web pod\n',
      '  name: web # the web pod\n  # kubeward-disable-next-line ingress-tls-missing -- not an Ingress\n',
    );
    await client.open(URI, text);
    const published = await client.waitForDiagnostics(URI, 1);
    const unused = published.diagnostics.find((d) => d.code === 'unused-suppression');
    expect(unused).toMatchObject({ severity: DiagnosticSeverity.Hint, tags: [DiagnosticTag.Unnecessary], range: { start: { line: 4, character: 2 } } });
  });

  it('follows incremental changes and publishes each analysed version', async () => {
    client = await TestClient.start();
    await client.open(URI, PRIVILEGED_POD);
    await client.waitForDiagnostics(URI, 1);
    // Line 9 "        privileged: true # why?" → false: one range edit.
    const version = await client.change(URI, [{ range: { start: { line: 9, character: 20 }, end: { line: 9, character: 24 } }, text: 'false' }]);
    const published = await client.waitForDiagnostics(URI, version);
    expect(published.diagnostics.map((d) => d.range.start.line)).toEqual([13]);
    // Undo it: the finding comes back at the same place.
    const again = await client.change(URI, [{ range: { start: { line: 9, character: 20 }, end: { line: 9, character: 25 } }, text: 'true' }]);
    expect((await client.waitForDiagnostics(URI, again)).diagnostics.map((d) => d.range.start.line)).toEqual([9, 13]);
  });

  it('calm typing: a key half typed keeps the other findings and shows its syntax error only once typing pauses', async () => {
    client = await TestClient.start();
    await client.open(URI, PRIVILEGED_POD);
    await client.waitForDiagnostics(URI, 1);
    const codes = (p: { diagnostics: Array<{ code?: unknown; range: { start: { line: number } } }> }) =>
      p.diagnostics.map((d) => `${String(d.code)}@${d.range.start.line}`);
    // A new key typed letter by letter under the first container's image (line 8): `securi`, not yet a key.
    let version: number;
    const typed = '      securi';
    version = await client.change(URI, [{ range: { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } }, text: '\n' }]);
    for (let i = 1; i <= typed.length; i++) {
      version = await client.change(URI, [{ range: { start: { line: 8, character: i - 1 }, end: { line: 8, character: i - 1 } }, text: typed[i - 1]! }]);
    }
    const t0 = Date.now();
    const typing = await client.waitForDiagnostics(URI, version);
    // Both privileged findings stay (moved one line down), and no syntax error yet.
    expect(codes(typing)).toEqual(['pod-privileged@10', 'pod-privileged@14']);
    // No version published while typing flashed a syntax error or lost a finding.
    for (const p of client.published(URI).filter((x) => (x.version ?? 0) > 1))
      expect(
        codes(p).filter((c) => c.startsWith('pod-privileged')),
        `version ${p.version}`,
      ).toHaveLength(2);
    expect(client.published(URI).some((p) => p.diagnostics.some((d) => d.code === 'yaml-syntax'))).toBe(false);
    // The pause: the syntax error appears at the line being typed, with the findings the edit cannot have changed.
    const paused = await client.waitForDiagnostics(URI, version, (p) => p.diagnostics.some((d) => d.code === 'yaml-syntax'));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(500);
    expect(codes(paused)).toEqual(['yaml-syntax@8', 'pod-privileged@10', 'pod-privileged@14']);
    // Finishing the key (`securityContext: {}`) parses again: the findings are the analysis's own.
    version = await client.change(URI, [{ range: { start: { line: 8, character: 12 }, end: { line: 8, character: 12 } }, text: 'tyContext: {}' }]);
    expect(codes(await client.waitForDiagnostics(URI, version))).toEqual(['pod-privileged@10', 'pod-privileged@14']);
  });

  it('a syntax error away from the line being typed is shown at once', async () => {
    client = await TestClient.start();
    await client.open(URI, PRIVILEGED_POD);
    await client.waitForDiagnostics(URI, 1);
    // `securi` half typed on a new line 8, then a letter typed in the name on line 3: the cursor left line 8.
    let version = await client.change(URI, [{ range: { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } }, text: '      securi\n' }]);
    const typing = await client.waitForDiagnostics(URI, version);
    expect(typing.diagnostics.some((d) => d.code === 'yaml-syntax')).toBe(false);
    version = await client.change(URI, [{ range: { start: { line: 3, character: 11 }, end: { line: 3, character: 11 } }, text: 'x' }]);
    const published = await client.waitForDiagnostics(URI, version);
    expect(published.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([
      ['yaml-syntax', 8],
      ['pod-privileged', 10],
      ['pod-privileged', 14],
    ]);
  });

  it('a burst of changes publishes only the last version, and no stale version ever', async () => {
    client = await TestClient.start({ settings: { debounceMs: 400 } });
    await client.open(URI, PRIVILEGED_POD);
    await client.waitForDiagnostics(URI, 1);
    let last = 1;
    // Ten keystrokes sent back to back, well inside the debounce.
    for (let i = 0; i < 10; i++)
      last = await client.change(URI, [{ range: { start: { line: 3, character: 11 + i }, end: { line: 3, character: 11 + i } }, text: 'x' }]);
    const published = await client.waitForDiagnostics(URI, last);
    expect(published.diagnostics).toHaveLength(2);
    expect(client.published(URI).map((p) => p.version)).toEqual([1, last]);
  });

  it('a newer version cancels the analysis of a large document: only the newest is published', async () => {
    client = await TestClient.start({ settings: { debounceMs: 0 } });
    const big = bigManifest(3000);
    await client.open(URI, big);
    // Sent at once, while version 1 is being analysed document by document.
    const version = await client.change(URI, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }]);
    const published = await client.waitForDiagnostics(URI, version);
    expect(published.diagnostics.filter((d) => d.code === 'pod-privileged')).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 200));
    expect(client.published(URI).map((p) => p.version)).toEqual([version]);
  });

  it('sends kubeward/status after analyses', async () => {
    client = await TestClient.start();
    await client.open(URI, PRIVILEGED_POD);
    await client.waitForDiagnostics(URI, 1);
    const status = await client.waitFor('status', () => client!.statuses.at(-1));
    expect(status).toEqual({ rulesActive: expect.any(Number), filesChecked: 1, ruleErrors: 0, profile: 'baseline', manifests: [URI] });
    expect(status.rulesActive).toBeGreaterThanOrEqual(5);
    // A YAML file that is not a manifest is not a file checked.
    await client.open('file:///work/ci.yaml', 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n');
    await client.waitForDiagnostics('file:///work/ci.yaml', 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(client.statuses.at(-1)).toMatchObject({ filesChecked: 1, manifests: [URI] });
  });

  it("logs its version, where each document's configuration comes from, and what the analysis took", async () => {
    client = await TestClient.start();
    await client.open(URI, PRIVILEGED_POD);
    await client.waitForDiagnostics(URI, 1);
    const log = await client.waitFor('the analysis log line', () => (client!.logText().includes('pod.yaml v1') ? client!.logText() : undefined));
    expect(log).toMatch(
      new RegExp(`Kubeward language server ${VERSION.replace(/\./g, '\\.')} \\(Node v[\\d.]+\\) for an LSP client: \\d+ rules, push diagnostics`),
    );
    expect(log).toMatch(
      /pod\.yaml v1: 2 findings in [\d.]+ ms \(\d+ characters\); baseline profile, \d+ rules, from the editor's settings \(no \.kubeward\.yaml\)/,
    );
  });

  it('clears diagnostics when the document closes', async () => {
    client = await TestClient.start();
    await client.open(URI, PRIVILEGED_POD);
    await client.waitForDiagnostics(URI, 1);
    await client.close(URI);
    const cleared = await client.waitFor('cleared diagnostics', () => client!.published(URI).find((p) => p.diagnostics.length === 0));
    expect(cleared.version).toBeUndefined();
  });

  it('does not analyse when disabled, and run: onSave waits for a save', async () => {
    client = await TestClient.start({ settings: { enable: false } });
    await client.open(URI, PRIVILEGED_POD);
    expect((await client.waitForDiagnostics(URI, 1)).diagnostics).toEqual([]);
    await client.stop();

    client = await TestClient.start({ settings: { run: 'onSave', debounceMs: 0 } });
    await client.open(URI, PRIVILEGED_POD);
    expect((await client.waitForDiagnostics(URI, 1)).diagnostics).toHaveLength(2);
    const version = await client.replace(URI, PRIVILEGED_POD.replace(/privileged: true/g, 'privileged: false'));
    await new Promise((r) => setTimeout(r, 300));
    expect(client.published(URI).map((p) => p.version)).toEqual([1]);
    await client.save(URI);
    expect((await client.waitForDiagnostics(URI, version)).diagnostics).toEqual([]);
  });
});

describe('pull diagnostics', () => {
  it('answers textDocument/diagnostic for the current version and does not push for open documents', async () => {
    const capabilities = fullCapabilities();
    capabilities.textDocument!.diagnostic = { dynamicRegistration: false };
    client = await TestClient.start({ capabilities });
    expect(client.initializeResult.capabilities.diagnosticProvider).toMatchObject({ identifier: 'kubeward', interFileDependencies: true });
    await client.open(URI, PRIVILEGED_POD);
    const report = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: URI } });
    expect(report.kind).toBe('full');
    const full = report as { kind: 'full'; resultId: string; items: Array<{ code: string }> };
    expect(full.items.map((d) => d.code)).toEqual(['pod-privileged', 'pod-privileged']);
    // Same version again: unchanged.
    const again = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: URI }, previousResultId: full.resultId });
    expect(again).toEqual({ kind: 'unchanged', resultId: full.resultId });
    // An edit, then a pull: the new version's diagnostics, without waiting.
    await client.replace(URI, PRIVILEGED_POD.replace('privileged: true # why?', 'privileged: false # why?'));
    const after = (await client.connection.sendRequest(DocumentDiagnosticRequest.type, {
      textDocument: { uri: URI },
      previousResultId: full.resultId,
    })) as typeof full;
    expect(after.kind).toBe('full');
    expect(after.items).toHaveLength(1);
    expect(client.published(URI)).toEqual([]);
  });

  it('asks the client to pull again when settings change', async () => {
    const capabilities = fullCapabilities();
    capabilities.textDocument!.diagnostic = { dynamicRegistration: false };
    client = await TestClient.start({ capabilities });
    await client.open(URI, PRIVILEGED_POD);
    await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: URI } });
    await client.changeConfiguration({ rules: { 'pod-privileged': 'off' } });
    await client.waitFor('a diagnostic refresh', () => client!.refreshRequests > 0);
    const report = (await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: URI } })) as { items: unknown[] };
    expect(report.items).toEqual([]);
  });
});

describe('a rule that throws', () => {
  it('is logged once, and the other findings are still published', async () => {
    client = await TestClient.start({ env: { KUBEWARD_TEST_RULES: 'throws' } });
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: boom-1\n---\n${PRIVILEGED_POD}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: boom-2\n`;
    await client.open(URI, text);
    const published = await client.waitForDiagnostics(URI, 1);
    expect(published.diagnostics.map((d) => d.code)).toEqual(['pod-privileged', 'pod-privileged']);
    const version = await client.change(URI, [{ range: { start: { line: 3, character: 8 }, end: { line: 3, character: 9 } }, text: 'X' }]);
    await client.waitForDiagnostics(URI, version);
    await client.waitFor('status with a rule error', () => client!.statuses.find((s) => s.ruleErrors === 1));
    const errors = client.logs.filter((l) => l.message.includes('kubeward-test-throws'));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain('test rule failure');
  });
});
