/**
 * Suppressions, finest first:
 * - `# kubeward-disable-next-line <rule>[, <rule>] -- <reason>`
 * - `# kubeward-disable <rule>` … `# kubeward-enable <rule>` (no rule: all)
 * - annotation `ignore.kubeward.io/<rule>: "<reason>"` on a resource or its pod template
 * A suppression that matches nothing is reported as `unused-suppression`.
 */
import type { LineIndex } from '../text/line-index';
import { matchGlob } from './glob';
import type { Finding } from './types';

export const ANNOTATION_PREFIX = 'ignore.kubeward.io/';

export interface CommentDirective {
  type: 'disable-next-line' | 'disable' | 'enable';
  /** Rule ids; empty means every rule. */
  rules: string[];
  line: number;
  /** Offsets of the comment text. */
  start: number;
  end: number;
}

export interface AnnotationSuppression {
  ruleId: string;
  /** The object it covers (file offsets). */
  objectStart: number;
  objectEnd: number;
  /** The annotation key (file offsets). */
  start: number;
  end: number;
}

/**
 * Comment directives read per file; more are ignored. Each directive is
 * checked against every finding, so a file of 100,000 comments would cost
 * minutes; no real file has a thousand.
 */
export const MAX_DIRECTIVES = 1000;

const DIRECTIVE = /(^|[ \t])#[ \t]*kubeward-(disable-next-line|disable|enable)\b([^\r\n]*)/;

export function parseDirectives(text: string, lines: LineIndex): CommentDirective[] {
  const out: CommentDirective[] = [];
  let at = text.indexOf('kubeward-');
  while (at !== -1 && out.length < MAX_DIRECTIVES) {
    const line = lines.positionAt(at).line;
    const lineStart = lines.lineStart(line);
    const lineText = text.slice(lineStart, lines.lineEnd(line));
    const m = DIRECTIVE.exec(lineText);
    if (m) {
      const body = (m[3] ?? '').split(/\s--\s|\s--$/)[0] ?? '';
      const rules = body
        .split(/[\s,]+/)
        .map((r) => r.trim())
        .filter((r) => /^[a-z0-9*][a-z0-9*-]*$/.test(r));
      const hash = lineStart + m.index + m[1]!.length;
      out.push({ type: m[2] as CommentDirective['type'], rules, line, start: hash, end: lineStart + lineText.trimEnd().length });
    }
    const next = lines.lineEnd(line) + 1;
    at = text.indexOf('kubeward-', Math.max(next, at + 1));
  }
  return out;
}

function covers(rules: readonly string[], ruleId: string): boolean {
  if (rules.length === 0) return true;
  // matchGlob runs in linear time: a RegExp of `.*` runs backtracks exponentially.
  return rules.some((r) => r === ruleId || (r.includes('*') && matchGlob(r, ruleId)));
}

export interface SuppressionResult {
  kept: Finding[];
  /** `unused-suppression` findings (before severity settings). */
  unused: Finding[];
}

/**
 * Drops suppressed findings and reports suppressions that matched nothing.
 * `unsuppressible` ids (the unused-suppression rule itself) always pass.
 */
export function applySuppressions(
  findings: readonly Finding[],
  directives: readonly CommentDirective[],
  annotations: readonly AnnotationSuppression[],
  lines: LineIndex,
  options: { reportUnused: boolean; knownRuleIds: ReadonlySet<string>; unsuppressible: ReadonlySet<string> },
): SuppressionResult {
  if (directives.length === 0 && annotations.length === 0) return { kept: [...findings], unused: [] };
  const nextLine = new Map<number, Array<{ directive: CommentDirective; used: Set<string> }>>();
  const blocks: Array<{ directive: CommentDirective; fromLine: number; toLine: number; used: Set<string> }> = [];
  const open: Array<{ directive: CommentDirective; fromLine: number; used: Set<string> }> = [];
  const nextLineEntries: Array<{ directive: CommentDirective; used: Set<string> }> = [];

  // Lines [scanFrom, scanTarget) are known blank or comments: consecutive
  // directives share one scan (it was quadratic on a run of comment lines).
  let scanFrom = -1;
  let scanTarget = -1;
  for (const directive of directives) {
    if (directive.type === 'disable-next-line') {
      // The next line that is not blank and not another comment.
      let target = directive.line + 1;
      if (target >= scanFrom && target <= scanTarget) target = scanTarget;
      else {
        scanFrom = target;
        while (target < lines.lineCount && /^\s*(#.*)?$/.test(lines.lineText(target))) target++;
        scanTarget = target;
      }
      const entry = { directive, used: new Set<string>() };
      nextLineEntries.push(entry);
      const list = nextLine.get(target);
      if (list) list.push(entry);
      else nextLine.set(target, [entry]);
    } else if (directive.type === 'disable') {
      open.push({ directive, fromLine: directive.line, used: new Set() });
    } else {
      // enable: closes the disables it names (or all when it names none).
      for (let i = open.length - 1; i >= 0; i--) {
        const o = open[i]!;
        const closes = directive.rules.length === 0 || (o.directive.rules.length > 0 && o.directive.rules.every((r) => directive.rules.includes(r)));
        if (closes) {
          blocks.push({ ...o, toLine: directive.line });
          open.splice(i, 1);
        }
      }
    }
  }
  for (const o of open) blocks.push({ ...o, toLine: Number.MAX_SAFE_INTEGER });

  const usedAnnotations = new Set<AnnotationSuppression>();
  const kept: Finding[] = [];
  for (const finding of findings) {
    if (options.unsuppressible.has(finding.ruleId)) {
      kept.push(finding);
      continue;
    }
    const line = lines.positionAt(finding.start).line;
    let suppressed = false;
    for (const entry of nextLine.get(line) ?? []) {
      if (covers(entry.directive.rules, finding.ruleId)) {
        entry.used.add(finding.ruleId);
        suppressed = true;
      }
    }
    for (const block of blocks) {
      if (line > block.fromLine && line < block.toLine && covers(block.directive.rules, finding.ruleId)) {
        block.used.add(finding.ruleId);
        suppressed = true;
      }
    }
    for (const a of annotations) {
      if (a.ruleId === finding.ruleId && finding.start >= a.objectStart && finding.start < a.objectEnd) {
        usedAnnotations.add(a);
        suppressed = true;
      }
    }
    if (!suppressed) kept.push(finding);
  }

  const unused: Finding[] = [];
  if (options.reportUnused) {
    const report = (start: number, end: number, message: string) =>
      unused.push({ ruleId: 'unused-suppression', severity: 'hint', message, start, end });
    const check = (directive: CommentDirective, used: Set<string>, label: string) => {
      if (directive.rules.length === 0) {
        if (used.size === 0) report(directive.start, directive.end, `This ${label} suppresses nothing: no finding is reported here. Remove it so it cannot hide a future problem.`);
        return;
      }
      for (const rule of directive.rules) {
        if (!options.knownRuleIds.has(rule) && !rule.includes('*')) {
          report(directive.start, directive.end, `Unknown rule "${rule}" in ${label}; run \`kubeward scan --list-rules\` for the ids.`);
        } else if (![...used].some((u) => covers([rule], u))) {
          report(directive.start, directive.end, `"${rule}" is suppressed here but reports nothing: remove it from this ${label} so it cannot hide a future problem.`);
        }
      }
    };
    for (const entry of nextLineEntries) check(entry.directive, entry.used, 'kubeward-disable-next-line comment');
    for (const block of blocks) check(block.directive, block.used, 'kubeward-disable comment');
    for (const a of annotations) {
      if (usedAnnotations.has(a)) continue;
      const message = options.knownRuleIds.has(a.ruleId)
        ? `The annotation ${ANNOTATION_PREFIX}${a.ruleId} suppresses nothing on this resource: remove it so it cannot hide a future problem.`
        : `Unknown rule "${a.ruleId}" in annotation ${ANNOTATION_PREFIX}${a.ruleId}; run \`kubeward scan --list-rules\` for the ids.`;
      report(a.start, a.end, message);
    }
  }
  return { kept, unused };
}
