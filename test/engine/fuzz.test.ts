/**
 * docs/requirements.md, Robustness: mutated real manifests. No exception, no rule error, every range
 * inside the text, and every fix keeps the text parseable and removes no
 * comment it does not own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdits, FileAnalyzer, maskTemplates, resolveConfig, RULES } from '../../shared-rules/src/index';
import { fatalErrorCount, parseManifestDocuments } from '../../shared-rules/src/yaml/parse';

const CORPUS = path.resolve(__dirname, '../corpus');

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else if (/\.ya?ml$/.test(e.name)) out.push(full);
  }
  return out;
}

function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = [
  ':',
  '-',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '#',
  '"',
  "'",
  '{',
  '}',
  '[',
  ']',
  '{{ .Values.x }}',
  '{{- if .x }}\n',
  '---\n',
  '&a ',
  '*a',
  '<<: *a\n',
  '🚀',
  '日本',
  '\uFEFF',
  'privileged: true\n',
  'kubeward-disable-next-line pod-privileged\n# ',
];

function mutate(text: string, next: () => number): string {
  let out = text;
  const n = 1 + Math.floor(next() * 3);
  for (let k = 0; k < n; k++) {
    const at = Math.floor(next() * (out.length + 1));
    const kind = next();
    if (kind < 0.4) out = out.slice(0, at) + SNIPPETS[Math.floor(next() * SNIPPETS.length)] + out.slice(at);
    else if (kind < 0.7) out = out.slice(0, at) + out.slice(Math.min(out.length, at + 1 + Math.floor(next() * 8)));
    else {
      // Duplicate or drop a whole line.
      const lines = out.split('\n');
      const i = Math.floor(next() * lines.length);
      if (kind < 0.85) lines.splice(i, 0, lines[i] ?? '');
      else lines.splice(i, 1);
      out = lines.join('\n');
    }
  }
  return out;
}

function yamlErrors(text: string): number {
  const mask = maskTemplates(text);
  return fatalErrorCount(parseManifestDocuments(mask?.text ?? text));
}

describe('fuzz: mutated corpus manifests', () => {
  it('never throw, stay in range, and fix cleanly', () => {
    const next = rng(Number(process.env.FUZZ_SEED ?? 7));
    const files = walk(CORPUS).filter(() => next() < Number(process.env.FUZZ_RATE ?? 0.15));
    const config = resolveConfig({ profile: 'restricted' });
    let cases = 0;
    let fixes = 0;
    for (const file of files) {
      const original = fs.readFileSync(file, 'utf8');
      for (let round = 0; round < 3; round++) {
        const text = mutate(original, next);
        const where = `${path.relative(CORPUS, file)} round ${round}`;
        const result = new FileAnalyzer().analyze(text, { rules: RULES, config, withFixes: true });
        cases++;
        expect(result.ruleErrors, where).toEqual([]);
        const before = yamlErrors(text);
        for (const f of result.findings) {
          expect(f.start >= 0 && f.end <= text.length && f.end >= f.start, `${where}: ${f.ruleId} ${f.start}-${f.end}`).toBe(true);
          for (const fix of f.fixes ?? []) {
            fixes++;
            for (const e of fix.edits) expect(e.start >= 0 && e.end <= text.length && e.end >= e.start, where).toBe(true);
            const fixed = applyEdits(text, fix.edits);
            expect(yamlErrors(fixed), `${where}: ${f.ruleId} fix "${fix.title}" breaks the YAML\n${JSON.stringify(fix.edits)}`).toBeLessThanOrEqual(before);
          }
        }
      }
    }
    expect(cases).toBeGreaterThan(300);
    expect(fixes).toBeGreaterThan(5);
  });
});
