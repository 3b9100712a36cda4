/** Settings and `.kubeward.yaml`: overrides, changes, malformed files, workspace trust, ignore, Kustomize. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiagnosticSeverity, FileChangeType } from 'vscode-languageserver-protocol/node';
import { INGRESS, PRIVILEGED_POD } from './fixtures';
import { tempDir, TestClient, uriOf } from './harness';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

function workspace(files: Record<string, string>): string {
  const root = tempDir();
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

const severities = (p: { diagnostics: Array<{ severity?: number }> }) => p.diagnostics.map((d) => d.severity);

describe('editor settings', () => {
  it('kubeward.rules overrides a severity, and a change re-checks open documents', async () => {
    client = await TestClient.start({ settings: { rules: { 'pod-privileged': 'warning' } } });
    const uri = 'file:///work/pod.yaml';
    await client.open(uri, PRIVILEGED_POD);
    expect(severities(await client.waitForDiagnostics(uri, 1))).toEqual([DiagnosticSeverity.Warning, DiagnosticSeverity.Warning]);
    expect(client.configurationRequests).toContainEqual({ scopeUri: uri, section: 'kubeward' });
    const before = client.published(uri).length;
    await client.changeConfiguration({ rules: { 'pod-*': 'hint' } });
    const after = await client.waitFor('re-published diagnostics', () => client!.published(uri).length > before && client!.published(uri).at(-1));
    expect(severities(after)).toEqual([DiagnosticSeverity.Hint, DiagnosticSeverity.Hint]);
    expect(after.version).toBe(1);
    await client.changeConfiguration({ rules: { 'pod-privileged': 'off' } });
    await client.waitFor('no diagnostics', () => client!.published(uri).at(-1)!.diagnostics.length === 0);
  });

  it('profile reaches the engine (status reports it)', async () => {
    client = await TestClient.start({ settings: { profile: 'restricted' } });
    const uri = 'file:///work/pod.yaml';
    await client.open(uri, PRIVILEGED_POD);
    await client.waitForDiagnostics(uri, 1);
    await client.waitFor('restricted status', () => client!.statuses.find((s) => s.profile === 'restricted'));
    await client.changeConfiguration({ profile: 'baseline' });
    await client.waitFor('baseline status', () => client!.statuses.at(-1)?.profile === 'baseline');
  });

  it('maxFileSize skips larger files with one informational diagnostic', async () => {
    client = await TestClient.start({ settings: { maxFileSize: 100 } });
    const uri = 'file:///work/pod.yaml';
    await client.open(uri, PRIVILEGED_POD);
    const published = await client.waitForDiagnostics(uri, 1);
    expect(published.diagnostics.map((d) => [d.code, d.severity])).toEqual([['analysis-skipped', DiagnosticSeverity.Information]]);
    expect(published.diagnostics[0]!.message).toContain('(maxFileSize)');
  });

  it('settings pushed with didChangeConfiguration apply for a client without workspace/configuration', async () => {
    client = await TestClient.start({ capabilities: {} });
    const uri = 'file:///work/pod.yaml';
    await client.open(uri, PRIVILEGED_POD);
    expect(severities(await client.waitForDiagnostics(uri, 1))).toEqual([DiagnosticSeverity.Error, DiagnosticSeverity.Error]);
    await client.changeConfiguration({ rules: { 'pod-privileged': 'info' } });
    await client.waitFor('info severity', () => severities(client!.published(uri).at(-1)!)[0] === DiagnosticSeverity.Information);
  });
});

describe('.kubeward.yaml', () => {
  it('applies under the settings, which win; a change on disk re-checks open documents', async () => {
    const root = workspace({ '.kubeward.yaml': 'rules:\n  pod-privileged: "off"\n', 'apps/pod.yaml': PRIVILEGED_POD });
    client = await TestClient.start({ folders: [root] });
    const uri = uriOf(path.join(root, 'apps/pod.yaml'));
    await client.open(uri, PRIVILEGED_POD);
    expect((await client.waitForDiagnostics(uri, 1)).diagnostics).toEqual([]);
    fs.writeFileSync(path.join(root, '.kubeward.yaml'), 'rules:\n  pod-privileged: info\n');
    await client.watchedFilesChanged([{ uri: uriOf(path.join(root, '.kubeward.yaml')), type: FileChangeType.Changed }]);
    await client.waitFor(
      'info diagnostics',
      () => severities(client!.published(uri).at(-1)!).join() === `${DiagnosticSeverity.Information},${DiagnosticSeverity.Information}`,
    );
    // The editor setting wins over the file.
    await client.changeConfiguration({ rules: { 'pod-privileged': 'error' } });
    await client.waitFor('error diagnostics', () => severities(client!.published(uri).at(-1)!)[0] === DiagnosticSeverity.Error);
  });

  it('a malformed file gets config-invalid diagnostics on itself, and analysis goes on with the defaults', async () => {
    const root = workspace({ '.kubeward.yaml': 'profile: strict\nrules:\n  pod-privilegd: warning\n' });
    client = await TestClient.start({ folders: [root] });
    const uri = uriOf(path.join(root, 'pod.yaml'));
    const config = uriOf(path.join(root, '.kubeward.yaml'));
    await client.open(uri, PRIVILEGED_POD);
    expect((await client.waitForDiagnostics(uri, 1)).diagnostics).toHaveLength(2);
    const problems = await client.waitForDiagnostics(config);
    expect(problems.diagnostics.map((d) => [d.code, d.range.start.line, d.message])).toEqual([
      ['config-invalid', 0, expect.stringContaining('profile must be "baseline" or "restricted"')],
      ['config-invalid', 2, expect.stringContaining('did you mean "pod-privileged"')],
    ]);
    // Fixed on disk: its diagnostics are cleared.
    fs.writeFileSync(path.join(root, '.kubeward.yaml'), 'profile: restricted\n');
    await client.watchedFilesChanged([{ uri: config, type: FileChangeType.Changed }]);
    await client.waitFor('cleared config diagnostics', () => client!.published(config).at(-1)!.diagnostics.length === 0);
  });

  it('open in the editor, the configuration file is checked as it is typed', async () => {
    const root = workspace({ '.kubeward.yaml': 'profile: baseline\n' });
    client = await TestClient.start({ folders: [root] });
    const config = uriOf(path.join(root, '.kubeward.yaml'));
    await client.open(config, 'profile: baseline\n');
    expect((await client.waitForDiagnostics(config, 1)).diagnostics).toEqual([]);
    const version = await client.replace(config, 'profile: baseline\nrules:\n  pod-privileged: loud\n');
    const published = await client.waitForDiagnostics(config, version);
    expect(published.diagnostics.map((d) => d.code)).toEqual(['config-invalid']);
  });

  it('is ignored entirely in an untrusted workspace, until trust is granted', async () => {
    const root = workspace({ '.kubeward.yaml': 'rules:\n  pod-privileged: "off"\n  unknown-rule: warning\n' });
    client = await TestClient.start({ folders: [root], initializationOptions: { workspaceTrusted: false } });
    const uri = uriOf(path.join(root, 'pod.yaml'));
    const config = uriOf(path.join(root, '.kubeward.yaml'));
    await client.open(uri, PRIVILEGED_POD);
    expect((await client.waitForDiagnostics(uri, 1)).diagnostics).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 100));
    expect(client.published(config)).toEqual([]);
    await client.connection.sendNotification('kubeward/workspaceTrusted');
    await client.waitFor('the file applies', () => client!.published(uri).at(-1)!.diagnostics.length === 0);
    expect((await client.waitForDiagnostics(config)).diagnostics.map((d) => d.code)).toEqual(['config-invalid']);
  });

  it('ignore globs silence matching files; a Kustomize patch gets no missing-field findings', async () => {
    const root = workspace({
      '.kubeward.yaml': 'ignore: ["generated/**"]\n',
      'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\npatches:\n  - path: ingress-patch.yaml\n',
    });
    client = await TestClient.start({ folders: [root] });
    const ignored = uriOf(path.join(root, 'generated/pod.yaml'));
    await client.open(ignored, PRIVILEGED_POD);
    expect((await client.waitForDiagnostics(ignored, 1)).diagnostics).toEqual([]);
    const patch = uriOf(path.join(root, 'overlays/prod/ingress-patch.yaml'));
    await client.open(patch, INGRESS);
    // Only findings on values present in the patch remain (the nginx retirement advisory).
    expect((await client.waitForDiagnostics(patch, 1)).diagnostics.map((d) => d.code)).toEqual(['ingress-nginx-retired']);
    const plain = uriOf(path.join(root, 'overlays/prod/ingress.yaml'));
    await client.open(plain, INGRESS);
    // The same Ingress outside the patch list gets its missing-field findings.
    expect((await client.waitForDiagnostics(plain, 1)).diagnostics.map((d) => d.code)).toEqual(
      expect.arrayContaining(['ingress-tls-missing', 'ingress-public-no-auth']),
    );
  });
});

describe('kubeward.baseline', () => {
  it('shows findings recorded in the baseline at the chosen severity, new ones as they are', async () => {
    const pod = PRIVILEGED_POD;
    const root = workspace({ 'k8s/pod.yaml': pod });
    // The CLI writes the baseline; the editor reads it.
    const { kubeward } = await import('../cli/helpers');
    expect(kubeward(['scan', 'k8s', '--write-baseline', 'kubeward-baseline.json'], { cwd: root }).code).toBe(0);
    client = await TestClient.start({ folders: [root], settings: { baseline: { file: 'kubeward-baseline.json', severity: 'hint' } } });
    const uri = uriOf(path.join(root, 'k8s/pod.yaml'));
    // Reformatted, with a new privileged container: only the new one keeps its severity.
    const edited = `# moved down\n${pod}`.replace(
      /(\n\s+privileged: true\n?)$/,
      '$1    - name: debug\n      image: busybox:1.36\n      securityContext:\n        privileged: true\n',
    );
    await client.open(uri, edited);
    const published = await client.waitForDiagnostics(uri, 1);
    const privileged = published.diagnostics.filter((d) => d.code === 'pod-privileged').map((d) => [d.range.start.line, d.severity]);
    expect(privileged).toHaveLength(3);
    expect(privileged.filter(([, s]) => s === DiagnosticSeverity.Hint)).toHaveLength(2);
    expect(privileged.filter(([, s]) => s === DiagnosticSeverity.Error)).toHaveLength(1);
    expect(privileged.find(([, s]) => s === DiagnosticSeverity.Error)![0]).toBeGreaterThan(privileged.find(([, s]) => s === DiagnosticSeverity.Hint)![0]!);
    await client.changeConfiguration({ baseline: { file: 'kubeward-baseline.json', severity: 'hide' } });
    await client.waitFor(
      'baselined hidden',
      () =>
        client!
          .published(uri)
          .at(-1)!
          .diagnostics.filter((d) => d.code === 'pod-privileged').length === 1,
    );
    // Without the setting every finding has its own severity.
    await client.changeConfiguration({ baseline: { file: '', severity: 'hint' } });
    await client.waitFor(
      'no baseline',
      () =>
        client!
          .published(uri)
          .at(-1)!
          .diagnostics.filter((d) => d.code === 'pod-privileged' && d.severity === DiagnosticSeverity.Error).length === 3,
    );
  });
});

describe('.kubeward.yaml exceptions in the editor', () => {
  it('apply with their scopes (paths relative to the file, containers)', async () => {
    const config = 'exceptions:\n  - rule: pod-privileged\n    reason: the web server needs it\n    paths: [apps/**]\n    containers: [web]\n';
    const root = workspace({ '.kubeward.yaml': config, 'apps/pod.yaml': PRIVILEGED_POD, 'other/pod.yaml': PRIVILEGED_POD });
    client = await TestClient.start({ folders: [root] });
    const inApps = uriOf(path.join(root, 'apps/pod.yaml'));
    const elsewhere = uriOf(path.join(root, 'other/pod.yaml'));
    await client.open(inApps, PRIVILEGED_POD);
    await client.open(elsewhere, PRIVILEGED_POD);
    const lines = (p: { diagnostics: Array<{ code?: unknown; range: { start: { line: number } } }> }) =>
      p.diagnostics.filter((d) => d.code === 'pod-privileged').map((d) => d.range.start.line);
    expect(lines(await client.waitForDiagnostics(inApps, 1))).toEqual([13]);
    expect(lines(await client.waitForDiagnostics(elsewhere, 1))).toEqual([9, 13]);
  });
});

describe('completion in .kubeward.yaml', () => {
  it('offers rule ids after rule: and setting names at the top level; nothing in manifests', async () => {
    const { CompletionRequest } = await import('vscode-languageserver-protocol/node');
    const root = workspace({});
    client = await TestClient.start({ folders: [root] });
    const config = uriOf(path.join(root, '.kubeward.yaml'));
    const text = 'profile: baseline\nexceptions:\n  - rule: \n';
    await client.open(config, text);
    const items = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: config },
      position: { line: 2, character: 10 },
    })) as Array<{ label: string; detail?: string }>;
    expect(items.find((i) => i.label === 'pod-privileged')?.detail).toBe('Container runs privileged');
    const top = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: config }, position: { line: 3, character: 0 } })) as Array<{
      label: string;
    }>;
    expect(top.map((i) => i.label)).toContain('enforce');
    const pod = uriOf(path.join(root, 'pod.yaml'));
    await client.open(pod, PRIVILEGED_POD);
    expect(await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: pod }, position: { line: 0, character: 0 } })).toEqual([]);
  });
});
