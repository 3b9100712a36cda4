/**
 * Baselines: the findings a repository accepted on some day, by fingerprint.
 * `--write-baseline` records them; `--baseline` compares a scan with them
 * (matching in host/baseline.ts): only new findings are reported and decide
 * the exit code, absent ones are listed as fixed.
 */
import { fingerprintOf, locationFingerprintOf, looseFingerprintOf, VERSION, type Finding } from '../index';
import { toReported, type FileReport } from './report';
import { matchBaseline, type BaselineEntry, type BaselineFile, type BaselineState } from '../host/baseline';

export function fingerprintsOf(report: FileReport, finding: Finding): { fingerprint: string; location: string; loose: string } {
  return {
    fingerprint: fingerprintOf(finding, report.origin, report.file),
    location: locationFingerprintOf(finding, report.origin, report.file),
    loose: looseFingerprintOf(finding, report.origin, report.file),
  };
}

export function entriesOf(reports: readonly FileReport[]): BaselineEntry[] {
  return reports.flatMap((report) => {
    const reported = toReported(report);
    return report.findings.map((f, i) => {
      const r = reported[i]!;
      const o = f.object;
      const entry: BaselineEntry = {
        ...fingerprintsOf(report, f),
        ruleId: f.ruleId,
        severity: f.severity,
        path: f.locus?.path ?? '',
        file: r.file,
        line: r.line,
        column: r.column,
        endLine: r.endLine,
        endColumn: r.endColumn,
        message: f.message,
      };
      if (o) entry.object = `${o.kind}/${o.namespace ?? ''}/${o.name ?? ''}`;
      return entry;
    });
  });
}

export function writeBaseline(reports: readonly FileReport[]): string {
  const file: BaselineFile = { kubeward: VERSION, version: 1, findings: entriesOf(reports) };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export interface Comparison {
  /** The state of each current finding. */
  states: Map<Finding, BaselineState>;
  /** Baseline entries no current finding matches. */
  absent: BaselineEntry[];
}

/** Matches current findings with the baseline, exact matches first (each baseline entry matches once). */
export function compareWithBaseline(reports: readonly FileReport[], baseline: readonly BaselineEntry[]): Comparison {
  const current = reports.flatMap((report) => report.findings.map((finding) => ({ finding, ...fingerprintsOf(report, finding) })));
  const { states, unmatched } = matchBaseline(current, baseline);
  return { states: new Map(current.map((c, i) => [c.finding, states[i]!])), absent: unmatched.map((i) => baseline[i]!) };
}

export type { BaselineEntry, BaselineState };
