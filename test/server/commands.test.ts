/** kubeward.secureIngress (docs/requirements.md: Secure this Ingress) and kubeward.scanWorkspace over the wire. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExecuteCommandRequest, type WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { analyzeWorkspace } from '../helpers/workspace';
import { Commands } from '../../shared-rules/src/protocol';
import { INGRESS, PRIVILEGED_POD } from './fixtures';
import { applyWorkspaceEdit, fullCapabilities, keepsComments, parses, tempDir, TestClient, uriOf } from './harness';
import { FileChangeType } from 'vscode-languageserver-protocol/node';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const URI = 'file:///work/ingress.yaml';
const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: b\n';

function secure(args: unknown) {
  return client!.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.secureIngress, arguments: [args] });
}

describe('kubeward.secureIngress', () => {
  it('applies its edit with workspace/applyEdit and returns the same WorkspaceEdit', async () => {
    client = await TestClient.start();
    await client.open(URI, INGRESS);
    await client.waitForDiagnostics(URI, 1);
    const edit = (await secure({ uri: URI, position: { line: 5, character: 4 }, tlsSecretName: 'shop-cert', clusterIssuer: 'letsencrypt' })) as WorkspaceEdit;
    expect(client.applied).toHaveLength(1);
    expect(client.applied[0]!.edit).toEqual(edit);
    expect(client.applied[0]!.label).toBe('Secure Ingress "shop"');
    expect(edit.documentChanges![0]).toMatchObject({ textDocument: { uri: URI, version: 1 } });
    const text = applyWorkspaceEdit(INGRESS, URI, edit);
    expect(parses(text)).toBe(true);
    expect(keepsComments(INGRESS, text)).toBe(true);
    expect(text).toContain('secretName: shop-cert');
    expect(text).toContain('cert-manager.io/cluster-issuer: letsencrypt');
    // The editor applies it and sends the change: the TLS finding is gone.
    await client.replace(URI, text);
    const published = await client.waitForDiagnostics(URI, 2);
    expect(published.diagnostics.filter((d) => d.code === 'ingress-tls-missing')).toEqual([]);
  });

  it('dryRun edits nothing and says what the change uses, changes and leaves to do', async () => {
    client = await TestClient.start();
    await client.open(URI, INGRESS);
    const plan = await secure({ uri: URI, dryRun: true });
    expect(client.applied).toEqual([]);
    expect(plan).toEqual({
      ingressName: 'shop',
      alreadySecure: false,
      questions: ['authUrl', 'tlsSecretName', 'clusterIssuer'],
      changes: ['Add spec.tls for every host', 'Add basic authentication (auth-type: basic)'],
      todo: [
        'Create the basic-auth Secret "shop-basic-auth": `htpasswd -c auth <user>`, then `kubectl create secret generic shop-basic-auth --from-file=auth`.',
        'Create the TLS Secret "shop-tls": `kubectl create secret tls shop-tls --cert=tls.crt --key=tls.key`.',
      ],
      remaining: [],
    });
    // With an external auth URL, its sign-in page and an issuer: what is left is the issuer's to do.
    const external = await secure({
      uri: URI,
      dryRun: true,
      authUrl: 'https://sso.example.com/oauth2/auth',
      authSignin: 'https://sso.example.com/oauth2/start?rd=$escaped_request_uri',
      clusterIssuer: 'letsencrypt',
    });
    expect(external).toMatchObject({
      changes: ['Add spec.tls and a cert-manager issuer', 'Add external authentication (auth-url)'],
      todo: [
        'cert-manager creates the TLS Secret "shop-tls" through ClusterIssuer "letsencrypt": check that it exists (`kubectl get clusterissuer letsencrypt`).',
      ],
    });
    const edit = (await secure({
      uri: URI,
      authUrl: 'https://sso.example.com/oauth2/auth',
      authSignin: 'https://sso.example.com/oauth2/start?rd=$escaped_request_uri',
    })) as WorkspaceEdit;
    const text = applyWorkspaceEdit(INGRESS, URI, edit);
    expect(text).toContain('nginx.ingress.kubernetes.io/auth-signin: https://sso.example.com/oauth2/start?rd=$escaped_request_uri');
    await client.replace(URI, text);
    expect(await secure({ uri: URI, dryRun: true })).toMatchObject({ alreadySecure: true, questions: [], changes: [], todo: [] });
  });

  it('returns the edit without applying it when the client cannot apply edits', async () => {
    const capabilities = fullCapabilities();
    delete capabilities.workspace!.applyEdit;
    delete capabilities.workspace!.workspaceEdit;
    client = await TestClient.start({ capabilities });
    await client.open(URI, INGRESS);
    const edit = (await secure({ uri: URI })) as WorkspaceEdit;
    expect(client.applied).toEqual([]);
    expect(Object.keys(edit.changes!)).toEqual([URI]);
    expect(applyWorkspaceEdit(INGRESS, URI, edit)).toContain('secretName: shop-tls');
  });

  it('secures the only Ingress of the file wherever the cursor is', async () => {
    client = await TestClient.start();
    await client.open(URI, `${CONFIG_MAP}---\n${INGRESS}`);
    const edit = (await secure({ uri: URI, position: { line: 1, character: 0 } })) as WorkspaceEdit;
    expect(applyWorkspaceEdit(client.text(URI), URI, edit)).toContain('secretName: shop-tls');
  });

  it('answers with clear errors: bad arguments, unknown document, no Ingress, cursor outside several, edit refused', async () => {
    client = await TestClient.start();
    await expect(secure(undefined)).rejects.toThrow(/expects one argument: \{uri, position\?/);
    await expect(secure({ uri: URI, position: { line: -1 } })).rejects.toThrow(/position must be/);
    await expect(secure({ uri: 'file:///nowhere.yaml' })).rejects.toThrow(/is not open/);
    await client.open(URI, CONFIG_MAP);
    // Messages carry no "Kubeward:" prefix: clients add their own.
    await expect(secure({ uri: URI })).rejects.toThrow(/^There is no Ingress in this file/);
    const two = `${INGRESS}---\n${CONFIG_MAP}---\n${INGRESS.replace(/shop/g, 'blog')}`;
    await client.replace(URI, two);
    await expect(secure({ uri: URI })).rejects.toThrow(/several Ingresses/);
    await expect(secure({ uri: URI, position: { line: 20, character: 2 } })).rejects.toThrow(/cursor is not inside an Ingress/);
    client.applyEditResult = { applied: false, failureReason: 'document changed' };
    await expect(secure({ uri: URI, position: { line: 2, character: 2 } })).rejects.toThrow(/did not apply the edit \(document changed\)/);
    expect(client.applied).toHaveLength(1);
    // The server is fine afterwards.
    client.applyEditResult = { applied: true };
    await expect(secure({ uri: URI, position: { line: 2, character: 2 } })).resolves.toBeDefined();
  });
});

function writeWorkspace(): string {
  const root = tempDir();
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  write('apps/pod.yaml', PRIVILEGED_POD);
  write('apps/ingress.yml', INGRESS);
  write('apps/config.yaml', CONFIG_MAP);
  write('charts/web/values.yaml', 'replicaCount: 2\nimage: nginx\n');
  write('node_modules/pkg/pod.yaml', PRIVILEGED_POD);
  write('generated/pod.yaml', PRIVILEGED_POD);
  write('.kubeward.yaml', 'ignore: ["generated/**"]\n');
  return root;
}

describe('kubeward.scanWorkspace', () => {
  it('publishes the findings of every manifest, skipping node_modules and ignored paths, with the progress token it was given', async () => {
    const root = writeWorkspace();
    client = await TestClient.start({ folders: [root] });
    const result = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.scanWorkspace, arguments: [], workDoneToken: 'scan-1' });
    // The scan publishes exactly what the engine finds in each manifest of the workspace (the CLI's two passes).
    const run = analyzeWorkspace({ 'apps/pod.yaml': PRIVILEGED_POD, 'apps/ingress.yml': INGRESS, 'apps/config.yaml': CONFIG_MAP });
    const expected = new Map(
      ['apps/pod.yaml', 'apps/ingress.yml'].map((rel) => [uriOf(path.join(root, rel)), run.findings[rel]!.map((f) => f.ruleId)] as const),
    );
    expect(run.findings['apps/config.yaml']).toEqual([]);
    expect(expected.get(uriOf(path.join(root, 'apps/pod.yaml')))).toEqual(['pod-privileged', 'pod-privileged']);
    expect(expected.get(uriOf(path.join(root, 'apps/ingress.yml')))).toContain('ingress-tls-missing');
    const total = [...expected.values()].reduce((n, codes) => n + codes.length, 0);
    const hints = [...expected.keys()]
      .map((u) => (u.endsWith('ingress.yml') ? run.findings['apps/ingress.yml']! : run.findings['apps/pod.yaml']!))
      .flat()
      .filter((f) => f.severity === 'hint').length;
    expect(result).toEqual({ filesChecked: 3, findings: total, hints, cancelled: false });
    const published = new Map(client.diagnostics.map((p) => [p.uri, p.diagnostics.map((d) => d.code)]));
    expect(published).toEqual(expected);
    const kinds = client.progress.filter((p) => p.token === 'scan-1').map((p) => p.value.kind);
    expect(kinds[0]).toBe('begin');
    expect(kinds.at(-1)).toBe('end');
    expect(kinds).toContain('report');
    await client.waitFor('status after the scan', () => client!.statuses.find((s) => s.filesChecked === 3));
  });

  it('creates its own progress when the client supports it, and a file opened later takes over from the scan', async () => {
    const root = writeWorkspace();
    client = await TestClient.start({ folders: [root] });
    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.scanWorkspace, arguments: [] });
    expect(client.progress.map((p) => p.value.kind)).toEqual(expect.arrayContaining(['begin', 'end']));
    const pod = uriOf(path.join(root, 'apps/pod.yaml'));
    await client.open(pod, PRIVILEGED_POD.replace(/privileged: true/g, 'privileged: false'));
    expect((await client.waitForDiagnostics(pod, 1)).diagnostics).toEqual([]);
    // Closed again: what is on disk counts again.
    await client.close(pod);
    await client.waitFor('disk diagnostics again', () => client!.published(pod).at(-1)?.diagnostics.length === 2);
    // A file that was clean at the scan, edited and saved with a problem, then closed: its findings show.
    const config = uriOf(path.join(root, 'apps/config.yaml'));
    await client.open(config, CONFIG_MAP);
    fs.writeFileSync(path.join(root, 'apps/config.yaml'), PRIVILEGED_POD);
    await client.close(config);
    await client.waitFor('findings of the saved file', () => client!.published(config).at(-1)?.diagnostics.length === 2);
    // Deleted: cleared.
    fs.rmSync(path.join(root, 'apps/config.yaml'));
    await client.watchedFilesChanged([{ uri: config, type: FileChangeType.Deleted }]);
    await client.waitFor('cleared after deletion', () => client!.published(config).at(-1)?.diagnostics.length === 0);
  });

  it('scans without progress for a client without it', async () => {
    const root = writeWorkspace();
    const capabilities = fullCapabilities();
    delete capabilities.window;
    client = await TestClient.start({ folders: [root], capabilities });
    const result = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.scanWorkspace, arguments: [] });
    expect(result).toMatchObject({ filesChecked: 3 });
    expect(client.progress).toEqual([]);
  });
});
