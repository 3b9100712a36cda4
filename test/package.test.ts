/**
 * `npm run package` builds the production bundles and writes the .vsix with
 * @vscode/vsce. The package is read back (a .vsix is a zip) and checked: what
 * a user installs, under 2 MB (docs/requirements.md: Targets), bundled, no node_modules or sources.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/** Entries of a zip file (central directory), inflated. */
function readZip(buf: Buffer): Map<string, Buffer> {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataAt, dataAt + compressed);
    out.set(name, method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

describe('npm run package', () => {
  let outDir: string;
  let vsix: string;
  let size: number;
  let files: Map<string, Buffer>;

  beforeAll(() => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-vsix-'));
    execFileSync('npm', ['run', '--silent', 'package', '--', '--out', `${outDir}${path.sep}`], { cwd: root, stdio: 'pipe' });
    vsix = path.join(outDir, `kubeward-${manifest.version}.vsix`);
    size = fs.statSync(vsix).size;
    files = readZip(fs.readFileSync(vsix));
  }, 120_000);
  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it('writes kubeward-<version>.vsix under 2 MB', () => {
    expect(fs.readdirSync(outDir)).toEqual([`kubeward-${manifest.version}.vsix`]);
    expect(size).toBeLessThan(2 * 1024 * 1024);
  });

  it('contains the bundles, the docs, the grammar, the icon, README, LICENSE and CHANGELOG', () => {
    const names = [...files.keys()];
    for (const f of [
      'extension/package.json',
      'extension/readme.md',
      'extension/LICENSE.txt',
      'extension/changelog.md',
      'extension/images/icon.png',
      'extension/dist/client.js',
      'extension/dist/language-client.js',
      'extension/dist/server.js',
      'extension/syntaxes/kubeward-comment.injection.tmLanguage.json',
    ]) {
      expect(names, f).toContain(f);
    }
    const docs = fs.readdirSync(path.join(root, 'docs/rules')).filter((f) => f.endsWith('.md'));
    expect(docs.length).toBeGreaterThan(0);
    for (const d of docs) expect(names, d).toContain(`extension/docs/rules/${d}`);
  });

  it('ships nothing else: no node_modules, sources, maps, tests, CLI or tools', () => {
    const unexpected = [...files.keys()].filter(
      (n) =>
        !/^(\[Content_Types\]\.xml|extension\.vsixmanifest)$/.test(n) &&
        !/^extension\/(package\.json|readme\.md|LICENSE\.txt|changelog\.md|images\/icon\.png|dist\/(client|language-client|server)\.js|syntaxes\/[^/]+\.json|docs\/rules\/[a-z0-9-]+\.md)$/.test(
          n,
        ),
    );
    expect(unexpected).toEqual([]);
  });

  it('has bundled, minified code that needs nothing but vscode and Node built-ins', () => {
    for (const f of ['extension/dist/client.js', 'extension/dist/language-client.js', 'extension/dist/server.js']) {
      const code = files.get(f)!.toString('utf8');
      const required = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!);
      const foreign = required.filter(
        (r) => r !== 'vscode' && !r.startsWith('node:') && !BUILTINS.has(r.split('/')[0]!) && !(f.endsWith('/client.js') && r === './language-client.js'),
      );
      expect(foreign, f).toEqual([]);
      expect(code, `${f} has no source map comment`).not.toMatch(/sourceMappingURL/);
    }
    const entry = files.get('extension/dist/client.js')!.toString('utf8');
    expect(entry).toMatch(/require\(["']vscode["']\)/);
    // the activation path stays small: vscode-languageclient lives in language-client.js, loaded after activation
    expect(entry).toMatch(/require\(["']\.\/language-client\.js["']\)/);
    expect(entry.length).toBeLessThan(40_000);
    expect(files.get('extension/dist/language-client.js')!.toString('utf8')).toMatch(/LanguageClient/);
    expect(files.get('extension/dist/server.js')!.toString('utf8')).not.toMatch(/require\(["']vscode["']\)/);
  });

  it('has a manifest whose paths exist in the package, and a 128×128 PNG icon', () => {
    const pkg = JSON.parse(files.get('extension/package.json')!.toString('utf8'));
    expect(pkg.name).toBe('kubeward');
    expect(files.has(`extension/${pkg.main.replace(/^\.\//, '')}`)).toBe(true);
    for (const g of pkg.contributes.grammars) expect(files.has(`extension/${g.path.replace(/^\.\//, '')}`), g.path).toBe(true);
    const icon = files.get(`extension/${pkg.icon}`)!;
    expect(icon.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toEqual([128, 128]);
    const vsixManifest = files.get('extension.vsixmanifest')!.toString('utf8');
    expect(vsixManifest).toContain('Path="extension/images/icon.png"');
    expect(vsixManifest).toMatch(/<Categories>Linters<\/Categories>/);
  });
});

const BUILTINS = new Set([
  'assert',
  'buffer',
  'child_process',
  'crypto',
  'events',
  'fs',
  'net',
  'os',
  'path',
  'process',
  'stream',
  'string_decoder',
  'tty',
  'url',
  'util',
  'worker_threads',
  'zlib',
  'perf_hooks',
  'readline',
  'module',
  'v8',
  'vm',
  'http',
  'https',
  'timers',
]);
