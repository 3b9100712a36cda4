/**
 * The commands of the command palette ("Kubeward: …"). The client only gathers
 * what the server cannot know and forwards the command to the server with
 * `workspace/executeCommand`; the server does the work and applies the edit.
 */
import * as vscode from 'vscode';
import type { WorkspaceEdit } from 'vscode-languageclient/node';
import {
  Commands,
  type MigrateIngressArgs,
  type RevealedSecretValue,
  type ScanWorkspaceResult,
  type SecureIngressArgs,
  type SecureIngressPlan,
} from '../../shared-rules/src/protocol';
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
    // Also run by the code action on ingress-nginx-retired, with its {uri, position}.
    vscode.commands.registerCommand(Commands.migrateIngress, (args?: MigrateIngressArgs) => migrateIngress(host, args)),
    vscode.commands.registerCommand(Commands.scanWorkspace, () => scanWorkspace(host)),
    vscode.commands.registerCommand(SHOW_RULE_DOCUMENTATION, (ruleId?: unknown) => showRuleDocumentation(host, ruleId)),
    vscode.commands.registerCommand('kubeward.showOutput', () => host.status.showOutput()),
    vscode.commands.registerCommand(Commands.revealSecretValue, (arg?: unknown) => revealSecretValue(host, arg)),
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

/** oauth2-proxy's sign-in page next to its auth endpoint (`…/oauth2/auth` → `…/oauth2/start?rd=…`); empty for other proxies. */
export function signInUrlFor(authUrl: string): string {
  const m = /^(https?:\/\/[^?#]*\/oauth2)\/auth\/?$/.exec(authUrl.trim());
  return m ? `${m[1]}/start?rd=$escaped_request_uri` : '';
}

/**
 * "Secure this Ingress": first asks the server what the change would be (a dry run), so that
 * "no Ingress here" and "already secure" are said before any question; then asks only what the
 * change uses (the auth URL, and oauth2-proxy's sign-in URL, when it adds authentication; the TLS
 * Secret and the cert-manager issuer when it adds TLS), pre-filled from `kubeward.ingress.*`
 * (Escape cancels; empty leaves the choice to the configuration); lets the server edit the
 * Ingress in one undoable edit; and says what changed and what is left to do.
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
  let k: KubewardClient;
  let base: SecureIngressArgs;
  let plan: SecureIngressPlan;
  try {
    k = await host.client();
    base = { uri: k.asUri(document.uri), position: k.asPosition(editor.selection.active) };
    plan = await k.executeServerCommand<SecureIngressPlan>(Commands.secureIngress, { args: [{ ...base, dryRun: true }] });
  } catch (e) {
    void vscode.window.showErrorMessage(`Kubeward: ${errorMessage(e)}`);
    return undefined;
  }
  const name = plan.ingressName ? `Ingress "${plan.ingressName}"` : 'This Ingress';
  if (plan.alreadySecure) {
    const left = plan.remaining.length > 0 ? ` What is left needs a change by hand: ${plan.remaining.join(', ')}.` : '';
    void vscode.window.showInformationMessage(`Kubeward: ${name} is already as secure as Kubeward can make it.${left}`);
    return undefined;
  }

  const questions: Array<{
    key: 'authUrl' | 'authSignin' | 'tlsSecretName' | 'clusterIssuer';
    options: (answers: Record<string, string>) => vscode.InputBoxOptions | undefined;
  }> = [];
  if (plan.questions.includes('authUrl')) {
    questions.push({
      key: 'authUrl',
      options: () => ({
        prompt: 'External authentication URL (nginx.ingress.kubernetes.io/auth-url), e.g. your oauth2-proxy. Empty: basic auth.',
        placeHolder: 'https://auth.example.com/oauth2/auth',
        value: settings.get<string>('authUrl', ''),
        validateInput: (v) => (v.trim() === '' || /^https?:\/\/\S+$/.test(v.trim()) ? undefined : 'An http:// or https:// URL, or empty for basic auth'),
      }),
    });
    questions.push({
      key: 'authSignin',
      // Asked only with an external auth URL: where the proxy sends visitors who are not signed in.
      options: (answers) =>
        answers.authUrl
          ? {
              prompt: 'Sign-in page for visitors who are not signed in (nginx.ingress.kubernetes.io/auth-signin). Empty: none (they get a 401).',
              placeHolder: 'https://auth.example.com/oauth2/start?rd=$escaped_request_uri',
              value: signInUrlFor(answers.authUrl),
              validateInput: (v) => (v.trim() === '' || /^https?:\/\/\S+$/.test(v.trim()) ? undefined : 'An http:// or https:// URL, or empty'),
            }
          : undefined,
    });
  }
  if (plan.questions.includes('tlsSecretName')) {
    questions.push({
      key: 'tlsSecretName',
      options: () => ({
        prompt: 'Secret that holds the TLS certificate. {name} is the Ingress name. Empty: <ingress name>-tls.',
        placeHolder: '{name}-tls',
        value: settings.get<string>('tlsSecretName', ''),
        validateInput: (v) =>
          v.trim() === '' || DNS_SUBDOMAIN.test(v.trim().replace(/\{name\}/g, 'x')) ? undefined : 'A Secret name: lowercase letters, digits, "-" and "."',
      }),
    });
  }
  if (plan.questions.includes('clusterIssuer')) {
    questions.push({
      key: 'clusterIssuer',
      options: () => ({
        prompt: 'cert-manager ClusterIssuer that issues the certificate (cert-manager.io/cluster-issuer). Empty: none.',
        placeHolder: 'letsencrypt-prod',
        value: settings.get<string>('clusterIssuer', ''),
        validateInput: (v) => (v.trim() === '' || DNS_SUBDOMAIN.test(v.trim()) ? undefined : 'A ClusterIssuer name: lowercase letters, digits, "-" and "."'),
      }),
    });
  }
  const answers: Record<string, string> = {};
  let asked = 0;
  for (const [i, q] of questions.entries()) {
    const options = q.options(answers);
    if (!options) continue;
    asked++;
    // The questions still to come with the answers so far (the sign-in page follows an auth URL).
    const total = asked + questions.slice(i + 1).filter((later) => later.options(answers)).length;
    const answer = await vscode.window.showInputBox({ ...options, title: `${title} (${asked}/${total})`, ignoreFocusOut: true });
    if (answer === undefined) return undefined;
    if (answer.trim()) answers[q.key] = answer.trim();
  }

  try {
    const args: SecureIngressArgs = { ...base, ...answers };
    // What these answers change and leave to do, then the edit itself.
    const report = await k.executeServerCommand<SecureIngressPlan>(Commands.secureIngress, { args: [{ ...args, dryRun: true }] });
    const edit = await k.executeServerCommand<WorkspaceEdit | null>(Commands.secureIngress, { args: [args] });
    if (!edit || isEmptyEdit(edit)) {
      void vscode.window.showInformationMessage(`Kubeward: ${name} is already as secure as Kubeward can make it.`);
      return edit ?? undefined;
    }
    host.status.log(`Secure this Ingress: ${name}\n  changed: ${report.changes.join('; ')}${report.todo.map((t) => `\n  to do: ${t}`).join('')}`);
    const changed = `Kubeward: secured ${name}: ${report.changes.join('; ')}.`;
    const todo = report.todo.length > 0 ? ` Still to do: ${report.todo.join(' ')}` : '';
    void vscode.window.showInformationMessage(`${changed}${todo}`, ...(report.todo.length > 0 ? ['Show in output'] : [])).then((choice) => {
      if (choice) host.status.showOutput();
    });
    return edit;
  } catch (e) {
    void vscode.window.showErrorMessage(`Kubeward: ${errorMessage(e)}`);
    return undefined;
  }
}

/**
 * "Migrate this Ingress to Gateway API": the server converts the Ingress under
 * the cursor, asks which Gateway when several fit, and inserts the new objects
 * after the Ingress (kept until traffic has moved).
 */
async function migrateIngress(host: CommandHost, args?: MigrateIngressArgs): Promise<WorkspaceEdit | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!args && !isManifestEditor(editor)) {
    void vscode.window.showErrorMessage('Kubeward: open the YAML file of an Ingress and put the cursor in it first.');
    return undefined;
  }
  try {
    const k = await host.client();
    const params: MigrateIngressArgs = args ?? { uri: k.asUri(editor!.document.uri), position: k.asPosition(editor!.selection.active) };
    const edit = await k.executeServerCommand<WorkspaceEdit | null>(Commands.migrateIngress, { args: [params] });
    if (edit && !isEmptyEdit(edit)) {
      void vscode.window.showInformationMessage(
        'Kubeward: the Gateway API objects follow the Ingress; the comment above them lists what is left to do. Delete the Ingress once traffic has moved.',
      );
    }
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

/** The hover's "Reveal the value" link: the decoded Secret value, in a dialog that goes away when dismissed. */
async function revealSecretValue(host: CommandHost, arg: unknown): Promise<RevealedSecretValue | undefined> {
  try {
    const k = await host.client();
    const value = await k.executeServerCommand<RevealedSecretValue>(Commands.revealSecretValue, { args: [arg] });
    const what = value.text !== undefined ? value.text : value.binary ? '(binary data)' : '(not valid base64)';
    void vscode.window.showInformationMessage(`Secret "${value.secret}", key "${value.key}", decoded:`, { modal: true, detail: what });
    return value;
  } catch (e) {
    void vscode.window.showErrorMessage(`Kubeward: ${errorMessage(e)}`);
    return undefined;
  }
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
      // Problems does not list hints: say how many there are, so that the counts agree.
      const hints = result.hints ? `, ${result.hints} ${result.hints === 1 ? 'hint' : 'hints'}` : '';
      const findings = `${result.findings} ${result.findings === 1 ? 'finding' : 'findings'}${hints}`;
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
