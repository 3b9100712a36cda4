/**
 * Kubeward agrees with the peers' own test fixtures wherever a peer check is
 * the same check (test/peers/peer-map.ts), except the deliberate
 * disagreements listed there; docs/peer-agreement.md is rendered from the same
 * data (`npm run docs`) and must not drift. This test writes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES_BY_ID } from '../../shared-rules/src/index';
import { evaluate, renderReport, unusedDisagreements, type Outcome } from './peer-agreement';
import { NOT_COMPARED, PEER_MAP } from './peer-map';

const root = path.resolve(__dirname, '..', '..');
const outcomes = evaluate(root);

function label(o: Outcome): string {
  const e = o.expectation;
  return `${e.mapping.peer} ${e.mapping.check} ${e.file}${e.line !== undefined ? `:${e.line}` : ''} expects ${e.expect}${e.kind ? ` in ${e.kind}` : ''} (${e.source}); Kubeward: ${o.actual}`;
}

describe('peer map', () => {
  it('maps to rules that exist', () => {
    for (const m of PEER_MAP) for (const id of m.rules) expect(RULES_BY_ID.has(id), `${m.peer} ${m.check} → ${id}`).toBe(true);
  });

  it('names checks that the peers\' tests exercise (each row yields expectations)', () => {
    for (const m of PEER_MAP) expect(outcomes.some((o) => o.expectation.mapping === m), `${m.peer} ${m.check}`).toBe(true);
  });

  it('maps each peer check once and does not also list it as not compared', () => {
    const keys = PEER_MAP.map((m) => `${m.peer}/${m.check}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const n of NOT_COMPARED) expect(keys, `${n.peer}/${n.check}`).not.toContain(`${n.peer}/${n.check}`);
  });
});

describe('agreement with the peers\' fixtures', () => {
  it('agrees wherever no deliberate disagreement is listed', () => {
    const unexplained = outcomes.filter((o) => !o.agrees && !o.disagreement).map(label);
    expect(unexplained).toEqual([]);
  });

  it('every listed disagreement still disagrees (fixed ones must be removed from the list)', () => {
    const stale = outcomes.filter((o) => o.agrees && o.disagreement).map((o) => `${label(o)} — listed: ${o.disagreement!.reason}`);
    expect(stale).toEqual([]);
    expect(unusedDisagreements(outcomes).map((d) => `${d.peer} ${d.check ?? '*'} ${d.file ?? d.kind ?? ''}`)).toEqual([]);
  });

  it('has a meaningful number of expectations per peer', () => {
    for (const peer of ['kube-linter', 'polaris', 'checkov', 'kics', 'kubesec']) expect(outcomes.filter((o) => o.expectation.mapping.peer === peer).length, peer).toBeGreaterThan(5);
  });

  it('docs/peer-agreement.md matches (run `npm run docs`)', () => {
    const committed = fs.readFileSync(path.join(root, 'docs', 'peer-agreement.md'), 'utf8');
    expect(committed).toBe(renderReport(outcomes));
  });
});
