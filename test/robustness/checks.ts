/** Invariants every analysis must keep, whatever the input. */
import { expect } from 'vitest';
import { nestsDeeperThan } from '../../shared-rules/src/yaml/depth';
import { fatalErrorCount, parseManifestDocuments } from '../../shared-rules/src/yaml/parse';
import { FileAnalyzer, maskTemplates, resolveConfig, RULE_IDS, RULES, SEVERITIES, type FileResult, type Finding } from '../../shared-rules/src/index';

export const CONFIG = resolveConfig();

export function analyze(text: string, withFixes: boolean, analyzer = new FileAnalyzer()): FileResult {
  return analyzer.analyze(text, { rules: RULES, config: CONFIG, withFixes });
}

/** Words that mean an internal error leaked into a message. */
const LEAKS = /Maximum call stack|RangeError|TypeError|ReferenceError|\bundefined\b|\[object Object\]|\bNaN\b/;

/** A clear finding: a known rule, a severity, a message that names no internal error, a range inside the text. */
export function expectClearFindings(text: string, result: FileResult, label: string): void {
  expect(result.ruleErrors, `${label}: rules threw`).toEqual([]);
  for (const f of result.findings) {
    const where = `${label}: ${f.ruleId} ${f.start}-${f.end}`;
    expect(RULE_IDS.has(f.ruleId), `${where}: unknown rule`).toBe(true);
    expect(SEVERITIES, where).toContain(f.severity);
    expect(f.message.length, where).toBeGreaterThan(20);
    expect(f.message, where).not.toMatch(LEAKS);
    expectRangeInside(text, f, where);
    for (const fix of f.fixes ?? []) {
      let previous = 0;
      for (const e of fix.edits) {
        expect(
          e.start >= previous && e.start <= e.end && e.end <= text.length,
          `${where}: fix "${fix.title}" edit ${e.start}-${e.end} outside the text or unsorted`,
        ).toBe(true);
        previous = e.end;
      }
    }
  }
}

export function expectRangeInside(text: string, f: Pick<Finding, 'start' | 'end'>, where: string): void {
  expect(Number.isInteger(f.start) && Number.isInteger(f.end), `${where}: integer range`).toBe(true);
  expect(f.start >= 0 && f.start <= f.end && f.end <= text.length, `${where}: range ${f.start}-${f.end} outside 0-${text.length}`).toBe(true);
}

/**
 * yaml errors of a text as the engine parses it: Helm actions masked,
 * duplicate keys not errors (they are findings). A text nested too deeply to
 * parse safely counts as broken (Infinity), as the engine treats it.
 */
export function yamlErrorCount(text: string): number {
  if (nestsDeeperThan(text)) return Infinity;
  return fatalErrorCount(parseManifestDocuments(maskTemplates(text)?.text ?? text));
}

/** Milliseconds a call takes. */
export function timed<T>(run: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = run();
  return { value, ms: performance.now() - t };
}
