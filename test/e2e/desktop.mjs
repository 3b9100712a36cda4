// Runs the same mocha suite (out/test/e2e/suite) in desktop VS Code through @vscode/test-electron,
// for contributors whose machine can download VS Code (`npm run test:desktop`). CI and offline
// machines use test/e2e/run.sh (code-server) instead; both load the suite through the same index.
//   VSCODE_VERSION=1.139.1 (default: stable) · VSCODE_EXECUTABLE=/path/to/code to skip the download
import { runTests } from '@vscode/test-electron';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-e2e-desktop-'));
const workspace = path.join(tmp, 'ws');
fs.cpSync(path.join(root, 'test/e2e/workspace'), workspace, { recursive: true });
const resultFile = path.join(tmp, 'result.json');
const userData = path.join(tmp, 'ud');
fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
fs.writeFileSync(
  path.join(userData, 'User', 'settings.json'),
  JSON.stringify({
    'workbench.startupEditor': 'none',
    'chat.disableAIFeatures': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'git.enabled': false,
  }),
);

let exitCode = 1;
try {
  exitCode = await runTests({
    ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : { version: process.env.VSCODE_VERSION || 'stable' }),
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out/test/e2e/suite/index.js'),
    extensionTestsEnv: { E2E_RESULT_FILE: resultFile, ...(process.env.E2E_GREP ? { E2E_GREP: process.env.E2E_GREP } : {}) },
    // The fixture workspace first, then a fresh profile without other extensions. runTests adds
    // --disable-workspace-trust, --skip-welcome, --extensionDevelopmentPath and --extensionTestsPath itself.
    launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${userData}`],
  });
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
}
let r = { passes: 0, failures: 1 };
try {
  r = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
} catch {
  console.error('the suite wrote no result');
}
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`e2e: ${r.passes} passed, ${r.failures} failed`);
process.exit(exitCode === 0 && r.failures === 0 && r.passes > 0 ? 0 : 1);
