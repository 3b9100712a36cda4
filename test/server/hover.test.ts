/** Hover on findings and on Secret data; decoded values never reach the log. */
import { afterEach, describe, expect, it } from 'vitest';
import { HoverRequest, type Hover, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { RULES_BY_ID } from '../../shared-rules/src/index';
import { PRIVILEGED_POD, SECRET } from './fixtures';
import { TestClient } from './harness';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

async function hover(uri: string, line: number, character: number): Promise<Hover | null> {
  return client!.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
}

describe('hover', () => {
  it('on a finding: title, message, rationale, remediation and the documentation link, over its range', async () => {
    client = await TestClient.start();
    const uri = 'file:///work/pod.yaml';
    await client.open(uri, PRIVILEGED_POD);
    const result = (await hover(uri, 9, 22))!;
    const meta = RULES_BY_ID.get('pod-privileged')!.meta;
    const value = (result.contents as MarkupContent).value;
    expect((result.contents as MarkupContent).kind).toBe('markdown');
    expect(value).toContain('**Container runs privileged** · `pod-privileged` · error');
    expect(value).toContain('Container "web" runs privileged');
    expect(value).toContain(meta.docs.rationale);
    expect(value).toContain(meta.docs.remediation);
    expect(value).toContain('(https://github.com/kubeward/kubeward/blob/main/docs/rules/pod-privileged.md)');
    expect(result.range).toEqual({ start: { line: 9, character: 20 }, end: { line: 9, character: 24 } });
    // Nothing to say elsewhere.
    expect(await hover(uri, 0, 3)).toBeNull();
  });

  it('on a Secret data value: the decoded text and the base64-is-not-encryption warning; never logged', async () => {
    client = await TestClient.start();
    const uri = 'file:///work/secret.yaml';
    await client.open(uri, SECRET);
    await client.waitForDiagnostics(uri, 1);
    const line = SECRET.split('\n').findIndex((l) => l.includes('password:'));
    const result = (await hover(uri, line, 16))!;
    const value = (result.contents as MarkupContent).value;
    expect(value).toContain('**Secret `db`, key `password`**, decoded (15 bytes):');
    expect(value).toContain('```text\ns3cr3t-password\n```');
    expect(value).toContain('base64 is an encoding, not encryption');
    expect(result.range).toEqual({ start: { line, character: 12 }, end: { line, character: 32 } });
    // Not valid base64: said so.
    const broken = (await hover(uri, line + 1, 12))!;
    expect((broken.contents as MarkupContent).value).toContain('not valid base64');
    // On the key: nothing to decode.
    expect(await hover(uri, line, 5)).toBeNull();
    expect(client.logText()).not.toContain('s3cr3t');
    expect(client.stderr).not.toContain('s3cr3t');
  });

  it('a decoded value with backticks cannot break out of its code block', async () => {
    client = await TestClient.start();
    const uri = 'file:///work/secret.yaml';
    const tricky = Buffer.from('a ``` b').toString('base64');
    await client.open(uri, SECRET.replace('czNjcjN0LXBhc3N3b3Jk', tricky));
    const line = SECRET.split('\n').findIndex((l) => l.includes('password:'));
    const value = ((await hover(uri, line, 14))!.contents as MarkupContent).value;
    expect(value).toContain('````text\na ``` b\n````');
  });

  it('says nothing about a templated value', async () => {
    client = await TestClient.start();
    const uri = 'file:///work/templates/secret.yaml';
    await client.open(uri, SECRET.replace('czNjcjN0LXBhc3N3b3Jk', '{{ .Values.password | b64enc }}'));
    const line = SECRET.split('\n').findIndex((l) => l.includes('password:'));
    expect(await hover(uri, line, 16)).toBeNull();
  });
});
