/**
 * The language server (built, over stdio) against hostile documents: each
 * gets a clear diagnostic or none, the server stays up and answers, its
 * memory stays bounded, a throwing rule is logged once, and it exits when
 * its client goes away even in the middle of a large analysis.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CodeActionRequest, CodeActionResolveRequest, ExecuteCommandRequest, HoverRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RULE_IDS } from '../../shared-rules/src/index';
import { bigManifest, PRIVILEGED_POD } from '../server/fixtures';
import { TestClient } from '../server/harness';
import { asText, HOSTILE_INPUTS, NORMAL, NORMAL_FINDINGS } from './hostile';

/** Every server here runs with the guard that fails any process start or network call (see forbid-io.cjs). */
const GUARD = { NODE_OPTIONS: `-r ${path.join(__dirname, 'forbid-io.cjs')}` };

let client: TestClient | undefined;
afterEach(async () => {
  const stderr = client?.stderr ?? '';
  await client?.stop();
  client = undefined;
  expect(stderr, 'the server started a process or opened a connection').not.toContain('KUBEWARD-FORBIDDEN');
});

/** Peak resident set of a process, from /proc (Linux): MB. */
function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
  return kb / 1024;
}

const LEAKS = /Maximum call stack|RangeError|TypeError|undefined|\[object Object\]/;
const BOOM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: boom\n';

function expectClearDiagnostics(text: string, diagnostics: Diagnostic[], label: string): void {
  const doc = TextDocument.create('file:///x', 'yaml', 0, text);
  for (const d of diagnostics) {
    const where = `${label}: ${String(d.code)} ${d.range.start.line}:${d.range.start.character}`;
    expect(d.source, where).toBe('kubeward');
    expect(RULE_IDS.has(String(d.code)), where).toBe(true);
    expect(d.message, where).not.toMatch(LEAKS);
    for (const p of [d.range.start, d.range.end]) {
      expect(p.line < doc.lineCount, `${where}: line inside the document`).toBe(true);
      // offsetAt clamps: a position inside the text maps back to itself.
      expect(doc.positionAt(doc.offsetAt(p)), `${where}: position inside its line`).toEqual(p);
    }
  }
}

const isLinux = process.platform === 'linux';

/** Published diagnostics of `uri` at `version`, waiting up to `timeout` ms (large documents take a while). */
function diagnosticsOf(uri: string, version: number, timeout: number) {
  return client!.waitFor(`diagnostics of ${uri}`, () => [...client!.diagnostics].reverse().find((p) => p.uri === uri && p.version === version), timeout);
}

describe('language server: hostile documents', () => {
  it('each gets a clear diagnostic or none; the server stays up, bounded in memory; a throwing rule is logged once', { timeout: 600_000 }, async () => {
    client = await TestClient.start({ env: { ...GUARD, KUBEWARD_TEST_RULES: 'throws' } });
    const normalUri = 'file:///work/normal.yaml';
    await client.open(normalUri, NORMAL);
    const normal = await client.waitForDiagnostics(normalUri, 1);
    for (const id of NORMAL_FINDINGS) expect(normal.diagnostics.map((d) => d.code)).toContain(id);

    const timings: string[] = [];
    for (const [i, input] of HOSTILE_INPUTS.entries()) {
      const uri = `file:///work/hostile-${i}.yaml`;
      let text = asText(input.make());
      // A ConfigMap the throwing test rule fails on, after every input that is documents.
      if (input.scope === 'document') text = `${text}${text === '' || /[\r\n]$/.test(text) ? '' : '\n'}---\n${BOOM}`;
      const started = Date.now();
      await client.open(uri, text);
      const published = await diagnosticsOf(uri, 1, 120_000);
      timings.push(
        `${input.name}: ${Date.now() - started} ms, ${published.diagnostics.length} diagnostics, peak RSS so far ${isLinux ? peakRssMb(client.child.pid!).toFixed(0) : '?'} MB`,
      );
      expectClearDiagnostics(text, published.diagnostics, input.name);
      const codes = new Set(published.diagnostics.map((d) => String(d.code)));
      if (input.quiet && input.scope === 'file') expect([...codes]).toEqual([]);
      for (const id of input.expect ?? []) expect([...codes], `${input.name}: ${id}`).toContain(id);
      // Still answering: a hover on the normal document.
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: normalUri }, position: normal.diagnostics[0]!.range.start });
      expect(hover, `${input.name}: hover after it`).not.toBeNull();
      await client.close(uri);
      if (isLinux) expect(peakRssMb(client.child.pid!), `${input.name}: server peak RSS`).toBeLessThan(2048);
    }
    console.log(
      `server, per hostile document (open to diagnostics):\n${timings.join('\n')}\nserver peak RSS: ${isLinux ? peakRssMb(client.child.pid!).toFixed(0) : '?'} MB`,
    );
    expect(client.exitCode).toBeUndefined();
    const ruleFailures = client.logs.filter((l) => l.message.includes('kubeward-test-throws'));
    expect(ruleFailures, 'the throwing rule is logged once').toHaveLength(1);
    expect(client.logText()).not.toMatch(/Kubeward: (?!rule kubeward-test-throws).* failed/);
    expect(client.stderr).not.toMatch(/Error|exception/i);
  });

  it('stays responsive: a hover is answered while a 10 MB document is analysed', { timeout: 180_000 }, async () => {
    client = await TestClient.start({ env: GUARD });
    const podUri = 'file:///work/pod.yaml';
    await client.open(podUri, PRIVILEGED_POD);
    const pod = await client.waitForDiagnostics(podUri, 1);
    const big = bigManifest(70_000);
    expect(big.length).toBeGreaterThan(10 * 1024 * 1024);
    const bigUri = 'file:///work/big.yaml';
    const opened = Date.now();
    await client.open(bigUri, big);
    // Give the server the document, then ask for a hover elsewhere.
    await new Promise((r) => setTimeout(r, 300));
    const asked = Date.now();
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: podUri }, position: pod.diagnostics[0]!.range.start });
    const answered = Date.now();
    expect(hover).not.toBeNull();
    const bigDiagnostics = await diagnosticsOf(bigUri, 1, 150_000);
    // Its first analysis was shared with a helper thread: the server's own bundle, allowed by the guard.
    expect(client.stderr).toContain('KUBEWARD-WORKER server.js');
    const published = Date.now();
    console.log(
      `10 MB document: hover answered in ${answered - asked} ms; its diagnostics after ${published - opened} ms; server peak RSS ${isLinux ? peakRssMb(client.child.pid!).toFixed(0) : '?'} MB`,
    );
    expect(bigDiagnostics.diagnostics.map((d) => d.code)).toContain('pod-privileged');
    expect(answered, 'the hover did not wait for the whole analysis').toBeLessThan(published);
    expect(answered - asked).toBeLessThan(5_000);
    if (isLinux) expect(peakRssMb(client.child.pid!)).toBeLessThan(2048);
  });

  it('answers every request after handlers fail on malformed ones', async () => {
    client = await TestClient.start({ env: GUARD });
    const uri = 'file:///work/pod.yaml';
    await client.open(uri, PRIVILEGED_POD);
    const [first] = (await client.waitForDiagnostics(uri, 1)).diagnostics;
    const garbage: Array<Promise<unknown>> = (
      [
        client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: null as never }),
        client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///never/opened.yaml' }, position: { line: 0, character: 0 } }),
        client.connection.sendRequest(CodeActionRequest.type, {
          textDocument: { uri },
          range: { start: { line: -5, character: -1 }, end: { line: 1e9, character: 1e9 } },
          context: { diagnostics: [{ ...first!, range: null as never }] },
        }),
        client.connection.sendRequest(CodeActionResolveRequest.type, { title: 'x', data: { nonsense: [1, 2, 3] } }),
        client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'kubeward.applyFix', arguments: [{ changes: 7 }] }),
        client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'kubeward.secureIngress', arguments: [null] }),
      ] as Array<Promise<unknown>>
    ).map((request) =>
      request.then(
        () => 'answered',
        () => 'refused',
      ),
    );
    // Each is answered (a result or an error), none takes the server down.
    expect(await Promise.all(garbage)).toHaveLength(6);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: first!.range.start });
    expect(hover).not.toBeNull();
    const version = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }]);
    expect((await client.waitForDiagnostics(uri, version)).diagnostics).toHaveLength(2);
    expect(client.exitCode).toBeUndefined();
  });

  it('exits when the client goes away in the middle of a large analysis', { timeout: 120_000 }, async () => {
    client = await TestClient.start({ env: GUARD });
    await client.open('file:///work/big.yaml', bigManifest(40_000));
    await new Promise((r) => setTimeout(r, 200));
    const gone = Date.now();
    client.child.stdin.end();
    const code = await Promise.race([client.exited, new Promise((r) => setTimeout(() => r('still running'), 30_000))]);
    console.log(`server exit after its client went away mid-analysis: ${Date.now() - gone} ms`);
    expect(code).not.toBe('still running');
  });
});
