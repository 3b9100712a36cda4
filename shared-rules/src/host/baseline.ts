/**
 * Baseline files (written by `kubeward scan --write-baseline`) and how
 * findings are matched with their entries, for the CLI and the editor.
 * Matching, each entry at most once:
 * - unchanged: the same fingerprint (same rule, object, node and value);
 * - updated: the same node with another value, or the same finding in a
 *   renamed list item (a container renamed);
 * - new: neither; absent: an entry nothing matched (fixed).
 */
import type { Finding } from '../index';
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

export function parseBaseline(text: string, name: string): BaselineEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${name} is not a Kubeward baseline: ${(error as Error).message}`);
  }
  const findings = (data as BaselineFile | null)?.findings;
  if (
    (data as BaselineFile | null)?.version !== 1 ||
    !Array.isArray(findings) ||
    !findings.every((e) => e && typeof e.fingerprint === 'string' && typeof e.location === 'string' && typeof e.loose === 'string')
  ) {
    throw new UsageError(`${name} is not a Kubeward baseline (version 1, written by --write-baseline)`);
  }
  return findings;
}

export type BaselineKeys = { fingerprint: string; location: string; loose: string };

/** The state of each current finding, and the indexes of baseline entries nothing matched. */
export function matchBaseline(current: readonly BaselineKeys[], baseline: readonly BaselineKeys[]): { states: BaselineState[]; unmatched: number[] } {
  const states: Array<BaselineState | undefined> = current.map(() => undefined);
  const unmatched = new Set(baseline.map((_, i) => i));
  const pass = (key: keyof BaselineKeys, state: BaselineState) => {
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
