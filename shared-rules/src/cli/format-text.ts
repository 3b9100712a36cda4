/** Human output: findings grouped by file, each with a code frame. */
import { RULES_BY_ID, SEVERITY_RANK, type Finding, type Severity } from '../index';
import type { Comparison } from './baseline';
import { toReported, type FileReport } from './report';

export interface TextOptions {
  color: boolean;
  /** Files scanned, for the summary line. */
  fileCount: number;
  /** With --baseline: only new findings are in the reports; this says what else there was. */
  baseline?: Comparison;
}

const CODES = { red: 31, yellow: 33, blue: 34, gray: 90, bold: 1, dim: 2, cyan: 36, underline: 4 } as const;

export function formatText(reports: readonly FileReport[], options: TextOptions): string {
  const paint = (code: keyof typeof CODES, s: string) => (options.color ? `\u001b[${CODES[code]}m${s}\u001b[0m` : s);
  const severityColor: Record<Severity, keyof typeof CODES> = { error: 'red', warning: 'yellow', info: 'blue', hint: 'gray' };
  const out: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let fixable = 0;
  for (const report of reports) {
    if (report.findings.length === 0) continue;
    out.push(paint('underline', report.file));
    toReported(report).forEach((r, i) => {
      counts[r.severity]++;
      const finding = report.findings[i]!;
      if (hasSafeFix(finding)) fixable++;
      out.push(
        `  ${paint('dim', `${r.line}:${r.column}`.padEnd(8))} ${paint(severityColor[r.severity], r.severity.padEnd(7))} ${r.message}  ${paint('gray', r.ruleId)}`,
      );
      out.push(...codeFrame(report, r.line - 1, r.column - 1, r.endLine - 1, r.endColumn - 1, paint, severityColor[r.severity]));
    });
    out.push('');
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const files = `${options.fileCount} file${options.fileCount === 1 ? '' : 's'}`;
  if (total === 0) out.push(paint('bold', `✔ No findings in ${files}.`));
  else {
    const parts = (Object.keys(counts) as Severity[])
      .sort((a, b) => SEVERITY_RANK[b] - SEVERITY_RANK[a])
      .filter((s) => counts[s] > 0)
      .map((s) => `${counts[s]} ${s}${counts[s] === 1 || s === 'info' ? '' : s === 'hint' ? 's' : 's'}`);
    out.push(paint('bold', `✖ ${total} finding${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${files}.`));
    if (fixable > 0) out.push(paint('dim', `  ${fixable} can be fixed safely with \`kubeward scan --fix\`.`));
  }
  if (options.baseline) out.push(...baselineSummary(options.baseline, paint));
  return `${out.join('\n')}\n`;
}

function baselineSummary(comparison: Comparison, paint: (code: keyof typeof CODES, s: string) => string): string[] {
  const states = [...comparison.states.values()];
  const unchanged = states.filter((s) => s === 'unchanged').length;
  const updated = states.filter((s) => s === 'updated').length;
  const out = [
    paint(
      'dim',
      `  ${unchanged + updated} finding${unchanged + updated === 1 ? '' : 's'} in the baseline not shown (${unchanged} unchanged, ${updated} updated).`,
    ),
  ];
  if (comparison.absent.length > 0) {
    out.push(paint('bold', `${comparison.absent.length} baseline finding${comparison.absent.length === 1 ? ' is' : 's are'} fixed:`));
    for (const e of comparison.absent) out.push(`  ${paint('dim', `${e.file}:${e.line}:${e.column}`)} ${e.message}  ${paint('gray', e.ruleId)}`);
  }
  return out;
}

/** A safe fix was computed, or (a scan without --fix computes none) the rule always has one. */
function hasSafeFix(finding: Finding): boolean {
  if (finding.fixes) return finding.fixes.some((f) => f.applicability === 'safe');
  const fix = RULES_BY_ID.get(finding.ruleId)?.meta.fix;
  return fix?.availability === 'always' && fix.applicability === 'safe';
}

function codeFrame(
  report: FileReport,
  line: number,
  column: number,
  endLine: number,
  endColumn: number,
  paint: (code: keyof typeof CODES, s: string) => string,
  color: keyof typeof CODES,
): string[] {
  const lines = report.lines;
  if (line >= lines.lineCount) return [];
  const width = String(line + 2).length;
  const frame: string[] = [];
  for (let l = Math.max(0, line - 1); l <= Math.min(lines.lineCount - 1, line + 1); l++) {
    const text = lines.lineText(l).replace(/\t/g, ' ');
    const shown = text.length > 160 ? `${text.slice(0, 157)}...` : text;
    const marker = l === line ? paint(color, '>') : ' ';
    frame.push(`    ${marker} ${paint('gray', String(l + 1).padStart(width))} ${paint('gray', '|')} ${shown}`);
    if (l === line) {
      const end = endLine === line ? Math.max(endColumn, column + 1) : text.length;
      const carets = '^'.repeat(Math.max(1, Math.min(end, 160) - column));
      frame.push(`      ${' '.repeat(width)} ${paint('gray', '|')} ${' '.repeat(Math.min(column, 160))}${paint(color, carets)}`);
    }
  }
  return frame;
}
