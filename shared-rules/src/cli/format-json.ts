import { VERSION } from '../index';
import { toReported, type FileReport } from './report';

/** `{"version", "findings": [{file, line, column, endLine, endColumn, ruleId, severity, message}]}` */
export function formatJson(reports: readonly FileReport[]): string {
  const findings = reports.flatMap(toReported).map((r) => ({
    file: r.file,
    line: r.line,
    column: r.column,
    endLine: r.endLine,
    endColumn: r.endColumn,
    ruleId: r.ruleId,
    severity: r.severity,
    message: r.message,
  }));
  return `${JSON.stringify({ version: VERSION, findings }, null, 2)}\n`;
}
