/**
 * Every code action the server offers on every manifest of `examples/` and
 * of the corpus (`test/corpus`), as an editor client sees them: asked for
 * each diagnostic, resolved when the server filled in `data` only, and then
 * - an edit must change the text (applied and compared), and
 * - a command must run and do something (Show documentation opens a page);
 * - "Fix all <rule> problems" must leave none of that rule's findings, and
 *   "Fix n of m <rule> problems" exactly m - n, once the server checks the
 *   result again;
 * - `source.fixAll.kubeward`, when offered, changes the text too.
 * Failures are collected and reported together, one line per action.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  CodeActionRequest,
  CodeActionResolveRequest,
  ExecuteCommandRequest,
  type CodeAction,
  type Diagnostic,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { Commands } from '../../shared-rules/src/protocol';
import { applyWorkspaceEdit, ROOT, TestClient, uriOf } from './harness';

function manifests(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) manifests(full, out);
    else if (/\.ya?ml$/.test(entry.name)) out.push(full);
  }
  return out;
}

const FILES = [...manifests(path.join(ROOT, 'examples')), ...manifests(path.join(ROOT, 'test', 'corpus'))];
const FIX_ALL = /^Fix (all|(\d+) of (\d+)) (\S+) problems in this file$/;
/** Servers run side by side, each taking the next file. */
const SERVERS = 2;

const clients: TestClient[] = [];
beforeAll(async () => {
  for (let i = 0; i < SERVERS; i++) clients.push(await TestClient.start());
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.stop()));
});

interface Tally {
  files: number;
  diagnostics: number;
  actions: number;
  edits: number;
  commands: number;
  fixAll: number;
  sourceFixAll: number;
  titles: Set<string>;
}

async function checkFile(client: TestClient, file: string, problems: string[], tally: Tally): Promise<void> {
  const original = fs.readFileSync(file, 'utf8');
  const uri = uriOf(file);
  const name = path.relative(ROOT, file);
  await client.open(uri, original);
  const diagnostics = (await client.waitForDiagnostics(uri, 1)).diagnostics;
  tally.files++;
  tally.diagnostics += diagnostics.length;
  const count = (list: Diagnostic[], code: unknown) => list.filter((d) => d.code === code).length;
  const seen = new Set<string>();
  const shownRules = new Set<string>();
  const fixAlls: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], triggerKind: 1 },
    })) as CodeAction[];
    for (const offered of actions) {
      const key = JSON.stringify([offered.title, offered.edit, offered.command, offered.data]);
      if (seen.has(key)) continue;
      seen.add(key);
      tally.actions++;
      const label = `${name}:${diagnostic.range.start.line + 1} ${diagnostic.code} → "${offered.title}"`;
      const resolved =
        !offered.edit && offered.data !== undefined ? ((await client.connection.sendRequest(CodeActionResolveRequest.type, offered)) as CodeAction) : offered;
      tally.titles.add(resolved.title.replace(/\S+-\S+/g, '<rule>').replace(/\d+/g, 'n'));
      if (resolved.edit) {
        tally.edits++;
        const text = applyWorkspaceEdit(original, uri, resolved.edit);
        if (text === original) problems.push(`${label}: its edit changes nothing`);
        else if (FIX_ALL.test(resolved.title)) fixAlls.push(resolved);
      } else if (resolved.command) {
        tally.commands++;
        if (resolved.command.command === Commands.migrateIngress) {
          // The server applies the migration itself and returns the edit; where it cannot migrate, it must say why.
          try {
            const edit = (await client.connection.sendRequest(ExecuteCommandRequest.type, {
              command: resolved.command.command,
              arguments: resolved.command.arguments ?? [],
            })) as WorkspaceEdit | null;
            if (!edit || applyWorkspaceEdit(original, uri, edit) === original) problems.push(`${label}: the migration changes nothing`);
          } catch (error) {
            if (!(error instanceof Error) || error.message.trim() === '') problems.push(`${label}: the migration failed without a reason`);
          }
          continue;
        }
        if (resolved.command.command !== Commands.showDocumentation) {
          problems.push(`${label}: unexpected command ${resolved.command.command}`);
          continue;
        }
        const rule = String(resolved.command.arguments?.[0]);
        if (shownRules.has(rule)) continue;
        shownRules.add(rule);
        const shown = client.shown.length;
        const result = (await client.connection.sendRequest(ExecuteCommandRequest.type, {
          command: resolved.command.command,
          arguments: resolved.command.arguments ?? [],
        })) as { shown?: boolean };
        if (!result?.shown || client.shown.length !== shown + 1) problems.push(`${label}: the documentation was not shown`);
      } else problems.push(`${label}: neither an edit nor a command after resolve`);
    }
  }

  // Fix all: the server checks the result again; the rule keeps exactly the findings the title leaves.
  for (const action of fixAlls) {
    tally.fixAll++;
    const [, , fixedCount, total, ruleId] = FIX_ALL.exec(action.title)!;
    const expected = fixedCount === undefined ? 0 : Number(total) - Number(fixedCount);
    const before = count(diagnostics, ruleId);
    const text = await client.applyEdit(uri, action.edit as WorkspaceEdit);
    const after = (await client.waitForDiagnostics(uri, client.version(uri))).diagnostics;
    const label = `${name} "${action.title}"`;
    if (count(after, ruleId) !== expected) problems.push(`${label}: ${count(after, ruleId)} of ${before} findings left, expected ${expected}\n${text}`);
    if (fixedCount !== undefined && Number(total) !== before) problems.push(`${label}: the file has ${before} such findings`);
    await client.replace(uri, original);
    await client.waitForDiagnostics(uri, client.version(uri));
  }

  // Fix all safe problems (as on save), when offered.
  const source = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll.kubeward'] },
  })) as CodeAction[];
  for (const action of source) {
    tally.sourceFixAll++;
    if (!action.edit || applyWorkspaceEdit(original, uri, action.edit) === original) problems.push(`${name} "${action.title}": changes nothing`);
  }
  await client.close(uri);
}

it('every code action on examples/ and test/corpus does what its title says', async () => {
  const problems: string[] = [];
  const tally: Tally = { files: 0, diagnostics: 0, actions: 0, edits: 0, commands: 0, fixAll: 0, sourceFixAll: 0, titles: new Set() };
  let next = 0;
  await Promise.all(
    clients.map(async (client) => {
      while (next < FILES.length) await checkFile(client, FILES[next++]!, problems, tally);
    }),
  );
  expect(problems).toEqual([]);
  // The run covered what it claims to: every file, and every kind of action.
  expect(tally.files).toBe(FILES.length);
  expect(tally.files).toBeGreaterThan(1500);
  expect(tally.diagnostics).toBeGreaterThan(1500);
  expect(tally.fixAll).toBeGreaterThan(20);
  expect(tally.sourceFixAll).toBeGreaterThan(10);
  console.log(JSON.stringify({ ...tally, titles: tally.titles.size }));
}, 300_000);
