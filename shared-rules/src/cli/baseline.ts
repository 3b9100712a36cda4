/**
 * Baselines: the findings a repository accepted on some day, by fingerprint.
 * `--write-baseline` records them; `--baseline` compares a scan with them:
 * - unchanged: the same fingerprint (same rule, object, node and value);
 * - updated: the same node with another value, or the same finding in a
 *   renamed list item (a container renamed);
 * - new: neither; only these are reported and decide the exit code;
 * - absent: in the baseline, not found any more (fixed).
 */
import { fingerprintOf, locationFingerprintOf, looseFingerprintOf, VERSION, type Finding } from '../index';
import { toReported, type FileReport } from './report';
import { UsageError } from './files';

export type BaselineState = 'new' | 'unchanged' | 'updated' | 'absent';

export interface BaselineEntry {
  fingerprint: string;
  /** Without the offending value. */
  location: string;
  /** With list item names blanked. */
  loose: string;
  ruleId: string;
  severity: Finding['severity'];
  /** `Kind/namespace/name`, when on an object. */
  object?: string;
  path: string;
  /** Where it was when recorded (for the fixed list; not used to match). */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

export interface BaselineFile {
  kubeward: string;
  version: 1;
  findings: BaselineEntry[];
}

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
      const entry: BaselineEntry = { ...fingerprintsOf(report, f), ruleId: f.ruleId, severity: f.severity, path: f.locus?.path ?? '', file: r.file, line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn, message: f.message };
      if (o) entry.object = `${o.kind}/${o.namespace ?? ''}/${o.name ?? ''}`;
      return entry;
    });
  });
}

export function writeBaseline(reports: readonly FileReport[]): string {
  const file: BaselineFile = { kubeward: VERSION, version: 1, findings: entriesOf(reports) };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export function parseBaseline(text: string, name: string): BaselineEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${name} is not a Kubeward baseline: ${(error as Error).message}`);
  }
  const findings = (data as BaselineFile | null)?.findings;
  if ((data as BaselineFile | null)?.version !== 1 || !Array.isArray(findings) || !findings.every((e) => e && typeof e.fingerprint === 'string' && typeof e.location === 'string' && typeof e.loose === 'string')) {
    throw new UsageError(`${name} is not a Kubeward baseline (version 1, written by --write-baseline)`);
  }
  return findings;
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

type Keys = { fingerprint: string; location: string; loose: string };

/** The state of each current finding, and the indexes of baseline entries nothing matched. */
export function matchBaseline(current: readonly Keys[], baseline: readonly Keys[]): { states: BaselineState[]; unmatched: number[] } {
  const states: Array<BaselineState | undefined> = current.map(() => undefined);
  const unmatched = new Set(baseline.map((_, i) => i));
  const pass = (key: keyof Keys, state: BaselineState) => {
    const pool = new Map<string, number[]>();
    for (const i of unmatched) {
      const k = baseline[i]![key];
      const list = pool.get(k);
      if (list) list.push(i);
      else pool.set(k, [i]);
    }
    current.forEach((c, n) => {
      if (states[n]) return;
      const i = pool.get(c[key])?.shift();
      if (i === undefined) return;
      unmatched.delete(i);
      states[n] = state;
    });
  };
  pass('fingerprint', 'unchanged');
  pass('location', 'updated');
  pass('loose', 'updated');
  return { states: states.map((s) => s ?? 'new'), unmatched: [...unmatched].sort((a, b) => a - b) };
}
