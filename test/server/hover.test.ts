/** Hover on findings and on Secret data; decoded values are never in a hover nor in the log. */
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ExecuteCommandRequest, HoverRequest, type Hover, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { RULES_BY_ID } from '../../shared-rules/src/index';
import { firstSentence } from '../../server/src/hover';
import { PRIVILEGED_POD, SECRET } from './fixtures';
import { ROOT, TestClient } from './harness';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

async function hover(uri: string, line: number, character: number): Promise<Hover | null> {
  return client!.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
}

describe('hover', () => {
  it('on a finding: what to do first, one line of why and the rule page, without repeating the message, over its range', async () => {
    client = await TestClient.start();
    const uri = 'file:///work/pod.yaml';
    await client.open(uri, PRIVILEGED_POD);
    const result = (await hover(uri, 9, 22))!;
    const meta = RULES_BY_ID.get('pod-privileged')!.meta;
    const value = (result.contents as MarkupContent).value;
    expect((result.contents as MarkupContent).kind).toBe('markdown');
    const [todo, why, link, ...rest] = value.split('\n\n');
    expect(rest).toEqual([]);
    expect(todo).toBe(`**What to do:** ${firstSentence(meta.docs.remediation)}`);
    expect(why).toBe(`**Why:** ${firstSentence(meta.docs.rationale)}`);
    expect(why!.length).toBeLessThan(260);
    // The page shipped with the server, which opens offline.
    const page = path.join(ROOT, 'docs', 'rules', 'pod-privileged.md');
    expect(link).toBe(`[pod-privileged: the rule's page](${pathToFileURL(page).href})`);
    expect(fs.existsSync(page)).toBe(true);
    expect(value).not.toContain('Container "web" runs privileged');
    expect(result.range).toEqual({ start: { line: 9, character: 20 }, end: { line: 9, character: 24 } });
    // Nothing to say elsewhere.
    expect(await hover(uri, 0, 3)).toBeNull();
  });

  it('in VS Code the rule page link is the command that opens it in the Markdown preview', async () => {
    client = await TestClient.start({ initializationOptions: { clientCommands: ['kubeward.showRuleDocumentation', 'kubeward.revealSecretValue'] } });
    const uri = 'file:///work/pod.yaml';
    await client.open(uri, PRIVILEGED_POD);
    const value = ((await hover(uri, 9, 22))!.contents as MarkupContent).value;
    expect(value).toContain(`[pod-privileged: the rule's page](command:kubeward.showRuleDocumentation?${encodeURIComponent('["pod-privileged"]')})`);
  });

  it('on a Secret data value: that it decodes to readable text, never the text, and a link that reveals it on request; never logged', async () => {
    client = await TestClient.start();
    const uri = 'file:///work/secret.yaml';
    await client.open(uri, SECRET);
    await client.waitForDiagnostics(uri, 1);
    const line = SECRET.split('\n').findIndex((l) => l.includes('password:'));
    const result = (await hover(uri, line, 16))!;
    const value = (result.contents as MarkupContent).value;
    expect(value).not.toContain('s3cr3t');
    const args = encodeURIComponent(JSON.stringify([{ uri, position: { line, character: 12 } }]));
    expect(value.split('\n\n---\n\n').at(-1)).toBe(
      `**Secret \`db\`, key \`password\`** decodes to readable text: base64 is an encoding, not encryption: anyone who can read this manifest can read it. [Reveal the value](command:kubeward.revealSecretValue?${args})`,
    );
    expect(result.range).toEqual({ start: { line, character: 12 }, end: { line, character: 32 } });
    // The explicit action: the value, and (this client does not handle the command itself) shown with window/showMessage.
    const revealed = await client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: 'kubeward.revealSecretValue',
      arguments: JSON.parse(decodeURIComponent(args)),
    });
    expect(revealed).toEqual({ secret: 'db', key: 'password', text: 's3cr3t-password' });
    // Not valid base64: said so.
    const broken = (await hover(uri, line + 1, 12))!;
    expect((broken.contents as MarkupContent).value).toContain('not valid base64');
    // On the key: nothing to decode.
    expect(await hover(uri, line, 5)).toBeNull();
    expect(client.logText()).not.toContain('s3cr3t');
    expect(client.stderr).not.toContain('s3cr3t');
  });

  it('says nothing about a templated value', async () => {
    client = await TestClient.start();
    const uri = 'file:///work/templates/secret.yaml';
    await client.open(uri, SECRET.replace('czNjcjN0LXBhc3N3b3Jk', '{{ .Values.password | b64enc }}'));
    const line = SECRET.split('\n').findIndex((l) => l.includes('password:'));
    expect(await hover(uri, line, 16)).toBeNull();
  });
});
