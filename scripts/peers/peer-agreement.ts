/**
 * Runs Kubeward on the peers' own test fixtures (test/corpus) and compares
 * its findings with what each peer's tests expect, for the checks PEER_MAP
 * says are the same. Shared by peer-agreement.test.ts (asserts, writes
 * nothing) and scripts/gen-peer-agreement.ts (renders docs/peer-agreement.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import { FileAnalyzer, resolveConfig, RULES, RULES_BY_ID, WorkspaceObjects, type Finding } from '../../shared-rules/src/index';
import {
  CHECKOV_RESOLVED,
  DISAGREEMENTS,
  KUBESEC_CRITICAL,
  NOT_COMPARED,
  OUT_OF_SCOPE,
  ruleIdsOf,
  PEER_MAP,
  PEERS,
  type Disagreement,
  type Peer,
  type PeerMapping,
} from './peer-map';

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
  /** … and quote this name: the container, or what the mapping's `quote` picks from the peer's message. */
  quoted?: string;
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

export interface PeerExpectations {
  'kube-linter-e2e': Array<{
    test: string;
    file: string;
    include: string | null;
    config?: string | null;
    expectedCount: number | null;
    expectedMessages: string[];
  }>;
  kics: Array<{ query: string; file: string; line?: number; expect?: string }>;
  polaris: Array<{ check: string; file: string; expect: string }>;
  checkov: Array<{ check: string; files: Array<{ file: string; expect: string }> }>;
  kubesec: Array<{ file: string; scoreHint: number }>;
}

export function corpusDir(root: string): string {
  return path.join(root, 'test', 'corpus');
}

export function readPeerExpectations(root: string): PeerExpectations {
  return JSON.parse(fs.readFileSync(path.join(corpusDir(root), 'peer-expectations.json'), 'utf8')) as PeerExpectations;
}

/** Kinds where a finding of the mapping counts for an object of the peer's `kind`. */
function oursFor(mapping: PeerMapping, kind: string): readonly string[] {
  return mapping.reportedOn?.[kind] ?? [kind];
}

/** True when some rule of the mapping examines objects of this kind. */
function examines(mapping: PeerMapping, kind: string): boolean {
  return oursFor(mapping, kind).some((k) =>
    ruleIdsOf(mapping).some((id) => {
      const kinds = RULES_BY_ID.get(id)?.meta.kinds;
      return kinds === '*' || Boolean(kinds?.includes(k));
    }),
  );
}

/**
 * What a Checkov test expects of each file of its folder: the mapping's own
 * list (read from the check's test module) when it has one, else the file
 * names (PASSED / FAILED), else CHECKOV_RESOLVED for files the names leave open.
 */
function checkovFiles(mapping: PeerMapping, files: ReadonlyArray<{ file: string; expect: string }>): Array<{ file: string; expect: string; source: string }> {
  if (mapping.files)
    return Object.entries(mapping.files).map(([file, expect]) => ({ file, expect, source: `${expect} (${mapping.filesSource ?? 'its test module'})` }));
  return files.flatMap((f) => {
    if (f.expect === 'FAILED' || f.expect === 'PASSED') return [{ file: f.file, expect: f.expect, source: f.expect }];
    const resolved = CHECKOV_RESOLVED.find((r) => r.check === mapping.check && r.file === f.file);
    return resolved ? [{ file: f.file, expect: resolved.expect, source: `${resolved.expect} (${resolved.source})` }] : [];
  });
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
        const quoted = (mapping.quote ?? /container "?([\w.-]+)"?/).exec(m[2]!)?.[1];
        out.push({ mapping, file: entry.file, expect: 'finding', kind, quoted, source: message });
      }
      // A test that asserts only the number of findings: some finding in the file, and no more objects flagged than that.
      if (entry.expectedMessages.length === 0 && entry.expectedCount) {
        out.push({ mapping, file: entry.file, expect: 'finding', source: `${entry.expectedCount} finding(s), messages not asserted` });
        out.push({
          mapping,
          file: entry.file,
          expect: 'at-most',
          max: entry.expectedCount,
          source: `${entry.expectedCount} object(s) flagged (${entry.expectedCount} findings in all)`,
        });
      }
      for (const [kind, max] of perKind) {
        if (examines(mapping, kind))
          out.push({ mapping, file: entry.file, expect: 'at-most', kind, max, source: `${max} ${kind} flagged (${entry.expectedCount} findings in all)` });
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
      for (const f of checkovFiles(mapping, entry.files)) {
        if (f.expect === 'FAILED') out.push({ mapping, file: f.file, expect: 'finding', source: f.source });
        else if (f.expect === 'PASSED') out.push({ mapping, file: f.file, expect: 'none', source: f.source });
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
      if (entry.scoreHint === 0 && mapping.fileToken && name.includes(mapping.fileToken))
        out.push({ mapping, file: entry.file, expect: 'finding', source: `score 0, named for ${mapping.check}` });
      else if (entry.scoreHint >= 1 && KUBESEC_CRITICAL.has(mapping.check))
        out.push({ mapping, file: entry.file, expect: 'none', source: `score ${entry.scoreHint}: no critical rule matched` });
    }
  }
  return out;
}

/**
 * Every check the peers' tests exercise, as PEER_MAP, NOT_COMPARED and
 * OUT_OF_SCOPE name them: kube-linter tests (the test name), Polaris checks,
 * Checkov test folders, KICS queries. kubesec's fixtures name no check.
 */
export function peerChecks(data: PeerExpectations): Array<{ peer: Peer; check: string }> {
  const seen = new Set<string>();
  const out: Array<{ peer: Peer; check: string }> = [];
  const add = (peer: Peer, check: string) => {
    if (seen.has(`${peer}/${check}`)) return;
    seen.add(`${peer}/${check}`);
    out.push({ peer, check });
  };
  for (const e of data['kube-linter-e2e']) add('kube-linter', e.test);
  for (const e of data.polaris) add('polaris', e.check);
  for (const e of data.checkov) add('checkov', e.check);
  for (const e of data.kics) add('kics', e.query);
  return out;
}

function profileOf(mapping: PeerMapping): 'baseline' | 'restricted' {
  if (mapping.profile) return mapping.profile;
  return ruleIdsOf(mapping).some((id) => RULES_BY_ID.get(id)?.meta.profiles?.includes('restricted')) ? 'restricted' : 'baseline';
}

/** Every mapped rule named, so opt-in rules run too. */
function configFor(profile: 'baseline' | 'restricted') {
  const rules: Record<string, 'error' | 'warning' | 'info' | 'hint'> = {};
  for (const m of PEER_MAP) {
    if (profileOf(m) !== profile) continue;
    for (const id of ruleIdsOf(m)) {
      const rule = RULES_BY_ID.get(id);
      if (rule) rules[id] = rule.meta.severity;
    }
  }
  return resolveConfig({ profile, rules });
}

/** A finding of the mapped rules that speaks for the peer's check. */
export function counts(mapping: PeerMapping, f: Finding): boolean {
  if (mapping.also && f.ruleId === mapping.also.rule && mapping.also.message.test(f.message)) return true;
  return (
    mapping.rules.includes(f.ruleId) &&
    (!mapping.messageIds || mapping.messageIds.includes(f.messageId ?? '')) &&
    (!mapping.message || mapping.message.test(f.message))
  );
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
    (d.peerId === undefined || d.peerId === e.mapping.peerId) &&
    (d.file === undefined || d.file === e.file) &&
    (d.line === undefined || d.line === e.line) &&
    (d.kind === undefined || d.kind === e.kind) &&
    (d.expect === undefined || d.expect === e.expect)
  );
}

/**
 * Runs Kubeward on every fixture once per profile and judges each expectation.
 * Each fixture is scanned as the peers scan it, on its own: both passes, with
 * a complete workspace index of the file's objects, so cross-document rules
 * see the fixture's other documents and nothing else.
 */
export function evaluate(root: string): Outcome[] {
  const dir = corpusDir(root);
  const data = readPeerExpectations(root);
  const configs = { baseline: configFor('baseline'), restricted: configFor('restricted') };
  const cache = new Map<string, { text: string; findings: Finding[] }>();
  const analyse = (file: string, profile: 'baseline' | 'restricted') => {
    const key = `${profile}:${file}`;
    let hit = cache.get(key);
    if (!hit) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const config = configs[profile];
      const analyzer = new FileAnalyzer();
      const index = new WorkspaceObjects(true);
      index.setFile(file, analyzer.analyze(text, { rules: RULES, config, file }).summaries);
      hit = { text, findings: analyzer.analyze(text, { rules: RULES, config, file, workspace: index }).findings };
      cache.set(key, hit);
    }
    return hit;
  };
  return expectationsOf(data).map((expectation) => {
    const { mapping } = expectation;
    const { text, findings } = analyse(expectation.file, profileOf(mapping));
    const relevant = findings.filter((f) => counts(mapping, f));
    const at = (f: Finding) => `${f.ruleId} at line ${lineOf(text, f.start)}`;
    const kinds = expectation.kind ? oursFor(mapping, expectation.kind) : undefined;
    let agrees: boolean;
    let actual: string;
    if (expectation.expect === 'none') {
      agrees = relevant.length === 0;
      actual = agrees ? 'no finding' : relevant.map(at).join(', ');
    } else if (expectation.expect === 'at-most') {
      const objects = new Set(
        relevant.filter((f) => !kinds || kinds.includes(f.object?.kind ?? '')).map((f) => `${f.object?.kind}/${f.object?.namespace ?? ''}/${f.object?.name}`),
      );
      agrees = objects.size <= expectation.max!;
      actual = `${objects.size} ${kinds ? kinds.join('/') : 'object(s)'} flagged`;
    } else {
      let candidates = relevant;
      if (kinds)
        candidates = candidates.filter(
          (f) => kinds.includes(f.object?.kind ?? '') && (!expectation.quoted || mapping.podLevel || f.message.includes(`"${expectation.quoted}"`)),
        );
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
  checkov: 'Checkov (fixtures named PASSED / FAILED, or listed by the test module)',
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

/** The family a mapping belongs to: the category of its first rule. */
function familyOf(mapping: PeerMapping): string {
  return RULES_BY_ID.get(mapping.rules[0]!)?.meta.category ?? 'other';
}

export function renderReport(outcomes: readonly Outcome[]): string {
  const lines: string[] = [
    '<!-- Generated by `npm run docs` from scripts/peers/peer-map.ts and test/corpus/peer-expectations.json; do not edit. -->',
    "# Agreement with other tools' own tests",
    '',
    "Other Kubernetes linters ship test fixtures with what their checks must say about them. Where a peer check is the same check as a Kubeward rule (the mapping is `scripts/peers/peer-map.ts`), `test/peers/peer-agreement.test.ts` runs Kubeward on those fixtures (`test/corpus`) and asserts it agrees: a finding of the mapped rule where the peer expects one (in the same file; on the same line for KICS; in an object of the same kind, naming the same container (or Service), for kube-linter), none where the peer expects none. Every deliberate disagreement is listed below with its reason; the test fails when one is not listed, when a listed one no longer disagrees, and when this page drifts from the data. Every check the peers' tests exercise is either compared, listed as looked at but not compared (a related check that is not the same), or listed as out of scope, with the reason; the test fails when one is in none of these lists.",
    '',
    "Each fixture is scanned on its own, as the peers scan it, with both passes: the cross-document rules (NetworkPolicy isolation, dangling backends and selectors, bindings judged by the roles they bind, ServiceAccounts that disable token automounting) see the fixture's other documents as a complete workspace, and nothing else. Rules run under their own profile (`restricted` when the rule belongs to it) and opt-in rules are turned on. Polaris' `mutated` fixtures are the output of its own fix, so they must pass. Checkov folders name their fixtures PASSED or FAILED; where the names do not say it (lower-case names, folders shared by several checks), the expectation comes from the check's test module, as the Expected column says. kube-linter tests that assert only a number of findings expect some finding, and no more objects flagged than that number. kubesec's fixtures carry only a score: a fixture named for a critical rule with score 0 must be flagged, and one with a positive score must match no critical rule.",
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
  for (const peer of PEERS)
    lines.push(
      row(
        PEER_TITLES[peer],
        outcomes.filter((o) => o.expectation.mapping.peer === peer),
      ),
    );
  lines.push(row('**All**', outcomes), '');

  lines.push(
    'By family (the category of the mapped rule):',
    '',
    '| Family | Expectations | Agree | Deliberate disagreements | of which out of scope | Agreement | Agreement in scope |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  const families = [...new Set(PEER_MAP.map(familyOf))];
  for (const family of families)
    lines.push(
      row(
        family,
        outcomes.filter((o) => familyOf(o.expectation.mapping) === family),
      ),
    );
  lines.push('');

  lines.push('## Per check', '', '| Peer | Check | Kubeward rule | Expectations | Agree | Disagree |', '| --- | --- | --- | ---: | ---: | ---: |');
  const notes: string[] = [];
  for (const mapping of PEER_MAP) {
    const list = outcomes.filter((o) => o.expectation.mapping === mapping);
    const agree = list.filter((o) => o.agrees).length;
    let rules =
      mapping.rules.map((r) => `[\`${r}\`](rules/${r}.md)`).join(', ') +
      (mapping.messageIds ? ` (${mapping.messageIds.join(', ')})` : '') +
      (mapping.message ? ` (message: \`${mapping.message.source}\`)` : '');
    if (mapping.also) rules += `; [\`${mapping.also.rule}\`](rules/${mapping.also.rule}.md) where its "*" covers the check`;
    const check = `\`${mapping.check}\`${mapping.peerId ? ` (${mapping.peerId})` : ''}`;
    if (mapping.note) notes.push(`- ${mapping.peer} ${check}: ${mapping.note}`);
    lines.push(`| ${mapping.peer} | ${check} | ${cell(rules)} | ${list.length} | ${agree} | ${list.length - agree} |`);
  }
  lines.push('');
  if (notes.length > 0) lines.push('How some checks are compared:', '', ...notes, '');

  const disagreeing = outcomes.filter((o) => !o.agrees);
  lines.push('## Deliberate disagreements', '');
  if (disagreeing.length === 0) lines.push('None.', '');
  else {
    lines.push('| Peer | Check | Fixture | Peer expects | Kubeward | Why |', '| --- | --- | --- | --- | --- | --- |');
    for (const o of disagreeing) {
      const e = o.expectation;
      const check = `\`${e.mapping.check}\`${e.mapping.files && e.mapping.peerId ? ` (${e.mapping.peerId})` : ''}`;
      lines.push(
        `| ${e.mapping.peer} | ${check} | \`${e.file}\` | ${cell(expectedText(e))} | ${cell(o.actual)} | ${cell(o.disagreement?.reason ?? '**not explained**')} |`,
      );
    }
    lines.push('');
  }

  lines.push(
    '## Looked at, not compared',
    '',
    "Peer checks next to Kubeward's rules that are not the same check:",
    '',
    '| Peer | Check | Why |',
    '| --- | --- | --- |',
  );
  for (const n of NOT_COMPARED) lines.push(`| ${n.peer} | \`${n.check}\` | ${cell(n.reason)} |`);
  lines.push('');

  lines.push(
    '## Out of scope',
    '',
    'Peer checks whose tests are in the corpus but that judge something Kubeward does not set out to judge:',
    '',
    '| Peer | Checks | Why |',
    '| --- | --- | --- |',
  );
  const groups = new Map<string, { peer: Peer; reason: string; checks: string[] }>();
  for (const o of OUT_OF_SCOPE) {
    const key = `${o.peer}\u0000${o.reason}`;
    const group = groups.get(key) ?? { peer: o.peer, reason: o.reason, checks: [] };
    group.checks.push(o.check);
    groups.set(key, group);
  }
  for (const g of groups.values()) lines.push(`| ${g.peer} | ${g.checks.map((c) => `\`${c}\``).join(', ')} | ${cell(g.reason)} |`);
  lines.push('');
  return lines.join('\n');
}
