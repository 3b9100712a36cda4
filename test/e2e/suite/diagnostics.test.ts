import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import * as vscode from 'vscode';
import { activate, closeAll, codeOf, fileUri, kubewardDiagnostics, openEditor, stub, waitFor, waitForDiagnostic } from './helpers';

suite('Diagnostics', () => {
  suiteSetup(activate);
  teardown(closeAll);

  test('a privileged pod gets a kubeward diagnostic with the rule id as code, on the exact value', async () => {
    const editor = await openEditor('manifests/pod.yaml');
    const d = await waitForDiagnostic(editor.document.uri, 'pod-privileged');
    assert.equal(d.source, 'kubeward');
    assert.equal(codeOf(d), 'pod-privileged');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    // `        privileged: true` on line 10 (0-based 9): the value `true`, not the key.
    assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], [9, 20, 9, 24]);
    assert.equal(editor.document.getText(d.range), 'true');
    assert.match(d.message, /agent/, 'the message names the container');
    const target = typeof d.code === 'object' ? d.code.target : undefined;
    assert.ok(target, 'codeDescription links to the rule documentation');
    assert.match(target.toString(), /pod-privileged/);
    // The page shipped with the extension: it exists, and opens offline.
    assert.equal(target.scheme, 'file');
    assert.ok(fs.existsSync(target.fsPath), `${target.fsPath} exists`);
  });

  test('the language status item is fed by kubeward/status', async () => {
    const api = await activate();
    await openEditor('manifests/pod.yaml');
    const status = await waitFor('a kubeward/status notification', () => api.status());
    assert.ok(status.rulesActive > 0, `rulesActive ${status.rulesActive}`);
    assert.ok(status.filesChecked >= 1, `filesChecked ${status.filesChecked}`);
    assert.equal(status.ruleErrors, 0);
    assert.ok(['baseline', 'restricted'].includes(status.profile), `profile ${status.profile}`);
    // The item shows next to manifests only: the server names them.
    await openEditor('ci/workflow.yaml');
    const withCi = await waitFor('the status after the CI workflow', () => {
      const s = api.status();
      return s?.manifests?.some((u) => u.endsWith('/manifests/pod.yaml')) ? s : undefined;
    });
    assert.equal(
      withCi.manifests!.some((u) => u.endsWith('/ci/workflow.yaml')),
      false,
      JSON.stringify(withCi.manifests),
    );
  });

  test('YAML that is not a Kubernetes manifest gets no finding', async () => {
    const editor = await openEditor('ci/workflow.yaml');
    // Let the server answer for a manifest opened after it, so silence here is not just slowness.
    await openEditor('manifests/pod.yaml');
    await waitForDiagnostic(fileUri('manifests/pod.yaml'), 'pod-privileged');
    assert.deepEqual(kubewardDiagnostics(editor.document.uri), []);
  });

  test('typing a new container key by key: no syntax error flashes and the other finding stays; a half-typed key shows its error once typing pauses', async () => {
    const editor = await openEditor('manifests/pod.yaml');
    const uri = editor.document.uri;
    await waitForDiagnostic(uri, 'pod-privileged');
    // Every set of diagnostics VS Code holds for the file while the keys are typed.
    const states: string[][] = [];
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) states.push(kubewardDiagnostics(uri).map(codeOf));
    });
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const typeLine = async (line: string) => {
      // A new empty line at the end of the file, then the line typed as a person types it (the `type` command is the keyboard's).
      const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
      if (editor.document.lineAt(editor.document.lineCount - 1).text !== '') await editor.edit((b) => b.insert(end, '\n'));
      const at = editor.document.lineAt(editor.document.lineCount - 1).range.end;
      editor.selection = new vscode.Selection(at, at);
      for (const ch of line) {
        await vscode.commands.executeCommand('type', { text: ch });
        await sleep(30);
      }
      await editor.edit((b) => b.insert(editor.document.lineAt(editor.document.lineCount - 1).range.end, '\n'));
    };
    try {
      for (const line of ['    - name: sidecar', '      image: busybox:1.36', '      securityContext:', '        runAsNonRoot: true']) await typeLine(line);
      await sleep(300);
      assert.ok(states.length > 0, 'diagnostics changed while typing');
      const flashed = states.filter((codes) => codes.includes('yaml-syntax') || !codes.includes('pod-privileged'));
      assert.deepEqual(flashed, [], `while typing, every state keeps pod-privileged and shows no syntax error: ${JSON.stringify(states)}`);
      assert.ok(
        editor.document.getText().endsWith('    - name: sidecar\n      image: busybox:1.36\n      securityContext:\n        runAsNonRoot: true\n'),
        editor.document.getText(),
      );
      // A key left half typed: after the pause its syntax error appears, on its line, next to the finding.
      const t0 = Date.now();
      const half = editor.document.lineCount - 1;
      await editor.edit((b) => b.insert(new vscode.Position(half, 0), '      securi'));
      const error = await waitForDiagnostic(uri, 'yaml-syntax');
      assert.ok(Date.now() - t0 >= 500, `the syntax error waited for the pause (${Date.now() - t0} ms)`);
      assert.equal(error.range.start.line, half);
      assert.equal(kubewardDiagnostics(uri, 'pod-privileged').length, 1, 'the finding the edit cannot have changed stays');
    } finally {
      sub.dispose();
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  test('hovers: what to do, why and a link that opens the page; a Secret value is revealed only by its link', async () => {
    const editor = await openEditor('manifests/pod.yaml');
    const d = await waitForDiagnostic(editor.document.uri, 'pod-privileged');
    const [hover] = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, d.range.start);
    const text = (hover?.contents ?? []).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    assert.match(text, /^\*\*What to do:\*\* /);
    assert.match(text, /\*\*Why:\*\* /);
    assert.ok(!text.includes(d.message), 'the message is not repeated');
    assert.match(text, /\(command:kubeward\.showRuleDocumentation\?/);

    const secret = await openEditor('manifests/secret.yaml');
    const line = secret.document
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('password:'));
    const [onValue] = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', secret.document.uri, new vscode.Position(line, 16));
    const shown = (onValue?.contents ?? []).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    assert.match(shown, /decodes to readable text/);
    assert.ok(!shown.includes('s3cr3t'), 'the decoded value is not in the hover');
    const link = /\(command:kubeward\.revealSecretValue\?([^)]+)\)/.exec(shown);
    assert.ok(link, shown);
    const dialogs: Array<{ message: string; detail?: string }> = [];
    const restore = stub(vscode.window, 'showInformationMessage', (async (message: string, options?: vscode.MessageOptions) => {
      dialogs.push({ message, detail: options?.detail });
      return undefined;
    }) as typeof vscode.window.showInformationMessage);
    try {
      await vscode.commands.executeCommand('kubeward.revealSecretValue', ...(JSON.parse(decodeURIComponent(link[1]!)) as unknown[]));
    } finally {
      restore();
    }
    assert.deepEqual(dialogs, [{ message: 'Secret "db", key "password", decoded:', detail: 's3cr3t-password' }]);
  });

  test('typing a fix in the editor clears the finding (onType)', async () => {
    const editor = await openEditor('manifests/severity.yaml');
    const d = await waitForDiagnostic(editor.document.uri, 'pod-privileged');
    await editor.edit((b) => b.replace(d.range, 'false'));
    await waitFor('the pod-privileged diagnostic to go after typing', () => kubewardDiagnostics(editor.document.uri, 'pod-privileged').length === 0);
    await editor.edit((b) => b.replace(new vscode.Range(d.range.start, d.range.start.translate(0, 5)), 'true'));
    await waitForDiagnostic(editor.document.uri, 'pod-privileged');
  });
});
