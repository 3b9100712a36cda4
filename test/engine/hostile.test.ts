/**
 * docs/requirements.md (Robustness) for the engine: hostile input never throws, never hangs, and every
 * range stays inside the text.
 */
import { describe, expect, it } from 'vitest';
import { lint, type FileResult } from '../../shared-rules/src/index';

function safe(text: string, budgetMs = 5000): FileResult {
  const t0 = performance.now();
  const result = lint(text, { withFixes: true });
  expect(performance.now() - t0).toBeLessThan(budgetMs);
  for (const f of result.findings) {
    expect(f.start).toBeGreaterThanOrEqual(0);
    expect(f.end).toBeLessThanOrEqual(text.length);
    expect(f.end).toBeGreaterThanOrEqual(f.start);
  }
  return result;
}

const HEAD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n';

describe('hostile input', () => {
  it('10,000 levels of flow nesting: skipped with one informational finding', () => {
    const result = safe(`${HEAD}spec: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['analysis-skipped']);
  });

  it('10,000 levels of block nesting', () => {
    let body = '';
    for (let i = 0; i < 10_000; i++) body += `${' '.repeat(i)}k:\n`;
    safe(`${HEAD}spec:\n${body.replace(/^/gm, '  ')}`);
  });

  it('a billion laughs with aliases and with merge keys', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 30; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    safe(`${HEAD}x-bomb:\n${lines.map((l) => `  ${l}`).join('\n')}\nspec:\n  containers: *a29\n`);
    const merges = ['m0: &m0 {k: v}'];
    for (let i = 1; i < 30; i++) merges.push(`m${i}: &m${i} {<<: [${Array.from({ length: 10 }, () => `*m${i - 1}`).join(', ')}], k${i}: v}`);
    safe(`${HEAD}x-bomb:\n${merges.map((l) => `  ${l}`).join('\n')}\nspec:\n  containers:\n    - <<: *m29\n      securityContext: *m29\n`);
  });

  it('binary data and invalid UTF-8 decoded with replacement characters', () => {
    const bytes = Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 256));
    expect(safe(bytes.toString('utf8')).findings).toEqual([]);
    expect(safe(bytes.toString('latin1')).findings).toEqual([]);
  });

  it('a 1 MB single line and a pathological plain scalar', () => {
    safe(`${HEAD}spec:\n  x: ${'a '.repeat(500_000)}\n`);
    safe(`${HEAD}spec:\n  x: "${'\\\\'.repeat(100_000)}\n`);
    safe(`${HEAD}spec:\n  x: ${'{{'.repeat(50_000)}\n`);
  });

  it('unterminated template actions and quotes', () => {
    safe(`${HEAD}spec: {{ "unterminated\n  a: {{ \`x\n`);
    safe(`{{/* never closed\n${HEAD}`);
  });

  it('thousands of documents and of empty documents', () => {
    safe(`${HEAD}---\n`.repeat(5000), 20_000);
    safe('---\n'.repeat(50_000));
  });
});
