// Compiles the end-to-end suite (test/e2e/suite/*.ts) to out/test/e2e/suite/*.js for the
// extension host: one CommonJS file per test file; `vscode` and `mocha` come from the host.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const src = path.join(root, 'test/e2e/suite');
const out = path.join(root, 'out/test/e2e/suite');
fs.rmSync(out, { recursive: true, force: true });
const entryPoints = fs
  .readdirSync(src)
  .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
  .map((f) => path.join(src, f));
await build({
  entryPoints,
  outdir: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
console.log(`built ${entryPoints.length} e2e files into ${path.relative(root, out)}`);
