/**
 * Output for CI systems (their shapes are described in docs/ci-formats.md):
 * - `github`: GitHub Actions workflow commands, one annotation per finding;
 * - `gitlab`: a GitLab Code Quality report (a JSON array of issues);
 * - `junit`: JUnit XML, one test suite per file and one failed test case per finding.
 */
import { RULES_BY_ID, VERSION, type Finding } from '../index';
import { fingerprintsOf } from './baseline';
import { toReported, type FileReport } from './report';

// ---------------------------------------------------------------- GitHub

const GITHUB_LEVEL: Record<Finding['severity'], 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** Message text of a workflow command: `%`, CR and LF are escaped. */
export function escapeGithubData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value of a workflow command: also `:` and `,`. */
export function escapeGithubProperty(s: string): string {
  return escapeGithubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Paths relative to the repository (the working folder), as annotations need them. */
function repoPath(report: FileReport): string {
  return report.location?.relative ? report.location.uri : report.file;
}

export function formatGithub(reports: readonly FileReport[]): string {
  const out: string[] = [];
  for (const report of reports) {
    for (const r of toReported(report)) {
      const title = RULES_BY_ID.get(r.ruleId)?.meta.title ?? r.ruleId;
      const props = [`file=${escapeGithubProperty(repoPath(report))}`, `line=${r.line}`, `col=${r.column}`];
      if (r.endLine === r.line) props.push(`endColumn=${r.endColumn}`);
      else props.push(`endLine=${r.endLine}`);
      props.push(`title=${escapeGithubProperty(`${r.ruleId}: ${title}`)}`);
      out.push(`::${GITHUB_LEVEL[r.severity]} ${props.join(',')}::${escapeGithubData(r.message)}`);
    }
  }
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

// ---------------------------------------------------------------- GitLab

const GITLAB_SEVERITY: Record<Finding['severity'], 'blocker' | 'critical' | 'major' | 'minor' | 'info'> = {
  error: 'critical',
  warning: 'major',
  info: 'minor',
  hint: 'info',
};

export function formatGitlab(reports: readonly FileReport[]): string {
  const seen = new Map<string, number>();
  const issues = reports.flatMap((report) =>
    toReported(report).map((r, i) => {
      // Fingerprints must be unique in a report: the same finding twice on one object gets a counter.
      let fingerprint = fingerprintsOf(report, report.findings[i]!).fingerprint;
      const n = seen.get(fingerprint) ?? 0;
      seen.set(fingerprint, n + 1);
      if (n > 0) fingerprint = `${fingerprint}-${n}`;
      const rule = RULES_BY_ID.get(r.ruleId)?.meta;
      return {
        type: 'issue',
        check_name: r.ruleId,
        description: r.message,
        categories: ['Security'],
        severity: GITLAB_SEVERITY[r.severity],
        fingerprint,
        location: { path: repoPath(report), lines: { begin: r.line, end: r.endLine } },
        ...(rule ? { content: { body: rule.docs.remediation.replace(/\s+/g, ' ').trim() } } : {}),
      };
    }),
  );
  return `${JSON.stringify(issues, null, 2)}\n`;
}

// ---------------------------------------------------------------- JUnit

/** Text and attribute values of XML 1.0: the five entities, and no character XML forbids. */
export function escapeXml(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function formatJunit(reports: readonly FileReport[]): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const report of reports) {
    const reported = toReported(report);
    const cases = reported.map((r) => {
      const title = RULES_BY_ID.get(r.ruleId)?.meta.title ?? r.ruleId;
      const body = `${r.severity} ${report.file}:${r.line}:${r.column} ${r.message} (${r.ruleId})`;
      return `    <testcase classname="${escapeXml(report.file)}" name="${escapeXml(`${r.ruleId} at ${r.line}:${r.column}`)}" file="${escapeXml(report.file)}" line="${r.line}">\n      <failure type="${escapeXml(r.ruleId)}" message="${escapeXml(`${title}: ${r.message}`)}">${escapeXml(body)}</failure>\n    </testcase>`;
    });
    // A file without findings is one passed test: dashboards show it was checked.
    if (cases.length === 0) cases.push(`    <testcase classname="${escapeXml(report.file)}" name="kubeward" file="${escapeXml(report.file)}"/>`);
    tests += cases.length;
    failures += reported.length;
    suites.push(
      `  <testsuite name="${escapeXml(report.file)}" tests="${cases.length}" failures="${reported.length}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="kubeward ${escapeXml(VERSION)}" tests="${tests}" failures="${failures}" errors="0">\n${suites.join('\n')}${suites.length ? '\n' : ''}</testsuites>\n`;
}
