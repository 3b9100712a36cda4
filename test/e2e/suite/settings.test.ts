import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAll, kubewardDiagnostics, openEditor, waitFor, waitForDiagnostic } from './helpers';

suite('Settings', () => {
  suiteSetup(activate);
  teardown(async () => {
    await vscode.workspace.getConfiguration('kubeward').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAll();
  });

  test('kubeward.rules changes a severity (exact id, then glob), turns a rule off, and back', async () => {
    const editor = await openEditor('manifests/severity.yaml');
    const uri = editor.document.uri;
    const severity = () => kubewardDiagnostics(uri, 'pod-privileged')[0]?.severity;
    assert.equal((await waitForDiagnostic(uri, 'pod-privileged')).severity, vscode.DiagnosticSeverity.Error);

    const config = () => vscode.workspace.getConfiguration('kubeward', uri);
    await config().update('rules', { 'pod-privileged': 'warning' }, vscode.ConfigurationTarget.Workspace);
    await waitFor('pod-privileged to become a warning', () => severity() === vscode.DiagnosticSeverity.Warning);

    await config().update('rules', { 'pod-*': 'info' }, vscode.ConfigurationTarget.Workspace);
    await waitFor('pod-* to make it information', () => severity() === vscode.DiagnosticSeverity.Information);

    await config().update('rules', { 'pod-privileged': 'off' }, vscode.ConfigurationTarget.Workspace);
    await waitFor('pod-privileged to be off', () => kubewardDiagnostics(uri, 'pod-privileged').length === 0);

    await config().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor('the default severity to come back', () => severity() === vscode.DiagnosticSeverity.Error);
    assert.equal(config().get('rules') && Object.keys(config().get('rules') as object).length, 0);
  });
});
