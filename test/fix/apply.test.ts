/** applyFixes: ESLint's multi-pass fixer over findings and their fixes. */
import { describe, expect, it } from 'vitest';
import { applyEdits, applyFixes, chooseFix, editsOverlap, selectFixes, shiftFix, type Finding, type Fix } from '../../shared-rules/src/index';

const fix = (title: string, applicability: Fix['applicability'], edits: Fix['edits'], preferred?: boolean): Fix => ({ title, applicability, edits, preferred });
const finding = (start: number, fixes: Fix[], ruleId = 'r'): Finding => ({ ruleId, severity: 'error', message: '', start, end: start + 1, fixes });

describe('chooseFix and selectFixes', () => {
  it('picks the preferred fix at or above the threshold', () => {
    const f = finding(0, [fix('unsafe', 'unsafe', [{ start: 0, end: 1, text: 'u' }], true), fix('safe', 'safe', [{ start: 0, end: 1, text: 's' }])]);
    expect(chooseFix(f, 'safe')?.title).toBe('safe');
    expect(chooseFix(f, 'unsafe')?.title).toBe('unsafe');
    expect(chooseFix(finding(0, [fix('d', 'display-only', [{ start: 0, end: 0, text: 'x' }])]), 'unsafe')).toBeUndefined();
  });

  it('skips fixes that overlap one already taken, and the same edit twice', () => {
    const a = finding(0, [fix('a', 'safe', [{ start: 0, end: 3, text: 'A' }])]);
    const b = finding(1, [fix('b', 'safe', [{ start: 2, end: 4, text: 'B' }])]);
    const c = finding(5, [fix('c', 'safe', [{ start: 5, end: 6, text: 'C' }])]);
    const c2 = finding(6, [fix('c2', 'safe', [{ start: 5, end: 6, text: 'C' }])]);
    expect(selectFixes([c, b, a, c2]).map((s) => s.fix.title)).toEqual(['a', 'c']);
  });

  it('two insertions at one point conflict; an insertion at the edge of a replacement conflicts', () => {
    expect(editsOverlap([{ start: 2, end: 2, text: 'x' }], [{ start: 2, end: 2, text: 'y' }])).toBe(true);
    expect(editsOverlap([{ start: 2, end: 2, text: 'x' }], [{ start: 2, end: 4, text: 'y' }])).toBe(true);
    expect(editsOverlap([{ start: 3, end: 3, text: 'x' }], [{ start: 2, end: 4, text: 'y' }])).toBe(true);
    expect(editsOverlap([{ start: 4, end: 4, text: 'x' }], [{ start: 2, end: 4, text: 'y' }])).toBe(false);
    expect(editsOverlap([{ start: 0, end: 2, text: 'x' }], [{ start: 2, end: 4, text: 'y' }])).toBe(false);
  });

  it('filters by rule', () => {
    const a = finding(0, [fix('a', 'safe', [{ start: 0, end: 1, text: 'A' }])], 'one');
    const b = finding(2, [fix('b', 'safe', [{ start: 2, end: 3, text: 'B' }])], 'two');
    expect(selectFixes([a, b], { ruleIds: new Set(['two']) }).map((s) => s.fix.title)).toEqual(['b']);
  });
});

describe('applyFixes', () => {
  // A toy analysis: every "ab" is a finding whose safe fix turns it into "b"; every "c" an unsafe one.
  const analyse = (text: string): Finding[] => {
    const out: Finding[] = [];
    for (let i = text.indexOf('ab'); i !== -1; i = text.indexOf('ab', i + 1))
      out.push(finding(i, [fix('drop a', 'safe', [{ start: i, end: i + 1, text: '' }])]));
    for (let i = text.indexOf('c'); i !== -1; i = text.indexOf('c', i + 1))
      out.push(finding(i, [fix('c to d', 'unsafe', [{ start: i, end: i + 1, text: 'd' }])]));
    return out;
  };

  it('repeats until nothing changes, applying safe fixes only by default', () => {
    const result = applyFixes('aaab c ab', analyse);
    expect(result.text).toBe('b c b');
    expect(result.applied).toBe(4);
    expect(result.passes).toBe(3);
  });

  it('applies unsafe fixes when asked', () => {
    expect(applyFixes('ab c', analyse, { applicability: 'unsafe' }).text).toBe('b d');
  });

  it('stops after maxPasses', () => {
    expect(applyFixes('aaaab', analyse, { maxPasses: 2 }).text).toBe('aab');
  });

  it('is idempotent', () => {
    const once = applyFixes('aab ab c', analyse).text;
    expect(applyFixes(once, analyse).applied).toBe(0);
  });
});

describe('edits', () => {
  it('applyEdits applies in order and refuses overlaps', () => {
    expect(
      applyEdits('hello', [
        { start: 5, end: 5, text: '!' },
        { start: 0, end: 1, text: 'J' },
      ]),
    ).toBe('Jello!');
    expect(() =>
      applyEdits('hello', [
        { start: 0, end: 3, text: '' },
        { start: 2, end: 4, text: '' },
      ]),
    ).toThrow(/overlapping/);
  });

  it('shiftFix moves every edit', () => {
    const f = fix('t', 'safe', [{ start: 1, end: 2, text: 'x' }]);
    expect(shiftFix(f, 10).edits).toEqual([{ start: 11, end: 12, text: 'x' }]);
    expect(shiftFix(f, 0)).toBe(f);
  });
});
