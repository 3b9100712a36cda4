/**
 * Code actions, in vscode-eslint's order for each rule under the cursor:
 * its fixes (the preferred one marked), "Ignore <rule> for this line",
 * "Fix all <rule> problems in this file", "Ignore <rule> for this resource",
 * "Add an exception to .kubeward.yaml" (when the folder has one),
 * "Show documentation for <rule>"; and `source.fixAll.kubeward` (safe fixes
 * only, several passes) when the client asks for it, as on save.
 *
 * Fixes are computed on demand, only for the documents under the cursor
 * (`withFixes` + `range`): analyses for diagnostics never build them.
 */
import {
  CodeActionKind,
  type CancellationToken,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type Command,
  type SnippetTextEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import fs from 'node:fs';
import path from 'node:path';
import {
  addExceptionFix,
  annotationSuppressionFix,
  applyFixes,
  disableNextLineEdit,
  FileAnalyzer,
  LineIndex,
  minimalEdit,
  REASON_PLACEHOLDER,
  suppressionWays,
  withFileObjects,
  type AnalyzeOptions,
  type Edit,
  type Finding,
  type ObjectSummary,
  type Rule,
} from '../../shared-rules/src/index';
import { Commands, FIX_ALL_CODE_ACTION_KIND } from '../../shared-rules/src/protocol';
import type { ClientFeatures } from './capabilities';
import { ruleIdOf, toDiagnostic, toRange } from './diagnostics';
import type { Documents } from './documents';
import type { DocumentSettings, Settings } from './settings';
import { pathToUri, uriToPath } from './uri';

/**
 * Above this size (UTF-16 units), "Fix all <rule>" is not offered: knowing
 * what it would remove takes two analyses of the whole file with fixes, too
 * slow for a light bulb (`source.fixAll.kubeward` and the CLI still fix).
 */
const FIX_ALL_RULE_LIMIT = 256 * 1024;

export interface CodeActionsHost {
  documents: Documents;
  settings: Settings;
  features: ClientFeatures;
  rulesById: ReadonlyMap<string, Rule>;
}

interface FixAllPlan {
  edits: Edit[];
  /** Findings of the rule the edits remove. */
  removed: number;
  /** Findings of the rule in the file. */
  total: number;
}

interface FixAllData {
  kind: 'kubeward.fixAllRule';
  uri: string;
  version: number;
  ruleId: string;
}

/** True when an action of `kind` answers a request restricted to `only`. */
function wanted(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return !kind.startsWith('source');
  return only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

/** Snippet text with the placeholders as tab stops (`${1:<your-cidr>}`), the rest escaped. */
export function snippetOf(text: string, placeholders: readonly string[], firstStop = 1): string {
  const escape = (s: string) => s.replace(/[\\$}]/g, '\\$&');
  let out = escape(text);
  let stop = firstStop;
  for (const p of new Set(placeholders)) {
    const e = escape(p);
    const at = out.indexOf(e);
    if (at === -1) continue;
    out = `${out.slice(0, at)}\${${stop++}:${e}}${out.slice(at + e.length)}`;
  }
  return out;
}

export class CodeActions {
  /** Per open document: its last version's analysis with fixes and "Fix all" plans (one document at a time is enough). */
  private readonly plans = new Map<string, { version: number; text: string; findings: readonly Finding[] | undefined; byRule: Map<string, FixAllPlan> }>();

  constructor(private readonly host: CodeActionsHost) {}

  async provide(params: CodeActionParams, token: CancellationToken): Promise<Array<CodeAction | Command>> {
    const uri = params.textDocument.uri;
    if (!this.host.documents.get(uri)) return [];
    const settings = await this.host.settings.forDocument(uri);
    const doc = this.host.documents.get(uri);
    if (!doc || !settings.enable || settings.ignored || token.isCancellationRequested) return [];
    const text = doc.getText();
    const lines = new LineIndex(text);
    const options = this.host.documents.analyzeOptions(uri, settings);
    const only = params.context.only;
    const actions: CodeAction[] = [];

    if (wanted(only, CodeActionKind.QuickFix)) actions.push(...this.quickFixes(params, doc, text, lines, options, settings));
    if (wanted(only, FIX_ALL_CODE_ACTION_KIND) && !token.isCancellationRequested) {
      const fixAll = this.fixAllSafe(doc, text, lines, options);
      if (fixAll) actions.push(fixAll);
    }
    if (this.host.features.codeActionLiterals) return actions;
    // Clients without code action literals get commands that apply the same edits.
    return actions.map((a) => (a.command && !a.edit ? a.command : { title: a.title, command: Commands.applyFix, arguments: [a.edit ?? {}] }));
  }

  private quickFixes(
    params: CodeActionParams,
    doc: TextDocument,
    text: string,
    lines: LineIndex,
    options: AnalyzeOptions,
    settings: DocumentSettings,
  ): CodeAction[] {
    const uri = doc.uri;
    // Our diagnostics under the cursor; clients that send none get ours from the last analysis.
    let diagnostics = params.context.diagnostics.filter((d) => ruleIdOf(d) !== undefined);
    if (diagnostics.length === 0) {
      const current = this.host.documents.current(uri);
      const from = lines.offsetAt(params.range.start);
      const to = lines.offsetAt(params.range.end);
      diagnostics = (current?.findings ?? []).filter((f) => f.start <= to && f.end >= from).map((f) => toDiagnostic(f, lines));
    }
    if (diagnostics.length === 0) return [];
    const targets = diagnostics.map((diagnostic) => ({
      diagnostic,
      ruleId: ruleIdOf(diagnostic)!,
      start: lines.offsetAt(diagnostic.range.start),
      end: lines.offsetAt(diagnostic.range.end),
    }));

    // Fixes for just the documents under these diagnostics (unused suppressions are only known for the whole file).
    const needsWholeFile = targets.some((t) => t.ruleId === 'unused-suppression');
    const range: [number, number] = [Math.min(...targets.map((t) => t.start)), Math.max(...targets.map((t) => t.end))];
    const fixable = targets.some((t) => (this.host.rulesById.get(t.ruleId)?.meta.fix.availability ?? 'none') !== 'none' || t.ruleId === 'unused-suppression');
    const findings = fixable ? new FileAnalyzer().analyze(text, { ...options, withFixes: true, range: needsWholeFile ? undefined : range }).findings : [];

    const byRule = new Map<string, typeof targets>();
    for (const t of targets) {
      const list = byRule.get(t.ruleId);
      if (list) list.push(t);
      else byRule.set(t.ruleId, [t]);
    }
    const fileFindings = this.host.documents.current(uri)?.findings;
    const actions: CodeAction[] = [];
    for (const [ruleId, group] of byRule) {
      // 1. The fixes of each finding.
      for (const t of group) {
        const finding = findings.find((f) => f.ruleId === ruleId && f.start === t.start && f.end === t.end);
        for (const fix of finding?.fixes ?? []) {
          const action: CodeAction = {
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [t.diagnostic],
            edit: this.workspaceEdit(doc, lines, fix.edits, fix.placeholders),
          };
          if (fix.preferred) action.isPreferred = true;
          actions.push(action);
        }
      }
      // The retired controller's hint on an Ingress: move it to Gateway API (the server does it, see commands.ts).
      if (ruleId === 'ingress-nginx-retired') {
        const t = group.find((g) => (g.diagnostic.data as { messageId?: string } | undefined)?.messageId === 'ingress');
        if (t) {
          const title = 'Migrate this Ingress to Gateway API';
          actions.push({
            title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [t.diagnostic],
            command: { title, command: Commands.migrateIngress, arguments: [{ uri, position: t.diagnostic.range.start }] },
          });
        }
      }
      // How the engine lets this rule be silenced (some engine rules by design not at all, or not by annotation).
      const ways = suppressionWays(ruleId);
      // 2. Ignore for this line.
      if (ways.comment) {
        const seenLines = new Set<number>();
        for (const t of group) {
          const line = lines.positionAt(t.start).line;
          if (seenLines.has(line)) continue;
          seenLines.add(line);
          const edit = disableNextLineEdit(text, t.start, ruleId, REASON_PLACEHOLDER, lines);
          actions.push({
            title: `Ignore ${ruleId} for this line`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [t.diagnostic],
            edit: this.workspaceEdit(doc, lines, [edit], edit.text.includes(REASON_PLACEHOLDER) ? [REASON_PLACEHOLDER] : undefined),
          });
        }
      }
      // 3. Fix all of this rule, when the file has more than one fixable finding of it.
      const meta = this.host.rulesById.get(ruleId)?.meta;
      const sameRule = (fileFindings ?? []).filter((f) => f.ruleId === ruleId).length;
      if (meta && meta.fix.availability !== 'none' && sameRule > 1) {
        const action = this.fixAllRule(doc, text, lines, options, ruleId);
        if (action) actions.push(action);
      }
      // 4. Ignore for this resource.
      if (ways.annotation) {
        const seen = new Set<string>();
        for (const t of group) {
          const fix = annotationSuppressionFix(text, t.start, ruleId);
          if (!fix) continue;
          const key = JSON.stringify(fix.edits);
          if (seen.has(key)) continue;
          seen.add(key);
          actions.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [t.diagnostic],
            edit: this.workspaceEdit(doc, lines, fix.edits, fix.placeholders),
          });
        }
      }
      // 4b. A reviewed exception in .kubeward.yaml, scoped to this object and container.
      if ((ways.comment || ways.annotation) && settings.configFile) {
        for (const t of group) {
          const finding = fileFindings?.find((f) => f.ruleId === ruleId && f.start === t.start && f.end === t.end);
          const action = finding && this.addException(doc.uri, finding, settings.configFile, t.diagnostic);
          if (action) {
            actions.push(action);
            break;
          }
        }
      }
      // 5. Documentation.
      const title = `Show documentation for ${ruleId}`;
      actions.push({ title, kind: CodeActionKind.QuickFix, command: { title, command: Commands.showDocumentation, arguments: [ruleId] } });
    }
    return actions;
  }

  /** "Add an exception to .kubeward.yaml": an edit of the configuration file (open or on disk). */
  private addException(uri: string, finding: Finding, configFile: string, diagnostic: Diagnostic): CodeAction | undefined {
    const configUri = pathToUri(configFile);
    const open = this.host.documents.get(configUri);
    let configText: string;
    try {
      configText = open ? open.getText() : fs.readFileSync(configFile, 'utf8');
    } catch {
      return undefined;
    }
    const file = uriToPath(uri);
    const relative = file ? path.relative(path.dirname(configFile), file).split(path.sep).join('/') : undefined;
    const fix = addExceptionFix(configText, finding, relative && !relative.startsWith('..') ? relative : undefined);
    if (!fix) return undefined;
    const edit = toWorkspaceEdit(this.host.features, configUri, open ? open.version : null, new LineIndex(configText), fix.edits, fix.placeholders);
    return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit };
  }

  /**
   * "Fix all <rule> problems in this file": the preferred fix of each finding
   * of the rule (placeholder fixes excepted: a person must choose those
   * values), pass after pass, as one edit. Offered only when it removes at
   * least two findings; the title says how many when some stay.
   */
  private fixAllRule(doc: TextDocument, text: string, lines: LineIndex, options: AnalyzeOptions, ruleId: string): CodeAction | undefined {
    if (text.length > FIX_ALL_RULE_LIMIT) return undefined;
    const plan = this.fixAllPlan(doc, text, options, ruleId);
    if (plan.removed < 2) return undefined;
    const title =
      plan.removed >= plan.total ? `Fix all ${ruleId} problems in this file` : `Fix ${plan.removed} of ${plan.total} ${ruleId} problems in this file`;
    const action: CodeAction = { title, kind: CodeActionKind.QuickFix };
    if (this.host.features.codeActionResolveEdit) {
      const data: FixAllData = { kind: 'kubeward.fixAllRule', uri: doc.uri, version: doc.version, ruleId };
      action.data = data;
      return action;
    }
    action.edit = this.workspaceEdit(doc, lines, plan.edits);
    return action;
  }

  /** The edits of "Fix all <rule>" and how many of the rule's findings they remove, once per document version. */
  private fixAllPlan(doc: TextDocument, text: string, options: AnalyzeOptions, ruleId: string): FixAllPlan {
    let cached = this.plans.get(doc.uri);
    if (!cached || cached.version !== doc.version || cached.text !== text) {
      cached = { version: doc.version, text, findings: undefined, byRule: new Map() };
      this.plans.clear();
      this.plans.set(doc.uri, cached);
    }
    const known = cached.byRule.get(ruleId);
    if (known) return known;
    const state = cached;
    const file = options.file ?? doc.uri;
    const base = options.workspace;
    // Later passes: the cross-document rules see this file as rewritten, the other files as they are.
    const workspace = base && typeof base !== 'function' ? (summaries: readonly ObjectSummary[]) => withFileObjects(base, file, summaries) : undefined;
    const analyse = (current: string) => new FileAnalyzer().analyze(current, { ...options, workspace, withFixes: true }).findings;
    let last: { text: string; findings: readonly Finding[] } | undefined;
    const fixed = applyFixes(
      text,
      (current) => {
        const findings = current === text ? (state.findings ??= new FileAnalyzer().analyze(text, { ...options, withFixes: true }).findings) : analyse(current);
        last = { text: current, findings };
        return findings;
      },
      { applicability: 'unsafe', ruleIds: new Set([ruleId]) },
    );
    const total = (state.findings ?? []).filter((f) => f.ruleId === ruleId).length;
    if (fixed.text === text) {
      const none: FixAllPlan = { edits: [], removed: 0, total };
      cached.byRule.set(ruleId, none);
      return none;
    }
    // The loop normally stops on an analysis of the final text (nothing left to fix), not after its last pass.
    const after = last?.text === fixed.text ? last.findings : analyse(fixed.text);
    const plan: FixAllPlan = { edits: minimalEdit(text, fixed.text), removed: total - after.filter((f) => f.ruleId === ruleId).length, total };
    cached.byRule.set(ruleId, plan);
    return plan;
  }

  /** `codeAction/resolve`: fills in the edit of "Fix all <rule>" for the document as it is now. */
  async resolve(action: CodeAction): Promise<CodeAction> {
    const data = action.data as Partial<FixAllData> | undefined;
    if (data?.kind !== 'kubeward.fixAllRule' || typeof data.uri !== 'string' || typeof data.ruleId !== 'string') return action;
    const settings = await this.host.settings.forDocument(data.uri);
    const doc = this.host.documents.get(data.uri);
    // The document changed since the action was offered: offer nothing rather than edits for another text.
    if (!doc || doc.version !== data.version) return action;
    const text = doc.getText();
    const plan = this.fixAllPlan(doc, text, this.host.documents.analyzeOptions(data.uri, settings), data.ruleId);
    if (plan.edits.length > 0) action.edit = this.workspaceEdit(doc, new LineIndex(text), plan.edits);
    return action;
  }

  /** `source.fixAll.kubeward`: every safe fix, pass after pass, as one minimal edit. */
  private fixAllSafe(doc: TextDocument, text: string, lines: LineIndex, options: AnalyzeOptions): CodeAction | undefined {
    if (text.length === 0) return undefined;
    let pass = 0;
    const fixed = applyFixes(
      text,
      (current) => {
        // Cross-document summaries hold offsets of the original text: only the first pass may use them.
        const passOptions = pass++ === 0 ? options : { ...options, workspace: undefined };
        return new FileAnalyzer().analyze(current, { ...passOptions, withFixes: true }).findings;
      },
      { applicability: 'safe' },
    );
    if (fixed.applied === 0 || fixed.text === text) return undefined;
    return {
      title: 'Fix all safe Kubeward problems',
      kind: FIX_ALL_CODE_ACTION_KIND,
      diagnostics: [],
      edit: this.workspaceEdit(doc, lines, minimalEdit(text, fixed.text)),
    };
  }

  /** A versioned edit when the client supports it; placeholders as snippet tab stops when it can select them (single-line edits only). */
  private workspaceEdit(doc: TextDocument, lines: LineIndex, edits: readonly Edit[], placeholders?: readonly string[]): WorkspaceEdit {
    return toWorkspaceEdit(this.host.features, doc.uri, doc.version, lines, edits, placeholders);
  }
}

export function toWorkspaceEdit(
  features: ClientFeatures,
  uri: string,
  version: number | null,
  lines: LineIndex,
  edits: readonly Edit[],
  placeholders?: readonly string[],
): WorkspaceEdit {
  const textEdits: TextEdit[] = edits.map((e) => ({ range: toRange(lines, e.start, e.end), newText: e.text }));
  if (!features.documentChanges) return { changes: { [uri]: textEdits } };
  // Clients re-indent snippets: VS Code adds the insertion line's indentation to every line after a
  // line break of a snippet, and of every other edit sent with it (they all go through its snippet
  // controller); Neovim adds the current line's. Only an edit without a line break reads the same in
  // every client, so snippets are sent only when no edit of the change has one.
  if (features.snippetEdits && placeholders && placeholders.length > 0 && edits.every((e) => !/[\r\n]/.test(e.text))) {
    // Tab stops are numbered across the edits: the same number in two edits is one linked stop in
    // VS Code, which would write the first placeholder into every edit (<api-group> for all three of
    // an RBAC rule's wildcards).
    let nextStop = 1;
    const snippetEdits: Array<TextEdit | SnippetTextEdit> = edits.map((e, i) => {
      const present = placeholders.filter((p) => e.text.includes(p));
      if (present.length === 0) return textEdits[i]!;
      const value = snippetOf(e.text, present, nextStop);
      nextStop += new Set(present).size;
      return { range: textEdits[i]!.range, snippet: { kind: 'snippet', value } };
    });
    return { documentChanges: [{ textDocument: { uri, version }, edits: snippetEdits }] };
  }
  return { documentChanges: [{ textDocument: { uri, version }, edits: textEdits }] };
}
