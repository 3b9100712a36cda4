/**
 * The fuzz test of docs/requirements.md (Robustness): real manifests from the corpus, mutated the ways people
 * and tools break YAML (characters, lines, indentation, documents, Helm
 * actions, anchors, CRLF, BOM, Unicode), and checked for:
 * - no exception escapes and no rule throws;
 * - every range (findings and fix edits) lies inside the text;
 * - every fix alone: the text parses if it parsed before, its finding is
 *   gone, and nothing outside its own edits changes;
 * - all safe fixes applied with applyFixes converge within the pass limit.
 *
 * `npm test` runs a bounded number of cases with a fixed seed; set
 * KUBEWARD_FUZZ_RUNS=N (and KUBEWARD_FUZZ_SEED=S) to run longer.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { applyEdits, applyFixes, FileAnalyzer, MAX_FIX_PASSES, RULES, selectFixes, type Finding } from '../../shared-rules/src/index';
import { CONFIG, expectRangeInside, yamlErrorCount } from './checks';

const RUNS = Number(process.env.KUBEWARD_FUZZ_RUNS ?? 300);
const SEED = Number(process.env.KUBEWARD_FUZZ_SEED ?? 20261124);
const MAX_SOURCE = 24 * 1024;

const corpus = path.resolve(__dirname, '../corpus');
function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}
const manifests = files(corpus)
  .sort()
  .map((f) => fs.readFileSync(f, 'utf8'))
  .filter((t) => t.length <= MAX_SOURCE && /^kind:/m.test(t) && /^apiVersion:/m.test(t));

// ---------------------------------------------------------------- mutations

type Mutation = (text: string) => string;

const SPECIAL = [
  ':',
  '-',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '{',
  '}',
  '[',
  ']',
  '#',
  '&',
  '*',
  '!',
  '|',
  '>',
  "'",
  '"',
  '%',
  '@',
  '`',
  ',',
  '?',
  '\\',
  '~',
  '<<',
  '---\n',
  '...\n',
  '\u0000',
  '\uFEFF',
  '\u2028',
  'é',
  '😀',
  '\uD83D',
  '{{',
  '}}',
];
const HELM = [
  '{{ .Values.x }}',
  '{{- include "app.labels" . | nindent 4 }}',
  '{{ toYaml .Values.securityContext }}',
  '{{- if .Values.tls }}',
  '{{- end }}',
  '{{ "a:b" }}',
  '{{/* c */}}',
  '{{',
];
const UNICODE = ['é', 'ß', 'Ω', '名', '😀', '\u200B', '\u00A0', '\u2028', '\uFFFD', '\uD800'];

const at = (text: string, p: number) => Math.min(Math.max(0, Math.floor(p * (text.length + 1))), text.length);
const lineBounds = (text: string, p: number): [number, number] => {
  const i = at(text, p);
  const start = text.lastIndexOf('\n', i - 1) + 1;
  const nl = text.indexOf('\n', i);
  return [start, nl === -1 ? text.length : nl + 1];
};

const frac = fc.double({ min: 0, max: 1, noNaN: true });

const mutation: fc.Arbitrary<{ name: string; apply: Mutation }> = fc.oneof(
  fc
    .tuple(frac, fc.constantFrom(...SPECIAL))
    .map(([p, s]) => ({ name: `insert ${JSON.stringify(s)}@${p.toFixed(3)}`, apply: (t: string) => t.slice(0, at(t, p)) + s + t.slice(at(t, p)) })),
  fc
    .tuple(frac, fc.integer({ min: 1, max: 8 }))
    .map(([p, n]) => ({ name: `delete ${n}@${p.toFixed(3)}`, apply: (t: string) => t.slice(0, at(t, p)) + t.slice(at(t, p) + n) })),
  fc
    .tuple(frac, fc.constantFrom(...SPECIAL, ...UNICODE))
    .map(([p, s]) => ({ name: `replace with ${JSON.stringify(s)}@${p.toFixed(3)}`, apply: (t: string) => t.slice(0, at(t, p)) + s + t.slice(at(t, p) + 1) })),
  frac.map((p) => ({
    name: `duplicate line@${p.toFixed(3)}`,
    apply: (t: string) => {
      const [s, e] = lineBounds(t, p);
      const line = t.slice(s, e);
      return t.slice(0, e) + (line.endsWith('\n') ? line : `\n${line}`) + t.slice(e);
    },
  })),
  frac.map((p) => ({
    name: `delete line@${p.toFixed(3)}`,
    apply: (t: string) => {
      const [s, e] = lineBounds(t, p);
      return t.slice(0, s) + t.slice(e);
    },
  })),
  fc.tuple(frac, fc.integer({ min: -4, max: 4 })).map(([p, d]) => ({
    name: `indent ${d}@${p.toFixed(3)}`,
    apply: (t: string) => {
      const [s] = lineBounds(t, p);
      if (d > 0) return t.slice(0, s) + ' '.repeat(d) + t.slice(s);
      let k = 0;
      while (k < -d && t[s + k] === ' ') k++;
      return t.slice(0, s) + t.slice(s + k);
    },
  })),
  fc.tuple(frac, frac).map(([p, q]) => ({
    name: `swap documents ${p.toFixed(2)}/${q.toFixed(2)}`,
    apply: (t: string) => {
      const docs = t.split(/^---[^\n]*\n/m);
      if (docs.length < 2) return t;
      const i = Math.floor(p * docs.length) % docs.length;
      const j = Math.floor(q * docs.length) % docs.length;
      [docs[i], docs[j]] = [docs[j]!, docs[i]!];
      return docs.map((d) => (d.endsWith('\n') || d === '' ? d : `${d}\n`)).join('---\n');
    },
  })),
  fc.tuple(frac, fc.constantFrom(...HELM), fc.boolean()).map(([p, h, wholeLine]) => ({
    name: `helm ${JSON.stringify(h)}${wholeLine ? ' line' : ''}@${p.toFixed(3)}`,
    apply: (t: string) => {
      if (wholeLine) {
        const [s] = lineBounds(t, p);
        const indent = /^ */.exec(t.slice(s))![0];
        return `${t.slice(0, s)}${indent}${h}\n${t.slice(s)}`;
      }
      // Replace the value after the next `: ` with the action.
      const i = t.indexOf(': ', at(t, p));
      if (i === -1) return t;
      const end = t.indexOf('\n', i);
      return `${t.slice(0, i + 2)}${h}${end === -1 ? '' : t.slice(end)}`;
    },
  })),
  fc.tuple(frac, frac).map(([p, q]) => ({
    name: `anchor/alias ${p.toFixed(3)}->${q.toFixed(3)}`,
    apply: (t: string) => {
      const a = t.indexOf(': ', at(t, p));
      if (a === -1) return t;
      const withAnchor = `${t.slice(0, a + 2)}&fz ${t.slice(a + 2)}`;
      const b = withAnchor.indexOf(': ', Math.max(a + 6, at(withAnchor, q)));
      if (b === -1) return withAnchor;
      const end = withAnchor.indexOf('\n', b);
      // Either an alias value, or a merge key on its own line.
      return q < 0.5
        ? `${withAnchor.slice(0, b + 2)}*fz${end === -1 ? '' : withAnchor.slice(end)}`
        : `${withAnchor.slice(0, b + 1)}\n${' '.repeat(Math.max(2, b - withAnchor.lastIndexOf('\n', b) + 1))}<<: *fz${end === -1 ? '' : withAnchor.slice(end)}`;
    },
  })),
  fc.constant({ name: 'CRLF', apply: (t: string) => t.replace(/\r?\n/g, '\r\n') }),
  fc.constant({ name: 'BOM', apply: (t: string) => `\uFEFF${t}` }),
  fc
    .tuple(
      frac,
      fc.constantFrom(
        '# kubeward-disable-next-line',
        '# kubeward-disable',
        '# kubeward-enable',
        '# kubeward-disable-next-line ingress-*, pod-*',
        '  # kubeward-disable-next-line nope -- why',
      ),
    )
    .map(([p, c]) => ({
      name: `comment ${JSON.stringify(c)}@${p.toFixed(3)}`,
      apply: (t: string) => {
        const [s] = lineBounds(t, p);
        return `${t.slice(0, s)}${c}\n${t.slice(s)}`;
      },
    })),
);

const fuzzCase = fc.record({
  source: fc.integer({ min: 0, max: Math.max(0, manifests.length - 1) }),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
});

// ---------------------------------------------------------------- properties

const stats = { cases: 0, findings: 0, fixesChecked: 0, fixAllRuns: 0, worstMs: 0, unparsedInputs: 0 };
afterAll(() => {
  console.log(
    `fuzz: seed ${SEED}, ${stats.cases} cases, ${stats.findings} findings, ${stats.fixesChecked} fixes applied alone, ${stats.fixAllRuns} fix-all runs, ${stats.unparsedInputs} inputs that did not parse, worst case ${stats.worstMs.toFixed(0)} ms`,
  );
});

function analyse(text: string, withFixes: boolean): ReturnType<FileAnalyzer['analyze']> {
  return new FileAnalyzer().analyze(text, { rules: RULES, config: CONFIG, withFixes });
}

function checkCase(text: string): void {
  const started = performance.now();
  stats.cases++;
  const result = analyse(text, true);
  expect(result.ruleErrors, 'no rule throws').toEqual([]);
  stats.findings += result.findings.length;
  const parsedBefore = yamlErrorCount(text) === 0;
  if (!parsedBefore) stats.unparsedInputs++;
  const count = (findings: readonly Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId).length;

  for (const finding of result.findings) {
    expectRangeInside(text, finding, finding.ruleId);
    for (const fix of finding.fixes ?? []) {
      const label = `${finding.ruleId} fix "${fix.title}"`;
      let previous = 0;
      for (const e of fix.edits) {
        expect(e.start >= previous && e.start <= e.end && e.end <= text.length, `${label}: edit ${e.start}-${e.end} outside the text or overlapping`).toBe(
          true,
        );
        previous = e.end;
      }
      const fixed = applyEdits(text, fix.edits);
      stats.fixesChecked++;
      // Nothing outside its own edits changes.
      const first = fix.edits[0]!;
      const last = fix.edits[fix.edits.length - 1]!;
      expect(fixed.slice(0, first.start), `${label}: text before its edits`).toBe(text.slice(0, first.start));
      expect(fixed.slice(fixed.length - (text.length - last.end)), `${label}: text after its edits`).toBe(text.slice(last.end));
      if (parsedBefore) expect(yamlErrorCount(fixed), `${label}: must parse\n--- fixed ---\n${fixed}`).toBe(0);
      const after = analyse(fixed, false);
      expect(after.ruleErrors).toEqual([]);
      expect(count(after.findings, finding.ruleId), `${label}: must remove its finding\n--- fixed ---\n${fixed}`).toBeLessThan(
        count(result.findings, finding.ruleId),
      );
    }
  }

  // Fix all (safe fixes, as `kubeward scan --fix` and fix-on-save do) converges.
  const analyzer = new FileAnalyzer();
  const all = applyFixes(text, (t) => analyzer.analyze(t, { rules: RULES, config: CONFIG, withFixes: true }).findings, { applicability: 'safe' });
  stats.fixAllRuns++;
  const leftover = selectFixes(analyzer.analyze(all.text, { rules: RULES, config: CONFIG, withFixes: true }).findings, { applicability: 'safe' });
  expect(all.passes, 'fix-all stays within the pass limit').toBeLessThanOrEqual(MAX_FIX_PASSES);
  expect(
    leftover.map((s) => s.finding.ruleId),
    `fix-all converges\n--- after ${all.passes} passes ---\n${all.text}`,
  ).toEqual([]);
  if (parsedBefore) expect(yamlErrorCount(all.text), 'fix-all keeps the file parseable').toBe(0);
  // Every fix a person could accept, one pass after another (unsafe included), converges too.
  const everything = applyFixes(text, (t) => analyzer.analyze(t, { rules: RULES, config: CONFIG, withFixes: true }).findings, { applicability: 'unsafe' });
  const rest = selectFixes(analyzer.analyze(everything.text, { rules: RULES, config: CONFIG, withFixes: true }).findings, { applicability: 'unsafe' });
  expect(
    rest.map((s) => s.finding.ruleId),
    `accepting every fix converges\n--- after ${everything.passes} passes ---\n${everything.text}`,
  ).toEqual([]);
  if (parsedBefore) expect(yamlErrorCount(everything.text), 'accepting every fix keeps the file parseable').toBe(0);
  stats.worstMs = Math.max(stats.worstMs, performance.now() - started);
}

describe('fuzz: mutated corpus manifests', () => {
  it('has corpus manifests to mutate', () => {
    expect(manifests.length).toBeGreaterThan(500);
  });

  it('unmutated corpus manifests keep every property (a sample)', () => {
    for (let i = 0; i < manifests.length; i += 25) checkCase(manifests[i]!);
  });

  it(`${RUNS} mutated manifests keep every property (seed ${SEED})`, { timeout: Math.max(120_000, RUNS * 2_000) }, () => {
    fc.assert(
      fc.property(fuzzCase, ({ source, mutations }) => {
        let text = manifests[source]!;
        for (const m of mutations) text = m.apply(text);
        checkCase(text);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true, verbose: 1 },
    );
  });
});
