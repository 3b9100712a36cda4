/**
 * `npm run bench`: measures Kubeward against the bare `yaml` parse (the
 * baseline) and yaml-language-server, in one run, on generated manifests of
 * 100 KB, 1 MB and 10 MB, and prints the ratios of docs/requirements.md (Targets). Medians of
 * repeated runs. Writes the table to bench/results.md.
 *
 * Sub-modes (the script re-runs itself in a child process for isolation):
 *   --bare-parse <dir>     parse every manifest of a folder, as the CLI would read it
 *   --memory <file>        retained heap after analysing a file
 *   --activation           time to load and activate the client bundle
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LineCounter, parseAllDocuments } from 'yaml';
import { FileAnalyzer, resolveConfig, RULES } from '../shared-rules/src/index';
import { BenchClient, type LspServerSpec } from './lsp-client';

const root = path.resolve(__dirname, '..', '..');
const work = path.join(root, 'bench', '.work');
const quick = process.argv.includes('--quick');

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function timeIt(fn: () => void, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

function bareParse(text: string): void {
  parseAllDocuments(text, { lineCounter: new LineCounter() });
}

function manifestFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name === 'node_modules' || entry.name === '.git') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) manifestFiles(full, out);
    else if (/\.(ya?ml|json)$/i.test(entry.name)) out.push(full);
  }
  return out;
}

// ---------------------------------------------------------------- sub-modes

if (process.argv[2] === '--bare-parse') {
  for (const file of manifestFiles(process.argv[3]!)) bareParse(fs.readFileSync(file, 'utf8'));
  process.exit(0);
}

if (process.argv[2] === '--memory') {
  const gc = (globalThis as { gc?: () => void }).gc!;
  gc();
  const text = fs.readFileSync(process.argv[3]!, 'utf8');
  gc();
  const before = process.memoryUsage().heapUsed;
  const analyzer = new FileAnalyzer();
  const result = analyzer.analyze(text, { rules: RULES, config: resolveConfig() });
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  (globalThis as { keep?: unknown }).keep = [analyzer, result, text];
  // The yaml AST alone, for comparison.
  const docs = parseAllDocuments(text);
  gc();
  const withAst = process.memoryUsage().heapUsed;
  (globalThis as { keepAst?: unknown }).keepAst = docs;
  process.stdout.write(JSON.stringify({ bytes: text.length, retained: after - before, yamlAst: withAst - after, findings: result.findings.length }));
  process.exit(0);
}

if (process.argv[2] === '--activation') {
  // A stand-in for the `vscode` module that accepts any call.
  const stub: unknown = new Proxy(function () {}, {
    get: (_t, prop) => (prop === 'then' ? undefined : prop === Symbol.toPrimitive ? () => '' : stub),
    set: () => true,
    apply: () => stub,
    construct: () => stub as object,
  });
  // The namespaces the extension uses, as own properties (esbuild's ES module interop copies them); any other export is the stub too.
  const vscode = new Proxy(
    Object.fromEntries(
      [
        'commands',
        'env',
        'extensions',
        'languages',
        'window',
        'workspace',
        'Uri',
        'Disposable',
        'EventEmitter',
        'FileType',
        'LanguageStatusSeverity',
        'ProgressLocation',
      ].map((k) => [k, stub]),
    ),
    {
      get: (target, prop) => (prop in target ? target[prop as string] : prop === '__esModule' ? true : prop === 'then' ? undefined : stub),
    },
  );
  const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
  (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load = (request: string, ...rest: unknown[]) =>
    request === 'vscode' ? vscode : load(request, ...rest);
  // What VS Code times as activation: evaluating the entry bundle and running activate().
  const start = performance.now();
  const client = require(path.join(root, 'dist', 'client.js')) as { activate: (ctx: unknown) => unknown };
  client.activate({ subscriptions: [], extensionPath: root, extensionUri: stub, asAbsolutePath: (p: string) => path.join(root, p) });
  const activateMs = performance.now() - start;
  // Then, on the next turn of the event loop, the language client bundle loads: the extension host is busy for that too.
  const next = performance.now();
  require(path.join(root, 'dist', 'language-client.js'));
  const languageClientMs = performance.now() - next;
  process.stdout.write(JSON.stringify({ activateMs, languageClientMs }));
  process.exit(0);
}

// ---------------------------------------------------------------- main run

interface Row {
  metric: string;
  size: string;
  value: string;
  ratio?: string;
  target?: string;
  ok?: boolean;
}

const rows: Row[] = [];
const fmt = (ms: number) => (ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);

function ensureManifest(size: string): string {
  const file = path.join(work, `synth-${size}.yaml`);
  if (!fs.existsSync(file)) execFileSync(process.execPath, [path.join(root, 'bench', 'gen-manifests.mjs'), size, file], { stdio: 'ignore' });
  return file;
}

/** Position of a character inside a scalar in the middle of the file (the edit stays valid YAML). */
function editPoint(text: string): { offset: number; line: number; character: number } {
  const at = text.indexOf('value: "info"', Math.floor(text.length / 2));
  const offset = at + 'value: "i'.length;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { offset, line, character: offset - (before.lastIndexOf('\n') + 1) };
}

async function measureServer(
  spec: LspServerSpec,
  file: string,
  size: string,
  runs: { open: number; edit: number },
): Promise<{ first: number; open: number; edit: number }> {
  const text = fs.readFileSync(file, 'utf8');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-bench-'));
  const opens: number[] = [];
  const edits: number[] = [];
  const client = new BenchClient(spec, root);
  try {
    await client.initialize(pathToFileURL(dir).href);
    for (let i = 0; i < runs.open; i++) {
      const uri = pathToFileURL(path.join(dir, `open-${i}-${size}.yaml`)).href;
      opens.push((await client.open(uri, text)).ms);
      await client.close(uri);
    }
    const uri = pathToFileURL(path.join(dir, `edit-${size}.yaml`)).href;
    await client.open(uri, text);
    const point = editPoint(text);
    for (let i = 0; i < runs.edit; i++) {
      edits.push((await client.insertChar(uri, i + 2, point.line, point.character + i, 'x')).ms);
    }
  } finally {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  // The first open runs on cold code (V8 has not optimised anything yet): reported on its own too.
  return { first: opens[0]!, open: median(opens), edit: median(edits) };
}

async function main(): Promise<void> {
  fs.mkdirSync(work, { recursive: true });
  const cpus = os.cpus();
  console.log(`Kubeward benchmark — node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}${quick ? ' (quick)' : ''}`);
  const serverBundle = path.join(root, 'dist', 'server.js');
  const kubeward: LspServerSpec = {
    name: 'kubeward',
    command: process.execPath,
    args: [serverBundle, '--stdio'],
    settings: { kubeward: { enable: true, run: 'onType' } },
    initializationOptions: { workspaceTrusted: true },
  };
  const yamlls: LspServerSpec = {
    name: 'yaml-language-server',
    command: process.execPath,
    args: [require.resolve('yaml-language-server/bin/yaml-language-server', { paths: [root] }), '--stdio'],
    settings: {
      yaml: { validate: true, schemas: {}, schemaStore: { enable: false }, kubernetesCRDStore: { enable: false }, format: { enable: false } },
      'yaml.schemas': {},
    },
  };
  const sizes = quick ? ['100k', '1m'] : ['100k', '1m', '10m'];
  for (const size of sizes) {
    const file = ensureManifest(size);
    const text = fs.readFileSync(file, 'utf8');
    const docs = text.split('\n---\n').length;
    const runs = size === '10m' ? 3 : size === '1m' ? 5 : 9;
    const base = timeIt(() => bareParse(text), runs);
    const full = timeIt(() => new FileAnalyzer().analyze(text, { rules: RULES, config: resolveConfig() }), runs);
    const analyzer = new FileAnalyzer();
    const config = resolveConfig();
    analyzer.analyze(text, { rules: RULES, config });
    const point = editPoint(text);
    let n = 0;
    const reanalysis = timeIt(() => {
      const edited = `${text.slice(0, point.offset)}${'x'.repeat(++n)}${text.slice(point.offset)}`;
      analyzer.analyze(edited, { rules: RULES, config });
    }, runs);
    const label = `${size} (${docs} docs)`;
    // The package as Node loads it (its CommonJS build) is slower than the ES module build bundled here: for scale only.
    const npmYaml = require(path.join(root, 'node_modules', 'yaml')) as typeof import('yaml');
    const npmBase = timeIt(() => npmYaml.parseAllDocuments(text, { lineCounter: new npmYaml.LineCounter() }), runs);
    rows.push({ metric: 'bare `yaml` parse (baseline)', size: label, value: fmt(base), ratio: '1.00×' });
    rows.push({
      metric: 'bare `yaml` parse, CommonJS build as `require("yaml")` loads it',
      size: label,
      value: fmt(npmBase),
      ratio: `${(npmBase / base).toFixed(2)}×`,
    });
    rows.push({ metric: 'Kubeward full analysis', size: label, value: fmt(full), ratio: `${(full / base).toFixed(2)}×` });
    rows.push({ metric: 'Kubeward re-analysis after a 1-char edit', size: label, value: fmt(reanalysis), ratio: `${(reanalysis / base).toFixed(3)}×` });

    // yaml-language-server needs minutes per edit of the 10 MB file (and more with each open): fewer runs there.
    const lspRuns = size === '10m' ? { open: 2, edit: 3 } : { open: 5, edit: 5 };
    const hasServer = fs.existsSync(serverBundle);
    const ours = hasServer ? await measureServer(kubeward, file, size, lspRuns) : undefined;
    const theirs = await measureServer(yamlls, file, size, lspRuns);
    if (ours) {
      const openTarget = size === '1m';
      rows.push({
        metric: 'Kubeward LSP didOpen → diagnostics',
        size: label,
        value: fmt(ours.open),
        ratio: `${(ours.open / base).toFixed(2)}× parse, ${(ours.open / theirs.open).toFixed(2)}× yaml-ls`,
        target: openTarget ? '≤ 2× parse, ≤ 0.5× yaml-ls' : undefined,
        ok: openTarget ? ours.open <= 2 * base && ours.open <= 0.5 * theirs.open : undefined,
      });
      rows.push({
        metric: 'Kubeward LSP didChange → diagnostics',
        size: label,
        value: fmt(ours.edit),
        ratio: `${(ours.edit / base).toFixed(3)}× parse, ${(ours.edit / theirs.edit).toFixed(3)}× yaml-ls`,
        target: openTarget ? '≤ 0.25× parse, ≤ 0.1× yaml-ls' : undefined,
        ok: openTarget ? ours.edit <= 0.25 * base && ours.edit <= 0.1 * theirs.edit : undefined,
      });
    } else rows.push({ metric: 'Kubeward LSP', size: label, value: 'dist/server.js not built' });
    if (ours)
      rows.push({
        metric: 'Kubeward LSP first didOpen after start (cold)',
        size: label,
        value: fmt(ours.first),
        ratio: `${(ours.first / base).toFixed(2)}× parse, ${(ours.first / theirs.first).toFixed(2)}× yaml-ls's first`,
      });
    rows.push({
      metric: 'yaml-language-server didOpen → diagnostics',
      size: label,
      value: fmt(theirs.open),
      ratio: `${(theirs.open / base).toFixed(2)}× parse`,
    });
    rows.push({
      metric: 'yaml-language-server first didOpen after start (cold)',
      size: label,
      value: fmt(theirs.first),
      ratio: `${(theirs.first / base).toFixed(2)}× parse`,
    });
    rows.push({
      metric: 'yaml-language-server didChange → diagnostics',
      size: label,
      value: fmt(theirs.edit),
      ratio: `${(theirs.edit / base).toFixed(2)}× parse`,
    });
    console.log(`  ${size}: done`);
  }

  // CLI over the corpus, one process each, wall time including start-up.
  const corpus = path.join(root, 'test', 'corpus');
  const cli = path.join(root, 'dist', 'cli.js');
  const once = (args: string[]) => {
    const start = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} failed: ${String(r.stderr)}`);
    return performance.now() - start;
  };
  const corpusFiles = manifestFiles(corpus).length;
  // Alternated, so that a slower minute of a shared machine weighs on both alike.
  const bareTimes: number[] = [];
  const cliTimes: number[] = [];
  for (let i = 0; i < (quick ? 3 : 9); i++) {
    bareTimes.push(once([__filename, '--bare-parse', corpus]));
    cliTimes.push(once([cli, 'scan', corpus, '--format', 'json']));
  }
  const bareCorpus = median(bareTimes);
  const cliCorpus = median(cliTimes);
  rows.push({ metric: 'bare parse of the corpus (one process)', size: `${corpusFiles} files`, value: fmt(bareCorpus), ratio: '1.00×' });
  rows.push({
    metric: '`kubeward scan` of the corpus (one process)',
    size: `${corpusFiles} files`,
    value: fmt(cliCorpus),
    ratio: `${(cliCorpus / bareCorpus).toFixed(2)}×`,
    target: '≤ 1.5×',
    ok: cliCorpus <= 1.5 * bareCorpus,
  });

  // Memory: retained heap after analysing the largest file.
  const memFile = ensureManifest(quick ? '1m' : '10m');
  const mem = JSON.parse(execFileSync(process.execPath, ['--expose-gc', __filename, '--memory', memFile], { encoding: 'utf8', maxBuffer: 1 << 26 })) as {
    bytes: number;
    retained: number;
    yamlAst: number;
  };
  rows.push({
    metric: 'heap retained after analysis',
    size: `${(mem.bytes / 1e6).toFixed(0)} MB file`,
    value: `${(mem.retained / 1e6).toFixed(1)} MB`,
    ratio: `${(mem.retained / mem.bytes).toFixed(2)}× file size`,
    target: '≤ 5×',
    ok: mem.retained <= 5 * mem.bytes,
  });
  rows.push({
    metric: 'heap of the `yaml` AST alone (for scale)',
    size: `${(mem.bytes / 1e6).toFixed(0)} MB file`,
    value: `${(mem.yamlAst / 1e6).toFixed(1)} MB`,
    ratio: `${(mem.yamlAst / mem.bytes).toFixed(1)}× file size`,
  });

  // Extension activation and package size (the production bundles `npm run bench` packages first).
  if (fs.existsSync(path.join(root, 'dist', 'client.js'))) {
    const runs = Array.from(
      { length: 7 },
      () => JSON.parse(execFileSync(process.execPath, [__filename, '--activation'], { encoding: 'utf8' })) as { activateMs: number; languageClientMs: number },
    );
    const activate = median(runs.map((r) => r.activateMs));
    const both = median(runs.map((r) => r.activateMs + r.languageClientMs));
    rows.push({
      metric: 'extension activation (load dist/client.js + activate())',
      size: 'dist/client.js',
      value: fmt(activate),
      target: '< 50 ms',
      ok: activate < 50,
    });
    rows.push({
      metric: 'activation + language client load (next tick)',
      size: 'dist/client.js + language-client.js',
      value: fmt(both),
      target: '< 50 ms',
      ok: both < 50,
    });
  }
  const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const vsix = fs.readdirSync(root).find((f) => f.endsWith(`-${version}.vsix`));
  if (vsix) {
    const bytes = fs.statSync(path.join(root, vsix)).size;
    rows.push({ metric: 'VSIX size', size: vsix, value: `${(bytes / 1e6).toFixed(2)} MB`, target: '< 2 MB', ok: bytes < 2e6 });
  } else rows.push({ metric: 'VSIX size', size: `kubeward-${version}.vsix`, value: 'not packaged (run `npm run package`)', ok: false });

  const lines = [
    '# Kubeward benchmark results',
    '',
    `Generated by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}. Medians of repeated runs; ratios are against the bare \`yaml\` 2.9.1 parse (parseAllDocuments with a LineCounter) measured in the same run, with the same ES module build of \`yaml\` that Kubeward bundles (faster than the CommonJS build \`require("yaml")\` loads, so the ratios are stricter than against that), and against yaml-language-server 1.25 (no schema) on the same files. Targets are those of docs/requirements.md (measured on the 1 MB file).`,
    '',
    '| Metric | Input | Time / size | Ratio | Target | |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.metric} | ${r.size} | ${r.value} | ${r.ratio ?? ''} | ${r.target ?? ''} | ${r.ok === undefined ? '' : r.ok ? '✅' : '❌'} |`),
    '',
  ];
  const table = lines.join('\n');
  console.log(`\n${table}`);
  if (!quick) fs.writeFileSync(path.join(root, 'bench', 'results.md'), table);
  const failed = rows.filter((r) => r.ok === false);
  if (failed.length) {
    console.error(`${failed.length} target(s) missed: ${failed.map((r) => r.metric).join('; ')}`);
    process.exitCode = 1;
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(2);
});
