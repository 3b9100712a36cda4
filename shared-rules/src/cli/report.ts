/** A finding as the CLI reports it: 1-based lines and columns, file as given. */
import { LineIndex, type Finding } from '../index';

export interface Reported {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  ruleId: string;
  severity: Finding['severity'];
  message: string;
}

export interface FileReport {
  /** Relative to the working folder, absolute outside it (the same in every format). */
  file: string;
  /**
   * Where the file is for SARIF: a path relative to the working folder
   * (`%SRCROOT%`), or an absolute `file:` URI outside it. Absent for stdin.
   */
  location?: { uri: string; relative: boolean };
  text: string;
  lines: LineIndex;
  /** The file on disk (absent for standard input). */
  absolute?: string;
  /** The chart or overlay the file belongs to (part of fingerprints). */
  origin?: string;
  findings: Finding[];
}

export function toReported(report: FileReport): Reported[] {
  return report.findings.map((f) => {
    const start = report.lines.positionAt(f.start);
    const end = report.lines.positionAt(f.end);
    return {
      file: report.file,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
    };
  });
}
