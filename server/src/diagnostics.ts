/**
 * Findings become LSP diagnostics here, and only here: `source: "kubeward"`,
 * `code: <rule id>`, a link to the rule's page, `Deprecated` for removed APIs,
 * `Unnecessary` for unused suppressions, and `data: {ruleId, messageId}` so
 * code actions key off the rule, never the message text.
 */
import { DiagnosticSeverity, DiagnosticTag, type Connection, type Diagnostic, type Range } from 'vscode-languageserver/node';
import { ruleDocsUrl, type Finding, type LineIndex, type Severity } from '../../shared-rules/src/index';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from '../../shared-rules/src/protocol';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Where a rule's documentation opens: set by the server to the page it ships (works offline); the web page until then. */
let docsLink: (ruleId: string) => string = ruleDocsUrl;

/** The page of each rule (Problems' code link, hovers): the shipped file when there is one. */
export function setDocsLink(link: (ruleId: string) => string): void {
  docsLink = link;
}

export function ruleDocsLink(ruleId: string): string {
  return docsLink(ruleId);
}

export function toRange(lines: LineIndex, start: number, end: number): Range {
  return { start: lines.positionAt(start), end: lines.positionAt(end) };
}

export function toDiagnostic(finding: Finding, lines: LineIndex): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId };
  if (finding.messageId) data.messageId = finding.messageId;
  const diagnostic: Diagnostic = {
    range: toRange(lines, finding.start, finding.end),
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    codeDescription: { href: docsLink(finding.ruleId) },
    message: finding.message,
    data,
  };
  const tags: DiagnosticTag[] = [];
  if (finding.deprecated) tags.push(DiagnosticTag.Deprecated);
  if (finding.ruleId === 'unused-suppression') tags.push(DiagnosticTag.Unnecessary);
  if (tags.length > 0) diagnostic.tags = tags;
  return diagnostic;
}

export function toDiagnostics(findings: readonly Finding[], lines: LineIndex): Diagnostic[] {
  return findings.map((f) => toDiagnostic(f, lines));
}

/** The rule id of one of our diagnostics (from `data`, else `code`), or undefined for anyone else's. */
export function ruleIdOf(diagnostic: Diagnostic): string | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (data && typeof data.ruleId === 'string') return data.ruleId;
  return typeof diagnostic.code === 'string' ? diagnostic.code : undefined;
}

/**
 * Sends diagnostics. Open documents: pushed per version (push mode) or
 * answered to `textDocument/diagnostic` (pull mode, see documents.ts). Files
 * that are not open (scanned files, configuration files): always pushed, and
 * remembered so they can be cleared.
 */
export class Publisher {
  private readonly closed = new Set<string>();
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: Connection,
    readonly pullMode: boolean,
  ) {}

  /** Diagnostics of an open document at `version` (push mode only). */
  open(uri: string, version: number, diagnostics: Diagnostic[]): void {
    if (this.pullMode) return;
    this.closed.delete(uri);
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
  }

  /** Diagnostics of a file that is not open in the client. */
  file(uri: string, diagnostics: Diagnostic[]): void {
    if (diagnostics.length === 0 && !this.closed.has(uri)) return;
    if (diagnostics.length > 0) this.closed.add(uri);
    else this.closed.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics });
  }

  /** The file is open now: in pull mode its pushed diagnostics must go (pulls take over). */
  opened(uri: string): void {
    if (this.closed.has(uri) && this.pullMode) {
      this.closed.delete(uri);
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }

  /** A document closed: clear what was pushed for it (push mode; pull clients clear their own). */
  cleared(uri: string): void {
    this.closed.delete(uri);
    if (!this.pullMode) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  hasPushed(uri: string): boolean {
    return this.closed.has(uri);
  }

  /** Pull mode: results changed without an edit (settings, other files): ask the client to pull again. */
  refresh(): void {
    if (!this.pullMode || this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.connection.languages.diagnostics.refresh().catch(() => undefined);
    }, 10);
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
  }
}
