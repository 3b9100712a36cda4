/**
 * `kubeward scan` with helper threads reports exactly what a one-thread scan
 * reports, in the same order, and small inputs stay on one thread.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatJson } from '../../shared-rules/src/cli/format-json';
import { formatSarif } from '../../shared-rules/src/cli/format-sarif';
import { runCli } from '../../shared-rules/src/cli/main';
import { enableScanHelpers, PARALLEL_MIN_AVERAGE_BYTES, PARALLEL_MIN_BYTES, scanThreads } from '../../shared-rules/src/cli/parallel';
import { scan } from '../../shared-rules/src/cli/scan';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const CORPUS = path.join(ROOT, 'test', 'corpus');

describe('scan on helper threads', () => {
  let tmp: string | undefined;
  afterEach(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    tmp = undefined;
  });

  it('gives the one-thread reports, byte for byte, over the whole corpus', () => {
    expect(fs.existsSync(CLI), 'dist/cli.js is built by `npm run build`').toBe(true);
    enableScanHelpers(CLI);
    const one = scan({ paths: ['.'], cwd: CORPUS, threads: 1 });
    const three = scan({ paths: ['.'], cwd: CORPUS, threads: 3 });
    expect(three.fileCount).toBe(one.fileCount);
    expect(one.helpedFiles).toBe(0);
    expect(three.helpedFiles).toBeGreaterThan(0);
    expect(three.reports.map((r) => r.file)).toEqual(one.reports.map((r) => r.file));
    expect(formatJson(three.reports)).toBe(formatJson(one.reports));
    expect(formatSarif(three.reports, 'file:///corpus/')).toBe(formatSarif(one.reports, 'file:///corpus/'));
    expect(three.reports.reduce((n, r) => n + r.findings.length, 0)).toBeGreaterThan(1000);
  });

  it('keeps cross-document findings and BOMs as one thread does', () => {
    enableScanHelpers(CLI);
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-par-')));
    const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: { app: web }\n  ports:\n    - port: 80\n';
    const ingress = (backend: string) =>
      `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${backend}\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service: { name: ${backend}, port: { number: 80 } }\n`;
    // Enough files that the helper usually takes some (which ones it takes is up to timing).
    for (let i = 0; i < 1200; i++)
      fs.writeFileSync(path.join(tmp, `ingress-${String(i).padStart(4, '0')}.yaml`), (i % 7 === 0 ? '\uFEFF' : '') + ingress(i % 2 ? 'web' : `missing-${i}`));
    fs.writeFileSync(path.join(tmp, 'service.yaml'), service);
    fs.writeFileSync(path.join(tmp, '.kubeward.yaml'), 'rules:\n  ingress-dangling-backend: on\n');
    const one = scan({ paths: ['.'], cwd: tmp, threads: 1 });
    const two = scan({ paths: ['.'], cwd: tmp, threads: 2 });
    expect(formatJson(two.reports)).toBe(formatJson(one.reports));
    expect(two.reports.flatMap((r) => r.findings).filter((f) => f.ruleId === 'ingress-dangling-backend')).toHaveLength(600);
  });

  it('uses one thread for small inputs, for standard input, and when told to', () => {
    enableScanHelpers(CLI);
    const small = [
      { absolute: path.join(CORPUS, 'kubernetes-examples'), display: 'a', partial: false },
      { absolute: path.join(CORPUS, 'polaris'), display: 'b', partial: false },
    ].map((f) => ({
      ...f,
      absolute:
        fs
          .readdirSync(f.absolute)
          .map((n) => path.join(f.absolute, n))
          .find((p) => fs.statSync(p).isFile()) ?? f.absolute,
    }));
    expect(scanThreads(small, undefined)).toBe(1);
    expect(scanThreads(small, 1)).toBe(1);
    expect(scanThreads(small, 2)).toBe(2);
    expect(scanThreads([...small, { absolute: '-', display: '<stdin>', partial: false }], 2)).toBe(1);
    expect(PARALLEL_MIN_BYTES).toBeGreaterThan(64 * 1024);
  });

  it('by default, shares large files with a helper but not a folder of many small ones', () => {
    enableScanHelpers(CLI);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-threads-'));
    try {
      const write = (name: string, bytes: number) => {
        fs.writeFileSync(path.join(dir, name), 'x'.repeat(bytes));
        return { absolute: path.join(dir, name), display: name, partial: false };
      };
      const large = [write('a.yaml', PARALLEL_MIN_BYTES / 2), write('b.yaml', PARALLEL_MIN_BYTES / 2)];
      expect(scanThreads(large, undefined)).toBe(os.availableParallelism() > 1 ? 2 : 1);
      // As much in all, in files smaller than PARALLEL_MIN_AVERAGE_BYTES: one thread.
      const count = Math.ceil(PARALLEL_MIN_BYTES / (PARALLEL_MIN_AVERAGE_BYTES / 2));
      const small = Array.from({ length: count }, (_, i) => write(`s-${i}.yaml`, PARALLEL_MIN_AVERAGE_BYTES / 2));
      expect(scanThreads(small, undefined)).toBe(1);
      expect(scanThreads(small, 2)).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a --threads that is not a positive number', () => {
    const err: string[] = [];
    const code = runCli({
      argv: ['scan', '--threads', '0', CORPUS],
      cwd: ROOT,
      stdout: () => undefined,
      stderr: (s) => err.push(s),
      stdin: () => '',
      isTTY: false,
    });
    expect(code).toBe(2);
    expect(err.join('')).toContain('--threads must be a number of threads');
  });
});
