/**
 * docs/requirements.md, Robustness: hostile inputs never crash, hang, exhaust memory or damage text.
 * Each input is generated here, analysed by the engine (with and without
 * fixes, alone and followed by a normal manifest in the same file) and by
 * the built CLI (next to a normal manifest in the same folder, with and
 * without --fix), under generous time and memory bounds.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyEdits } from '../../shared-rules/src/index';
import { analyze, expectClearFindings, timed, yamlErrorCount } from './checks';
import { asText, HOSTILE_INPUTS, NORMAL, NORMAL_FINDINGS, type HostileInput } from './hostile';

const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'dist', 'cli.js');
const reporter = path.join(__dirname, 'rss-reporter.cjs');

/** Generous: the slowest input takes a few seconds on a loaded 2-core machine; a quadratic one took minutes. */
const ENGINE_MS = 30_000;
const CLI_MS = 60_000;
/** The CLI runs with a 1 GB heap: a blow-up fails it; its whole process must stay under this. */
const HEAP_MB = 1024;
const RSS_MB = 1536;

const measurements: Array<{ input: string; engineMs: number; cliMs: number; cliRssMb: number; findings: number }> = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-hostile-'));
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
  // The numbers behind the robustness report.
  console.log(
    [
      'input | engine ms | CLI ms | CLI peak RSS MB | findings',
      ...measurements.map((m) => `${m.input} | ${m.engineMs.toFixed(0)} | ${m.cliMs.toFixed(0)} | ${m.cliRssMb.toFixed(0)} | ${m.findings}`),
    ].join('\n'),
  );
});

function slug(name: string): string {
  return name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
}

function record(input: HostileInput, part: Partial<(typeof measurements)[number]>): void {
  let m = measurements.find((x) => x.input === input.name);
  if (!m) measurements.push((m = { input: input.name, engineMs: 0, cliMs: 0, cliRssMb: 0, findings: 0 }));
  Object.assign(m, Object.fromEntries(Object.entries(part).map(([k, v]) => [k, Math.max(Number(v), Number(m![k as keyof typeof m]) || 0)])));
}

function runCli(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string; maxRssMb: number; ms: number } {
  const stats = path.join(cwd, '..', `${path.basename(cwd)}.rss.json`);
  const child = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, '-r', reporter, cli, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, KUBEWARD_RSS_FILE: stats, NO_COLOR: '1' },
    maxBuffer: 256 * 1024 * 1024,
    timeout: CLI_MS * 2,
  });
  const measured = fs.existsSync(stats)
    ? (JSON.parse(fs.readFileSync(stats, 'utf8')) as { maxRssKb: number; ms: number })
    : { maxRssKb: Infinity, ms: Infinity };
  return { status: child.status, stdout: child.stdout, stderr: child.stderr, maxRssMb: measured.maxRssKb / 1024, ms: measured.ms };
}

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  message: string;
}

describe('hostile inputs: engine', () => {
  for (const input of HOSTILE_INPUTS) {
    it(input.name, () => {
      const text = asText(input.make());

      // Alone, without fixes (what the editor shows on every keystroke).
      const { value: alone, ms } = timed(() => analyze(text, false));
      record(input, { engineMs: ms, findings: alone.findings.length });
      expect(ms, 'analysis time').toBeLessThan(ENGINE_MS);
      expectClearFindings(text, alone, 'alone');
      const ids = new Set(alone.findings.map((f) => f.ruleId));
      if (input.quiet) expect(alone.findings.map((f) => f.ruleId)).toEqual([]);
      for (const id of input.expect ?? []) expect([...ids], `expected ${id}`).toContain(id);
      if (input.message)
        expect(
          alone.findings.some((f) => input.expect!.includes(f.ruleId) && f.message.includes(input.message!)),
          `a finding saying "${input.message}"`,
        ).toBe(true);
      if (input.expect?.includes('analysis-skipped')) expect(ids.has('yaml-syntax'), 'skipped, not called a syntax error').toBe(false);

      if (!input.heavy) {
        // With fixes: every fix applies inside the text and leaves it no less parseable.
        const { value: fixed, ms: fixMs } = timed(() => analyze(text, true));
        record(input, { engineMs: fixMs });
        expect(fixMs).toBeLessThan(ENGINE_MS);
        expectClearFindings(text, fixed, 'with fixes');
        expect(fixed.findings.map((f) => f.ruleId)).toEqual(alone.findings.map((f) => f.ruleId));
        // The first fixes of each rule (a thousand identical fixes re-parse megabytes a thousand times; the fuzz test checks fixes in depth).
        const before = yamlErrorCount(text);
        const perRule = new Map<string, number>();
        for (const f of fixed.findings) {
          for (const fix of f.fixes ?? []) {
            const seen = perRule.get(f.ruleId) ?? 0;
            if (seen >= 3) continue;
            perRule.set(f.ruleId, seen + 1);
            const after = applyEdits(text, fix.edits);
            expect(yamlErrorCount(after), `${f.ruleId} "${fix.title}" must not break the YAML`).toBeLessThanOrEqual(before);
          }
        }
      }

      // Followed by a normal manifest in the same file: the normal one is still analysed.
      if (input.scope === 'document' && !input.heavy) {
        const combined = `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}---\n${NORMAL}`;
        const { value: both, ms: bothMs } = timed(() => analyze(combined, false));
        record(input, { engineMs: bothMs });
        expect(bothMs).toBeLessThan(ENGINE_MS);
        expectClearFindings(combined, both, 'combined');
        const normal = both.findings.filter((f) => f.object?.name === 'normal-web').map((f) => f.ruleId);
        for (const id of NORMAL_FINDINGS) expect(normal, `the normal manifest after the input still gets ${id}`).toContain(id);
      }
    });
  }
});

describe('hostile inputs: CLI (built bundle)', () => {
  it('is built', () => {
    expect(fs.existsSync(cli), 'npm test builds dist/cli.js first').toBe(true);
  });

  for (const input of HOSTILE_INPUTS) {
    it(input.name, () => {
      const dir = path.join(tmp, slug(input.name));
      fs.mkdirSync(dir, { recursive: true });
      const data = input.make();
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
      fs.writeFileSync(path.join(dir, 'hostile.yaml'), bytes);
      fs.writeFileSync(path.join(dir, 'normal.yaml'), NORMAL);

      const scan = runCli(['scan', '.', '--format', 'json', '--fail-on', 'none'], dir);
      record(input, { cliMs: scan.ms, cliRssMb: scan.maxRssMb });
      expect(scan.stderr).toBe('');
      expect(scan.status).toBe(0);
      expect(scan.ms).toBeLessThan(CLI_MS);
      expect(scan.maxRssMb).toBeLessThan(RSS_MB);
      const findings = (JSON.parse(scan.stdout) as { findings: JsonFinding[] }).findings;
      const normal = findings.filter((f) => f.file === 'normal.yaml').map((f) => f.ruleId);
      for (const id of NORMAL_FINDINGS) expect(normal, `normal.yaml next to the input still gets ${id}`).toContain(id);
      const hostile = findings.filter((f) => f.file === 'hostile.yaml');
      for (const f of hostile) expect(f.message).not.toMatch(/Maximum call stack|RangeError|TypeError|undefined/);
      if (input.quiet) expect(hostile).toEqual([]);
      for (const id of input.expect ?? []) expect(hostile.map((f) => f.ruleId)).toContain(id);

      // --fix: the normal manifest is fixed; the input's bytes are never damaged.
      if (input.heavy) return;
      const fix = runCli(['scan', '.', '--fix', '--format', 'json', '--fail-on', 'none'], dir);
      record(input, { cliMs: fix.ms, cliRssMb: fix.maxRssMb });
      expect(fix.stderr).toBe('');
      expect(fix.status).toBe(0);
      expect(fix.maxRssMb).toBeLessThan(RSS_MB);
      expect(fs.readFileSync(path.join(dir, 'normal.yaml'), 'utf8')).toContain('apiVersion: networking.k8s.io/v1');
      const after = fs.readFileSync(path.join(dir, 'hostile.yaml'));
      if (!after.equals(bytes)) {
        // Bytes that are not UTF-8 are never rewritten; text may only get its safe fixes.
        expect(typeof data, 'a file that is not valid UTF-8 must not be rewritten').toBe('string');
        expect(yamlErrorCount(after.toString('utf8'))).toBeLessThanOrEqual(yamlErrorCount(asText(data)));
      }
    });
  }
});
