/** Every code action kind, applied through the client and checked again by the server. */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CodeActionRequest, CodeActionResolveRequest, ExecuteCommandRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { Commands } from '../../shared-rules/src/protocol';
import { bigManifest, INGRESS, PRIVILEGED_POD } from './fixtures';
import { applyWorkspaceEdit, fullCapabilities, keepsComments, parses, ROOT, TestClient } from './harness';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const URI = 'file:///work/pod.yaml';

async function openAndWait(text: string, uri = URI): Promise<Diagnostic[]> {
  await client!.open(uri, text);
  return (await client!.waitForDiagnostics(uri, 1)).diagnostics;
}

async function actionsFor(diagnostic: Diagnostic, uri = URI): Promise<CodeAction[]> {
  return (await client!.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], triggerKind: 1 },
  })) as CodeAction[];
}

/** Applies the action's edit in the client, sends the change, and returns the new text and its diagnostics. */
async function apply(action: CodeAction, uri = URI, options = { keepsComments: true }): Promise<{ text: string; diagnostics: Diagnostic[] }> {
  const before = client!.text(uri);
  const text = await client!.applyEdit(uri, action.edit!);
  expect(text).not.toBe(before);
  expect(parses(text), text).toBe(true);
  if (options.keepsComments) expect(keepsComments(before, text), text).toBe(true);
  const published = await client!.waitForDiagnostics(uri, client!.version(uri));
  return { text, diagnostics: published.diagnostics };
}

describe('quick fixes', () => {
  it('offers, in order: the fix (preferred), ignore line, fix all, ignore resource, documentation', async () => {
    client = await TestClient.start();
    const [first] = await openAndWait(PRIVILEGED_POD);
    const actions = await actionsFor(first!);
    expect(actions.map((a) => [a.title, a.kind, a.isPreferred ?? false])).toEqual([
      ['Set privileged: false', 'quickfix', true],
      ['Ignore pod-privileged for this line', 'quickfix', false],
      ['Fix all pod-privileged problems in this file', 'quickfix', false],
      ['Ignore pod-privileged for this resource', 'quickfix', false],
      ['Show documentation for pod-privileged', 'quickfix', false],
    ]);
    expect(actions[0]!.diagnostics).toEqual([first]);
    // Versioned edits: the client rejects them if the document moved on.
    expect(actions[0]!.edit!.documentChanges![0]).toMatchObject({ textDocument: { uri: URI, version: 1 } });
  });

  it('the fix removes its finding only, keeping comments', async () => {
    client = await TestClient.start();
    const [first] = await openAndWait(PRIVILEGED_POD);
    const fix = (await actionsFor(first!)).find((a) => a.isPreferred)!;
    const { text, diagnostics } = await apply(fix);
    expect(text).toContain('privileged: false # why?');
    expect(diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['pod-privileged', 13]]);
  });

  it('"Ignore for this line" is plain text even for a snippet client: a snippet with a line break is re-indented by VS Code and Neovim', async () => {
    const capabilities = fullCapabilities();
    (capabilities.workspace!.workspaceEdit as Record<string, unknown>).snippetEditSupport = true;
    client = await TestClient.start({ capabilities });
    const [first] = await openAndWait(PRIVILEGED_POD);
    const ignore = (await actionsFor(first!)).find((a) => a.title === 'Ignore pod-privileged for this line')!;
    expect(ignore.edit!.documentChanges![0]).toMatchObject({ edits: [{ newText: '        # kubeward-disable-next-line pod-privileged -- <reason>\n' }] });
    for (const as of ['vscode', 'neovim'] as const) {
      expect(applyWorkspaceEdit(PRIVILEGED_POD, URI, ignore.edit!, as)).toContain(
        '        # kubeward-disable-next-line pod-privileged -- <reason>\n        privileged: true # why?',
      );
    }
    const { diagnostics } = await apply(ignore);
    expect(diagnostics.map((d) => d.range.start.line)).toEqual([14]);
  });

  it('"Ignore for this line" without snippet support inserts plain text', async () => {
    client = await TestClient.start();
    const [first] = await openAndWait(PRIVILEGED_POD);
    const ignore = (await actionsFor(first!)).find((a) => a.title === 'Ignore pod-privileged for this line')!;
    expect(ignore.edit!.documentChanges![0]).toMatchObject({ edits: [{ newText: '        # kubeward-disable-next-line pod-privileged -- <reason>\n' }] });
  });

  it('"Ignore for this resource" adds the ignore annotation: every finding of the rule on it goes', async () => {
    client = await TestClient.start();
    const [first] = await openAndWait(PRIVILEGED_POD);
    const ignore = (await actionsFor(first!)).find((a) => a.title === 'Ignore pod-privileged for this resource')!;
    const { text, diagnostics } = await apply(ignore);
    expect(text).toContain('  name: web # the web pod\n  annotations:\n    ignore.kubeward.io/pod-privileged: "<reason>"\n');
    expect(diagnostics).toEqual([]);
  });

  it('"Fix all" is resolved lazily and fixes every finding of the rule', async () => {
    client = await TestClient.start();
    const [first] = await openAndWait(PRIVILEGED_POD);
    const fixAll = (await actionsFor(first!)).find((a) => a.title.startsWith('Fix all'))!;
    expect(fixAll.edit).toBeUndefined();
    const resolved = await client.connection.sendRequest(CodeActionResolveRequest.type, fixAll);
    const { text, diagnostics } = await apply(resolved);
    expect(text.match(/privileged: false/g)).toHaveLength(2);
    expect(diagnostics).toEqual([]);
  });

  it('"Fix all" comes with its edit for clients that cannot resolve, and is not offered for a single finding', async () => {
    const capabilities = fullCapabilities();
    delete capabilities.textDocument!.codeAction!.resolveSupport;
    client = await TestClient.start({ capabilities });
    const [first] = await openAndWait(PRIVILEGED_POD);
    const fixAll = (await actionsFor(first!)).find((a) => a.title.startsWith('Fix all'))!;
    expect(applyWorkspaceEdit(PRIVILEGED_POD, URI, fixAll.edit!).match(/privileged: false/g)).toHaveLength(2);
    await client.close(URI);
    const single = PRIVILEGED_POD.replace(/privileged: true\n$/, 'privileged: false\n');
    const [only] = await openAndWait(single, 'file:///work/single.yaml');
    const titles = (await actionsFor(only!, 'file:///work/single.yaml')).map((a) => a.title);
    expect(titles.some((t) => t.startsWith('Fix all'))).toBe(false);
  });

  it('"Fix all" is not offered when each fix needs a value only a person can choose', async () => {
    // Both fixes insert a placeholder (`<tag>`): nothing a fix-all could apply without asking.
    client = await TestClient.start();
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: nginx\n    - name: b\n      image: redis:latest\n';
    const diagnostics = await openAndWait(text);
    expect(diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([
      ['image-tag-mutable', 7],
      ['image-tag-mutable', 9],
    ]);
    for (const d of diagnostics) {
      const titles = (await actionsFor(d)).map((a) => a.title);
      expect(titles).toContain('Pin an image tag');
      expect(titles.filter((t) => /^Fix (all|\d+ of)/.test(t))).toEqual([]);
    }
  });

  it('"Fix n of m" says how many findings it fixes when some need a person', async () => {
    // Verb wildcards have a fix; the resource wildcard only a placeholder one.
    client = await TestClient.start();
    const text = [
      'apiVersion: rbac.authorization.k8s.io/v1',
      'kind: ClusterRole',
      'metadata:',
      '  name: r',
      'rules:',
      '  - apiGroups: [""]',
      '    resources: [pods]',
      '    verbs: ["*"]',
      '  - apiGroups: [""]',
      '    resources: [services]',
      '    verbs: ["*"]',
      '  - apiGroups: [""]',
      '    resources: ["*"]',
      '    verbs: [get]',
      '',
    ].join('\n');
    const diagnostics = (await openAndWait(text)).filter((d) => d.code === 'rbac-wildcard');
    expect(diagnostics).toHaveLength(3);
    const fixAll = (await actionsFor(diagnostics[0]!)).find((a) => a.title.startsWith('Fix '))!;
    expect(fixAll.title).toBe('Fix 2 of 3 rbac-wildcard problems in this file');
    const resolved = await client.connection.sendRequest(CodeActionResolveRequest.type, fixAll);
    const { diagnostics: after } = await apply(resolved);
    expect(after.filter((d) => d.code === 'rbac-wildcard').map((d) => d.range.start.line)).toEqual([12]);
  });

  it('"Fix all <rule>" is not offered in a file over 256 KB (knowing what it removes would stall the light bulb)', async () => {
    client = await TestClient.start();
    const text = bigManifest(1800);
    expect(text.length).toBeGreaterThan(256 * 1024);
    const [first] = (await openAndWait(text)).filter((d) => d.code === 'pod-privileged');
    const titles = (await actionsFor(first!)).map((a) => a.title);
    expect(titles).toContain('Set privileged: false');
    expect(titles.filter((t) => t.startsWith('Fix all'))).toEqual([]);
  });

  it('"Show documentation" asks the client to open the shipped page', async () => {
    client = await TestClient.start();
    const [first] = await openAndWait(PRIVILEGED_POD);
    const docs = (await actionsFor(first!)).find((a) => a.title === 'Show documentation for pod-privileged')!;
    expect(docs.command).toEqual({ title: 'Show documentation for pod-privileged', command: Commands.showDocumentation, arguments: ['pod-privileged'] });
    const result = await client.connection.sendRequest(ExecuteCommandRequest.type, docs.command!);
    const page = path.join(ROOT, 'docs', 'rules', 'pod-privileged.md');
    expect(result).toEqual({ uri: expect.stringContaining('/docs/rules/pod-privileged.md'), shown: true });
    expect(client.shown).toEqual([{ uri: expect.stringMatching(/^file:\/\//), takeFocus: true }]);
    expect(decodeURIComponent(new URL(client.shown[0]!.uri).pathname)).toBe(page);
    await expect(
      client.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.showDocumentation, arguments: ['no-such-rule'] }),
    ).rejects.toThrow(/expects a rule id/);
  });

  it('a fix whose edits have no line break sends its placeholder as a snippet tab stop; a multi-line one sends plain text', async () => {
    const capabilities = fullCapabilities();
    (capabilities.workspace!.workspaceEdit as Record<string, unknown>).snippetEditSupport = true;
    client = await TestClient.start({ capabilities, settings: { rules: { 'image-tag-mutable': 'on' } } });
    const deployment = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:latest\n';
    const podUri = 'file:///work/image.yaml';
    const image = (await openAndWait(deployment, podUri)).find((d) => d.code === 'image-tag-mutable');
    expect(image, 'image-tag-mutable reported').toBeDefined();
    const pin = (await actionsFor(image!, podUri)).find((a) => a.edit && !a.title.startsWith('Ignore'))!;
    const edits = (pin.edit!.documentChanges![0] as unknown as { edits: Array<{ snippet?: { value: string } }> }).edits;
    expect(edits).toEqual([expect.objectContaining({ snippet: { kind: 'snippet', value: '${1:nginx:<tag>}' } })]);
    for (const as of ['vscode', 'neovim'] as const)
      expect(applyWorkspaceEdit(deployment, podUri, pin.edit!, as)).toBe(applyWorkspaceEdit(deployment, podUri, pin.edit!));

    const tls = (await openAndWait(INGRESS, 'file:///work/ingress.yaml')).find((d) => d.code === 'ingress-tls-missing');
    const actions = await actionsFor(tls!, 'file:///work/ingress.yaml');
    expect(actions.slice(0, 2).map((a) => [a.title, a.isPreferred ?? false])).toEqual([
      ['Add spec.tls for every host', true],
      ['Add spec.tls and a cert-manager issuer', false],
    ]);
    const issuer = (actions[1]!.edit!.documentChanges![0] as unknown as { edits: Array<{ snippet?: unknown; newText?: string }> }).edits;
    expect(issuer.every((e) => e.snippet === undefined)).toBe(true);
    expect(applyWorkspaceEdit(INGRESS, 'file:///work/ingress.yaml', actions[1]!.edit!, 'vscode')).toBe(
      applyWorkspaceEdit(INGRESS, 'file:///work/ingress.yaml', actions[1]!.edit!),
    );
    const { text, diagnostics } = await apply(actions[1]!, 'file:///work/ingress.yaml');
    expect(text).toContain('cert-manager.io/cluster-issuer: <cluster-issuer>');
    expect(diagnostics.filter((d) => d.code === 'ingress-tls-missing')).toEqual([]);
  });

  it('answers from its own analysis when the client sends no diagnostics', async () => {
    client = await TestClient.start();
    const [first] = await openAndWait(PRIVILEGED_POD);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: URI },
      range: first!.range,
      context: { diagnostics: [] },
    })) as CodeAction[];
    expect(actions[0]).toMatchObject({ title: 'Set privileged: false', isPreferred: true, diagnostics: [expect.objectContaining({ code: 'pod-privileged' })] });
  });

  it('removes an unused suppression', async () => {
    client = await TestClient.start();
    const text = PRIVILEGED_POD.replace(
      '  name: web # the web pod\n',
      '  name: web # the web pod\n  # kubeward-disable-next-line ingress-tls-missing -- not an Ingress\n',
    );
    const diagnostics = await openAndWait(text);
    const unused = diagnostics.find((d) => d.code === 'unused-suppression')!;
    const actions = await actionsFor(unused);
    expect(actions.map((a) => a.title)).toEqual(['Remove the unused suppression', 'Show documentation for unused-suppression']);
    const before = client.text(URI);
    const after = await client.applyEdit(URI, actions[0]!.edit!);
    expect(after).toBe(PRIVILEGED_POD);
    expect(before).not.toBe(after);
    const published = await client.waitForDiagnostics(URI, client.version(URI));
    expect(published.diagnostics.map((d) => d.code)).toEqual(['pod-privileged', 'pod-privileged']);
  });
});

describe('source.fixAll.kubeward', () => {
  it('applies safe fixes only', async () => {
    client = await TestClient.start();
    const text = PRIVILEGED_POD.replace(
      '  name: web # the web pod\n',
      '  name: web # the web pod\n  # kubeward-disable-next-line ingress-tls-missing -- not an Ingress\n',
    );
    await openAndWait(text);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    expect(actions.map((a) => [a.title, a.kind])).toEqual([['Fix all safe Kubeward problems', 'source.fixAll.kubeward']]);
    // The unused suppression (a safe fix) is gone, comment and all; privileged (an unsafe fix) stays.
    const { text: fixed, diagnostics } = await apply(actions[0]!, URI, { keepsComments: false });
    expect(fixed).toBe(PRIVILEGED_POD);
    expect(diagnostics.map((d) => d.code)).toEqual(['pod-privileged', 'pod-privileged']);
    // Nothing safe left: no action.
    const none = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.kubeward'] },
    });
    expect(none).toEqual([]);
  });

  it('is not offered unless asked for', async () => {
    client = await TestClient.start();
    const text = PRIVILEGED_POD.replace(
      '  name: web # the web pod\n',
      '  name: web # the web pod\n  # kubeward-disable-next-line ingress-tls-missing -- not an Ingress\n',
    );
    await openAndWait(text);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    })) as CodeAction[];
    expect(actions.filter((a) => a.kind?.startsWith('source'))).toEqual([]);
  });
});

describe('Add an exception to .kubeward.yaml', () => {
  it('edits the folder configuration with the finding scope; once the reason is written the finding is gone', async () => {
    const fs = await import('node:fs');
    const { tempDir, uriOf } = await import('./harness');
    const root = tempDir();
    fs.mkdirSync(path.join(root, 'apps'));
    fs.writeFileSync(path.join(root, '.kubeward.yaml'), 'profile: baseline\n');
    fs.writeFileSync(path.join(root, 'apps/pod.yaml'), PRIVILEGED_POD);
    client = await TestClient.start({ folders: [root], capabilities: fullCapabilities() });
    const uri = uriOf(path.join(root, 'apps/pod.yaml'));
    const config = uriOf(path.join(root, '.kubeward.yaml'));
    const diagnostics = await openAndWait(PRIVILEGED_POD, uri);
    const web = diagnostics.find((d) => d.code === 'pod-privileged')!;
    const actions = await actionsFor(web, uri);
    const titles = actions.map((a) => a.title);
    // After "Ignore for this resource", before the documentation.
    expect(titles.indexOf('Add an exception to .kubeward.yaml')).toBe(titles.indexOf('Show documentation for pod-privileged') - 1);
    const action = actions.find((a) => a.title === 'Add an exception to .kubeward.yaml')!;
    const text = applyWorkspaceEdit('profile: baseline\n', config, action.edit!);
    expect(text).toBe(
      'profile: baseline\nexceptions:\n  - rule: pod-privileged\n    reason: <reason>\n    objects:\n      - "Pod/web"\n    containers:\n      - "web"\n    paths:\n      - "apps/pod.yaml"\n',
    );
    // The user writes the reason and saves: the web container's finding goes, the sidecar's stays.
    fs.writeFileSync(path.join(root, '.kubeward.yaml'), text.replace('<reason>', 'serves the node metrics'));
    const { FileChangeType } = await import('vscode-languageserver-protocol/node');
    await client.watchedFilesChanged([{ uri: config, type: FileChangeType.Changed }]);
    await client.waitFor(
      'the web finding is excepted',
      () =>
        client!
          .published(uri)
          .at(-1)!
          .diagnostics.filter((d) => d.code === 'pod-privileged').length === 1,
    );
    expect(
      client
        .published(uri)
        .at(-1)!
        .diagnostics.find((d) => d.code === 'pod-privileged')!.range.start.line,
    ).toBe(web.range.start.line + 4);
  });
});
