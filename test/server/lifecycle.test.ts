/** initialize, capabilities with and without client support, degraded clients, exit. */
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { CodeActionRequest, ExecuteCommandRequest, HoverRequest, ShutdownRequest } from 'vscode-languageserver-protocol/node';
import { Commands, SERVER_COMMANDS } from '../../shared-rules/src/protocol';
import { PRIVILEGED_POD } from './fixtures';
import { fullCapabilities, SERVER, TestClient } from './harness';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const URI = 'file:///work/pod.yaml';

describe('initialize', () => {
  it('advertises incremental sync, code actions with resolve, hover and every server command to a capable client', async () => {
    client = await TestClient.start();
    const caps = client.initializeResult.capabilities;
    expect(client.initializeResult.serverInfo).toEqual({ name: 'kubeward-language-server', version: '0.1.0' });
    expect(caps.textDocumentSync).toEqual({ openClose: true, change: 2, save: { includeText: false } });
    expect(caps.codeActionProvider).toEqual({ codeActionKinds: ['quickfix', 'source.fixAll.kubeward'], resolveProvider: true });
    expect(caps.hoverProvider).toBe(true);
    expect(caps.executeCommandProvider?.commands).toEqual([...SERVER_COMMANDS]);
    // No pull diagnostics unless the client can pull.
    expect(caps.diagnosticProvider).toBeUndefined();
    // Watches configuration, kustomization and manifest files through dynamic registration.
    await client.waitFor('file watcher registration', () => client!.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'));
  });

  it('does not advertise the commands the client registers itself, but still runs them', async () => {
    client = await TestClient.start({
      initializationOptions: { workspaceTrusted: true, clientCommands: [Commands.secureIngress, Commands.showDocumentation] },
    });
    expect(client.initializeResult.capabilities.executeCommandProvider?.commands).toEqual([
      Commands.migrateIngress,
      Commands.scanWorkspace,
      Commands.applyFix,
      Commands.revealSecretValue,
    ]);
    const result = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.showDocumentation, arguments: ['pod-privileged'] });
    expect(result).toMatchObject({ shown: true });
  });

  it('serves a bare client: no configuration, no applyEdit, no literals, no watchers, no progress, plaintext hover', async () => {
    client = await TestClient.start({ capabilities: {}, settings: { enable: false } });
    const caps = client.initializeResult.capabilities;
    expect(caps.codeActionProvider).toBe(true);
    expect(caps.diagnosticProvider).toBeUndefined();
    await client.open(URI, PRIVILEGED_POD);
    // Defaults apply (the settings above are never asked for).
    const published = await client.waitForDiagnostics(URI, 1);
    expect(published.diagnostics).toHaveLength(2);
    expect(client.configurationRequests).toEqual([]);
    // Code actions come as commands; the fix is an applyFix command carrying a plain WorkspaceEdit.
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: URI },
      range: published.diagnostics[0]!.range,
      context: { diagnostics: [published.diagnostics[0]!] },
    }))!;
    expect(actions.every((a) => 'command' in a && typeof a.command === 'string')).toBe(true);
    const fix = actions.find((a) => a.title === 'Set privileged: false') as { command: string; arguments: Array<{ changes: Record<string, unknown> }> };
    expect(fix.command).toBe(Commands.applyFix);
    expect(Object.keys(fix.arguments[0]!.changes)).toEqual([URI]);
    // Without workspace/applyEdit the command says so instead of failing silently.
    await expect(client.connection.sendRequest(ExecuteCommandRequest.type, { command: fix.command, arguments: fix.arguments })).rejects.toThrow(
      /cannot apply edits/,
    );
    // Show documentation without window/showDocument: the page to open is returned.
    const docs = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.showDocumentation, arguments: ['pod-privileged'] });
    expect(docs).toEqual({ uri: expect.stringMatching(/docs\/rules\/pod-privileged\.md$/), shown: false });
    expect(client.shown).toEqual([]);
    // Plain text hover.
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: published.diagnostics[0]!.range.start });
    expect(hover?.contents).toMatchObject({
      kind: 'plaintext',
      value: expect.stringMatching(/^What to do: .+\nWhy: .+\npod-privileged: file:\/\/\S+\/docs\/rules\/pod-privileged\.md$/),
    });
    expect(client.registrations).toEqual([]);
  });

  it('a client with applyEdit but without code action literals applies fixes through kubeward.applyFix', async () => {
    client = await TestClient.start({ capabilities: { workspace: { applyEdit: true } } });
    await client.open(URI, PRIVILEGED_POD);
    const [first] = (await client.waitForDiagnostics(URI, 1)).diagnostics;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: URI },
      range: first!.range,
      context: { diagnostics: [first!] },
    }))!;
    const fix = actions.find((a) => a.title === 'Set privileged: false') as { command: string; arguments: unknown[] };
    await expect(client.connection.sendRequest(ExecuteCommandRequest.type, { command: fix.command, arguments: fix.arguments })).resolves.toBe(true);
    expect(client.applied).toEqual([{ label: 'Kubeward fix', edit: fix.arguments[0] }]);
  });

  it('answers every request after one that failed', async () => {
    client = await TestClient.start();
    await client.open(URI, PRIVILEGED_POD);
    await client.waitForDiagnostics(URI, 1);
    await expect(client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'kubeward.nope', arguments: [] })).rejects.toThrow(
      /does not know the command/,
    );
    // A malformed request: the handler is guarded, the answer is empty, the next request works.
    const bad = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: URI }, range: null as never, context: { diagnostics: [] } });
    expect(bad).toEqual([]);
    expect(client.logText()).toMatch(/code actions failed/);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: 9, character: 21 } });
    expect(hover).not.toBeNull();
  });
});

describe('exit', () => {
  it('exits with 0 after shutdown and exit', async () => {
    client = await TestClient.start();
    await client.stop();
    expect(client.exitCode).toBe(0);
  });

  it('exits when the client closes its stdin', async () => {
    client = await TestClient.start();
    client.child.stdin.end();
    const code = await Promise.race([client.exited, new Promise((r) => setTimeout(() => r('still running'), 10_000))]);
    expect(code).not.toBe('still running');
  });

  it('exits when the client process it was given is gone', async () => {
    // A process that exits at once stands for the editor.
    const parent = spawn(process.execPath, ['-e', '0']);
    const pid = parent.pid!;
    await new Promise((r) => parent.on('exit', r));
    const child = spawn(process.execPath, [SERVER, '--stdio', `--clientProcessId=${pid}`], { stdio: 'pipe' });
    const code = await Promise.race([new Promise((r) => child.on('exit', r)), new Promise((r) => setTimeout(() => r('still running'), 15_000))]);
    if (code === 'still running') child.kill();
    expect(code).not.toBe('still running');
  });

  it('prints usage without a transport', async () => {
    const child = spawn(process.execPath, [SERVER], { stdio: 'pipe' });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise((r) => child.on('exit', r));
    expect(code).toBe(2);
    expect(stderr).toContain('--stdio');
  });

  it('a shutdown request is answered', async () => {
    client = await TestClient.start({ capabilities: fullCapabilities() });
    await expect(client.connection.sendRequest(ShutdownRequest.type)).resolves.toBeNull();
  });
});
