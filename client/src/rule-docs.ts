/**
 * The rule pages shipped in the extension (`docs/rules/<id>.md`, generated from
 * rule metadata). Reading their headers keeps the client free of the engine:
 * activation stays small, and the list always matches the pages that exist.
 */
import * as vscode from 'vscode';

export interface RuleDoc {
  id: string;
  title: string;
  severity: string;
  area: string;
  uri: vscode.Uri;
}

/**
 * Header of a generated page:
 * ```
 * # pod-privileged
 *
 * **Container runs privileged** · severity `error` · Pod security
 * ```
 */
export function parseRuleDocHeader(id: string, text: string): Omit<RuleDoc, 'uri'> {
  const head = text.slice(0, 2000);
  const line = /^\*\*(.+?)\*\*(.*)$/m.exec(head);
  const severity = /severity `([a-z]+)`/.exec(line?.[2] ?? '')?.[1] ?? '';
  const parts = (line?.[2] ?? '')
    .split('·')
    .map((s) => s.trim())
    .filter(Boolean);
  const area = parts.filter((p) => !p.startsWith('severity')).at(-1) ?? '';
  return { id, title: line?.[1]?.trim() ?? id, severity, area };
}

export async function listRuleDocs(dir: vscode.Uri): Promise<RuleDoc[]> {
  const entries = await vscode.workspace.fs.readDirectory(dir);
  const names = entries.filter(([name, type]) => type === vscode.FileType.File && /^[a-z0-9-]+\.md$/.test(name)).map(([name]) => name);
  const docs = await Promise.all(
    names.map(async (name) => {
      const uri = vscode.Uri.joinPath(dir, name);
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      return { ...parseRuleDocHeader(name.slice(0, -3), text), uri };
    }),
  );
  return docs.sort((a, b) => a.id.localeCompare(b.id));
}
