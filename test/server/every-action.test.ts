/**
 * What another LSP client sees on hand-written manifests: every code action
 * the server offers for every finding of the bundled insecure examples is
 * applied (on a fresh copy of the file), and the result parses, keeps every
 * comment and no longer carries that finding. Commands without an edit
 * (Show documentation) are executed. Then "Secure this Ingress" on the Ingress.
 * The client announces snippet edits, and each edit is applied as VS Code and
 * Neovim insert snippets (they re-indent them): both must give the literal text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  CodeActionResolveRequest,
  ExecuteCommandRequest,
  type CodeAction,
  type Diagnostic,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { Commands } from '../../shared-rules/src/protocol';
import { applyWorkspaceEdit, fullCapabilities, keepsComments, parses, ROOT, TestClient } from './harness';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const dir = path.join(ROOT, 'examples', 'insecure');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml'));

/** Findings of a rule at the diagnostic's line, after an edit (lines may move: count them). */
const count = (diagnostics: Diagnostic[], code: string | number | undefined) => diagnostics.filter((d) => d.code === code).length;

/** VS Code's capabilities, with snippet edits. */
function snippetCapabilities() {
  const capabilities = fullCapabilities();
  (capabilities.workspace!.workspaceEdit as Record<string, unknown>).snippetEditSupport = true;
  return capabilities;
}

describe('every code action on the insecure examples', () => {
  for (const file of files) {
    it(file, async () => {
      const original = fs.readFileSync(path.join(dir, file), 'utf8');
      const uri = `file:///work/examples/${file}`;
      client = await TestClient.start({ capabilities: snippetCapabilities() });
      await client.open(uri, original);
      const diagnostics = (await client.waitForDiagnostics(uri, 1)).diagnostics;
      expect(diagnostics.length, `${file} has findings`).toBeGreaterThan(0);
      let applied = 0;
      for (const diagnostic of diagnostics) {
        const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
          textDocument: { uri },
          range: diagnostic.range,
          context: { diagnostics: [diagnostic], triggerKind: 1 },
        })) as CodeAction[];
        const mine = actions.filter((a) => !a.diagnostics || a.diagnostics.some((d) => d.code === diagnostic.code));
        expect(
          mine.some((a) => a.title.startsWith('Show documentation')),
          `${diagnostic.code}: documentation offered`,
        ).toBe(true);
        for (const offered of mine) {
          const action = offered;
          const resolved = !action.edit && action.data ? ((await client.connection.sendRequest(CodeActionResolveRequest.type, action)) as CodeAction) : action;
          expect(resolved.edit ?? resolved.command, `${file}: ${diagnostic.code} → "${resolved.title}" does something`).toBeDefined();
          if (!resolved.edit) {
            // A command (Show documentation): it must run without error.
            if (resolved.command)
              await client.connection.sendRequest(ExecuteCommandRequest.type, {
                command: resolved.command.command,
                arguments: resolved.command.arguments ?? [],
              });
            continue;
          }
          const label = `${file}: ${diagnostic.code} → "${resolved.title}"`;
          const before = client.text(uri);
          const edit = resolved.edit as WorkspaceEdit;
          const literal = applyWorkspaceEdit(before, uri, edit);
          expect(applyWorkspaceEdit(before, uri, edit, 'vscode'), `${label}: as VS Code inserts it`).toBe(literal);
          expect(applyWorkspaceEdit(before, uri, edit, 'neovim'), `${label}: as Neovim inserts it`).toBe(literal);
          const text = await client.applyEdit(uri, edit, 'vscode');
          expect(text, label).not.toBe(before);
          expect(parses(text), `${label}\n${text}`).toBe(true);
          expect(keepsComments(before, text), `${label}\n${text}`).toBe(true);
          const after = (await client.waitForDiagnostics(uri, client.version(uri))).diagnostics;
          expect(count(after, diagnostic.code), `${label}: finding gone\n${text}`).toBeLessThan(count(diagnostics, diagnostic.code));
          applied++;
          // Back to the original for the next action.
          await client.replace(uri, original);
          await client.waitForDiagnostics(uri, client.version(uri));
        }
      }
      expect(applied, `${file}: some action applied`).toBeGreaterThan(0);
    });
  }

  it('Secure this Ingress on the example Ingress: one edit, applied, the result parses and the TLS finding is gone', async () => {
    const original = fs.readFileSync(path.join(dir, 'ingress.yaml'), 'utf8');
    const uri = 'file:///work/examples/ingress.yaml';
    client = await TestClient.start({ capabilities: snippetCapabilities() });
    await client.open(uri, original);
    await client.waitForDiagnostics(uri, 1);
    const edit = (await client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: Commands.secureIngress,
      arguments: [{ uri, authUrl: 'https://auth.example.com/oauth2/auth', clusterIssuer: 'letsencrypt-prod' }],
    })) as WorkspaceEdit;
    // The server asked the client to apply it (workspace/applyEdit) and returned it.
    expect(client.applied.map((a) => a.edit)).toEqual([edit]);
    const text = await client.applyEdit(uri, edit, 'vscode');
    expect(text).toBe(applyWorkspaceEdit(original, uri, edit));
    expect(applyWorkspaceEdit(original, uri, edit, 'neovim')).toBe(text);
    expect(parses(text), text).toBe(true);
    expect(keepsComments(original, text), text).toBe(true);
    const after = (await client.waitForDiagnostics(uri, client.version(uri))).diagnostics.map((d) => d.code);
    for (const gone of [
      'ingress-tls-missing',
      'ingress-removed-api-version',
      'ingress-nginx-snippet-annotation',
      'ingress-nginx-deprecated-annotation',
      'ingress-public-no-auth',
    ])
      expect(after, text).not.toContain(gone);
  });
});
