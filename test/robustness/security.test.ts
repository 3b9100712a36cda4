/**
 * Security of the tool itself (docs/requirements.md: Security, Robustness): the CLI and the language server
 * make no network call, start no process and evaluate nothing from the
 * workspace; decoded Secret values never reach findings or logs.
 *
 * What the bundles contain is read from esbuild's metafile of the same entry
 * points `npm run build` bundles: for every module, which Node built-ins it
 * imports. Third-party code (vscode-languageserver) may reach `net` for the
 * `--socket`/`--pipe` transports an editor chooses; our own code may not.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { lint, parseConfigFile, RULE_IDS } from '../../shared-rules/src/index';

const root = path.resolve(__dirname, '../..');

const ENTRIES = {
  cli: 'shared-rules/src/cli/bin.ts',
  server: 'server/src/main.ts',
};

/** Built-ins that reach the network, start processes or run code. */
const FORBIDDEN = ['child_process', 'cluster', 'dgram', 'dns', 'http', 'http2', 'https', 'inspector', 'net', 'tls', 'vm', 'worker_threads'];

/**
 * Where third-party modules of the bundles import such a built-in, and why
 * it is never reached from the workspace. The runtime guard below
 * (forbid-io.cjs) checks that nothing calls them while we run.
 */
const THIRD_PARTY_REVIEWED: Record<string, string> = {
  'node_modules/vscode-languageserver/node_modules/vscode-jsonrpc/lib/node/main.js:net':
    'the --socket and --pipe transports of vscode-jsonrpc, chosen by the editor that starts the server (we use --stdio and --node-ipc), never by the workspace',
  'node_modules/vscode-languageserver/lib/node/files.js:child_process':
    "vscode-languageserver's Files.resolve* helpers (npm/yarn global paths), re-exported by its main module and never called: the library does not use them and our code never references Files (checked below)",
};

/**
 * Our own modules that may import such a built-in, and why. Helper threads
 * run our own bundle (the CLI's or the server's file), never a script or
 * code from the workspace; the runtime guard (forbid-io.cjs) checks that.
 */
const OWN_REVIEWED: Record<string, string> = {
  'shared-rules/src/cli/parallel.ts:worker_threads': 'kubeward scan shares large inputs with a helper thread running dist/cli.js itself',
  'server/src/parallel.ts:worker_threads': 'the language server analyses the first version of a large file on a helper thread running dist/server.js itself',
  'shared-rules/src/cli/git.ts:child_process':
    'kubeward scan --changed-since <ref> runs git (execFileSync, fixed arguments, no shell) to list changed files and read them at the revision; only with that option, never from the language server (checked below)',
};

const builtin = (p: string) => p.replace(/^node:/, '').split('/')[0]!;

async function metafileOf(entry: string): Promise<Metafile> {
  const result = await build({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    write: false,
    metafile: true,
    logLevel: 'silent',
    external: ['vscode'],
  });
  return result.metafile;
}

describe.each(Object.entries(ENTRIES))('the %s bundle', (name, entry) => {
  let meta: Metafile;
  beforeAll(async () => {
    meta = await metafileOf(entry);
  }, 60_000);

  it('our own modules import no network, process or code-execution built-in', () => {
    const ours = Object.entries(meta.inputs).filter(([file]) => !file.includes('node_modules'));
    expect(ours.length).toBeGreaterThan(20);
    const bad = ours.flatMap(([file, input]) =>
      input.imports
        .filter((i) => i.external && FORBIDDEN.includes(builtin(i.path)) && !OWN_REVIEWED[`${file}:${builtin(i.path)}`])
        .map((i) => `${file} imports ${i.path}`),
    );
    expect(bad).toEqual([]);
    // Each bundle has its own helper module, and only that one.
    const helpers = ours.filter(([, input]) => input.imports.some((i) => i.external && builtin(i.path) === 'worker_threads')).map(([file]) => file);
    expect(helpers).toEqual([name === 'cli' ? 'shared-rules/src/cli/parallel.ts' : 'server/src/parallel.ts']);
    // Only the CLI's git module starts a process, and the server bundle does not contain it.
    const spawners = ours.filter(([, input]) => input.imports.some((i) => i.external && builtin(i.path) === 'child_process')).map(([file]) => file);
    expect(spawners).toEqual(name === 'cli' ? ['shared-rules/src/cli/git.ts'] : []);
  });

  it('third-party modules import only reviewed built-ins of that kind', () => {
    const used = Object.entries(meta.inputs)
      .filter(([file]) => file.includes('node_modules'))
      .flatMap(([file, input]) =>
        input.imports.filter((i) => i.external && FORBIDDEN.includes(builtin(i.path))).map((i) => ({ file, module: builtin(i.path) })),
      );
    const unreviewed = used.filter((u) => !THIRD_PARTY_REVIEWED[`${u.file}:${u.module}`]);
    expect(unreviewed, 'review the new built-in and list it in THIRD_PARTY_REVIEWED').toEqual([]);
    // The CLI has no transport at all.
    if (name === 'cli') expect(used).toEqual([]);
  });

  it('the built bundle is what was checked (same modules as dist)', () => {
    const dist = path.join(root, 'dist', name === 'cli' ? 'cli.js' : 'server.js');
    expect(fs.existsSync(dist), 'npm test builds first').toBe(true);
    const bundle = fs.readFileSync(dist, 'utf8');
    // Every module name esbuild records as a require of a forbidden built-in in the bundle text comes from reviewed code.
    const required = new Set([...bundle.matchAll(/require\("(?:node:)?([a-z_0-9]+)"\)/g)].map((m) => m[1]!));
    const forbidden = [...required].filter((m) => FORBIDDEN.includes(m)).sort();
    const modules = (keys: string[]) => keys.map((k) => k.slice(k.lastIndexOf(':') + 1));
    const reviewed = [...new Set([...(name === 'cli' ? [] : modules(Object.keys(THIRD_PARTY_REVIEWED))), ...modules(Object.keys(OWN_REVIEWED))])].sort();
    expect(forbidden, `forbidden requires in ${dist}`).toEqual(reviewed);
  });
});

describe('our source evaluates no code', () => {
  const dirs = ['shared-rules/src', 'server/src', 'client/src'];
  const files = dirs.flatMap((d) => {
    const walk = (dir: string): string[] =>
      fs.existsSync(dir)
        ? fs
            .readdirSync(dir, { withFileTypes: true })
            .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []))
        : [];
    return walk(path.join(root, d));
  });

  it('no eval, Function constructor, dynamic require or import, network API', () => {
    const found: string[] = [];
    for (const file of files) {
      const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
      const visit = (node: ts.Node) => {
        const where = () => `${path.relative(root, file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
        if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && ts.isIdentifier(node.expression)) {
          const callee = node.expression.text;
          if (['eval', 'Function', 'fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource'].includes(callee)) found.push(`${where()} ${callee}(`);
          if (callee === 'require' && !(node.arguments?.[0] && ts.isStringLiteral(node.arguments[0]))) found.push(`${where()} dynamic require`);
        }
        if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) found.push(`${where()} dynamic import`);
        if (
          ts.isImportDeclaration(node) &&
          ts.isStringLiteral(node.moduleSpecifier) &&
          FORBIDDEN.includes(builtin(node.moduleSpecifier.text)) &&
          !OWN_REVIEWED[`${path.relative(root, file)}:${builtin(node.moduleSpecifier.text)}`]
        )
          found.push(`${where()} imports ${node.moduleSpecifier.text}`);
        // vscode-languageserver's Files helpers spawn npm and yarn: never used.
        if (
          ts.isImportDeclaration(node) &&
          ts.isStringLiteral(node.moduleSpecifier) &&
          node.moduleSpecifier.text.startsWith('vscode-languageserver') &&
          /\bFiles\b/.test(node.importClause?.getText(sf) ?? '')
        )
          found.push(`${where()} imports Files`);
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
    expect(found).toEqual([]);
  });
});

const forbidIo = path.join(__dirname, 'forbid-io.cjs');

describe('at run time, guarded: no process, no connection', () => {
  it('the guard itself works', () => {
    const run = spawnSync(
      process.execPath,
      ['-r', forbidIo, '-e', "try { require('child_process').spawnSync('true') } catch {} try { require('https').get('https://example.com') } catch {}"],
      { encoding: 'utf8' },
    );
    expect(run.stderr).toContain('KUBEWARD-FORBIDDEN child_process.spawnSync');
    expect(run.stderr).toContain('KUBEWARD-FORBIDDEN https.get');
    const worker = spawnSync(
      process.execPath,
      ['-r', forbidIo, '-e', "const { Worker } = require('worker_threads'); try { new Worker('process.exit(3)', { eval: true }) } catch {}"],
      { encoding: 'utf8' },
    );
    expect(worker.stderr).toContain('KUBEWARD-FORBIDDEN worker_threads.Worker');
  });

  it('the CLI on two threads starts only its own bundle as a helper', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-guard-'));
    try {
      fs.cpSync(path.join(root, 'test', 'corpus', 'ingress-nginx'), dir, { recursive: true });
      const run = spawnSync(
        process.execPath,
        ['-r', forbidIo, path.join(root, 'dist', 'cli.js'), 'scan', '.', '--threads', '2', '--format', 'json', '--fail-on', 'none'],
        { cwd: dir, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
      );
      expect(run.stderr).not.toContain('KUBEWARD-FORBIDDEN');
      expect(run.stderr).toContain('KUBEWARD-WORKER cli.js');
      expect(run.status, run.stderr).toBe(0);
      expect(new Set(JSON.parse(run.stdout).findings.map((f: { file: string }) => f.file)).size).toBeGreaterThan(10);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the CLI scans, fixes and formats the corpus calling none of them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-guard-'));
    try {
      fs.cpSync(path.join(root, 'test', 'corpus', 'ingress-nginx'), dir, { recursive: true });
      const baseline = path.join(os.tmpdir(), `kubeward-guard-${process.pid}.json`);
      for (const args of [
        ['--format', 'sarif'],
        ['--fix', '--format', 'json'],
        ['--format', 'text'],
        ['--write-baseline', baseline],
        ['--baseline', baseline, '--format', 'sarif'],
      ]) {
        const run = spawnSync(process.execPath, ['-r', forbidIo, path.join(root, 'dist', 'cli.js'), 'scan', '.', ...args, '--fail-on', 'none'], {
          cwd: dir,
          encoding: 'utf8',
          timeout: 120_000,
          maxBuffer: 64 * 1024 * 1024,
        });
        expect(run.stderr, args.join(' ')).not.toContain('KUBEWARD-FORBIDDEN');
        expect(run.stderr, args.join(' ')).not.toContain('KUBEWARD-GIT');
        expect(run.status, run.stderr).toBe(0);
      }
      fs.rmSync(baseline, { force: true });
      // --changed-since starts git, and nothing else.
      const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
      for (const git of [
        ['init', '-q'],
        ['add', '.'],
        ['commit', '-qm', 'corpus'],
      ])
        expect(spawnSync('git', git, { cwd: dir, env }).status).toBe(0);
      const run = spawnSync(
        process.execPath,
        ['-r', forbidIo, path.join(root, 'dist', 'cli.js'), 'scan', '.', '--changed-since', 'HEAD', '--fail-on', 'none'],
        { cwd: dir, encoding: 'utf8', timeout: 120_000 },
      );
      expect(run.stderr).not.toContain('KUBEWARD-FORBIDDEN');
      expect(new Set(run.stderr.split('\n').filter(Boolean))).toEqual(
        new Set(['KUBEWARD-GIT rev-parse', 'KUBEWARD-GIT diff', 'KUBEWARD-GIT ls-files', 'KUBEWARD-GIT ls-tree']),
      );
      expect(run.stdout).toContain('No findings');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('workspace content is data, never code', () => {
  const marker = path.join(os.tmpdir(), `kubeward-pwned-${process.pid}`);
  const payloads = [
    `!!js/function "function () { require('fs').writeFileSync('${marker}', 'x') }"`,
    `!<tag:yaml.org,2002:js/eval> "require('fs').writeFileSync('${marker}', 'x')"`,
    `!!python/object/apply:os.system ["touch ${marker}"]`,
    `!!js/undefined ''`,
    `!Ref SomeResource`,
    `!!binary R0lGODlhDAAMAIQAAP`,
  ];

  it('YAML tags (js/function, js/eval, python/object) are not executed, in manifests or in .kubeward.yaml', () => {
    for (const payload of payloads) {
      const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tags\n  annotations:\n    a: ${payload}\ndata:\n  x: ${payload}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${payload}\nspec:\n  rules:\n    - host: ${payload}\n`;
      const result = lint(text, { withFixes: true });
      expect(result.ruleErrors).toEqual([]);
      for (const f of result.findings) expect(RULE_IDS.has(f.ruleId)).toBe(true);
      parseConfigFile(`profile: ${payload}\nrules:\n  pod-privileged: ${payload}\ningress:\n  authUrl: ${payload}\n`, RULE_IDS);
      expect(fs.existsSync(marker), payload).toBe(false);
    }
  });

  it('the CLI runs a hostile-tag manifest and a hostile .kubeward.yaml without executing them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-tags-'));
    try {
      fs.writeFileSync(path.join(dir, '.kubeward.yaml'), `profile: restricted\nrules:\n  "${'*'.repeat(40)}z": ${payloads[0]}\nignore: [${payloads[1]}]\n`);
      fs.writeFileSync(
        path.join(dir, 'm.yaml'),
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: ${payloads[0]}\n  b: ${payloads[1]}\n  c: ${payloads[2]}\n`,
      );
      const run = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'scan', '.', '--format', 'json', '--fail-on', 'none'], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status, run.stderr).toBe(0);
      expect(fs.existsSync(marker)).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('decoded Secret values', () => {
  const SECRET_TEXT = 'Kw-S3cr3t-Marker-9f27';
  const b64 = Buffer.from(SECRET_TEXT).toString('base64');
  const manifests = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  password: ${b64}\n  token: ${Buffer.from(`token=${SECRET_TEXT}`).toString('base64')}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  password: ${b64}\n`;

  it('never appear in findings (messages, fix titles) of any rule', () => {
    const result = lint(manifests, { withFixes: true });
    expect(result.findings.length).toBeGreaterThan(0);
    expect(JSON.stringify(result.findings)).not.toContain(SECRET_TEXT);
  });

  it('never appear in the CLI output, in any format', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-secret-'));
    try {
      fs.writeFileSync(path.join(dir, 's.yaml'), manifests);
      for (const format of ['text', 'json', 'sarif']) {
        const run = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'scan', '.', '--format', format, '--fail-on', 'none'], {
          cwd: dir,
          encoding: 'utf8',
          timeout: 60_000,
        });
        expect(run.status).toBe(0);
        expect(run.stdout + run.stderr, format).not.toContain(SECRET_TEXT);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
