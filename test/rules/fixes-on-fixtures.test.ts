/**
 * Every fix of the pod-security and image rules, applied to the fixtures of
 * the peer checks they are compared with (test/corpus, under the restricted
 * profile with the opt-in rules on): the result parses, the finding it fixed is gone,
 * and no finding of another rule appears. RuleTester checks the same on
 * hand-written cases; this runs it on files nobody wrote for Kubeward.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { applyEdits, FileAnalyzer, resolveConfig, RULES, type Finding } from '../../shared-rules/src/index';
import { evaluate } from '../../scripts/peers/peer-agreement';

const corpus = path.resolve(__dirname, '..', 'corpus');
const families = new Set(['pod-security', 'images']);
const ours = new Set(RULES.filter((r) => families.has(r.meta.category)).map((r) => r.meta.id));
const config = resolveConfig({
  profile: 'restricted',
  rules: { 'image-not-pinned-digest': 'info', 'image-untrusted-registry': 'info' },
  images: { trustedRegistries: ['registry.k8s.io', 'gcr.io', 'docker.io/library'] },
});

/** The fixtures of the peer checks mapped to these rules (scripts/peers/peer-map.ts). */
function fixtureFiles(): string[] {
  const files = new Set<string>();
  for (const o of evaluate(path.resolve(corpus, '..', '..')))
    if (o.expectation.mapping.rules.some((id) => ours.has(id))) files.add(path.join(corpus, o.expectation.file));
  return [...files].sort();
}

const errorCount = (text: string) => parseAllDocuments(text, { version: '1.1', merge: true }).reduce((n, d) => n + ('errors' in d ? d.errors.length : 0), 0);
const lint = (text: string, withFixes = false) => new FileAnalyzer().analyze(text, { rules: RULES, config, withFixes }).findings;
const tally = (findings: Finding[]) => {
  const m = new Map<string, number>();
  for (const f of findings) m.set(`${f.ruleId}: ${f.message}`, (m.get(`${f.ruleId}: ${f.message}`) ?? 0) + 1);
  return m;
};

it("fixes of the pod-security and image rules hold on the peers' fixtures", () => {
  const files = fixtureFiles();
  const problems: string[] = [];
  let fixes = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const before = lint(text, true);
    const parseErrors = errorCount(text);
    const seen = new Set<string>();
    for (const finding of before.filter((f) => ours.has(f.ruleId))) {
      for (const fix of finding.fixes ?? []) {
        // The same edit offered by several findings (the combined fix) is checked once per rule.
        const key = `${finding.ruleId}:${JSON.stringify(fix.edits)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        fixes++;
        const label = `${path.relative(corpus, file)} ${finding.ruleId} "${fix.title}"`;
        const fixed = applyEdits(text, fix.edits);
        if (errorCount(fixed) > parseErrors) {
          problems.push(`${label}: the result does not parse`);
          continue;
        }
        const after = lint(fixed);
        if (after.filter((f) => f.ruleId === finding.ruleId).length >= before.filter((f) => f.ruleId === finding.ruleId).length)
          problems.push(`${label}: the finding stays`);
        const was = tally(before);
        for (const [key, n] of tally(after)) if (!ours.has(key.split(':')[0]!) && n > (was.get(key) ?? 0)) problems.push(`${label}: adds ${key}`);
      }
    }
  }
  expect(problems).toEqual([]);
  expect(files.length).toBeGreaterThan(100);
  expect(fixes).toBeGreaterThan(500);
}, 300_000);
