/**
 * Every quick fix offered on the bundled examples, as the extension host sees them, for the
 * UI run (test/e2e/ui-fixes.js) that then applies each one with Ctrl+. in the workbench.
 * For every kubeward diagnostic of examples/**, the code actions at its start (where the UI
 * puts the cursor) are asked with the real `vscode.executeCodeActionProvider`; each one with
 * an edit is recorded with the text its edit should give, applied literally (a snippet's tab
 * stops at their defaults). Written to $E2E_PLAN_FILE.
 */
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { activate, closeAll, codeActions, codeOf, kubewardDiagnostics, openEditor, waitFor } from './helpers';

export interface PlannedFix {
  file: string;
  /** 1-based, as Go to Line takes them. */
  line: number;
  column: number;
  title: string;
  ruleIds: string[];
  expected: string;
}

/** The text a snippet inserts when every tab stop keeps its default. */
function snippetDefaults(snippet: string): string {
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i]!;
    if (c === '\\' && i + 1 < snippet.length) out += snippet[++i];
    else if (c === '$' && snippet[i + 1] === '{') {
      let j = snippet.indexOf(':', i) + 1;
      for (; j < snippet.length && snippet[j] !== '}'; j++) out += snippet[j] === '\\' ? snippet[++j] : snippet[j];
      i = j;
    } else out += c;
  }
  return out;
}

/**
 * The edit's text edits and snippet edits of `doc`. `WorkspaceEdit.entries()` leaves snippet edits out,
 * so they are read from the edit's own list (`_edits`, as the extension host keeps them).
 */
function editsOf(doc: vscode.TextDocument, edit: vscode.WorkspaceEdit): Array<{ range: vscode.Range; text: string }> {
  const raw = (edit as unknown as { _edits?: Array<{ uri?: vscode.Uri; range?: vscode.Range; edit?: unknown }> })._edits;
  assert.ok(Array.isArray(raw), 'the WorkspaceEdit keeps its edits in _edits');
  const out: Array<{ range: vscode.Range; text: string }> = [];
  for (const e of raw) {
    assert.equal(e.uri?.toString(), doc.uri.toString(), 'a quick fix edits its own file');
    if (e.edit instanceof vscode.SnippetString && e.range) out.push({ range: e.range, text: snippetDefaults(e.edit.value) });
    else if (e.edit instanceof vscode.TextEdit) out.push({ range: e.edit.range, text: e.edit.newText });
    else assert.fail(`an edit that is neither text nor snippet: ${JSON.stringify(e)}`);
  }
  return out;
}

function applyLiterally(doc: vscode.TextDocument, edit: vscode.WorkspaceEdit): string {
  const edits = editsOf(doc, edit).map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), text: e.text }));
  // Last first; inserts at one position keep their order (the array is reversed before a stable sort).
  edits.reverse().sort((a, b) => b.start - a.start || b.end - a.end);
  let out = doc.getText();
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

suite('Quick fixes of the examples (plan for the UI run)', () => {
  suiteSetup(activate);
  teardown(closeAll);

  test('every quick fix offered on examples/ has an edit that changes the file', async () => {
    const files = (await vscode.workspace.findFiles('examples/**/*.yaml')).map((u) => vscode.workspace.asRelativePath(u)).sort();
    assert.ok(files.length >= 10, `examples found: ${files.join(', ')}`);
    const plan: PlannedFix[] = [];
    for (const file of files) {
      const editor = await openEditor(file);
      const uri = editor.document.uri;
      if (file.includes('/insecure/')) await waitFor(`findings on ${file}`, () => kubewardDiagnostics(uri).length > 0);
      else continue;
      const seen = new Set<string>();
      const fixAll = new Set<string>();
      for (const d of kubewardDiagnostics(uri)) {
        const at = d.range.start;
        const key = `${at.line}:${at.character}`;
        if (seen.has(key)) continue;
        seen.add(key);
        for (const action of await codeActions(uri, new vscode.Range(at, at))) {
          if (!action.edit || action.kind?.value !== 'quickfix') continue;
          // "Fix all <rule>" is the same edit wherever it is asked: once per file.
          if (action.title.startsWith('Fix all ')) {
            if (fixAll.has(action.title)) continue;
            fixAll.add(action.title);
          }
          const expected = applyLiterally(editor.document, action.edit);
          assert.notEqual(expected, editor.document.getText(), `${file}: "${action.title}" changes the file`);
          plan.push({ file, line: at.line + 1, column: at.character + 1, title: action.title, ruleIds: (action.diagnostics ?? [d]).map(codeOf), expected });
        }
      }
    }
    assert.ok(plan.length >= 20, `${plan.length} quick fixes`);
    const out = process.env.E2E_PLAN_FILE || path.join(os.tmpdir(), 'kubeward-e2e-fix-plan.json');
    fs.writeFileSync(out, JSON.stringify({ files, fixes: plan }, null, 1));
    console.log(`    (${plan.length} quick fixes on ${files.length} examples planned for the UI run)`);
  });
});
