/**
 * Kubeward agrees with the peers' own test fixtures wherever a peer check is
 * the same check (scripts/peers/peer-map.ts), except the deliberate
 * disagreements listed there; docs/peer-agreement.md is rendered from the same
 * data (`npm run docs`) and must not drift. This test writes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES_BY_ID } from '../../shared-rules/src/index';
import { evaluate, peerChecks, readPeerExpectations, renderReport, unusedDisagreements, type Outcome } from '../../scripts/peers/peer-agreement';
import { CHECKOV_RESOLVED, mappingKey, NOT_COMPARED, OUT_OF_SCOPE, PEER_MAP, ruleIdsOf } from '../../scripts/peers/peer-map';

const root = path.resolve(__dirname, '..', '..');
const outcomes = evaluate(root);

function label(o: Outcome): string {
  const e = o.expectation;
  return `${e.mapping.peer} ${e.mapping.check} ${e.file}${e.line !== undefined ? `:${e.line}` : ''} expects ${e.expect}${e.kind ? ` in ${e.kind}` : ''} (${e.source}); Kubeward: ${o.actual}`;
}

describe('peer map', () => {
  it('maps to rules that exist', () => {
    for (const m of PEER_MAP) for (const id of ruleIdsOf(m)) expect(RULES_BY_ID.has(id), `${m.peer} ${m.check} → ${id}`).toBe(true);
  });

  it("names checks that the peers' tests exercise (each row yields expectations)", () => {
    for (const m of PEER_MAP)
      expect(
        outcomes.some((o) => o.expectation.mapping === m),
        `${m.peer} ${m.check}`,
      ).toBe(true);
  });

  it('maps each peer check once and does not also list it as not compared or out of scope', () => {
    const keys = PEER_MAP.map(mappingKey);
    expect(new Set(keys).size).toBe(keys.length);
    const mapped = new Set(PEER_MAP.map((m) => `${m.peer}/${m.check}`));
    const listed = [...NOT_COMPARED, ...OUT_OF_SCOPE].map((n) => `${n.peer}/${n.check}`);
    expect(new Set(listed).size, 'a check listed twice').toBe(listed.length);
    for (const key of listed) expect(mapped.has(key), key).toBe(false);
  });

  it('resolves only Checkov files whose names leave the expectation open, and lists every file of a folder it overrides', () => {
    const checkov = readPeerExpectations(root).checkov;
    for (const r of CHECKOV_RESOLVED) expect(checkov.find((c) => c.check === r.check)?.files.find((f) => f.file === r.file)?.expect, r.file).toBe('UNKNOWN');
    for (const m of PEER_MAP.filter((x) => x.files)) {
      const files = checkov
        .find((c) => c.check === m.check)
        ?.files.map((f) => f.file)
        .sort();
      expect(Object.keys(m.files!).sort(), `${m.check} ${m.peerId}`).toEqual(files);
    }
  });

  it("decides every check the peers' tests exercise: compared, not compared, or out of scope", () => {
    const known = new Set([...PEER_MAP, ...NOT_COMPARED, ...OUT_OF_SCOPE].map((m) => `${m.peer}/${m.check}`));
    const checks = peerChecks(readPeerExpectations(root)).map((c) => `${c.peer}/${c.check}`);
    expect(checks.length).toBeGreaterThan(200);
    expect(checks.filter((c) => !known.has(c))).toEqual([]);
    // And nothing listed that the corpus does not test (a typo would hide a check).
    expect([...NOT_COMPARED, ...OUT_OF_SCOPE].map((n) => `${n.peer}/${n.check}`).filter((k) => !checks.includes(k))).toEqual([]);
  });
});

describe("agreement with the peers' fixtures", () => {
  it('agrees wherever no deliberate disagreement is listed', () => {
    const unexplained = outcomes.filter((o) => !o.agrees && !o.disagreement).map(label);
    expect(unexplained).toEqual([]);
  });

  it('every listed disagreement still disagrees (fixed ones must be removed from the list)', () => {
    const stale = outcomes.filter((o) => o.agrees && o.disagreement).map((o) => `${label(o)} — listed: ${o.disagreement!.reason}`);
    expect(stale).toEqual([]);
    expect(unusedDisagreements(outcomes).map((d) => `${d.peer} ${d.check ?? '*'} ${d.file ?? d.kind ?? ''}`)).toEqual([]);
  });

  it('gives every disagreement a reason of its own (not a placeholder)', () => {
    for (const o of outcomes.filter((x) => !x.agrees)) expect(o.disagreement?.reason.length ?? 0, o.expectation.file).toBeGreaterThan(40);
  });

  it('has a meaningful number of expectations per peer', () => {
    for (const peer of ['kube-linter', 'polaris', 'checkov', 'kics', 'kubesec'])
      expect(outcomes.filter((o) => o.expectation.mapping.peer === peer).length, peer).toBeGreaterThan(5);
  });

  it('docs/peer-agreement.md matches (run `npm run docs`)', () => {
    const committed = fs.readFileSync(path.join(root, 'docs', 'peer-agreement.md'), 'utf8');
    expect(committed).toBe(renderReport(outcomes));
  });
});
