/**
 * The commands of the command palette ("Kubeward: …"). The client only gathers
 * what the server cannot know and forwards the command to the server with
 * `workspace/executeCommand`; the server does the work and applies the edit.
 */
import * as vscode from 'vscode';
import type { WorkspaceEdit } from 'vscode-languageclient/node';
import { Commands, type ScanWorkspaceResult, type SecureIngressArgs } from '../../shared-rules/src/protocol';
import { SHOW_RULE_DOCUMENTATION } from './command-ids';
import type { KubewardClient } from './client';
import type { KubewardStatus } from './status';
import { listRuleDocs, type RuleDoc } from './rule-docs';

/** What the commands need: registered at activation, they wait for the language client when they must. */
export interface CommandHost {
  readonly context: vscode.ExtensionContext;
  readonly status: KubewardStatus;
  client(): Promise<KubewardClient>;
}

export function registerCommands(host: CommandHost): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(Commands.secureIngress, () => secureIngress(host)),
    vscode.commands.registerCommand(Commands.scanWorkspace, () => scanWorkspace(host)),
    vscode.commands.registerCommand(SHOW_RULE_DOCUMENTATION, (ruleId?: unknown) => showRuleDocumentation(host, ruleId)),
    vscode.commands.registerCommand('kubeward.showOutput', () => host.status.showOutput()),
  ];
}

/** Message of a failed request: the server's own words when it sent some. */
function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

function isManifestEditor(editor: vscode.TextEditor | undefined): editor is vscode.TextEditor {
  return !!editor && vscode.languages.match(k8sSelector, editor.document) > 0;
}
const k8sSelector: vscode.DocumentSelector = [{ language: 'yaml' }, { language: 'helm' }, { pattern: '**/templates/**/*.{yaml,yml}' }];

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/**
 * "Secure this Ingress": asks for the external auth URL, the TLS secret name and
 * the cert-manager ClusterIssuer (pre-filled from `kubeward.ingress.*`; Escape
 * cancels, an empty answer leaves the choice to the server's configuration),
 * then lets the server edit the Ingress under the cursor.
 */
async function secureIngress(host: CommandHost): Promise<WorkspaceEdit | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!isManifestEditor(editor)) {
    void vscode.window.showErrorMessage('Kubeward: open the YAML file of an Ingress and put the cursor in it first.');
    return undefined;
  }
  const document = editor.document;
  const settings = vscode.workspace.getConfiguration('kubeward.ingress', document.uri);
  const title = 'Kubeward: Secure this Ingress';

  const authUrl = await vscode.window.showInputBox({
    title: `${title} (1/3)`,
    prompt: 'External authentication URL (nginx.ingress.kubernetes.io/auth-url), e.g. your oauth2-proxy. Empty: basic auth.',
    placeHolder: 'https://auth.example.com/oauth2/auth',
    value: settings.get<string>('authUrl', ''),
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' || /^https?:\/\/\S+$/.test(v.trim()) ? undefined : 'An http:// or https:// URL, or empty for basic auth'),
  });
  if (authUrl === undefined) return undefined;

  const tlsSecretName = await vscode.window.showInputBox({
    title: `${title} (2/3)`,
    prompt: 'Secret that holds the TLS certificate. {name} is the Ingress name. Empty: <ingress name>-tls.',
    placeHolder: '{name}-tls',
    value: settings.get<string>('tlsSecretName', ''),
    ignoreFocusOut: true,
    validateInput: (v) =>
      v.trim() === '' || DNS_SUBDOMAIN.test(v.trim().replace(/\{name\}/g, 'x')) ? undefined : 'A Secret name: lowercase letters, digits, "-" and "."',
  });
  if (tlsSecretName === undefined) return undefined;

  const clusterIssuer = await vscode.window.showInputBox({
    title: `${title} (3/3)`,
    prompt: 'cert-manager ClusterIssuer that issues the certificate (cert-manager.io/cluster-issuer). Empty: none.',
    placeHolder: 'letsencrypt-prod',
    value: settings.get<string>('clusterIssuer', ''),
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' || DNS_SUBDOMAIN.test(v.trim()) ? undefined : 'A ClusterIssuer name: lowercase letters, digits, "-" and "."'),
  });
  if (clusterIssuer === undefined) return undefined;

  try {
    const k = await host.client();
    const params: SecureIngressArgs = {
      uri: k.asUri(document.uri),
      position: k.asPosition(editor.selection.active),
      ...(authUrl.trim() ? { authUrl: authUrl.trim() } : {}),
      ...(tlsSecretName.trim() ? { tlsSecretName: tlsSecretName.trim() } : {}),
      ...(clusterIssuer.trim() ? { clusterIssuer: clusterIssuer.trim() } : {}),
    };
    const edit = await k.executeServerCommand<WorkspaceEdit | null>(Commands.secureIngress, { args: [params] });
    if (!edit || isEmptyEdit(edit)) void vscode.window.showInformationMessage('Kubeward: this Ingress is already as secure as Kubeward can make it.');
    return edit ?? undefined;
  } catch (e) {
    void vscode.window.showErrorMessage(`Kubeward: ${errorMessage(e)}`);
    return undefined;
  }
}

function isEmptyEdit(edit: WorkspaceEdit): boolean {
  const changes = Object.values(edit.changes ?? {}).reduce((n, edits) => n + edits.length, 0);
  const docChanges = (edit.documentChanges ?? []).reduce((n, c) => n + ('edits' in c ? c.edits.length : 1), 0);
  return changes + docChanges === 0;
}

/** "Scan workspace": the server analyses every manifest in the workspace and publishes the findings to Problems. */
async function scanWorkspace(host: CommandHost): Promise<ScanWorkspaceResult | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage('Kubeward: open a folder to scan its manifests.');
    return undefined;
  }
  let k: KubewardClient | undefined;
  try {
    k = await host.client();
    const client = k;
    // A cancellable notification; the server's work-done reports (files scanned) on our token show in it.
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Kubeward: scanning the workspace', cancellable: true },
      async (progress, token) => {
        const workDoneToken = `kubeward-scan-${Date.now()}`;
        let reported = 0;
        const sub = client.onWorkDoneProgress(workDoneToken, (value) => {
          const increment = value.percentage !== undefined ? Math.max(0, value.percentage - reported) : undefined;
          if (value.percentage !== undefined) reported = value.percentage;
          progress.report({ message: value.message, increment });
        });
        try {
          return await client.executeServerCommand<ScanWorkspaceResult | null>(Commands.scanWorkspace, { workDoneToken, token });
        } finally {
          sub.dispose();
        }
      },
    );
    if (result) {
      const files = `${result.filesChecked} manifest ${result.filesChecked === 1 ? 'file' : 'files'}`;
      const findings = `${result.findings} ${result.findings === 1 ? 'finding' : 'findings'}`;
      void vscode.window.setStatusBarMessage(`Kubeward: ${result.cancelled ? 'scan cancelled after' : 'scanned'} ${files}, ${findings} (see Problems)`, 10_000);
    }
    return result ?? undefined;
  } catch (e) {
    if (k?.isCancellation(e)) return undefined; // the user cancelled
    void vscode.window.showErrorMessage(`Kubeward: the workspace scan failed: ${errorMessage(e)}`);
    return undefined;
  }
}

/** "Show rule documentation": a quick pick of the rules, then the rule's page in the Markdown preview. */
async function showRuleDocumentation(host: CommandHost, ruleId?: unknown): Promise<RuleDoc | undefined> {
  const docs = await listRuleDocs(vscode.Uri.joinPath(host.context.extensionUri, 'docs', 'rules'));
  let pick: RuleDoc | undefined = typeof ruleId === 'string' ? docs.find((d) => d.id === ruleId) : undefined;
  if (!pick) {
    const atCursor = rulesAtCursor();
    const items = [...docs].sort((a, b) => Number(atCursor.has(b.id)) - Number(atCursor.has(a.id)));
    const chosen = await vscode.window.showQuickPick(
      items.map((d) => ({
        label: d.id,
        description: d.title,
        detail: [atCursor.has(d.id) ? 'at the cursor' : '', d.area, d.severity && `default ${d.severity}`].filter(Boolean).join(' · '),
        doc: d,
      })),
      { title: 'Kubeward: Show rule documentation', placeHolder: 'Rule id or what it catches', matchOnDescription: true, matchOnDetail: true },
    );
    pick = chosen?.doc;
  }
  if (!pick) return undefined;
  await vscode.commands.executeCommand('markdown.showPreview', pick.uri);
  return pick;
}

function rulesAtCursor(): Set<string> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return new Set();
  const at = editor.selection.active;
  return new Set(
    vscode.languages
      .getDiagnostics(editor.document.uri)
      .filter((d) => d.source === 'kubeward' && d.range.contains(at))
      .map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code))),
  );
}
