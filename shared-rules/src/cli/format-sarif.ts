/** SARIF 2.1.0 for code-scanning dashboards, with rule metadata and help text. */
import { RULES, ruleDocsUrl, VERSION, type Finding, type Rule } from '../index';
import { renderRuleDoc } from '../docs/render';
import { fingerprintsOf, type Comparison } from './baseline';
import type { FileReport } from './report';

const LEVEL: Record<Finding['severity'], 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
// GitHub code scanning orders security results by this score (0-10).
const SECURITY_SEVERITY: Record<Finding['severity'], string> = { error: '8.0', warning: '5.0', info: '3.0', hint: '1.0' };

function toUri(file: string): string {
  return file
    .split('/')
    .map((part) => encodeURIComponent(part))
    .join('/');
}

/** The file, relative to `%SRCROOT%` when it lies under it. */
function artifactOf(report: FileReport): { uri: string; uriBaseId?: string } {
  const location = report.location;
  if (location && !location.relative) return { uri: location.uri };
  return { uri: toUri(location?.uri ?? report.file), uriBaseId: '%SRCROOT%' };
}

function descriptor(rule: Rule) {
  const m = rule.meta;
  return {
    id: m.id,
    name: m.id
      .split('-')
      .map((w) => w[0]!.toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: m.title },
    fullDescription: { text: m.docs.rationale.replace(/\s+/g, ' ').trim() },
    helpUri: ruleDocsUrl(m.id),
    help: { text: m.docs.remediation.replace(/\s+/g, ' ').trim(), markdown: renderRuleDoc(rule) },
    defaultConfiguration: { level: LEVEL[m.severity] },
    properties: {
      tags: ['security', 'kubernetes', m.category],
      precision: 'high',
      'security-severity': SECURITY_SEVERITY[m.severity],
    },
  };
}

/**
 * `root` is the folder file names are relative to, as a file URI ending in `/`.
 * With a baseline comparison every result says its `baselineState`, and the
 * baseline's fixed findings come last as `absent` results.
 */
export function formatSarif(reports: readonly FileReport[], root: string, baseline?: Comparison): string {
  const rules = [...RULES].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  const index = new Map(rules.map((r, i) => [r.meta.id, i]));
  const results = reports.flatMap((report) =>
    report.findings.map((f) => {
      const start = report.lines.positionAt(f.start);
      const end = report.lines.positionAt(f.end);
      const region = { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: Math.max(end.character + 1, 1) };
      const result: Record<string, unknown> = {
        ruleId: f.ruleId,
        ruleIndex: index.get(f.ruleId) ?? -1,
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: artifactOf(report), region } }],
        partialFingerprints: { 'kubeward/v1': fingerprintsOf(report, f).fingerprint },
      };
      if (baseline) result.baselineState = baseline.states.get(f) ?? 'new';
      if (result.ruleIndex === -1) delete result.ruleIndex;
      return result;
    }),
  );
  for (const e of baseline?.absent ?? []) {
    const result: Record<string, unknown> = {
      ruleId: e.ruleId,
      ruleIndex: index.get(e.ruleId) ?? -1,
      level: LEVEL[e.severity] ?? 'warning',
      message: { text: e.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: toUri(e.file), uriBaseId: '%SRCROOT%' },
            region: { startLine: e.line, startColumn: e.column, endLine: e.endLine, endColumn: e.endColumn },
          },
        },
      ],
      partialFingerprints: { 'kubeward/v1': e.fingerprint },
      baselineState: 'absent',
    };
    if (result.ruleIndex === -1) delete result.ruleIndex;
    results.push(result);
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kubeward',
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: 'https://github.com/kubeward/kubeward',
            rules: rules.map(descriptor),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: root } },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
