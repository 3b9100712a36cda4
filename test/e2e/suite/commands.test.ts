import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAll, fileUri, kubewardDiagnostics, openEditor, stub, waitFor, waitForDiagnostic, waitForNoDiagnostic } from './helpers';

suite('Commands', () => {
  const restore: Array<() => void> = [];
  suiteSetup(activate);
  teardown(async () => {
    for (const r of restore.splice(0)) r();
    await vscode.workspace.getConfiguration('kubeward').update('ingress.clusterIssuer', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAll();
  });

  test('Kubeward: Secure this Ingress asks what the change needs (defaults from settings), hardens the Ingress and says what is left to do', async () => {
    await vscode.workspace.getConfiguration('kubeward').update('ingress.clusterIssuer', 'letsencrypt-staging', vscode.ConfigurationTarget.Workspace);
    const editor = await openEditor('manifests/ingress.yaml');
    const uri = editor.document.uri;
    await waitForDiagnostic(uri, 'ingress-tls-missing');
    // cursor inside the Ingress (the second document), not the Service
    const line = editor.document
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('host: web.example.com'));
    editor.selection = new vscode.Selection(line, 8, line, 8);

    const asked: vscode.InputBoxOptions[] = [];
    const answers = ['https://auth.example.com/oauth2/auth', undefined, 'web-example-tls', 'letsencrypt-prod'];
    restore.push(
      stub(vscode.window, 'showInputBox', (async (options?: vscode.InputBoxOptions) => {
        asked.push(options ?? {});
        const answer = answers[asked.length - 1] ?? options?.value ?? '';
        assert.equal(options?.validateInput?.(answer) ?? undefined, undefined, `the prompt accepts ${answer}`);
        return answer;
      }) as typeof vscode.window.showInputBox),
    );
    const errors: string[] = [];
    const infos: string[] = [];
    restore.push(stub(vscode.window, 'showErrorMessage', (async (m: string) => void errors.push(m)) as typeof vscode.window.showErrorMessage));
    restore.push(stub(vscode.window, 'showInformationMessage', (async (m: string) => void infos.push(m)) as typeof vscode.window.showInformationMessage));

    await vscode.commands.executeCommand('kubeward.secureIngress');
    assert.deepEqual(errors, []);
    assert.deepEqual(
      asked.map((o) => o.title),
      [
        'Kubeward: Secure this Ingress (1/3)',
        'Kubeward: Secure this Ingress (2/4)',
        'Kubeward: Secure this Ingress (3/4)',
        'Kubeward: Secure this Ingress (4/4)',
      ],
    );
    assert.match(asked[0]!.prompt ?? '', /auth-url/);
    // oauth2-proxy's sign-in page is offered next to its auth endpoint.
    assert.match(asked[1]!.prompt ?? '', /auth-signin/);
    assert.equal(asked[1]!.value, 'https://auth.example.com/oauth2/start?rd=$escaped_request_uri');
    assert.match(asked[2]!.prompt ?? '', /TLS/);
    assert.match(asked[3]!.prompt ?? '', /ClusterIssuer/);
    assert.equal(asked[3]!.value, 'letsencrypt-staging', 'the issuer question is pre-filled from kubeward.ingress.clusterIssuer');

    const text = await waitFor('the Ingress to be edited', () =>
      editor.document.getText().includes('secretName: web-example-tls') ? editor.document.getText() : undefined,
    );
    assert.match(text, /tls:\s*\n\s*- hosts:\s*\n\s*- web\.example\.com\s*\n\s*secretName: web-example-tls/);
    assert.match(text, /cert-manager\.io\/cluster-issuer: "?letsencrypt-prod"?/);
    assert.match(text, /auth-url: "?https:\/\/auth\.example\.com\/oauth2\/auth"?/);
    assert.match(text, /auth-signin: "?https:\/\/auth\.example\.com\/oauth2\/start\?rd=\$escaped_request_uri"?/);
    assert.ok(text.startsWith('apiVersion: v1\nkind: Service\n'), 'the Service document is untouched');
    // Then it says what changed and what the user must still do.
    const done = await waitFor('the summary', () => infos.find((m) => m.startsWith('Kubeward: secured Ingress "web"')));
    assert.match(done, /Add spec\.tls and a cert-manager issuer/);
    assert.match(done, /Still to do: cert-manager creates the TLS Secret "web-example-tls" through ClusterIssuer "letsencrypt-prod"/);
    await waitForNoDiagnostic(uri, 'ingress-tls-missing');
    // One undo takes the whole command back.
    await vscode.commands.executeCommand('undo');
    await waitFor('undo to restore the Ingress', () => !editor.document.getText().includes('web-example-tls'));
  });

  test('Kubeward: Secure this Ingress says there is no Ingress, or that it is already secure, before asking anything; Escape cancels', async () => {
    let asked = 0;
    const errors: string[] = [];
    const infos: string[] = [];
    restore.push(stub(vscode.window, 'showInputBox', (async () => (++asked, undefined)) as typeof vscode.window.showInputBox));
    restore.push(stub(vscode.window, 'showErrorMessage', (async (m: string) => void errors.push(m)) as typeof vscode.window.showErrorMessage));
    restore.push(stub(vscode.window, 'showInformationMessage', (async (m: string) => void infos.push(m)) as typeof vscode.window.showInformationMessage));

    await openEditor('manifests/pod.yaml');
    await vscode.commands.executeCommand('kubeward.secureIngress');
    assert.equal(asked, 0);
    assert.deepEqual(errors, ['Kubeward: There is no Ingress in this file.']);

    // Escape on the first question: no further question, no error, no edit.
    const editor = await openEditor('manifests/ingress.yaml');
    const before = editor.document.getText();
    editor.selection = new vscode.Selection(14, 4, 14, 4);
    await vscode.commands.executeCommand('kubeward.secureIngress');
    assert.equal(asked, 1);
    assert.equal(errors.length, 1);
    assert.equal(editor.document.getText(), before);

    // An Ingress with TLS and auth: nothing to ask.
    const secured = before.replace(
      '  name: web\nspec:\n  ingressClassName',
      '  name: web\n  annotations:\n    nginx.ingress.kubernetes.io/auth-url: https://auth.example.com/oauth2/auth\nspec:\n  tls:\n    - hosts:\n        - web.example.com\n      secretName: web-tls\n  ingressClassName',
    );
    await editor.edit((b) => b.replace(new vscode.Range(editor.document.positionAt(0), editor.document.positionAt(before.length)), secured));
    await waitForNoDiagnostic(editor.document.uri, 'ingress-tls-missing');
    await vscode.commands.executeCommand('kubeward.secureIngress');
    assert.equal(asked, 1);
    assert.deepEqual(infos, ['Kubeward: Ingress "web" is already as secure as Kubeward can make it.']);
    await vscode.commands.executeCommand('undo');
  });

  test('Kubeward: Scan workspace puts findings of files never opened in Problems', async () => {
    const uri = fileUri('scan-only/daemonset.yaml');
    assert.equal(
      vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()),
      false,
      'the scanned file is not open',
    );
    const result = await vscode.commands.executeCommand<{ filesChecked: number; findings: number; cancelled: boolean }>('kubeward.scanWorkspace');
    assert.ok(result, 'the command returns the scan summary');
    assert.equal(result.cancelled, false);
    assert.ok(result.filesChecked >= 5, `filesChecked ${result.filesChecked}`);
    assert.ok(result.findings >= 1, `findings ${result.findings}`);
    const d = await waitFor('the scanned file in Problems', () => kubewardDiagnostics(uri, 'pod-privileged')[0]);
    assert.equal(d.range.start.line, 18);
    // the CI workflow in the same workspace is still silent
    assert.deepEqual(kubewardDiagnostics(fileUri('ci/workflow.yaml')), []);
  });

  test('Kubeward: Show rule documentation picks a rule and opens its page in the Markdown preview', async () => {
    let offered: string[] = [];
    restore.push(
      stub(vscode.window, 'showQuickPick', (async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) => {
        const list = await items;
        offered = list.map((i) => i.label);
        return list.find((i) => i.label === 'ingress-tls-missing');
      }) as unknown as typeof vscode.window.showQuickPick),
    );
    const picked = await vscode.commands.executeCommand<{ id: string; uri: vscode.Uri }>('kubeward.showRuleDocumentation');
    assert.ok(offered.includes('pod-privileged') && offered.includes('ingress-tls-missing'), `offered: ${offered.join(', ')}`);
    assert.equal(picked?.id, 'ingress-tls-missing');
    const tab = await waitFor('the Markdown preview tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label.includes('ingress-tls-missing')),
    );
    assert.match(tab.label, /Preview/);
  });
});
