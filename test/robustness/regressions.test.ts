/**
 * The core fixes the robustness work made, each pinned by the smallest case
 * (the hostile-input, regex-audit and fuzz tests found them at scale).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdits, LineIndex, lint, maskTemplates, MAX_DIRECTIVES, parseDirectives, type Finding } from '../../shared-rules/src/index';
import { nestsDeeperThan } from '../../shared-rules/src/yaml/depth';
import { timed, yamlErrorCount } from './checks';

const ids = (findings: readonly Finding[]) => findings.map((f) => f.ruleId);

describe('deep nesting', () => {
  it('a document nested deeper than the parser can go is skipped with a clear finding, not called a syntax error', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  x: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext: {privileged: true}\n`;
    const { findings } = lint(text);
    const skipped = findings.find((f) => f.ruleId === 'analysis-skipped')!;
    expect(skipped.message).toContain('nested too deeply');
    expect([skipped.start, skipped.end]).toEqual([0, 'apiVersion: v1'.length]);
    expect(ids(findings)).not.toContain('yaml-syntax');
    expect(ids(findings)).toContain('pod-privileged');
  });
});

describe('nesting is measured before parsing (the parser at its stack limit can abort the process)', () => {
  const DEEP = 5000;
  const shapes: Record<string, string> = {
    'flow sequences': '['.repeat(DEEP),
    'flow mappings and sequences': '[{'.repeat(DEEP),
    'flow mappings with keys': '{a: '.repeat(DEEP),
    'compact block sequences': '- '.repeat(DEEP),
    'anchored flow': '&a ['.repeat(DEEP),
    'tagged flow': '!!seq ['.repeat(DEEP),
    'keys on one line': 'a: '.repeat(DEEP),
  };
  for (const [name, deep] of Object.entries(shapes)) {
    it(`${name}, ${DEEP} deep, are skipped`, () => expect(nestsDeeperThan(`x: ${deep}\n`)).toBe(true));
  }

  it('depth hidden in quoted scalars, comments and block scalars is not counted', () => {
    const text = `a: "${'['.repeat(DEEP)}"\nb: '${'{'.repeat(DEEP)}'' x'\n# ${'['.repeat(DEEP)}\nc: |\n  ${'{'.repeat(DEEP)}\n  ${'- '.repeat(DEEP)}\nd: >-\n    ${'['.repeat(DEEP)}\ne: [1, "]", '[']\nf: x[${'['.repeat(DEEP)}\n`;
    expect(nestsDeeperThan(text)).toBe(false);
  });

  it('but a quote inside a plain scalar does not hide what follows', () => {
    expect(nestsDeeperThan(`a: 5" screen\nb: ${'['.repeat(DEEP)}\n"`)).toBe(true);
  });

  it('the CLI survives many deeply nested files in one process, and reports each', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-deep-'));
    try {
      Object.values(shapes).forEach((deep, i) => {
        fs.writeFileSync(path.join(dir, `deep-${i}.yaml`), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d${i}\ndata:\n  x: ${deep}\n`);
        fs.writeFileSync(path.join(dir, `unclosed-${i}.yaml`), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: u${i}\ndata:\n  x: ${deep}${deep}\n`);
      });
      fs.writeFileSync(path.join(dir, '.kubeward.yaml'), `rules: ${'{a: '.repeat(DEEP)}\n`);
      const run = spawnSync(process.execPath, [path.resolve(__dirname, '../../dist/cli.js'), 'scan', '.', '--format', 'json', '--fail-on', 'none'], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const findings = (JSON.parse(run.stdout) as { findings: Array<{ file: string; ruleId: string; message: string }> }).findings;
      expect(findings.filter((f) => f.ruleId === 'analysis-skipped' && f.message.includes('nested too deeply'))).toHaveLength(2 * Object.keys(shapes).length);
      expect(findings.find((f) => f.file === '.kubeward.yaml')?.message).toContain('too deep');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('duplicate keys (found in linear time)', () => {
  const dup = (text: string) =>
    lint(text)
      .findings.filter((f) => f.ruleId === 'yaml-syntax')
      .map((f) => text.slice(f.start, f.end));

  it('are reported in block and flow maps, nested, in sequences; the document is still analysed', () => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  name: q\n  labels: {a: 1, b: 2, a: 3}\nspec:\n  containers:\n    - name: c\n      image: x\n      image: y\n      securityContext: {privileged: true}\n`;
    expect(dup(text)).toEqual(['name', 'a', 'image']);
    expect(ids(lint(text).findings)).toContain('pod-privileged');
    // kubectl and Helm refuse such a file; it is not applied with either value.
    expect(lint(text).findings.find((f) => f.ruleId === 'yaml-syntax')?.message).toBe('Duplicate key "name": kubectl and Helm refuse the file');
  });

  it('as yaml compares them: by value (1 and "1" differ), merge keys never', () => {
    expect(dup(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  1: a\n  "1": b\n  <<: {x: 1}\n  <<: {y: 1}\n`)).toEqual([]);
  });

  it('100,000 keys take well under the quadratic minutes', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n${Array.from({ length: 100_000 }, (_, i) => `  k${i}: v`).join('\n')}\n  k7: again\n`;
    const { value, ms } = timed(() => dup(text));
    expect(value).toEqual(['k7']);
    expect(ms).toBeLessThan(20_000);
  });
});

describe('suppression comments', () => {
  const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n';

  it('a run of disable-next-line comments all target the next line that is not a comment', () => {
    const text = `${POD}        # kubeward-disable-next-line pod-privileged\n        # a note\n\n        # kubeward-disable-next-line pod-run-as-root\n        privileged: true\n`;
    const { findings } = lint(text);
    expect(ids(findings)).not.toContain('pod-privileged');
    // The second names a rule with no finding on that line: reported unused.
    expect(findings.filter((f) => f.ruleId === 'unused-suppression').map((f) => text.slice(f.start, f.end))).toEqual([
      '# kubeward-disable-next-line pod-run-as-root',
    ]);
  });

  it(`reads at most ${MAX_DIRECTIVES} directives per file, in linear time`, () => {
    const text = `${'# kubeward-disable-next-line x\n'.repeat(100_000)}${POD}        privileged: true\n`;
    const { value, ms } = timed(() => parseDirectives(text, new LineIndex(text)));
    expect(value).toHaveLength(MAX_DIRECTIVES);
    expect(ms).toBeLessThan(10_000);
  });

  it('globs in a suppression match rule ids in linear time', () => {
    const text = `${POD}        # kubeward-disable-next-line ${'*'.repeat(60)}z, pod-*\n        privileged: true\n`;
    const { value, ms } = timed(() => lint(text).findings);
    expect(ids(value)).not.toContain('pod-privileged');
    expect(ms).toBeLessThan(5_000);
  });
});

describe('Helm masking', () => {
  it('a long line of many actions is masked in linear time, and blanked when it holds only actions', () => {
    const line = '{{ a }}'.repeat(200_000);
    const text = `x: ${line}\n${line}\ny: 1\n`;
    const { value: mask, ms } = timed(() => maskTemplates(text)!);
    expect(ms).toBeLessThan(5_000);
    const lines = mask.text.split('\n');
    expect(lines[0]!.startsWith('x: \uE000')).toBe(true);
    expect(lines[1]!.trim()).toBe('');
    expect(mask.actionLines).toEqual([text.indexOf('\n') + 1]);
  });
});

describe('fixes in a file that starts with a byte order mark', () => {
  it('write at the columns YAML sees (the BOM takes none)', () => {
    const psp = fs.readFileSync(
      path.resolve(__dirname, '../corpus/checkov/tests/kubernetes/checks/example_RootContainersPSP/psp-most-insecure-FAILED.yaml'),
      'utf8',
    );
    const text = `\uFEFF${psp}`;
    const fixes = lint(text, { withFixes: true }).findings.flatMap((f) => f.fixes ?? []);
    expect(fixes.length).toBeGreaterThan(0);
    for (const fix of fixes) expect(yamlErrorCount(applyEdits(text, fix.edits)), fix.title).toBe(0);
  });
});
