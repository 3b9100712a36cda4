/**
 * RuleTester: a table of valid and invalid manifests per rule, ESLint-strict.
 *
 * For every invalid case it checks the exact positions (1-based, as people
 * read them), and for every fix the rule offers: the output is the expected
 * text, it parses, the finding is gone, no other finding appears, applying
 * the fixes again changes nothing, and no comment of the file is lost.
 */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import {
  applyEdits,
  FileAnalyzer,
  LineIndex,
  resolveConfig,
  RULES,
  selectFixes,
  type Finding,
  type Fix,
  type KubewardConfig,
  type Rule,
  WorkspaceObjects,
} from '../shared-rules/src/index';

export interface ValidCase {
  name?: string;
  code: string;
  config?: KubewardConfig;
  /** The file is a Kustomize patch. */
  partial?: boolean;
  /**
   * Run the cross-document rules, with the case's own objects and these
   * other files (name → text) in the workspace. Without it they do not run.
   */
  workspace?: Record<string, string>;
}

export interface ExpectedError {
  line: number;
  column: number;
  /** Defaults to `line`: a range that spans lines must say where it ends. */
  endLine?: number;
  endColumn: number;
  messageId?: string;
  /** Substring or pattern the message must contain. */
  message?: string | RegExp;
  severity?: Finding['severity'];
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
  /**
   * Text after applying the preferred fix of every finding of this rule;
   * null when the rule offers no fix here.
   */
  output?: string | null;
  /** Expected output of each offered fix of the first finding, by title. */
  fixes?: Array<{ title: string | RegExp; output: string }>;
  /** Expected applicability of the preferred fix. */
  applicability?: Fix['applicability'];
  /** Findings of other rules a fix may add (placeholders the user must fill). */
  allowNewFindings?: string[];
}

import { withRuleOn } from './helpers/workspace-tester';

const CASE_FILE = 'case.yaml';

/**
 * Analyses a case with every rule. A case without `config` runs an opt-in
 * rule under test turned on; `config: {}` is the plain default (off).
 */
function lintWith(code: string, c: ValidCase, rule: Rule): Finding[] {
  const config = resolveConfig(c.config === undefined ? withRuleOn(rule, undefined) : c.config);
  let workspace: WorkspaceObjects | undefined;
  if (c.workspace) {
    workspace = new WorkspaceObjects(true);
    for (const [file, text] of Object.entries(c.workspace)) workspace.setFile(file, new FileAnalyzer().analyze(text, { rules: RULES, config, file }).summaries);
    workspace.setFile(CASE_FILE, new FileAnalyzer().analyze(code, { rules: RULES, config, file: CASE_FILE, partial: c.partial }).summaries);
  }
  return new FileAnalyzer().analyze(code, {
    rules: RULES,
    config,
    partial: c.partial,
    withFixes: true,
    file: CASE_FILE,
    workspace,
  }).findings;
}

/** 1-based line and column, through the project's one LineIndex. */
function position(text: string, offset: number): { line: number; column: number } {
  const p = new LineIndex(text).positionAt(offset);
  return { line: p.line + 1, column: p.character + 1 };
}

function describeFindings(code: string, findings: Finding[]): string {
  return findings.map((f) => `${f.ruleId} ${position(code, f.start).line}:${position(code, f.start).column} ${f.message}`).join('\n');
}

function commentsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => /(?:^|\s)(#.*)$/.exec(l)?.[1]?.trim())
    .filter((c): c is string => Boolean(c));
}

function yamlErrors(text: string): string[] {
  return parseAllDocuments(text, { version: '1.1', merge: true }).flatMap((d) => ('errors' in d ? d.errors.map((e) => e.message) : []));
}

/** Counts findings per rule (positions move after a fix; identity by rule and message). */
/**
 * Counts findings per rule and message kind. Positions and message data move
 * with a fix (a new tag in a message), so identity is rule + messageId.
 */
function tally(findings: Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) {
    const key = `${f.ruleId}\u0000${f.messageId ?? f.message}`;
    m.set(key, (m.get(key) ?? 0) + 1);
  }
  return m;
}

function assertFixInvariants(rule: Rule, c: InvalidCase, before: Finding[], fixed: string, label: string): void {
  const ruleId = rule.meta.id;
  expect(yamlErrors(fixed), `${label}: fixed text must parse`).toEqual([]);
  const after = lintWith(fixed, c, rule);
  const beforeCount = before.filter((f) => f.ruleId === ruleId).length;
  const afterCount = after.filter((f) => f.ruleId === ruleId).length;
  expect(afterCount, `${label}: the fix must remove its finding\n${describeFindings(fixed, after)}`).toBeLessThan(beforeCount);
  // No new finding of another rule (same rule + message counted).
  const was = tally(before);
  const allowed = new Set([ruleId, ...(c.allowNewFindings ?? [])]);
  for (const [key, count] of tally(after)) {
    const [id] = key.split('\u0000');
    if (allowed.has(id!)) continue;
    expect(count, `${label}: fix introduced ${key.replace('\u0000', ': ')}\n--- fixed ---\n${fixed}`).toBeLessThanOrEqual(was.get(key) ?? 0);
  }
  // Comments survive.
  const commentsAfter = commentsOf(fixed);
  for (const comment of commentsOf(c.code)) {
    if (comment.startsWith('# kubeward-')) continue; // a suppression may be consumed
    expect(commentsAfter, `${label}: comment lost`).toContain(comment);
  }
}

export function ruleTester(rule: Rule, cases: { valid: Array<ValidCase | string>; invalid: InvalidCase[] }): void {
  const id = rule.meta.id;
  describe(id, () => {
    const seen = new Set<string>();
    const all = [...cases.valid.map((v) => (typeof v === 'string' ? { code: v } : v)), ...cases.invalid];
    it('has no duplicate cases', () => {
      for (const c of all) {
        const key = JSON.stringify([c.code, c.config, c.partial, c.workspace]);
        expect(seen.has(key), `duplicate case: ${c.name ?? c.code.slice(0, 60)}`).toBe(false);
        seen.add(key);
      }
    });

    cases.valid.forEach((v, i) => {
      const c = typeof v === 'string' ? { code: v } : v;
      it(`valid: ${c.name ?? `#${i + 1}`}`, () => {
        const findings = lintWith(c.code, c, rule).filter((f) => f.ruleId === id);
        expect(describeFindings(c.code, findings)).toBe('');
      });
    });

    cases.invalid.forEach((c, i) => {
      it(`invalid: ${c.name ?? `#${i + 1}`}`, () => {
        const findings = lintWith(c.code, c, rule);
        const mine = findings.filter((f) => f.ruleId === id);
        expect(mine.length, `findings:\n${describeFindings(c.code, findings)}`).toBe(c.errors.length);
        c.errors.forEach((expected, k) => {
          const f = mine[k]!;
          const start = position(c.code, f.start);
          const end = position(c.code, f.end);
          expect(start.line, `error ${k + 1} line`).toBe(expected.line);
          expect(start.column, `error ${k + 1} column`).toBe(expected.column);
          expect(end.line, `error ${k + 1} endLine`).toBe(expected.endLine ?? expected.line);
          expect(end.column, `error ${k + 1} endColumn`).toBe(expected.endColumn);
          if (expected.messageId !== undefined) expect(f.messageId).toBe(expected.messageId);
          if (expected.severity !== undefined) expect(f.severity).toBe(expected.severity);
          if (typeof expected.message === 'string') expect(f.message).toContain(expected.message);
          else if (expected.message) expect(f.message).toMatch(expected.message);
          expect(f.end, 'range must not be empty').toBeGreaterThan(f.start);
        });

        const fixable = mine.filter((f) => f.fixes?.length);
        if (c.output === undefined && !c.fixes) {
          expect(fixable.length, `the rule fixed the code: add "output" to the case`).toBe(0);
          return;
        }
        if (c.output === null) {
          expect(fixable.length, 'expected no fix').toBe(0);
        } else if (c.output !== undefined) {
          expect(c.output, 'output must differ from code').not.toBe(c.code);
          const selected = selectFixes(mine, { applicability: 'unsafe' }).concat(
            selectFixes(
              mine.filter((f) => f.fixes?.every((x) => x.applicability === 'display-only')),
              { applicability: 'display-only' as 'unsafe' },
            ),
          );
          const fixed = applyEdits(
            c.code,
            selected.flatMap((s) => s.fix.edits),
          );
          expect(fixed).toBe(c.output);
          if (c.applicability) expect(selected[0]?.fix.applicability).toBe(c.applicability);
          assertFixInvariants(rule, c, findings, fixed, 'preferred fixes');
          // Applying again changes nothing: no finding of this rule is left to fix.
          const again = lintWith(fixed, c, rule).filter((f) => f.ruleId === id && f.fixes?.length);
          expect(again.length, 'applying the fixes twice must change nothing').toBe(0);
        }
        for (const expected of c.fixes ?? []) {
          const fix = mine[0]?.fixes?.find((f) => (typeof expected.title === 'string' ? f.title === expected.title : expected.title.test(f.title)));
          expect(fix, `no fix titled ${String(expected.title)}; offered: ${mine[0]?.fixes?.map((f) => f.title).join(', ')}`).toBeDefined();
          const fixed = applyEdits(c.code, fix!.edits);
          expect(fixed).toBe(expected.output);
          assertFixInvariants(rule, c, findings, fixed, `fix "${fix!.title}"`);
        }
        // Every other fix offered must keep the invariants too.
        for (const f of mine) {
          for (const fix of f.fixes ?? []) {
            const fixed = applyEdits(c.code, fix.edits);
            assertFixInvariants(rule, c, findings, fixed, `fix "${fix.title}"`);
          }
        }
      });
    });
  });
}
