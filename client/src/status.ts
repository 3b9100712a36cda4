/**
 * The `{}` language status item next to "YAML" in the status bar: how many rules
 * are active, how many files were checked, and whether a rule failed in the
 * server. Fed by the server's `kubeward/status` notification.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { StatusParams } from '../../shared-rules/src/protocol';

export class KubewardStatus implements vscode.Disposable {
  readonly item: vscode.LanguageStatusItem;
  /** The last status the server sent (tests and the UI read it). */
  last: StatusParams | undefined;

  private client: LanguageClient | undefined;

  constructor(selector: vscode.DocumentSelector) {
    this.item = vscode.languages.createLanguageStatusItem('kubeward.status', selector);
    this.item.name = 'Kubeward';
    this.item.text = '$(shield) Kubeward';
    this.item.accessibilityInformation = { label: 'Kubeward, starting' };
    this.item.detail = 'starting';
    this.item.busy = true;
  }

  attach(client: LanguageClient): void {
    this.client = client;
  }

  update(params: StatusParams): void {
    this.last = params;
    // Only next to Kubernetes YAML: the manifests the server found among the open documents.
    // A glob of the file's own path (glob characters in it match as `?`).
    if (params.manifests) {
      this.item.selector = params.manifests.map((u) => {
        const uri = vscode.Uri.parse(u);
        return { scheme: uri.scheme, pattern: uri.fsPath.replace(/[[\]{}*?]/g, '?') };
      });
    }
    const rules = `${params.rulesActive} ${params.rulesActive === 1 ? 'rule' : 'rules'}`;
    const files = `${params.filesChecked} ${params.filesChecked === 1 ? 'file' : 'files'} checked`;
    this.item.busy = false;
    if (params.ruleErrors > 0) {
      this.item.severity = vscode.LanguageStatusSeverity.Error;
      this.item.text = `$(error) Kubeward: ${params.ruleErrors} rule ${params.ruleErrors === 1 ? 'error' : 'errors'}`;
      this.item.accessibilityInformation = { label: `Kubeward: ${params.ruleErrors} rule ${params.ruleErrors === 1 ? 'error' : 'errors'}` };
      this.item.detail = `${rules} (${params.profile}), ${files}; a rule failed: see the output`;
      this.item.command = { title: 'Show output', command: 'kubeward.showOutput' };
    } else {
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      this.item.text = `$(shield) Kubeward: ${rules}`;
      this.item.detail = `${params.profile} profile, ${files}`;
      this.item.accessibilityInformation = { label: `Kubeward: ${rules}, ${params.profile} profile, ${files}` };
      this.item.command = { title: 'Scan workspace', command: 'kubeward.scanWorkspace' };
    }
  }

  failed(message: string): void {
    this.item.busy = false;
    this.item.severity = vscode.LanguageStatusSeverity.Error;
    this.item.text = '$(error) Kubeward';
    this.item.detail = `the language server could not start: ${message}`;
    this.item.command = { title: 'Show output', command: 'kubeward.showOutput' };
  }

  stopped(): void {
    this.item.busy = false;
    this.item.severity = vscode.LanguageStatusSeverity.Warning;
    this.item.text = '$(debug-disconnect) Kubeward';
    this.item.detail = 'the language server stopped';
    this.item.command = { title: 'Show output', command: 'kubeward.showOutput' };
  }

  showOutput(): void {
    this.client?.outputChannel.show(true);
  }

  /** A line in the Kubeward output channel. */
  log(message: string): void {
    this.client?.outputChannel.appendLine(`[${new Date().toISOString().slice(11, 23)}] ${message}`);
  }

  dispose(): void {
    this.item.dispose();
  }
}
