import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, applyCodeAction, closeAll, codeActions, codeOf, openEditor, waitFor, waitForDiagnostic, waitForNoDiagnostic } from './helpers';

suite('Code actions', () => {
  suiteSetup(activate);
  teardown(closeAll);

  test('the quick fix edits only the value and removes the finding', async () => {
    const editor = await openEditor('manifests/quickfix.yaml');
    const uri = editor.document.uri;
    const before = editor.document.getText();
    const d = await waitForDiagnostic(uri, 'pod-privileged');
    const actions = await codeActions(uri, d.range);
    const fix = actions.find((a) => a.kind?.value === 'quickfix' && a.title === 'Set privileged: false');
    assert.ok(fix, `no "Set privileged: false" quick fix among: ${actions.map((a) => a.title).join(' | ')}`);
    await applyCodeAction(fix);
    assert.equal(editor.document.getText(), before.replace('privileged: true', 'privileged: false'));
    await waitForNoDiagnostic(uri, 'pod-privileged');
  });

  test('"Show documentation for <rule>" opens the shipped rule page in the Markdown preview', async () => {
    const editor = await openEditor('manifests/pod.yaml');
    const uri = editor.document.uri;
    const d = await waitForDiagnostic(uri, 'pod-privileged');
    const actions = await codeActions(uri, d.range);
    const docs = actions.find((a) => /documentation/i.test(a.title) && a.title.includes('pod-privileged'));
    assert.ok(docs, `no "Show documentation for pod-privileged" among: ${actions.map((a) => a.title).join(' | ')}`);
    await applyCodeAction(docs);
    const tab = await waitFor('the rule page in the Markdown preview', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label.includes('pod-privileged')),
    );
    assert.match(tab.label, /Preview/);
  });

  test('"Ignore <rule> for this line" inserts a disable-next-line comment and silences the finding', async () => {
    const editor = await openEditor('manifests/suppress.yaml');
    const uri = editor.document.uri;
    const d = await waitForDiagnostic(uri, 'pod-privileged');
    const actions = await codeActions(uri, d.range);
    const ignore = actions.find((a) => /ignore/i.test(a.title) && a.title.includes('pod-privileged') && /line/i.test(a.title));
    assert.ok(ignore, `no "Ignore pod-privileged for this line" among: ${actions.map((a) => a.title).join(' | ')}`);
    await applyCodeAction(ignore);
    const lines = editor.document.getText().split(/\r?\n/);
    const at = lines.findIndex((l) => l.includes('privileged: true'));
    assert.match(
      lines[at - 1] ?? '',
      /^ {8}# kubeward-disable-next-line pod-privileged -- \S/,
      `the comment goes right above, at the same indentation, with a reason: ${JSON.stringify(lines[at - 1])}`,
    );
    await waitForNoDiagnostic(uri, 'pod-privileged');
    // and no unused-suppression: the comment matches the finding it silences
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(
      vscode.languages
        .getDiagnostics(uri)
        .filter((x) => x.source === 'kubeward')
        .map(codeOf),
      [],
    );
  });
});
