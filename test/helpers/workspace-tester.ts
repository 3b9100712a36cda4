/**
 * RuleTester for cross-document rules: each case is a set of files analysed
 * through the real two passes (`analyzeWorkspace`), with exact positions per
 * file, and every workspace fix applied, both passes re-run (the index updated
 * with the fixed file) and checked: the fixed text parses, the finding is gone,
 * no other finding appears, comments survive, and fixing again changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { applyEdits, selectFixes, type Finding, type Fix, type KubewardConfig, type Rule } from '../../shared-rules/src/index';
import { analyzeWorkspace, type WorkspaceOptions } from './workspace';

export type Files = Record<string, string>;

export interface WorkspaceCase {
  name: string;
  files: Files;
  config?: KubewardConfig;
  /** Default true. */
  complete?: boolean;
  partial?: string[];
}

export interface WorkspaceError {
  file: string;
  line: number;
  column: number;
  /** Defaults to `line`: a range that spans lines must say where it ends. */
  endLine?: number;
  endColumn: number;
  messageId?: string;
  message?: string | RegExp;
  severity?: Finding['severity'];
}

export interface WorkspaceInvalid extends WorkspaceCase {
  errors: WorkspaceError[];
  /** Files after applying the preferred fix of every finding of the rule (only changed files listed); null: no fix offered. */
  output?: Files | null;
  /** Other fixes of the first finding, by title: the changed files after applying it alone. */
  fixes?: Array<{ title: string; output: Files }>;
  applicability?: Fix['applicability'];
  allowNewFindings?: string[];
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split(/\r\n|\r|\n/).length;
  const lastBreak = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  return { line, column: offset - lastBreak };
}

function commentsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => /(?:^|\s)(#.*)$/.exec(l)?.[1]?.trim())
    .filter((c): c is string => Boolean(c));
}

function describeAll(files: Files, findings: Record<string, Finding[]>): string {
  return Object.entries(findings)
    .flatMap(([file, list]) =>
      list.map((f) => `${file} ${f.ruleId} ${position(files[file]!, f.start).line}:${position(files[file]!, f.start).column} ${f.message}`),
    )
    .join('\n');
}

function tally(findings: Record<string, Finding[]>): Map<string, number> {
  const m = new Map<string, number>();
  for (const [file, list] of Object.entries(findings))
    for (const f of list) m.set(`${file}\u0000${f.ruleId}\u0000${f.message}`, (m.get(`${file}\u0000${f.ruleId}\u0000${f.message}`) ?? 0) + 1);
  return m;
}

export function withRuleOn(rule: Rule, config: KubewardConfig | undefined): KubewardConfig | undefined {
  if (!rule.meta.optIn) return config;
  if (config?.rules && rule.meta.id in config.rules) return config;
  // `on`: the rule runs with its own severities (a severity would flatten its variants).
  return { ...config, rules: { ...config?.rules, [rule.meta.id]: 'on' } };
}

export function workspaceTester(rule: Rule, cases: { valid: WorkspaceCase[]; invalid: WorkspaceInvalid[] }): void {
  const id = rule.meta.id;
  const options = (c: WorkspaceCase, withFixes = false): WorkspaceOptions => ({
    config: withRuleOn(rule, c.config),
    complete: c.complete,
    partial: c.partial,
    withFixes,
  });
  const mine = (findings: Record<string, Finding[]>) =>
    Object.entries(findings).flatMap(([file, list]) => list.filter((f) => f.ruleId === id).map((f) => ({ file, f })));

  const checkFixed = (c: WorkspaceInvalid, before: Record<string, Finding[]>, fixed: Files, label: string) => {
    for (const [file, text] of Object.entries(fixed)) {
      const errors = parseAllDocuments(text, { version: '1.1', merge: true }).flatMap((d) => ('errors' in d ? d.errors.map((e) => e.message) : []));
      if (!/\{\{/.test(text)) expect(errors, `${label}: ${file} must parse`).toEqual([]);
      for (const comment of commentsOf(c.files[file]!))
        if (!comment.startsWith('# kubeward-')) expect(commentsOf(text), `${label}: comment lost in ${file}`).toContain(comment);
    }
    const after = analyzeWorkspace(fixed, options(c, true)).findings;
    expect(mine(after).length, `${label}: the fix must remove its finding\n${describeAll(fixed, after)}`).toBeLessThan(mine(before).length);
    const was = tally(before);
    const allowed = new Set([id, ...(c.allowNewFindings ?? [])]);
    for (const [key, count] of tally(after)) {
      const ruleId = key.split('\u0000')[1]!;
      if (allowed.has(ruleId)) continue;
      expect(count, `${label}: the fix introduced ${key.replace(/\u0000/g, ' ')}`).toBeLessThanOrEqual(was.get(key) ?? 0);
    }
    return after;
  };

  describe(`${id} (workspace)`, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        const { findings } = analyzeWorkspace(c.files, options(c));
        const found = mine(findings);
        // A valid case that does not parse would pass without testing anything.
        expect(
          Object.values(findings)
            .flat()
            .filter((f) => f.ruleId === 'yaml-syntax')
            .map((f) => f.message),
          'the case must parse',
        ).toEqual([]);
        expect(
          found.map(({ file, f }) => `${file} ${position(c.files[file]!, f.start).line}:${position(c.files[file]!, f.start).column} ${f.message}`).join('\n'),
        ).toBe('');
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const { findings } = analyzeWorkspace(c.files, options(c, true));
        const found = mine(findings);
        expect(found.length, `findings:\n${describeAll(c.files, findings)}`).toBe(c.errors.length);
        c.errors.forEach((e, k) => {
          const { file, f } = found[k]!;
          const text = c.files[file]!;
          expect(file, `error ${k + 1} file`).toBe(e.file);
          const start = position(text, f.start);
          expect(start.line, `error ${k + 1} line`).toBe(e.line);
          expect(start.column, `error ${k + 1} column`).toBe(e.column);
          const end = position(text, f.end);
          expect(end.line, `error ${k + 1} endLine`).toBe(e.endLine ?? e.line);
          expect(end.column, `error ${k + 1} endColumn`).toBe(e.endColumn);
          if (e.messageId !== undefined) expect(f.messageId).toBe(e.messageId);
          if (e.severity !== undefined) expect(f.severity).toBe(e.severity);
          if (typeof e.message === 'string') expect(f.message).toContain(e.message);
          else if (e.message) expect(f.message).toMatch(e.message);
          expect(f.end).toBeGreaterThan(f.start);
        });

        const fixable = found.filter(({ f }) => f.fixes?.length);
        if (c.output === undefined && !c.fixes) {
          expect(fixable.length, 'the rule offers a fix: add "output" to the case').toBe(0);
          return;
        }
        if (c.output === null) expect(fixable.length, 'expected no fix').toBe(0);
        else if (c.output) {
          const fixed: Files = { ...c.files };
          for (const file of Object.keys(c.files)) {
            const here = found.filter((x) => x.file === file).map((x) => x.f);
            const selected = selectFixes(here, { applicability: 'unsafe' }).concat(
              selectFixes(
                here.filter((f) => f.fixes?.every((x) => x.applicability === 'display-only')),
                { applicability: 'display-only' as 'unsafe' },
              ),
            );
            if (selected.length > 0)
              fixed[file] = applyEdits(
                c.files[file]!,
                selected.flatMap((s) => s.fix.edits),
              );
          }
          const changed = Object.fromEntries(Object.entries(fixed).filter(([file, text]) => text !== c.files[file]));
          expect(changed).toEqual(c.output);
          if (c.applicability) expect(fixable[0]?.f.fixes?.find((x) => x.preferred)?.applicability).toBe(c.applicability);
          const after = checkFixed(c, findings, fixed, 'preferred fixes');
          expect(mine(after).filter(({ f }) => f.fixes?.length).length, 'applying the fixes twice must change nothing').toBe(0);
        }
        for (const expected of c.fixes ?? []) {
          const { file, f } = found[0]!;
          const fix = f.fixes?.find((x) => x.title === expected.title);
          expect(fix, `no fix titled ${expected.title}; offered: ${f.fixes?.map((x) => x.title).join(', ')}`).toBeDefined();
          const fixed = { ...c.files, [file]: applyEdits(c.files[file]!, fix!.edits) };
          expect(Object.fromEntries(Object.entries(fixed).filter(([n, t]) => t !== c.files[n]))).toEqual(expected.output);
          checkFixed(c, findings, fixed, `fix "${fix!.title}"`);
        }
        for (const { file, f } of found) {
          for (const fix of f.fixes ?? []) checkFixed(c, findings, { ...c.files, [file]: applyEdits(c.files[file]!, fix.edits) }, `fix "${fix.title}"`);
        }
      });
    }
  });
}
