// Every quick fix of the examples, the way a person applies it, in the real workbench with the
// packaged .vsix installed: open each file of examples/ with Quick Open, put the cursor on the
// finding (Go to Line), press Ctrl+., pick the fix in the menu, save, and check that
//   - the menu offers every quick fix the extension host saw there (the plan, fix-plan.test.ts),
//   - the file is exactly the text the fix's edit gives (so no other line changed and nothing was
//     re-indented), it parses, and the fix's finding is gone (kubeward scan of the result),
//   - one Ctrl+Z restores the file byte for byte.
// Then "Kubeward: Secure this Ingress" from the command palette on the insecure Ingress.
//   node ui-fixes.js <port> <workspace> <plan.json> <resultJson> <repo root>
// Selectors are VS Code's DOM; they hold for the pinned code-server (4.139.1).
'use strict';
const { chromium } = require('playwright-core');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { CHROMIUM_ARGS, chromiumPath } = require('./chromium');

const [port, ws, planFile, resultJson, root] = process.argv.slice(2);
if (!root) {
  console.error('usage: node ui-fixes.js <port> <workspace> <plan.json> <resultJson> <repo root>');
  process.exit(2);
}
const { parseAllDocuments } = require(path.join(root, 'node_modules', 'yaml'));
const t0 = Date.now();
const log = (...a) => console.log(`  [ui ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
const MENU_ROW = '.action-widget .monaco-list-row';
const EDITOR = '.editor-instance .monaco-editor';

const plan = JSON.parse(fs.readFileSync(planFile, 'utf8'));
let passes = 0;
let failures = 0;
const results = []; // { fix, text } for the findings check at the end

function fail(what, detail) {
  failures++;
  log(`✗ ${what}${detail ? `\n${detail}` : ''}`);
}

/** A short unified view of what differs between two texts, for failure messages. */
function lineDiff(expected, actual) {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const out = [];
  for (let i = 0; i < Math.max(a.length, b.length) && out.length < 12; i++) {
    if (a[i] !== b[i]) out.push(`      line ${i + 1}: expected ${JSON.stringify(a[i])}, got ${JSON.stringify(b[i])}`);
  }
  return out.join('\n');
}

const parses = (text) => parseAllDocuments(text).every((d) => d.errors.length === 0);

/** The saved text once `predicate` holds for it and two reads 60 ms apart agree (a save truncates, then writes). */
async function waitForFile(file, predicate, what, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const text = fs.readFileSync(file, 'utf8');
    if (text !== '' && predicate(text)) {
      await new Promise((r) => setTimeout(r, 60));
      if (fs.readFileSync(file, 'utf8') === text) return text;
      continue;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

(async () => {
  const udd = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-e2e-chromium-'));
  let ctx;
  const overall = setTimeout(
    () => {
      console.error('  UI fixes run timed out');
      fs.writeFileSync(resultJson, JSON.stringify({ passes, failures: failures + 1, exitCode: 'timeout' }));
      process.exit(1);
    },
    Number(process.env.E2E_UI_TIMEOUT_MS || 420_000),
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
    const key = (k) => page.keyboard.press(k);

    async function focusEditor() {
      // Escape closes a menu or a quick input left open; a click in the text area gives the editor the keyboard.
      await key('Escape');
      await page
        .locator(`${EDITOR} .view-lines`)
        .first()
        .click({ position: { x: 5, y: 5 } });
    }
    async function openFile(rel) {
      // The row of this file (name and folder): the same name in another folder may come first.
      const row = page
        .locator('.quick-input-widget .monaco-list-row')
        .filter({ hasText: path.basename(rel) })
        .filter({ hasText: path.dirname(rel) });
      for (let attempt = 1; ; attempt++) {
        await key('Control+P');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor({ timeout: 10_000 });
        await input.fill(rel);
        try {
          // The first search of a workspace can be slow on a busy machine.
          await row.first().waitFor({ timeout: 10_000 });
          break;
        } catch (e) {
          if (attempt === 3) throw e;
          await key('Escape');
        }
      }
      await row.first().click();
      await page
        .locator('.tab.active', { hasText: path.basename(rel) })
        .first()
        .waitFor({ timeout: 10_000 });
      await page.locator(`${EDITOR} .view-lines`).first().waitFor({ timeout: 10_000 });
    }
    async function goTo(line, column) {
      await key('Control+G');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: 10_000 });
      await input.fill(`:${line}:${column}`);
      await key('Enter');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5_000 });
    }
    /** Ctrl+. until the menu lists `title` (diagnostics may still be on their way after an undo). */
    async function openMenu(fix, title) {
      for (let attempt = 1; ; attempt++) {
        await goTo(fix.line, fix.column);
        await key('Control+.');
        try {
          await page.locator(MENU_ROW).first().waitFor({ timeout: 5_000 });
          const row = page.locator(MENU_ROW).filter({ hasText: new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) });
          await row.first().waitFor({ timeout: 2_000 });
          return row.first();
        } catch (e) {
          if (attempt === 4) throw new Error(`Ctrl+. at ${fix.file}:${fix.line}:${fix.column} did not offer "${title}"`);
          await focusEditor();
          await page.waitForTimeout(300);
        }
      }
    }
    const menuTitles = async () => (await page.locator(MENU_ROW).allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());

    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    log('workbench up');

    const originals = new Map(plan.files.map((f) => [f, fs.readFileSync(path.join(ws, f), 'utf8')]));
    const byFile = new Map(plan.files.map((f) => [f, []]));
    for (const fix of plan.fixes) byFile.get(fix.file).push(fix);
    let applied = 0;
    for (const [file, fixes] of byFile) {
      const abs = path.join(ws, file);
      const original = fs.readFileSync(abs, 'utf8');
      await openFile(file);
      await focusEditor();
      log(`${file}: open, ${fixes.length} quick fixes`);
      const checkedMenus = new Set();
      for (const fix of fixes) {
        const label = `${file}:${fix.line}:${fix.column} ${fix.ruleIds.join(',')} → "${fix.title}"`;
        try {
          const row = await openMenu(fix, fix.title);
          const at = `${fix.line}:${fix.column}`;
          if (!checkedMenus.has(at)) {
            checkedMenus.add(at);
            const offered = await menuTitles();
            const planned = fixes.filter((f) => `${f.line}:${f.column}` === at).map((f) => f.title);
            const missing = planned.filter((t) => !offered.some((o) => o.startsWith(t)));
            if (missing.length > 0) fail(`${file}:${at}: the menu lacks ${JSON.stringify(missing)}`, `      offered: ${offered.join(' | ')}`);
          }
          await row.click();
          await page.locator(MENU_ROW).first().waitFor({ state: 'hidden', timeout: 5_000 });
          await key('Control+S');
          const text = await waitForFile(abs, (t) => t !== original, 'the fix to be saved');
          results.push({ fix, text });
          if (text !== fix.expected) fail(`${label}: the file is not what the fix's edit gives`, lineDiff(fix.expected, text));
          else if (!parses(text)) fail(`${label}: the result does not parse`, text);
          else {
            passes++;
            log(`✓ applied ${label}`);
          }
          applied++;
          await key('Control+Z');
          await key('Control+S');
          await waitForFile(abs, (t) => t === original, 'one Ctrl+Z to restore the file', 5_000).catch(async () => {
            fail(`${label}: one Ctrl+Z did not restore the file`, lineDiff(original, fs.readFileSync(abs, 'utf8')));
            fs.writeFileSync(abs, original);
            await page.waitForTimeout(500);
          });
        } catch (e) {
          fail(`${label}: ${e.message.split('\n')[0]}`);
          const shot = path.join(path.dirname(resultJson), `ui-fix-failure-${failures}.png`);
          await page.screenshot({ path: shot }).then(
            () => log(`screenshot: ${shot}`),
            () => undefined,
          );
          await focusEditor().catch(() => undefined);
        }
      }
      await key('Control+W');
    }
    log(`${applied} of ${plan.fixes.length} quick fixes applied through Ctrl+.`);

    // "Kubeward: Secure this Ingress" from the command palette, answering its questions as a person does.
    const ingressFile = 'examples/insecure/ingress.yaml';
    const ingressPath = path.join(ws, ingressFile);
    const ingressOriginal = fs.readFileSync(ingressPath, 'utf8');
    try {
      await openFile(ingressFile);
      await focusEditor();
      await goTo(6, 3);
      await key('Control+Shift+P');
      const input = page.locator('.quick-input-widget input');
      await input.fill('>Kubeward: Secure this Ingress');
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Secure this Ingress' }).first().waitFor({ timeout: 10_000 });
      await key('Enter');
      const answers = [
        ['(1/3)', 'https://auth.example.com/oauth2/auth'],
        ['(2/4)', undefined], // the offered oauth2-proxy sign-in page, kept
        ['(3/4)', ''], // the TLS Secret: the default <name>-tls
        ['(4/4)', 'letsencrypt-prod'],
      ];
      for (const [step, answer] of answers) {
        await page.locator('.quick-input-widget .quick-input-title', { hasText: step }).waitFor({ timeout: 10_000 });
        const prompt = (
          await page
            .locator('.quick-input-widget .quick-input-message')
            .innerText()
            .catch(() => '')
        ).replace(/\s+/g, ' ');
        const value = await input.inputValue();
        if (answer !== undefined) await input.fill(answer);
        log(`Secure this Ingress ${step}: ${prompt.slice(0, 90)} → ${JSON.stringify(answer ?? value)}`);
        await key('Enter');
      }
      // The summary notification, read in the notification center (a toast may stay hidden in a headless window without focus).
      const text = await waitForFile(ingressPath, (t) => t !== ingressOriginal, 'the secured Ingress to be written');
      await key('Control+Shift+P');
      await input.fill('>Notifications: Show Notifications');
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Show Notifications' }).first().waitFor({ timeout: 10_000 });
      await key('Enter');
      const note = page.locator('.notifications-center .notification-list-item', { hasText: 'secured Ingress' });
      await note.first().waitFor({ timeout: 15_000 });
      log(`notification: ${(await note.first().innerText()).replace(/\s+/g, ' ').slice(0, 600)}`);
      await key('Escape');
      await focusEditor();
      await key('Control+S');
      const missing = [
        'auth-url: https://auth.example.com/oauth2/auth',
        'auth-signin: https://auth.example.com/oauth2/start?rd=$escaped_request_uri',
        'cert-manager.io/cluster-issuer: letsencrypt-prod',
        'secretName: shop-tls',
        'apiVersion: networking.k8s.io/v1\n',
      ].filter((t) => !text.includes(t));
      if (!parses(text)) fail('Secure this Ingress: the result does not parse', text);
      else if (missing.length > 0) fail(`Secure this Ingress: the result lacks ${JSON.stringify(missing)}`, text);
      else {
        passes++;
        log('✓ applied examples/insecure/ingress.yaml → "Kubeward: Secure this Ingress" (palette)');
        results.push({
          fix: {
            file: ingressFile,
            title: 'Kubeward: Secure this Ingress',
            ruleIds: ['ingress-tls-missing', 'ingress-public-no-auth', 'ingress-removed-api-version', 'ingress-nginx-snippet-annotation'],
          },
          text,
        });
      }
      await key('Control+Z');
      await key('Control+S');
      await waitForFile(ingressPath, (t) => t === ingressOriginal, 'one Ctrl+Z to restore the Ingress', 5_000).catch(() =>
        fail('Secure this Ingress: one Ctrl+Z did not restore the file', lineDiff(ingressOriginal, fs.readFileSync(ingressPath, 'utf8'))),
      );
    } catch (e) {
      fail(`Secure this Ingress: ${e.message.split('\n')[0]}`);
      await page.screenshot({ path: path.join(path.dirname(resultJson), 'ui-secure-ingress-failure.png') }).catch(() => undefined);
    }

    // The fix's finding is gone: `kubeward scan` of every result, next to the original.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-e2e-fixed-'));
    results.forEach((r, i) => fs.writeFileSync(path.join(dir, `${i}.yaml`), r.text));
    for (const file of plan.files) fs.writeFileSync(path.join(dir, `original-${file.replace(/\W/g, '_')}.yaml`), originals.get(file));
    const scan = JSON.parse(
      execFileSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'scan', dir, '--format', 'json', '--fail-on', 'none'], { encoding: 'utf8' }),
    );
    const count = (name, ruleId) => scan.findings.filter((f) => path.basename(f.file) === name && f.ruleId === ruleId).length;
    let gone = 0;
    results.forEach((r, i) => {
      const originalName = `original-${r.fix.file.replace(/\W/g, '_')}.yaml`;
      for (const ruleId of r.fix.ruleIds) {
        if (count(`${i}.yaml`, ruleId) >= count(originalName, ruleId)) fail(`${r.fix.file} "${r.fix.title}": the ${ruleId} finding is still there`);
        else gone++;
      }
    });
    log(`kubeward scan of the ${results.length} results: the fix's finding is gone in ${gone}`);
    fs.rmSync(dir, { recursive: true, force: true });
  } catch (e) {
    console.error('  UI fixes runner error:', e && e.stack ? e.stack : e);
    failures++;
    const page = ctx?.pages()[0];
    if (page) await page.screenshot({ path: path.join(path.dirname(resultJson), 'ui-fixes-error.png') }).catch(() => undefined);
  } finally {
    if (ctx) await ctx.close().catch(() => undefined);
    fs.rmSync(udd, { recursive: true, force: true });
  }
  clearTimeout(overall);
  console.log(`  UI quick fixes: ${passes} passed, ${failures} failed`);
  fs.writeFileSync(resultJson, JSON.stringify({ passes, failures, exitCode: failures === 0 ? 0 : 1 }));
  process.exit(failures === 0 && passes > 0 ? 0 : 1);
})();
