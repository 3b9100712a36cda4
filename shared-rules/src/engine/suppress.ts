/**
 * Suppressions, finest first:
 * - `# kubeward-disable-next-line <rule>[, <rule>] -- <reason>`
 * - `# kubeward-disable <rule>` … `# kubeward-enable <rule>` (no rule: all)
 * - annotation `ignore.kubeward.io/<rule>: "<reason>"` on a resource or its pod template,
 *   `ignore.kubeward.io/<rule>.<container>` for one container of it
 * A suppression that matches nothing is reported as `unused-suppression`; one
 * of a rule that `.kubeward.yaml` enforces has no effect and is reported as
 * `suppression-enforced`.
 */
import type { Edit } from '../fix/edit';
import type { LineIndex } from '../text/line-index';
import { containerOf } from './exceptions';
import { matchGlob } from '../text/glob';
import type { Finding } from './types';

export const ANNOTATION_PREFIX = 'ignore.kubeward.io/';

/** How the findings of a rule can be silenced: a comment (`disable-next-line` or a `disable` block), the annotation. */
export interface SuppressionWays {
  comment: boolean;
  annotation: boolean;
  /** Why a way is missing, for the rule's page. */
  why?: string;
}

/**
 * The rules that cannot be silenced in every way, by design; every other
 * rule honours both the comment and the annotation. The engine applies
 * suppressions by this table, and the rule pages and the editor's "Ignore …"
 * actions are derived from it.
 */
const LIMITS: Readonly<Record<string, SuppressionWays>> = {
  'unused-suppression': {
    comment: false,
    annotation: false,
    why: 'a suppression of it would itself suppress nothing; remove the unused comment or annotation instead (its quick fix does).',
  },
  'analysis-skipped': {
    comment: false,
    annotation: false,
    why: 'Kubeward did not read the file or document, so it reads no comment or annotation in it either; split the file or raise `maxFileSize`.',
  },
  'config-invalid': {
    comment: false,
    annotation: false,
    why: 'it is reported in `.kubeward.yaml`, the configuration itself, not in a manifest; fix the entry it names.',
  },
  'suppression-enforced': {
    comment: false,
    annotation: false,
    why: 'it reports a suppression of a rule that `enforce:` in `.kubeward.yaml` makes non-waivable; remove the suppression or fix the finding.',
  },
  'exception-expired': {
    comment: false,
    annotation: false,
    why: 'it is reported on an exception of `.kubeward.yaml` whose `expires` date has passed; renew it with a new date and reason, or remove it.',
  },
  'yaml-syntax': {
    comment: true,
    annotation: false,
    why: 'a document that does not parse has no annotations to read.',
  },
};

const EVERY_WAY: SuppressionWays = { comment: true, annotation: true };

export function suppressionWays(ruleId: string): SuppressionWays {
  return LIMITS[ruleId] ?? EVERY_WAY;
}

/** Rules no comment can silence (and so nothing: no rule is silenced by the annotation alone). */
export const NOT_BY_COMMENT: ReadonlySet<string> = new Set(Object.keys(LIMITS).filter((id) => !LIMITS[id]!.comment));
/** Rules no annotation can silence. */
export const NOT_BY_ANNOTATION: ReadonlySet<string> = new Set(Object.keys(LIMITS).filter((id) => !LIMITS[id]!.annotation));

export interface CommentDirective {
  type: 'disable-next-line' | 'disable' | 'enable';
  /** Rule ids; empty means every rule. */
  rules: string[];
  /** File offsets of each rule id in the comment (parallel to `rules`). */
  ruleRanges?: Array<[number, number]>;
  line: number;
  /** Another tool's comment (peer-suppressions.ts): never reported as unused. */
  peer?: boolean;
  /** Offsets of the comment text. */
  start: number;
  end: number;
}

export interface AnnotationSuppression {
  ruleId: string;
  /** The object it covers (file offsets). */
  objectStart: number;
  objectEnd: number;
  /** Only findings in this container (`ignore.kubeward.io/<rule>.<container>`). */
  container?: string;
  /** The annotation key (file offsets). */
  start: number;
  end: number;
  /** Edits that remove the annotation (file offsets); absent when it cannot be removed safely. */
  removal?: Edit[];
  /** Another tool's annotation (peer-suppressions.ts): never reported as unused. */
  peer?: boolean;
}

/**
 * Comment directives read per file; more are ignored. Each directive is
 * checked against every finding, so a file of 100,000 comments would cost
 * minutes; no real file has a thousand.
 */
export const MAX_DIRECTIVES = 1000;

/** An unused suppression, with the edits that remove exactly it. */
export interface UnusedSuppression extends Finding {
  removal?: Edit[];
}

// The directive name ends at white space or the line end: `kubeward-disable-line` (a typo) is no `disable`.
const DIRECTIVE = /(^|[ \t])#[ \t]*kubeward-(disable-next-line|disable|enable)(?=[ \t\r\n]|$)([^\r\n]*)/;

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
      const hash = lineStart + m.index + m[1]!.length;
      const bodyStart = lineStart + m.index + m[0].length - (m[3] ?? '').length;
      const rules: string[] = [];
      const ruleRanges: Array<[number, number]> = [];
      for (const token of body.matchAll(/[^\s,]+/g)) {
        if (!/^[a-z0-9*][a-z0-9*-]*$/.test(token[0])) continue;
        rules.push(token[0]);
        ruleRanges.push([bodyStart + token.index!, bodyStart + token.index! + token[0].length]);
      }
      out.push({ type: m[2] as CommentDirective['type'], rules, ruleRanges, line, start: hash, end: lineStart + lineText.trimEnd().length });
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
  /** `unused-suppression` findings (before severity settings), each with the edits that remove it. */
  unused: UnusedSuppression[];
  /** `suppression-enforced` findings: suppressions of enforced rules, which suppressed nothing. */
  refused: Finding[];
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
  options: {
    reportUnused: boolean;
    knownRuleIds: ReadonlySet<string>;
    /** Rules nothing silences (NOT_BY_COMMENT: no rule is silenced by the annotation alone). */
    unsuppressible: ReadonlySet<string>;
    /** Rules the annotation does not silence (NOT_BY_ANNOTATION). */
    notByAnnotation?: ReadonlySet<string>;
    /**
     * Rules whose findings this analysis could not decide (cross-document
     * rules without a complete workspace): a suppression naming them is
     * never reported as unused.
     */
    undecided?: ReadonlySet<string>;
    /** Rules that no comment or annotation may suppress (`enforce:` in .kubeward.yaml). */
    enforced?: (ruleId: string) => boolean;
  },
): SuppressionResult {
  if (directives.length === 0 && annotations.length === 0) return { kept: [...findings], unused: [], refused: [] };
  const refused = new Map<string, Finding>();
  const refuse = (start: number, end: number, ruleId: string, what: string) => {
    const key = `${start}:${end}:${ruleId}`;
    if (!refused.has(key))
      refused.set(key, {
        ruleId: 'suppression-enforced',
        messageId: 'enforced',
        severity: 'warning',
        message: `${ruleId} is enforced in .kubeward.yaml: this ${what} does not suppress it.`,
        start,
        end,
      });
  };
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
    const byAnnotation = !options.notByAnnotation?.has(finding.ruleId);
    const line = lines.positionAt(finding.start).line;
    let suppressed = false;
    const enforced = options.enforced?.(finding.ruleId) ?? false;
    for (const entry of nextLine.get(line) ?? []) {
      if (covers(entry.directive.rules, finding.ruleId)) {
        entry.used.add(finding.ruleId);
        suppressed = true;
        if (enforced) refuse(entry.directive.start, entry.directive.end, finding.ruleId, 'comment');
      }
    }
    for (const block of blocks) {
      if (line > block.fromLine && line < block.toLine && covers(block.directive.rules, finding.ruleId)) {
        block.used.add(finding.ruleId);
        suppressed = true;
        if (enforced) refuse(block.directive.start, block.directive.end, finding.ruleId, 'comment');
      }
    }
    for (const a of byAnnotation ? annotations : []) {
      if (
        a.ruleId === finding.ruleId &&
        finding.start >= a.objectStart &&
        finding.start < a.objectEnd &&
        (a.container === undefined || containerOf(finding.locus?.path) === a.container)
      ) {
        usedAnnotations.add(a);
        suppressed = true;
        if (enforced) refuse(a.start, a.end, finding.ruleId, 'annotation');
      }
    }
    if (!suppressed || enforced) kept.push(finding);
  }

  const unused: UnusedSuppression[] = [];
  if (options.reportUnused) {
    const text = lines.text;
    const report = (start: number, end: number, message: string, removal: Edit[] | undefined) => {
      const finding: UnusedSuppression = { ruleId: 'unused-suppression', severity: 'hint', message, start, end };
      if (removal) finding.removal = removal;
      unused.push(finding);
    };
    const undecided = options.undecided ?? new Set<string>();
    // A suppression of a rule that did not get to decide here may be needed after all.
    const maybeNeeded = (rule: string) => undecided.has(rule) || (rule.includes('*') && [...undecided].some((u) => covers([rule], u)));
    const check = (directive: CommentDirective, used: Set<string>, label: string) => {
      if (directive.rules.length === 0) {
        if (used.size === 0 && undecided.size === 0)
          report(
            directive.start,
            directive.end,
            `This ${label} suppresses nothing: no finding is reported here. Remove it so it cannot hide a future problem.`,
            removeComment(text, lines, directive),
          );
        return;
      }
      const isUnused = (rule: string) =>
        maybeNeeded(rule) ? false : !options.knownRuleIds.has(rule) && !rule.includes('*') ? true : ![...used].some((u) => covers([rule], u));
      const allUnused = directive.rules.every(isUnused);
      directive.rules.forEach((rule, i) => {
        if (!isUnused(rule)) return;
        const removal = allUnused ? removeComment(text, lines, directive) : removeRuleId(directive, i);
        if (!options.knownRuleIds.has(rule) && !rule.includes('*')) {
          report(directive.start, directive.end, `Unknown rule "${rule}" in ${label}; run \`kubeward scan --list-rules\` for the ids.`, removal);
        } else {
          report(
            directive.start,
            directive.end,
            `"${rule}" is suppressed here but reports nothing: remove it from this ${label} so it cannot hide a future problem.`,
            removal,
          );
        }
      });
    };
    for (const entry of nextLineEntries) if (!entry.directive.peer) check(entry.directive, entry.used, 'kubeward-disable-next-line comment');
    for (const block of blocks) check(block.directive, block.used, 'kubeward-disable comment');
    const seen = new Set<string>();
    for (const a of annotations) {
      if (a.peer || usedAnnotations.has(a) || undecided.has(a.ruleId)) continue;
      if (seen.has(`${a.start}:${a.end}`)) continue;
      seen.add(`${a.start}:${a.end}`);
      const message = options.knownRuleIds.has(a.ruleId)
        ? `The annotation ${ANNOTATION_PREFIX}${a.ruleId} suppresses nothing on this resource: remove it so it cannot hide a future problem.`
        : `Unknown rule "${a.ruleId}" in annotation ${ANNOTATION_PREFIX}${a.ruleId}; run \`kubeward scan --list-rules\` for the ids.`;
      report(a.start, a.end, message, a.removal);
    }
  }
  return { kept, unused, refused: [...refused.values()] };
}

/** Removes a whole directive comment: its line when alone on it, else the comment and the space before it. */
function removeComment(text: string, lines: LineIndex, directive: CommentDirective): Edit[] {
  const line = directive.line;
  const lineStart = lines.lineStart(line);
  if (/^\s*$/.test(text.slice(lineStart, directive.start))) {
    const next = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : lines.lineEnd(line);
    return [{ start: lineStart, end: next, text: '' }];
  }
  let start = directive.start;
  while (start > lineStart && /[ \t]/.test(text[start - 1]!)) start--;
  return [{ start, end: lines.lineEnd(line), text: '' }];
}

/** Removes the i-th rule id of a directive that names others still in use, with its separator. */
function removeRuleId(directive: CommentDirective, i: number): Edit[] | undefined {
  const ranges = directive.ruleRanges;
  if (!ranges || ranges.length !== directive.rules.length || ranges.length < 2) return undefined;
  const [start, end] = ranges[i]!;
  if (i < ranges.length - 1) return [{ start, end: ranges[i + 1]![0], text: '' }];
  return [{ start: ranges[i - 1]![1], end, text: '' }];
}
