/**
 * Applies fixes to a whole file, as ESLint's source-code fixer does: pick each
 * finding's preferred fix, skip fixes that overlap one already taken, apply,
 * analyse again, and repeat until nothing changes (at most 10 passes).
 */
import type { Finding } from './types';
import { applyEdits, editsOverlap, type Applicability, type Edit, type Fix } from '../fix/edit';

export const MAX_FIX_PASSES = 10;

const RANK: Record<Applicability, number> = { 'display-only': 0, unsafe: 1, safe: 2 };

export interface ApplyFixesOptions {
  /** Least safe applicability to apply: 'safe' (default) or 'unsafe'. */
  applicability?: 'safe' | 'unsafe';
  /** Only fixes of these rules. */
  ruleIds?: ReadonlySet<string>;
  maxPasses?: number;
}

export interface ApplyFixesResult {
  text: string;
  /** How many fixes were applied over all passes. */
  applied: number;
  passes: number;
  /** The rule ids whose fixes were applied, in order. */
  appliedRules: string[];
}

/** Preferred fix of a finding at or above the applicability threshold. */
export function chooseFix(finding: Finding, threshold: Applicability): Fix | undefined {
  const candidates = (finding.fixes ?? []).filter((f) => RANK[f.applicability] >= RANK[threshold]);
  return candidates.find((f) => f.preferred) ?? candidates[0];
}

/** Non-overlapping fixes from one analysis, in file order. */
export function selectFixes(findings: readonly Finding[], options: ApplyFixesOptions = {}): Array<{ finding: Finding; fix: Fix }> {
  const threshold = options.applicability ?? 'safe';
  const chosen: Array<{ finding: Finding; fix: Fix }> = [];
  const taken: Edit[] = [];
  const sorted = [...findings].sort((a, b) => a.start - b.start);
  for (const finding of sorted) {
    if (options.ruleIds && !options.ruleIds.has(finding.ruleId)) continue;
    const fix = chooseFix(finding, threshold);
    if (!fix || fix.edits.length === 0) continue;
    if (editsOverlap(taken, fix.edits)) continue;
    // The same edit proposed by two findings is applied once.
    if (chosen.some((c) => JSON.stringify(c.fix.edits) === JSON.stringify(fix.edits))) continue;
    chosen.push({ finding, fix });
    taken.push(...fix.edits);
  }
  return chosen;
}

export function applyFixes(text: string, analyse: (text: string) => readonly Finding[], options: ApplyFixesOptions = {}): ApplyFixesResult {
  const maxPasses = options.maxPasses ?? MAX_FIX_PASSES;
  let current = text;
  let applied = 0;
  let passes = 0;
  const appliedRules: string[] = [];
  while (passes < maxPasses) {
    const selected = selectFixes(analyse(current), options);
    if (selected.length === 0) break;
    const next = applyEdits(
      current,
      selected.flatMap((s) => s.fix.edits),
    );
    passes++;
    if (next === current) break;
    current = next;
    applied += selected.length;
    appliedRules.push(...selected.map((s) => s.finding.ruleId));
  }
  return { text: current, applied, passes, appliedRules };
}
