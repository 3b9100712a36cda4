// UI smoke test through the real workbench, with the packaged .vsix installed in code-server:
// open a manifest from the explorer, see the squiggle and the Problems entry, Ctrl+. and pick
// the quick fix, see the text change and the squiggle go.
//   node ui-smoke.js <port> <workspace> <resultJson>
// Selectors are VS Code's DOM; they hold for the pinned code-server (4.139.1).
'use strict';
const { chromium } = require('playwright-core');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { CHROMIUM_ARGS, chromiumPath } = require('./chromium');

const [port, ws, resultJson] = process.argv.slice(2);
if (!resultJson) {
  console.error('usage: node ui-smoke.js <port> <workspace> <resultJson>');
  process.exit(2);
}
const t0 = Date.now();
const log = (...a) => console.log(`  [ui ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
const EDITOR_LINES = '.editor-instance .monaco-editor .view-lines';

(async () => {
  const udd = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-e2e-chromium-'));
  let ctx;
  let ok = false;
  const overall = setTimeout(
    () => {
      console.error('  UI smoke test timed out');
      fs.writeFileSync(resultJson, JSON.stringify({ passes: 0, failures: 1, exitCode: 'timeout' }));
      process.exit(1);
    },
    Number(process.env.E2E_UI_TIMEOUT_MS || 240_000),
  );
  try {
    ctx = await chromium.launchPersistentContext(udd, {
      executablePath: chromiumPath(),
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 900 },
    });
    const page = ctx.pages()[0] || (await ctx.newPage());
    if (process.env.E2E_VERBOSE) page.on('console', (m) => console.log('  [browser]', m.text().slice(0, 300)));
    try {
      await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
      await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
      log('workbench up');
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'pod.yaml' }).first().dblclick({ timeout: 60_000 });
      await page.waitForSelector(EDITOR_LINES, { timeout: 30_000 });
      log('pod.yaml open');
      await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 60_000 });
      log('squiggle seen');

      await page.keyboard.press('Control+Shift+M');
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'pod-privileged' });
      await row.first().waitFor({ timeout: 30_000 });
      log('Problems:', (await row.first().innerText()).replace(/\s+/g, ' '));

      // Put the cursor in the flagged value by clicking the squiggle, then Ctrl+. for the quick fix
      // menu. Tried up to three times: a workbench part that restores late can take the keyboard focus
      // from the editor between the click and the key press (seen once in CI), which is not ours to test.
      const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Set privileged: false' });
      for (let attempt = 1; ; attempt++) {
        const box = await page.locator('.monaco-editor .squiggly-error').first().boundingBox();
        if (!box) throw new Error('the squiggle has no box on screen');
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        await page.keyboard.press('Control+.');
        try {
          await fix.first().waitFor({ timeout: 5_000 });
          break;
        } catch (e) {
          const focus = await page.evaluate(() => {
            const el = document.activeElement;
            return el ? `${el.tagName.toLowerCase()}.${String(el.className).split(' ').slice(0, 3).join('.')}` : 'none';
          });
          log(`attempt ${attempt}: no quick fix menu (focus on ${focus})`);
          if (attempt === 3) throw e;
          await page.keyboard.press('Escape');
        }
      }
      const offered = (await page.locator('.action-widget .monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      log('quick fixes offered:', offered.join(' | '));
      await fix.first().click();
      await page.waitForFunction(
        (sel) =>
          document
            .querySelector(sel)
            .innerText.replace(/\u00a0/g, ' ')
            .includes('privileged: false'),
        EDITOR_LINES,
        { timeout: 15_000 },
      );
      log('text fixed');
      await page.waitForSelector('.monaco-editor .squiggly-error', { state: 'detached', timeout: 15_000 });
      log('squiggle gone');
      ok = true;
    } catch (e) {
      log('FAIL', e.message.split('\n')[0]);
      const shot = path.join(path.dirname(resultJson), 'ui-smoke-failure.png');
      await page.screenshot({ path: shot }).then(
        () => log(`screenshot: ${shot}`),
        () => undefined,
      );
    }
  } catch (e) {
    console.error('  UI smoke runner error:', e && e.stack ? e.stack : e);
  } finally {
    if (ctx) await ctx.close().catch(() => undefined);
    fs.rmSync(udd, { recursive: true, force: true });
  }
  clearTimeout(overall);
  console.log(`  UI smoke: ${ok ? 'passed' : 'FAILED'}`);
  fs.writeFileSync(resultJson, JSON.stringify({ passes: ok ? 1 : 0, failures: ok ? 0 : 1, exitCode: ok ? 0 : 1 }));
  process.exit(ok ? 0 : 1);
})();
