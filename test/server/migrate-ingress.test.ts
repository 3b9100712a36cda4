/** kubeward.migrateIngress over the wire, and the code action that offers it on the retired-controller hint. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { CodeActionRequest, ExecuteCommandRequest, type CodeAction, type WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { Commands } from '../../shared-rules/src/protocol';
import { INGRESS } from './fixtures';
import { applyWorkspaceEdit, tempDir, TestClient, uriOf } from './harness';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const URI = 'file:///work/ingress.yaml';
const migrate = (args: unknown) => client!.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.migrateIngress, arguments: [args] });
const kinds = (text: string) => parseAllDocuments(text).map((d) => (d.toJS() as { kind: string }).kind);

const gateway = (name: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: ${name}
spec:
  gatewayClassName: nginx
  listeners:
    - name: http
      protocol: HTTP
      port: 80
`;

describe('kubeward.migrateIngress', () => {
  it('is advertised, applies its edit with workspace/applyEdit and returns the same WorkspaceEdit', async () => {
    client = await TestClient.start();
    expect(client.initializeResult.capabilities.executeCommandProvider?.commands).toContain(Commands.migrateIngress);
    await client.open(URI, INGRESS);
    const edit = (await migrate({ uri: URI, position: { line: 5, character: 4 } })) as WorkspaceEdit;
    expect(client.applied).toHaveLength(1);
    expect(client.applied[0]!.edit).toEqual(edit);
    expect(client.applied[0]!.label).toBe('Migrate Ingress "shop" to Gateway API');
    const text = applyWorkspaceEdit(INGRESS, URI, edit);
    // The Ingress is kept; a Gateway and its route follow it.
    expect(text.startsWith(INGRESS)).toBe(true);
    expect(kinds(text)).toEqual(['Ingress', 'Gateway', 'HTTPRoute']);
    // A second run says it is done.
    await client.replace(URI, text);
    await expect(migrate({ uri: URI })).rejects.toThrow(/^Ingress "shop" is already migrated in this file/);
  });

  it('asks which Gateway when several of the workspace fit, and attaches to the chosen one', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'gateways.yaml'), `${gateway('public')}---\n${gateway('internal')}`);
    const file = path.join(dir, 'ingress.yaml');
    fs.writeFileSync(file, INGRESS);
    client = await TestClient.start({ folders: [dir] });
    await client.open(uriOf(file), INGRESS);
    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.scanWorkspace, arguments: [] });
    client.answerMessage = (p) => p.actions!.find((a) => a.title === 'internal') ?? null;
    const edit = (await migrate({ uri: uriOf(file) })) as WorkspaceEdit;
    expect(client.messageRequests).toHaveLength(1);
    expect(client.messageRequests[0]!.actions!.map((a) => a.title)).toEqual(['public', 'internal', 'A new Gateway']);
    const text = applyWorkspaceEdit(INGRESS, uriOf(file), edit);
    expect(kinds(text)).toEqual(['Ingress', 'HTTPRoute']);
    expect(text).toContain('parentRefs:\n    - name: internal\n      sectionName: http\n');
    // Dismissed: nothing is migrated. Named: no question.
    client.answerMessage = () => null;
    await expect(migrate({ uri: uriOf(file) })).rejects.toThrow(/No Gateway chosen/);
    const named = (await migrate({ uri: uriOf(file), gateway: { name: 'public' } })) as WorkspaceEdit;
    expect(applyWorkspaceEdit(INGRESS, uriOf(file), named)).toContain('- name: public\n');
    expect(client.messageRequests).toHaveLength(2);
  });

  it('answers with clear errors', async () => {
    client = await TestClient.start();
    await expect(migrate(undefined)).rejects.toThrow(/expects one argument: \{uri, position\?/);
    await expect(migrate({ uri: URI, gateway: 'x' })).rejects.toThrow(/gateway must be/);
    await expect(migrate({ uri: 'file:///nowhere.yaml' })).rejects.toThrow(/is not open/);
    await client.open(URI, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n');
    await expect(migrate({ uri: URI })).rejects.toThrow(/^There is no Ingress in this file/);
  });

  it('is the code action of the ingress-nginx-retired hint', async () => {
    client = await TestClient.start();
    await client.open(URI, INGRESS);
    const published = await client.waitForDiagnostics(URI, 1);
    const hint = published.diagnostics.find((d) => d.code === 'ingress-nginx-retired')!;
    expect(hint).toBeDefined();
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: URI },
      range: hint.range,
      context: { diagnostics: [hint] },
    })) as CodeAction[];
    const action = actions.find((a) => a.title === 'Migrate this Ingress to Gateway API')!;
    expect(action.command).toEqual({
      title: 'Migrate this Ingress to Gateway API',
      command: Commands.migrateIngress,
      arguments: [{ uri: URI, position: hint.range.start }],
    });
    // Running it migrates that Ingress.
    const edit = (await client.connection.sendRequest(ExecuteCommandRequest.type, action.command!)) as WorkspaceEdit;
    expect(kinds(applyWorkspaceEdit(INGRESS, URI, edit))).toEqual(['Ingress', 'Gateway', 'HTTPRoute']);
  });
});
