/** The cross-document pass: each workspace rule's `checkWorkspace` on each summary of the file, against the index. */
import type { Fix } from '../fix/edit';
import { configuredSeverity } from './config';
import { buildFinding } from './findings';
import type { AnalyzeOptions, FileResult } from './options';
import type { RulePlan } from './plan';
import type { Rule } from './rule';
import type { ObjectSummary, WorkspaceIndex } from './workspace';

export function runWorkspaceRule(rule: Rule, summary: ObjectSummary, index: WorkspaceIndex, options: AnalyzeOptions, plan: RulePlan, result: FileResult): void {
  const kinds = rule.meta.kinds;
  if (kinds !== '*' && !kinds.includes(summary.kind)) return;
  try {
    rule.checkWorkspace!({
      summary,
      index,
      config: options.config,
      report: (d) => {
        const severity = configuredSeverity(options.config, rule.meta.id) ?? d.severity ?? plan.severity.get(rule.meta.id) ?? rule.meta.severity;
        const finding = buildFinding(rule.meta, d.messageId, d.data, severity, d.range[0], d.range[1]);
        finding.object = { kind: summary.kind, name: summary.name, namespace: summary.namespace };
        const fixes = options.withFixes ? (typeof d.fix === 'function' ? d.fix() : d.fix) : undefined;
        if (fixes?.length) {
          finding.fixes = fixes.map((f, i) => {
            const fix: Fix = { title: f.title, applicability: f.applicability, edits: f.edits, preferred: f.preferred ?? i === 0 };
            if (f.placeholders?.length) fix.placeholders = f.placeholders;
            return fix;
          });
        }
        result.findings.push(finding);
      },
    });
  } catch (error) {
    result.ruleErrors.push({ ruleId: rule.meta.id, message: String(error) });
  }
}
