/**
 * The CLI as a user gets it from npm: `npm pack` (which builds on prepack),
 * the tarball installed into an empty prefix, and both bins run from there:
 * `kubeward scan` and `kubeward-language-server --stdio` answering an LSP
 * initialize request. Nothing of the checkout is on the path.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POD } from './helpers';

const root = path.resolve(__dirname, '../..');
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-npm-'));
const prefix = path.join(temp, 'prefix');
const bin = (name: string) => path.join(prefix, 'node_modules', '.bin', name);
let packed: string[];
let packOutput: string;

afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

beforeAll(() => {
  const pack = spawnSync('npm', ['pack', '--pack-destination', temp], { cwd: root, encoding: 'utf8', timeout: 240_000 });
  expect(pack.status, pack.stderr).toBe(0);
  packOutput = pack.stdout;
  const tarball = path.join(temp, pack.stdout.trim());
  expect(fs.existsSync(tarball), `npm pack printed ${JSON.stringify(pack.stdout)}`).toBe(true);
  packed = spawnSync('tar', ['tzf', tarball], { encoding: 'utf8' }).stdout.trim().split('\n');
  fs.mkdirSync(prefix);
  const install = spawnSync('npm', ['install', '--prefix', prefix, tarball, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel', 'error'], {
    cwd: temp,
    encoding: 'utf8',
    timeout: 240_000,
  });
  expect(install.status, install.stderr).toBe(0);
}, 600_000);

describe('the npm package', () => {
  it('npm pack prints only the tarball name (pre-commit reads it) and ships bundles, docs and no sources', () => {
    expect(packOutput).toBe('kubeward-0.1.0.tgz\n');
    expect(packed).toContain('package/dist/cli.js');
    expect(packed).toContain('package/dist/server.js');
    expect(packed).toContain('package/README.md');
    expect(packed).toContain('package/docs/rules/pod-privileged.md');
    expect(packed.filter((f) => /\.(ts|map)$/.test(f) || f.includes('node_modules') || f.startsWith('package/test/'))).toEqual([]);
  });

  it('kubeward scan runs from the installed prefix', () => {
    const dir = path.join(temp, 'work');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'pod.yaml'), POD);
    const version = spawnSync(bin('kubeward'), ['--version'], { encoding: 'utf8' });
    expect(version.stdout).toBe('0.1.0\n');
    const run = spawnSync(bin('kubeward'), ['scan', '.', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(1);
    const findings = JSON.parse(run.stdout).findings as Array<{ ruleId: string; file: string }>;
    expect(findings.map((f) => f.ruleId)).toContain('pod-privileged');
    // The installed bin is the packed bundle, not a link into the checkout.
    expect(fs.realpathSync(bin('kubeward')).startsWith(prefix)).toBe(true);
  });

  it('kubeward-language-server --stdio answers initialize and publishes diagnostics', async () => {
    const server = spawn(bin('kubeward-language-server'), ['--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const messages: Array<{
      id?: number;
      method?: string;
      result?: { capabilities?: Record<string, unknown> };
      params?: { diagnostics?: Array<{ code?: string }> };
    }> = [];
    let buffer = Buffer.alloc(0);
    server.stdout.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const header = buffer.indexOf('\r\n\r\n');
        if (header === -1) break;
        const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, header).toString())?.[1]);
        if (buffer.length < header + 4 + length) break;
        messages.push(JSON.parse(buffer.subarray(header + 4, header + 4 + length).toString('utf8')));
        buffer = buffer.subarray(header + 4 + length);
      }
    });
    const send = (message: object) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
      server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
      server.stdin.write(body);
    };
    const waitFor = async <T>(find: () => T | undefined): Promise<T> => {
      for (let i = 0; i < 600; i++) {
        const found = find();
        if (found) return found;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no answer; got ${JSON.stringify(messages).slice(0, 500)}`);
    };
    try {
      send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
      const init = await waitFor(() => messages.find((m) => m.id === 1));
      expect(init.result?.capabilities).toHaveProperty('codeActionProvider');
      send({ method: 'initialized', params: {} });
      send({ method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///tmp/pod.yaml', languageId: 'yaml', version: 1, text: POD } } });
      const published = await waitFor(() => messages.find((m) => m.method === 'textDocument/publishDiagnostics' && (m.params?.diagnostics?.length ?? 0) > 0));
      expect(published.params!.diagnostics!.map((d) => d.code)).toContain('pod-privileged');
      send({ id: 2, method: 'shutdown' });
      await waitFor(() => messages.find((m) => m.id === 2));
      send({ method: 'exit' });
      const code = await new Promise<number | null>((resolve) => server.on('exit', resolve));
      expect(code).toBe(0);
    } finally {
      server.kill();
    }
  }, 60_000);
});
