/**
 * Every regular expression in the engine and rules, found by parsing the
 * sources (so one added tomorrow is audited too), is run against long
 * adversarial strings built from its own characters: a pattern that
 * backtracks super-linearly takes seconds on 100,000 characters where a
 * linear one takes a millisecond. Dynamic `new RegExp(…)` calls must be
 * listed below with the reason they are safe.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { globToRegExp as globRegExp, matchGlob } from '../../shared-rules/src/index';
import { parseImage, registryTrusted } from '../../shared-rules/src/k8s/images';

const src = path.resolve(__dirname, '../../shared-rules/src');

/** Dynamic RegExps, by file and source text of the call, and why they cannot backtrack badly. */
const DYNAMIC_REVIEWED: Record<string, string> = {
  "k8s/objects.ts:new RegExp(`${SENTINEL}+`, 'g')": 'one fixed character repeated: linear, whatever the input',
  'yaml/helm.ts:new RegExp(`${SENTINEL}+`)': 'one fixed character repeated: linear, whatever the input',
  'text/glob.ts:new RegExp(`^${re}$`)':
    'globToRegExp: only for glob arguments typed on the CLI command line (expandGlob); workspace globs use the linear NFA of matchGlob',
  'text/glob.ts:new RegExp(`^[${body}]$`)': 'one character class, tested against one character at a time',
  "k8s/ingress.ts:new RegExp(INJECTION_CHARACTER.source, 'g')": 'a single character class',
  "k8s/secrets.ts:new RegExp(pattern.regex.source, 'g')": 'a literal pattern of the same file (audited below) with the g flag, run at most 64 times per value',
  'kustomize/resmap.ts:new RegExp(`^(?:${re})$`)':
    'a Kustomize selector (a regex in kustomize): patterns with a quantified group, a backreference, more than three quantifiers or over 256 characters are matched literally; names are at most 253 characters',
};

interface Found {
  file: string;
  line: number;
  regex?: RegExp;
  dynamic?: string;
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

function collect(): Found[] {
  const out: Found[] = [];
  for (const file of sources(src)) {
    const text = fs.readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const rel = path.relative(src, file).split(path.sep).join('/');
    const visit = (node: ts.Node) => {
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const literal = node.getText(sf);
        const close = literal.lastIndexOf('/');
        out.push({ file: rel, line, regex: new RegExp(literal.slice(1, close), literal.slice(close + 1)) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
        out.push({ file: rel, line, dynamic: `${rel}:${node.getText(sf)}` });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

/** Characters a pattern is made of, plus the usual separators: the alphabet of its attack strings. */
function alphabet(re: RegExp): string[] {
  const chars = new Set<string>();
  const source = re.source.replace(
    /\\[dDsSwWbB]/g,
    (m) => ({ '\\d': '0', '\\D': 'x', '\\s': ' ', '\\S': 'x', '\\w': 'a', '\\W': '-', '\\b': '', '\\B': '' })[m] ?? '',
  );
  for (const c of source.replace(/\\(.)/g, '$1')) if (c >= ' ' && c <= '~') chars.add(c);
  for (const c of ['a', '0', ' ', '\t', '-', '.', ':', '/', '#', '*', '{', '}', '"', "'", '=', ',', '\\']) chars.add(c);
  return [...chars];
}

const LONG = 100_000;
const PAIR = 20_000;
/** A linear pattern scans 100,000 characters in about a millisecond; a quadratic one needs seconds. */
const BOUND_MS = 400;

function attackStrings(re: RegExp): string[] {
  const chars = alphabet(re);
  const endings = ['!', '\n', '\u0000'];
  const out: string[] = [];
  for (const c of chars) for (const end of endings) out.push(c.repeat(LONG) + end);
  for (const a of chars) for (const b of chars) if (a !== b) out.push((a + b).repeat(PAIR / 2) + '!');
  // Prefix-shaped: what anchored patterns start with, then a long repeat.
  const prefix = /^\^?([A-Za-z][\w-]*)/.exec(re.source)?.[1];
  if (prefix) for (const c of chars) out.push(prefix + c.repeat(LONG) + '!');
  return out;
}

function worstTime(re: RegExp, inputs: readonly string[]): { ms: number; input: string } {
  let worst = { ms: 0, input: '' };
  for (const s of inputs) {
    const t = performance.now();
    re.lastIndex = 0;
    if (re.global) s.replace(re, '');
    else re.test(s);
    const ms = performance.now() - t;
    if (ms > worst.ms) worst = { ms, input: s };
  }
  return worst;
}

describe('regular expressions of the engine and rules', () => {
  const found = collect();

  it('finds them all', () => {
    expect(found.filter((f) => f.regex).length).toBeGreaterThan(50);
  });

  it('every dynamic RegExp is reviewed', () => {
    const unreviewed = found.filter((f) => f.dynamic && !DYNAMIC_REVIEWED[f.dynamic]).map((f) => `${f.dynamic} (line ${f.line})`);
    expect(unreviewed, 'add the call to DYNAMIC_REVIEWED with the reason it is safe, or use matchGlob').toEqual([]);
  });

  const literals = found.filter((f): f is Found & { regex: RegExp } => f.regex !== undefined);
  // One test per file, so a failure names the file and the pattern.
  const byFile = new Map<string, Array<Found & { regex: RegExp }>>();
  for (const f of literals) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, list] of byFile) {
    it(`${file}: ${list.length} patterns run in linear time on 100,000-character attack strings`, () => {
      for (const f of list) {
        const { ms, input } = worstTime(f.regex, attackStrings(f.regex));
        expect(ms, `${file}:${f.line} ${f.regex} took ${ms.toFixed(0)} ms on ${JSON.stringify(input.slice(0, 12))}… (${input.length} chars)`).toBeLessThan(
          BOUND_MS,
        );
      }
    });
  }

  it('the attack strings do catch a super-linear pattern', () => {
    // A control: the quadratic /\/+$/ (found in k8s/images.ts) exceeds the bound on one of its attack strings.
    const quadratic = /\/+$/;
    const attack = attackStrings(quadratic).find((s) => s.startsWith('//') && s.endsWith('!'))!;
    expect(worstTime(quadratic, [attack]).ms).toBeGreaterThan(BOUND_MS);
  });
});

describe('workspace globs (matchGlob) run in linear time', () => {
  // Globs come from .kubeward.yaml (rules, ignore, ingress.publicHosts) and
  // suppression comments. As RegExps, `*` runs backtrack exponentially.
  const patterns = [
    `${'*'.repeat(60)}z`,
    `${'*-'.repeat(50)}z`,
    `${'i*'.repeat(50)}z`,
    `${'*?'.repeat(50)}z`,
    `${'**/'.repeat(50)}z`,
    `${'{a,*}'.repeat(30)}z`,
    `${'['.repeat(1000)}`,
    `${'{'.repeat(10_000)}`,
  ];
  const subjects = ['ingress-nginx-annotation-injection', 'a'.repeat(5000), `${'a/'.repeat(2000)}b`, '-'.repeat(5000), 'i'.repeat(5000)];
  for (const pattern of patterns) {
    it(JSON.stringify(pattern.slice(0, 24)), () => {
      const t = performance.now();
      for (const subject of subjects) expect(matchGlob(pattern, subject)).toBe(false);
      expect(performance.now() - t).toBeLessThan(2000);
    });
  }
});

describe('matchGlob agrees with the RegExp translation on ordinary globs', () => {
  const patterns = [
    'pod-*',
    '*',
    '**',
    'ingress-*-missing',
    'charts/*/tests/**',
    '**/*.yaml',
    'a?c',
    '*.{yaml,yml}',
    '{a,b{c,d}}x',
    '[abc]*',
    '[!a]*',
    '[a-c]?',
    'x[',
    'a,b',
    'a}b',
    '{a,b',
    '**/x/**',
    'docs/',
    '*.example.com',
    'a\\b',
    '[\\]]',
  ];
  const subjects = [
    'pod-privileged',
    'pod-',
    'ingress-tls-missing',
    'charts/app/tests/a.yaml',
    'charts/app/x/tests/a.yaml',
    'a/b/c.yaml',
    'c.yaml',
    'abc',
    'a/c',
    'x.yml',
    'ax',
    'bdx',
    'bx',
    'b',
    'x[',
    'a,b',
    'a}b',
    'a',
    'x/y',
    'q/x/r',
    'docs/',
    'shop.example.com',
    'a.b.example.com',
    'a\\b',
    ']',
    '',
  ];
  it('on every pattern and subject', () => {
    for (const p of patterns) {
      for (const s of subjects) expect(matchGlob(p, s), `${p} ~ ${s}`).toBe(globRegExp(p).test(s));
    }
  });
});

describe('patterns the audit found super-linear, now linear', () => {
  it('k8s/images.ts registryTrusted: an allowlist entry ending in 100,000 slashes (was /\\/+$/, 11 s)', () => {
    const image = parseImage('ghcr.io/acme/app:1.0')!;
    const t = performance.now();
    expect(registryTrusted(image, [`ghcr.io/acme${'/'.repeat(100_000)}`])).toBe(true);
    expect(registryTrusted(image, [`ghcr.io/other${'/'.repeat(100_000)}`, `${'/'.repeat(100_000)}x`])).toBe(false);
    // About 100 ms here (the glob of a 100,000-character entry is compiled); 11 s when it was quadratic.
    expect(performance.now() - t).toBeLessThan(2000);
  });
});
