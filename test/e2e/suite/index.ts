/**
 * Entry of the end-to-end suite inside the VS Code extension host
 * (`extensionTestsPath`). The same file serves both hosts: code-server driven by
 * test/e2e/runner.js, and desktop VS Code through @vscode/test-electron
 * (test/e2e/desktop.mjs). It runs every compiled `*.test.js` beside it with
 * mocha (tdd) and writes `{passes, failures}` to $E2E_RESULT_FILE for the runner.
 */
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.E2E_GREP;
  if (grep) mocha.grep(grep);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const out = process.env.E2E_RESULT_FILE;
        const stats = runner.stats ?? { passes: 0, failures: 1, pending: 0 };
        if (out) fs.writeFileSync(out, JSON.stringify({ passes: stats.passes, failures: stats.failures, pending: stats.pending }));
        if (failures > 0) reject(new Error(`${failures} end-to-end tests failed`));
        else if (stats.passes === 0) reject(new Error('no end-to-end test ran'));
        else resolve();
      });
    } catch (e) {
      reject(e);
    }
  });
}
