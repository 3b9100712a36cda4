/**
 * The Ingress rules on every real manifest of the corpus that mentions an
 * Ingress: no rule throws, every range lies on one line of the text, and every
 * fix offered parses and removes its finding without breaking the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { applyEdits, lint } from '../../shared-rules/src/index';

const corpus = path.resolve(__dirname, '../corpus');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return /\.(ya?ml|json)$/.test(e.name) ? [p] : [];
  });
}

const errorCount = (text: string) => parseAllDocuments(text, { version: '1.1', merge: true }).reduce((n, d) => n + ('errors' in d ? d.errors.length : 0), 0);

describe('Ingress rules on the corpus', () => {
  const ingressFiles = files(corpus).filter((f) => /kind:\s*"?Ingress"?\s*$/m.test(fs.readFileSync(f, 'utf8')));

  it('finds the corpus Ingresses', () => {
    expect(ingressFiles.length).toBeGreaterThanOrEqual(30);
  });

  it('never throws, ranges are exact, and every fix parses and removes its finding', () => {
    let checkedFixes = 0;
    for (const file of ingressFiles) {
      const text = fs.readFileSync(file, 'utf8');
      const result = lint(text, { withFixes: true });
      expect(result.ruleErrors, file).toEqual([]);
      const mine = result.findings.filter((f) => f.object?.kind === 'Ingress' && f.ruleId.startsWith('ingress'));
      for (const finding of mine) {
        expect(finding.end, `${file} ${finding.ruleId}`).toBeGreaterThan(finding.start);
        expect(text.slice(finding.start, finding.end)).not.toMatch(/\n/);
        for (const fix of finding.fixes ?? []) {
          const fixed = applyEdits(text, fix.edits);
          expect(errorCount(fixed), `${file}: ${finding.ruleId} "${fix.title}" must parse`).toBeLessThanOrEqual(errorCount(text));
          const before = result.findings.filter((f) => f.ruleId === finding.ruleId).length;
          const after = lint(fixed).findings.filter((f) => f.ruleId === finding.ruleId).length;
          expect(after, `${file}: ${finding.ruleId} "${fix.title}" must remove its finding`).toBeLessThan(before);
          checkedFixes++;
        }
      }
    }
    expect(checkedFixes).toBeGreaterThan(50);
  });
});
