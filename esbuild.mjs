// Builds every bundle: the CLI, the language server, the VS Code client and the docs tool.
// Bundled (no node_modules at run time), CommonJS for Node 20 and VS Code's extension host.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  // yaml's ES module build: bundled without CommonJS interop getters on every
  // `isMap`/`isScalar` call, and without the parser's per-token process.env
  // lookup (LOG_TOKENS) of its Node build. Same version, same code otherwise;
  // the benchmark's baseline parse uses it too.
  alias: { yaml: './node_modules/yaml/browser/index.js' },
  // server/src/testRules.ts (inert unless KUBEWARD_TEST_RULES is set) stays in every bundle: the
  // packaging tests build the production bundles into dist/ while the server's tests run beside them.
  define: { KUBEWARD_TEST_RULES_BUILD: 'true' },
};

const entries = [
  { in: 'shared-rules/src/cli/bin.ts', out: 'dist/cli.js', bin: true },
  { in: 'server/src/main.ts', out: 'dist/server.js', bin: true },
  // The extension entry stays small; the language client (vscode-languageclient) is its own bundle,
  // required right after activation.
  { in: 'client/src/extension.ts', out: 'dist/client.js', external: ['vscode', './language-client.js'] },
  { in: 'client/src/client.ts', out: 'dist/language-client.js', external: ['vscode'] },
  { in: 'scripts/gen-docs.ts', out: 'dist/tools/gen-docs.js' },
  { in: 'scripts/gen-peer-agreement.ts', out: 'dist/tools/gen-peer-agreement.js' },
  { in: 'bench/run.ts', out: 'dist/tools/bench.js', external: ['yaml-language-server'] },
].filter((e) => fs.existsSync(e.in));

await Promise.all(
  entries.map(async (e) => {
    const result = await build({
      ...common,
      entryPoints: [e.in],
      outfile: e.out,
      external: e.external ?? [],
      banner: e.bin ? { js: '#!/usr/bin/env node' } : undefined,
      write: false,
    });
    // Write each file whole (temp file + rename): tests may run dist/* while a production build replaces it.
    for (const f of result.outputFiles) {
      fs.mkdirSync(path.dirname(f.path), { recursive: true });
      const tmp = `${f.path}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, f.contents);
      fs.renameSync(tmp, f.path);
    }
    // A production build has no source maps: drop stale ones from an earlier development build.
    if (production) fs.rmSync(`${e.out}.map`, { force: true });
  }),
);
// npx runs package.json bins directly: they must be executable.
for (const e of entries) if (e.bin) fs.chmodSync(e.out, 0o755);
console.log(`built ${entries.map((e) => e.out).join(', ')}`);
