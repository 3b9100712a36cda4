/**
 * "Ignore <rule> for this line" and "Ignore <rule> for this resource" are
 * offered exactly where the engine honours that suppression. Both sides are
 * observed, not listed: each rule's documented flagged example (and a
 * document too deep to analyse, for analysis-skipped) is opened in the built
 * server, which offers or not; the engine then analyses the example with the
 * comment (or the annotation) the action would add, and the finding goes or
 * stays. Rules silenced in fewer ways by design are documented on their pages.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CodeActionRequest, type CodeAction } from 'vscode-languageserver-protocol/node';
import {
  annotationSuppressionFix,
  applyEdits,
  disableNextLineEdit,
  FileAnalyzer,
  LineIndex,
  parseConfigFile,
  renderRuleDoc,
  resolveConfig,
  RULE_IDS,
  RULES,
  WorkspaceObjects,
  type Finding,
  type KubewardConfig,
} from '../../shared-rules/src/index';
import { TestClient } from './harness';

const rulesOn = Object.fromEntries(RULES.filter((r) => r.meta.optIn).map((r) => [r.meta.id, 'on']));
const settings = { profile: 'restricted', rules: rulesOn };
const config = resolveConfig({ profile: 'restricted', rules: rulesOn } as KubewardConfig);

/** A flagged example per rule: its docs, or one made here when the docs have none. */
const MADE: Record<string, string> = {
  'analysis-skipped': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  a: ${'['.repeat(3000)}${']'.repeat(3000)}\n`,
};
const examples = RULES.map((r) => ({ id: r.meta.id, text: r.meta.docs.invalid || MADE[r.meta.id] || '' })).filter((e) => e.text);

/** What the server sees of one open file without a workspace folder: the file's own objects. */
function engineFindings(text: string): Finding[] {
  return new FileAnalyzer().analyze(text, {
    rules: RULES,
    config,
    workspace: (summaries) => {
      const index = new WorkspaceObjects(false);
      index.setFile('example', summaries);
      return index;
    },
  }).findings;
}

function honoured(id: string, text: string, finding: { start: number }, way: 'line' | 'resource'): boolean {
  const isConfig = id === 'config-invalid';
  const lint = (t: string) => (isConfig ? parseConfigFile(t, RULE_IDS).findings : engineFindings(t));
  const before = lint(text);
  const edits = way === 'line' ? [disableNextLineEdit(text, finding.start, id)] : annotationSuppressionFix(text, finding.start, id)?.edits;
  if (!edits) return false;
  const after = lint(applyEdits(text, edits));
  const count = (list: Finding[]) => list.filter((f) => f.ruleId === id).length;
  // Silenced, and not by a suppression the engine then calls unused.
  return (
    count(after) < count(before) &&
    after.filter((f) => f.ruleId === 'unused-suppression').length <= before.filter((f) => f.ruleId === 'unused-suppression').length
  );
}

let client: TestClient;
beforeAll(async () => {
  client = await TestClient.start({ settings });
});
afterAll(() => client.stop());

it('the ignore actions are offered for exactly the rules whose suppression works', async () => {
  const offered = { line: new Set<string>(), resource: new Set<string>() };
  const works = { line: new Set<string>(), resource: new Set<string>() };
  const checked: string[] = [];
  for (const { id, text } of examples) {
    const uri = id === 'config-invalid' ? 'file:///ignore-actions/.kubeward.yaml' : `file:///ignore-actions/${id}.yaml`;
    await client.open(uri, text);
    const diagnostic = (await client.waitForDiagnostics(uri, 1)).diagnostics.find((d) => d.code === id);
    if (diagnostic) {
      checked.push(id);
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic], triggerKind: 1 },
      })) as CodeAction[];
      const titles = new Set(actions.map((a) => a.title));
      if (titles.has(`Ignore ${id} for this line`)) offered.line.add(id);
      if (titles.has(`Ignore ${id} for this resource`)) offered.resource.add(id);
      const start = new LineIndex(text).offsetAt(diagnostic.range.start);
      if (honoured(id, text, { start }, 'line')) works.line.add(id);
      if (honoured(id, text, { start }, 'resource')) works.resource.add(id);
    }
    await client.close(uri);
  }
  expect([...offered.line].sort()).toEqual([...works.line].sort());
  expect([...offered.resource].sort()).toEqual([...works.resource].sort());
  // The examples reach nearly every rule, the engine's own included.
  expect(checked.length).toBeGreaterThan(RULES.length - 12);
  for (const id of ['yaml-syntax', 'unused-suppression', 'analysis-skipped', 'config-invalid']) expect(checked, id).toContain(id);
  expect(works.line.has('yaml-syntax')).toBe(true);
  // Where a way is missing, the rule's page says so.
  for (const id of checked) {
    const page = renderRuleDoc(RULES.find((r) => r.meta.id === id)!);
    if (!works.line.has(id)) expect(page, id).toContain('No comment or annotation silences this rule, by design');
    else if (!works.resource.has(id)) expect(page, id).toContain('The annotation does not silence this rule, by design');
    else expect(page, id).toContain(`# kubeward-disable-next-line ${id} -- <reason>`);
  }
}, 120_000);
