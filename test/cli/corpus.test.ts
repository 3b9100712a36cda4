/**
 * The CLI over the vendored corpus of ~1,700 real public files: no crash,
 * valid JSON, every finding inside its file, and nothing at all reported in
 * a file that holds no Kubernetes object (decided here, independently of the engine).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, parseAllDocuments } from 'yaml';
import { kubeward, type JsonFinding } from './helpers';

const CORPUS = path.resolve(__dirname, '../corpus');

function manifestFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== '.git') manifestFiles(full, out);
    } else if (/\.(ya?ml|json)$/i.test(e.name)) out.push(full);
  }
  return out;
}

/** A document whose top level is a mapping with string apiVersion and kind, read by yaml alone. */
function holdsKubernetesObject(text: string): boolean {
  if (text.includes('{{')) return true; // a template: leave it to the engine
  const docs = parseAllDocuments(text.replace(/^\uFEFF/, ''), { version: '1.1' });
  return ('length' in docs ? docs : []).some((doc) => {
    const root = doc.contents;
    if (!isMap(root)) return false;
    const value = (key: string) => {
      const node = root.get(key, true);
      return isScalar(node) ? node.value : undefined;
    };
    return typeof value('apiVersion') === 'string' && typeof value('kind') === 'string';
  });
}

describe('kubeward scan over the corpus', () => {
  const run = kubeward(['scan', '.', '--format', 'json', '--fail-on', 'error'], { cwd: CORPUS });
  const files = manifestFiles(CORPUS);

  it('does not crash: exit 0 or 1, nothing on stderr', () => {
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.code);
  });

  it('prints valid JSON of the documented shape', () => {
    const out = JSON.parse(run.stdout) as { version: string; findings: JsonFinding[] };
    expect(Object.keys(out)).toEqual(['version', 'findings']);
    for (const f of out.findings) {
      expect(Object.keys(f)).toEqual(['file', 'line', 'column', 'endLine', 'endColumn', 'ruleId', 'severity', 'message']);
      expect(['error', 'warning', 'info', 'hint']).toContain(f.severity);
      expect(f.message.length).toBeGreaterThan(10);
    }
    expect(files.length).toBeGreaterThan(1500);
  });

  it('puts every finding inside its file', () => {
    const { findings } = JSON.parse(run.stdout) as { findings: JsonFinding[] };
    const cache = new Map<string, string[]>();
    for (const f of findings) {
      const full = path.join(CORPUS, f.file);
      expect(fs.existsSync(full), f.file).toBe(true);
      let lines = cache.get(full);
      if (!lines)
        cache.set(
          full,
          (lines = fs
            .readFileSync(full, 'utf8')
            .replace(/^\uFEFF/, '')
            .split(/\r\n|\r|\n/)),
        );
      const where = `${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.ruleId}`;
      expect(f.line, where).toBeGreaterThanOrEqual(1);
      expect(f.endLine, where).toBeLessThanOrEqual(lines.length);
      expect(f.endLine > f.line || (f.endLine === f.line && f.endColumn >= f.column), where).toBe(true);
      expect(f.column, where).toBeLessThanOrEqual(lines[f.line - 1]!.length + 1);
      expect(f.endColumn, where).toBeLessThanOrEqual(lines[f.endLine - 1]!.length + 1);
    }
  });

  it('reports nothing at all in files without a Kubernetes object', () => {
    const { findings } = JSON.parse(run.stdout) as { findings: JsonFinding[] };
    const withFindings = new Set(findings.map((f) => path.join(CORPUS, f.file)));
    const plain = files.filter((file) => !holdsKubernetesObject(fs.readFileSync(file, 'utf8')));
    expect(plain.length).toBeGreaterThan(100);
    const wrong = plain.filter((file) => withFindings.has(file)).map((file) => path.relative(CORPUS, file));
    expect(wrong).toEqual([]);
  });

  it('finds something in the corpus (it holds insecure manifests on purpose)', () => {
    const { findings } = JSON.parse(run.stdout) as { findings: JsonFinding[] };
    expect(findings.some((f) => f.ruleId === 'pod-privileged')).toBe(true);
  });
});
