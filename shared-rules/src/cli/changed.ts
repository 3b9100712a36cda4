/** `--changed-since`: keeps the findings of objects that are new or changed since a git revision. */
import { FileAnalyzer, resolveConfig, RULES, type Finding, type ObjectSummary } from '../index';
import type { GitChanges } from './git';
import type { FileReport } from './report';

const identity = (o: { kind: string; namespace?: string; name?: string }) => `${o.kind}/${o.namespace ?? ''}/${o.name ?? ''}`;

/** Each object's text, with trailing white space of lines dropped (an editor's whitespace cleanup changes nothing). */
function objectTexts(text: string): Map<string, string> | undefined {
  const summaries: ObjectSummary[] = new FileAnalyzer().analyze(text, { rules: RULES, config: resolveConfig() }).summaries;
  if (summaries.length === 0) return undefined;
  const out = new Map<string, string>();
  for (const s of summaries) {
    const key = identity(s);
    // Line by line: a regular expression for trailing blanks is quadratic on a long run of them.
    const body = text
      .slice(s.start, s.end)
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n');
    out.set(key, out.has(key) ? `${out.get(key)}\n---\n${body}` : body);
  }
  return out;
}

/** Findings on unchanged objects are dropped; findings on no object (syntax errors) stay when their file changed. */
export function onlyChanged(reports: readonly FileReport[], changes: GitChanges): FileReport[] {
  return reports.map((report) => {
    if (!report.absolute) return report; // standard input, the configuration file
    if (!changes.changed.has(report.absolute)) return { ...report, findings: [] };
    const before = changes.before(report.absolute);
    if (before === undefined) return report;
    const now = objectTexts(report.text);
    const then = objectTexts(before) ?? new Map<string, string>();
    if (!now) return report;
    const keep = (f: Finding) => !f.object || now.get(identity(f.object)) !== then.get(identity(f.object));
    return { ...report, findings: report.findings.filter(keep) };
  });
}
