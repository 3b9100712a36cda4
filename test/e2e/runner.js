// Runs the mocha suite inside code-server's real extension host, driven by headless Chromium.
//   node runner.js <port> <extensionDevelopmentPath> <extensionTestsPath> <workspace> <resultJson>
// The workbench URL carries a smoke-test payload (code-server must run with
// `--vscode-option enable-smoke-test-driver`) that loads the extension under development and
// runs its tests; the page reports mocha's output through codeAutomationLog and the end
// through codeAutomationExit. Writes {passes, failures, exitCode} to <resultJson>.
'use strict';
const { chromium } = require('playwright-core');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { CHROMIUM_ARGS, chromiumPath } = require('./chromium');

const [port, ext, tests, ws, resultJson] = process.argv.slice(2);
if (!resultJson) {
  console.error('usage: node runner.js <port> <extensionDevelopmentPath> <extensionTestsPath> <workspace> <resultJson>');
  process.exit(2);
}
const host = `127.0.0.1:${port}`;
const mochaResult = path.join(os.tmpdir(), `kubeward-e2e-mocha-${process.pid}.json`);
const timeoutMs = Number(process.env.E2E_TIMEOUT_MS || 300_000);

(async () => {
  const udd = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-e2e-chromium-'));
  let ctx;
  let exitCode = 'not started';
  try {
    ctx = await chromium.launchPersistentContext(udd, { executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
    const page = ctx.pages()[0] || (await ctx.newPage());
    let done;
    const exited = new Promise((resolve) => (done = resolve));
    // The workbench logs through the same channel; drop its offline noise (the gallery is unreachable by design).
    const noise = /open-vsx\.org|getaddrinfo|\/workbench\.js:\d+|vsda|Gallery/;
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const text = args.map(String).join(' ');
      if (process.env.E2E_VERBOSE || !noise.test(text)) console.log(...args);
    });
    await page.exposeFunction('codeAutomationExit', (code) => done(code));
    page.on('pageerror', (e) => process.env.E2E_VERBOSE && console.log('[page error]', e.message));
    if (process.env.E2E_VERBOSE) page.on('console', (m) => console.log('[browser]', m.text()));
    const env = { E2E_RESULT_FILE: mochaResult };
    if (process.env.E2E_GREP) env.E2E_GREP = process.env.E2E_GREP;
    if (process.env.E2E_PLAN_FILE) env.E2E_PLAN_FILE = process.env.E2E_PLAN_FILE;
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${host}${ext}`],
      ['extensionTestsPath', `vscode-remote://${host}${tests}`],
      ['extensionEnvironment', JSON.stringify(env)],
      ['skipWelcome', 'true'],
    ];
    const timer = setTimeout(() => done('timeout'), timeoutMs);
    await page.goto(`http://${host}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    exitCode = await exited;
    clearTimeout(timer);
    if (exitCode !== 0) {
      const shot = path.join(path.dirname(resultJson), 'mocha-failure.png');
      await page.screenshot({ path: shot }).then(
        () => console.log(`screenshot: ${shot}`),
        () => undefined,
      );
    }
  } catch (e) {
    console.error('e2e runner error:', e && e.stack ? e.stack : e);
    exitCode = 'runner error';
  } finally {
    if (ctx) await ctx.close().catch(() => undefined);
    fs.rmSync(udd, { recursive: true, force: true });
  }
  let r = { passes: 0, failures: 0 };
  try {
    r = JSON.parse(fs.readFileSync(mochaResult, 'utf8'));
    fs.rmSync(mochaResult);
  } catch {
    console.error('the suite wrote no result (it did not start, crashed or timed out)');
  }
  // A run that did not finish cleanly counts as one failure even if mocha never reported one.
  const failures = r.failures + (exitCode !== 0 && r.failures === 0 ? 1 : 0);
  if (exitCode === 'timeout') console.error(`the suite timed out after ${timeoutMs} ms`);
  console.log(`extension host exit code: ${exitCode}; mocha: ${r.passes} passed, ${r.failures} failed`);
  fs.writeFileSync(resultJson, JSON.stringify({ passes: r.passes, failures, exitCode }));
  process.exit(exitCode === 0 && failures === 0 && r.passes > 0 ? 0 : 1);
})();
