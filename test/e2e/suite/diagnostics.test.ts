import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAll, codeOf, fileUri, kubewardDiagnostics, openEditor, waitFor, waitForDiagnostic } from './helpers';

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
  });

  test('the language status item is fed by kubeward/status', async () => {
    const api = await activate();
    await openEditor('manifests/pod.yaml');
    const status = await waitFor('a kubeward/status notification', () => api.status());
    assert.ok(status.rulesActive > 0, `rulesActive ${status.rulesActive}`);
    assert.ok(status.filesChecked >= 1, `filesChecked ${status.filesChecked}`);
    assert.equal(status.ruleErrors, 0);
    assert.ok(['baseline', 'restricted'].includes(status.profile), `profile ${status.profile}`);
  });

  test('YAML that is not a Kubernetes manifest gets no finding', async () => {
    const editor = await openEditor('ci/workflow.yaml');
    // Let the server answer for a manifest opened after it, so silence here is not just slowness.
    await openEditor('manifests/pod.yaml');
    await waitForDiagnostic(fileUri('manifests/pod.yaml'), 'pod-privileged');
    assert.deepEqual(kubewardDiagnostics(editor.document.uri), []);
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
