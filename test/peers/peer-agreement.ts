/**
 * Runs Kubeward on the peers' own test fixtures (test/corpus) and compares
 * its findings with what each peer's tests expect, for the checks PEER_MAP
 * says are the same. Shared by peer-agreement.test.ts (asserts, writes
 * nothing) and scripts/gen-peer-agreement.ts (renders docs/peer-agreement.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import { FileAnalyzer, isWorkload, resolveConfig, RULES, RULES_BY_ID, type Finding } from '../../shared-rules/src/index';
import { DISAGREEMENTS, KUBESEC_CRITICAL, NOT_COMPARED, PEER_MAP, PEERS, type Disagreement, type Peer, type PeerMapping } from './peer-map';

export interface Expectation {
  mapping: PeerMapping;
  /** Path under test/corpus. */
  file: string;
  /** `finding`: some matching finding; `none`: no matching finding; `at-most`: at most `max` objects of `kind` flagged. */
  expect: 'finding' | 'none' | 'at-most';
  /** KICS: the finding must start on this line. */
  line?: number;
  /** kube-linter: the finding must be in an object of this kind … */
  kind?: string;
  /** … and name this container. */
  container?: string;
  max?: number;
  /** What the peer's test says, for the report. */
  source: string;
}

export interface Outcome {
  expectation: Expectation;
  agrees: boolean;
  /** What Kubeward found, for the report. */
  actual: string;
  disagreement?: Disagreement;
}

interface PeerExpectations {
  'kube-linter-e2e': Array<{ test: string; file: string; include: string | null; expectedCount: number | null; expectedMessages: string[] }>;
  kics: Array<{ query: string; file: string; line?: number; expect?: string }>;
  polaris: Array<{ check: string; file: string; expect: string }>;
  checkov: Array<{ check: string; files: Array<{ file: string; expect: string }> }>;
  kubesec: Array<{ file: string; scoreHint: number }>;
}

export function corpusDir(root: string): string {
  return path.join(root, 'test', 'corpus');
}

/** The expectations of the mapped checks, in a stable order. */
export function expectationsOf(data: PeerExpectations): Expectation[] {
  const out: Expectation[] = [];
  const mapped = (peer: Peer, check: string) => PEER_MAP.filter((m) => m.peer === peer && m.check === check);
  for (const entry of data['kube-linter-e2e']) {
    // Only a check's own test (run with --include <check>) speaks for that check alone.
    if (entry.include !== entry.test) continue;
    for (const mapping of mapped('kube-linter', entry.test)) {
      const perKind = new Map<string, number>();
      for (const message of entry.expectedMessages) {
        const m = /^(\w+): (.*)$/.exec(message);
        if (!m) continue;
        const kind = m[1]!;
        perKind.set(kind, (perKind.get(kind) ?? 0) + 1);
        const container = /container "?([\w.-]+)"?/.exec(m[2]!)?.[1];
        out.push({ mapping, file: entry.file, expect: 'finding', kind, container, source: message });
      }
      for (const [kind, max] of perKind) {
        if (isWorkload(kind)) out.push({ mapping, file: entry.file, expect: 'at-most', kind, max, source: `${max} ${kind} flagged (${entry.expectedCount} findings in all)` });
      }
    }
  }
  for (const entry of data.polaris) {
    for (const mapping of mapped('polaris', entry.check)) {
      if (entry.expect === 'failure') out.push({ mapping, file: entry.file, expect: 'finding', source: 'failure fixture' });
      else if (entry.expect === 'success') out.push({ mapping, file: entry.file, expect: 'none', source: 'success fixture' });
      // The result of Polaris' own fix must pass the check.
      else if (entry.expect === 'mutated') out.push({ mapping, file: entry.file, expect: 'none', source: 'mutated (fixed) fixture' });
    }
  }
  for (const entry of data.checkov) {
    for (const mapping of mapped('checkov', entry.check)) {
      for (const f of entry.files) {
        if (f.expect === 'FAILED') out.push({ mapping, file: f.file, expect: 'finding', source: 'FAILED' });
        else if (f.expect === 'PASSED') out.push({ mapping, file: f.file, expect: 'none', source: 'PASSED' });
      }
    }
  }
  for (const entry of data.kics) {
    for (const mapping of mapped('kics', entry.query)) {
      if (entry.line !== undefined) out.push({ mapping, file: entry.file, expect: 'finding', line: entry.line, source: `finding on line ${entry.line}` });
      else if (entry.expect === 'none') out.push({ mapping, file: entry.file, expect: 'none', source: 'negative fixture' });
    }
  }
  for (const entry of data.kubesec) {
    const name = path.basename(entry.file);
    for (const mapping of PEER_MAP.filter((m) => m.peer === 'kubesec')) {
      if (entry.scoreHint === 0 && mapping.fileToken && name.includes(mapping.fileToken)) out.push({ mapping, file: entry.file, expect: 'finding', source: `score 0, named for ${mapping.check}` });
      else if (entry.scoreHint >= 1 && KUBESEC_CRITICAL.has(mapping.check)) out.push({ mapping, file: entry.file, expect: 'none', source: `score ${entry.scoreHint}: no critical rule matched` });
    }
  }
  return out;
}

function profileOf(mapping: PeerMapping): 'baseline' | 'restricted' {
  if (mapping.profile) return mapping.profile;
  return mapping.rules.some((id) => RULES_BY_ID.get(id)?.meta.profiles?.includes('restricted')) ? 'restricted' : 'baseline';
}

/** Every mapped rule named, so opt-in rules run too. */
function configFor(profile: 'baseline' | 'restricted') {
  const rules: Record<string, 'error' | 'warning' | 'info' | 'hint'> = {};
  for (const m of PEER_MAP) {
    if (profileOf(m) !== profile) continue;
    for (const id of m.rules) {
      const rule = RULES_BY_ID.get(id);
      if (rule) rules[id] = rule.meta.severity;
    }
  }
  return resolveConfig({ profile, rules });
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function matches(d: Disagreement, e: Expectation): boolean {
  return (
    d.peer === e.mapping.peer &&
    (d.check === undefined || d.check === e.mapping.check) &&
    (d.file === undefined || d.file === e.file) &&
    (d.line === undefined || d.line === e.line) &&
    (d.kind === undefined || d.kind === e.kind)
  );
}

/** Runs Kubeward on every fixture once per profile and judges each expectation. */
export function evaluate(root: string): Outcome[] {
  const dir = corpusDir(root);
  const data = JSON.parse(fs.readFileSync(path.join(dir, 'peer-expectations.json'), 'utf8')) as PeerExpectations;
  const configs = { baseline: configFor('baseline'), restricted: configFor('restricted') };
  const cache = new Map<string, { text: string; findings: Finding[] }>();
  const analyse = (file: string, profile: 'baseline' | 'restricted') => {
    const key = `${profile}:${file}`;
    let hit = cache.get(key);
    if (!hit) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      hit = { text, findings: new FileAnalyzer().analyze(text, { rules: RULES, config: configs[profile] }).findings };
      cache.set(key, hit);
    }
    return hit;
  };
  return expectationsOf(data).map((expectation) => {
    const { mapping } = expectation;
    const { text, findings } = analyse(expectation.file, profileOf(mapping));
    const relevant = findings.filter(
      (f) => mapping.rules.includes(f.ruleId) && (!mapping.messageIds || mapping.messageIds.includes(f.messageId ?? '')) && (!mapping.message || mapping.message.test(f.message)),
    );
    const at = (f: Finding) => `${f.ruleId} at line ${lineOf(text, f.start)}`;
    let agrees: boolean;
    let actual: string;
    if (expectation.expect === 'none') {
      agrees = relevant.length === 0;
      actual = agrees ? 'no finding' : relevant.map(at).join(', ');
    } else if (expectation.expect === 'at-most') {
      const objects = new Set(relevant.filter((f) => f.object?.kind === expectation.kind).map((f) => f.object?.name));
      agrees = objects.size <= expectation.max!;
      actual = `${objects.size} ${expectation.kind} flagged`;
    } else {
      let candidates = relevant;
      if (expectation.kind) candidates = candidates.filter((f) => f.object?.kind === expectation.kind && (!expectation.container || mapping.podLevel || f.message.includes(`"${expectation.container}"`)));
      const onLine = expectation.line === undefined ? candidates : candidates.filter((f) => lineOf(text, f.start) === expectation.line);
      agrees = onLine.length > 0;
      actual = onLine.length > 0 ? onLine.map(at).join(', ') : candidates.length > 0 ? candidates.map(at).join(', ') : 'no finding';
    }
    const disagreement = DISAGREEMENTS.find((d) => matches(d, expectation));
    return { expectation, agrees, actual, disagreement };
  });
}

/** Disagreement entries that match no expectation (stale). */
export function unusedDisagreements(outcomes: readonly Outcome[]): Disagreement[] {
  return DISAGREEMENTS.filter((d) => !outcomes.some((o) => o.disagreement === d));
}

// ---------------------------------------------------------------- report

const PEER_TITLES: Record<Peer, string> = {
  'kube-linter': 'kube-linter (e2e tests: expected messages per check)',
  polaris: 'Polaris (failure, success and mutated fixtures per check)',
  checkov: 'Checkov (fixtures named PASSED / FAILED)',
  kics: 'KICS (expected lines of positive fixtures, negative fixtures)',
  kubesec: 'kubesec (score hints in fixture names)',
};

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function expectedText(e: Expectation): string {
  switch (e.expect) {
    case 'none':
      return `no finding (${e.source})`;
    case 'at-most':
      return `at most ${e.source}`;
    default:
      return e.kind ? `${e.source}` : e.line !== undefined ? `finding on line ${e.line}` : `finding (${e.source})`;
  }
}

export function renderReport(outcomes: readonly Outcome[]): string {
  const lines: string[] = [
    '<!-- Generated by `npm run docs` from test/peers/peer-map.ts and test/corpus/peer-expectations.json; do not edit. -->',
    '# Agreement with other tools\' own tests',
    '',
    'Other Kubernetes linters ship test fixtures with what their checks must say about them. Where a peer check is the same check as a Kubeward rule (the mapping is `test/peers/peer-map.ts`), `test/peers/peer-agreement.test.ts` runs Kubeward on those fixtures (`test/corpus`) and asserts it agrees: a finding of the mapped rule where the peer expects one (in the same file; on the same line for KICS; in an object of the same kind, naming the same container, for kube-linter), none where the peer expects none. Every deliberate disagreement is listed below with its reason; the test fails when one is not listed, when a listed one no longer disagrees, and when this page drifts from the data.',
    '',
    'Rules run under their own profile (`restricted` when the rule belongs to it) and opt-in rules are turned on. Polaris\' `mutated` fixtures are the output of its own fix, so they must pass. kubesec\'s fixtures carry only a score: a fixture named for a critical rule with score 0 must be flagged, and one with a positive score must match no critical rule.',
    '',
    '## Summary',
    '',
    '"Out of scope" counts expectations about objects Kubeward does not analyse (OpenShift kinds); the last column leaves them out.',
    '',
    '| Peer | Expectations | Agree | Deliberate disagreements | of which out of scope | Agreement | Agreement in scope |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '–');
  const row = (label: string, list: readonly Outcome[]) => {
    const agree = list.filter((o) => o.agrees).length;
    const outOfScope = list.filter((o) => !o.agrees && o.disagreement?.outOfScope).length;
    return `| ${label} | ${list.length} | ${agree} | ${list.length - agree} | ${outOfScope} | ${pct(agree, list.length)} | ${pct(agree, list.length - outOfScope)} |`;
  };
  for (const peer of PEERS) lines.push(row(PEER_TITLES[peer], outcomes.filter((o) => o.expectation.mapping.peer === peer)));
  lines.push(row('**All**', outcomes), '');

  lines.push('## Per check', '', '| Peer | Check | Kubeward rule | Expectations | Agree | Disagree |', '| --- | --- | --- | ---: | ---: | ---: |');
  for (const mapping of PEER_MAP) {
    const list = outcomes.filter((o) => o.expectation.mapping === mapping);
    const agree = list.filter((o) => o.agrees).length;
    const rules = mapping.rules.map((r) => `[\`${r}\`](rules/${r}.md)`).join(', ') + (mapping.messageIds ? ` (${mapping.messageIds.join(', ')})` : '') + (mapping.message ? ` (${mapping.message.source})` : '');
    lines.push(`| ${mapping.peer} | \`${mapping.check}\`${mapping.peerId ? ` (${mapping.peerId})` : ''} | ${rules} | ${list.length} | ${agree} | ${list.length - agree} |`);
  }
  lines.push('');

  const disagreeing = outcomes.filter((o) => !o.agrees);
  lines.push('## Deliberate disagreements', '');
  if (disagreeing.length === 0) lines.push('None.', '');
  else {
    lines.push('| Peer | Check | Fixture | Peer expects | Kubeward | Why |', '| --- | --- | --- | --- | --- | --- |');
    for (const o of disagreeing) {
      const e = o.expectation;
      lines.push(`| ${e.mapping.peer} | \`${e.mapping.check}\` | \`${e.file}\` | ${cell(expectedText(e))} | ${cell(o.actual)} | ${cell(o.disagreement?.reason ?? '**not explained**')} |`);
    }
    lines.push('');
  }

  lines.push('## Not compared', '', 'Peer checks next to these rules that are not the same check:', '', '| Peer | Check | Why |', '| --- | --- | --- |');
  for (const n of NOT_COMPARED) lines.push(`| ${n.peer} | \`${n.check}\` | ${cell(n.reason)} |`);
  lines.push('');
  return lines.join('\n');
}
