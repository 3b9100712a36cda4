/**
 * The editor's view of a baseline (`kubeward.baseline.file`): findings it
 * records are shown at `kubeward.baseline.severity`, so the new ones stand
 * out. The document's findings are matched as the CLI matches them (each
 * entry once: the same fingerprint, then the same node with another value,
 * then the same finding in a renamed container).
 */
import fs from 'node:fs';
import { matchBaseline, parseBaseline, type BaselineEntry } from '../../shared-rules/src/host/baseline';
import { fingerprintOf, locationFingerprintOf, looseFingerprintOf, SEVERITY_RANK, type Finding } from '../../shared-rules/src/index';
import type { BaselineSeverity } from '../../shared-rules/src/protocol';

export class BaselineIndex {
  private constructor(private readonly entries: readonly BaselineEntry[]) {}

  static read(file: string): BaselineIndex | undefined {
    try {
      const entries = parseBaseline(fs.readFileSync(file, 'utf8'), file);
      return new BaselineIndex(entries);
    } catch {
      return undefined;
    }
  }

  /** Which of a document's findings the baseline records. */
  recorded(findings: readonly Finding[], origin: string | undefined, file: string): boolean[] {
    const keys = findings.map((f) => ({
      fingerprint: fingerprintOf(f, origin, file),
      location: locationFingerprintOf(f, origin, file),
      loose: looseFingerprintOf(f, origin, file),
    }));
    return matchBaseline(keys, this.entries).states.map((s) => s !== 'new');
  }
}

/** Findings with baselined ones shown at the setting's severity when it is lower (or dropped for `hide`). */
export function applyBaseline(
  findings: Finding[],
  baseline: { index: BaselineIndex; severity: BaselineSeverity; origin: string | undefined; file: string } | undefined,
): Finding[] {
  if (!baseline) return findings;
  const out: Finding[] = [];
  const recorded = baseline.index.recorded(findings, baseline.origin, baseline.file);
  for (const [i, f] of findings.entries()) {
    if (!recorded[i]) out.push(f);
    else if (baseline.severity === 'hide') continue;
    // Lower, never higher: a baselined hint stays a hint.
    else out.push(SEVERITY_RANK[f.severity] > SEVERITY_RANK[baseline.severity] ? { ...f, severity: baseline.severity } : f);
  }
  return out;
}
