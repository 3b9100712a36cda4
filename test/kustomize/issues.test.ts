// Bad input gives one clear issue located at the kustomization entry at
// fault, and the rest of the layout is still built. Where kustomize itself
// fails on the input, the test checks that kubectl kustomize fails too.
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kubectlBuild, kubewardBuild, writeLayout } from '../helpers/kustomize';
import { LIMITS } from '../../shared-rules/src/kustomize/index';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\ndata: {k: v}\n`;

interface Case {
  name: string;
  files: Record<string, string>;
  /** Does kustomize itself reject the layout? */
  kustomizeFails: boolean;
  issue: { file: string; line: number; text: string; severity: string; message: RegExp };
  /** Objects still built. */
  built: string[];
}

const CASES: Case[] = [
  {
    name: 'a cycle of bases',
    files: {
      'a/kustomization.yaml': 'resources:\n- cm.yaml\n- ../b\n',
      'a/cm.yaml': cm('from-a'),
      'b/kustomization.yaml': 'resources:\n- ../a\n- cm.yaml\n',
      'b/cm.yaml': cm('from-b'),
    },
    kustomizeFails: true,
    issue: { file: 'b/kustomization.yaml', line: 2, text: '../a', severity: 'error', message: /^cycle: \.\.\/a / },
    built: ['ConfigMap//from-a', 'ConfigMap//from-b'],
  },
  {
    name: 'a base reached twice (the same object twice)',
    files: {
      'a/kustomization.yaml': 'resources:\n- ../b\n- ../c\n',
      'b/kustomization.yaml': 'resources: [../d]\n',
      'c/kustomization.yaml': 'resources: [../d]\n',
      'd/kustomization.yaml': 'resources: [cm.yaml]\n',
      'd/cm.yaml': cm('shared'),
    },
    kustomizeFails: true,
    issue: { file: 'a/kustomization.yaml', line: 3, text: '../c', severity: 'error', message: /^\.\.\/c: ConfigMap shared is already in the build$/ },
    built: ['ConfigMap//shared'],
  },
  {
    name: 'a missing resource file',
    files: { 'a/kustomization.yaml': 'resources:\n- cm.yaml\n- gone.yaml\n', 'a/cm.yaml': cm('kept') },
    kustomizeFails: true,
    issue: { file: 'a/kustomization.yaml', line: 3, text: 'gone.yaml', severity: 'error', message: /^resource not found: gone\.yaml$/ },
    built: ['ConfigMap//kept'],
  },
  {
    name: 'a patch that matches nothing',
    files: {
      'a/kustomization.yaml': 'resources:\n- cm.yaml\npatches:\n- path: p.yaml\n',
      'a/cm.yaml': cm('kept'),
      'a/p.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: typo}\ndata: {x: y}\n',
    },
    kustomizeFails: true,
    issue: { file: 'a/kustomization.yaml', line: 4, text: 'path: p.yaml', severity: 'error', message: /^patch matches no resource$/ },
    built: ['ConfigMap//kept'],
  },
  {
    name: 'a missing patch file',
    files: { 'a/kustomization.yaml': 'resources:\n- cm.yaml\npatches:\n- path: nope.yaml\n', 'a/cm.yaml': cm('kept') },
    kustomizeFails: true,
    issue: { file: 'a/kustomization.yaml', line: 4, text: 'path: nope.yaml', severity: 'error', message: /^patch file not found: nope\.yaml$/ },
    built: ['ConfigMap//kept'],
  },
  {
    name: 'a huge generator file',
    files: {
      'a/kustomization.yaml': 'resources:\n- cm.yaml\nconfigMapGenerator:\n- name: big\n  files:\n  - huge.txt\n  literals:\n  - small=1\n',
      'a/cm.yaml': cm('kept'),
      'a/huge.txt': 'x'.repeat(LIMITS.generatorFileBytes + 1),
    },
    kustomizeFails: false,
    issue: { file: 'a/kustomization.yaml', line: 6, text: 'huge.txt', severity: 'error', message: /^generator source huge\.txt is larger than/ },
    built: ['ConfigMap//kept', 'ConfigMap//big-'],
  },
  {
    name: 'a remote base',
    files: {
      'a/kustomization.yaml': 'resources:\n- cm.yaml\n- https://github.com/example/repo//deploy?ref=v1\n',
      'a/cm.yaml': cm('kept'),
    },
    kustomizeFails: true, // offline, kustomize cannot fetch it either
    issue: {
      file: 'a/kustomization.yaml',
      line: 3,
      text: 'https://github.com/example/repo//deploy?ref=v1',
      severity: 'unsupported',
      message: /^remote resource not built offline: /,
    },
    built: ['ConfigMap//kept'],
  },
  {
    name: 'helmCharts',
    files: {
      'a/kustomization.yaml': 'resources:\n- cm.yaml\nhelmCharts:\n- name: redis\n  repo: https://charts.example.com\n',
      'a/cm.yaml': cm('kept'),
    },
    kustomizeFails: true, // kubectl kustomize needs --enable-helm and a network
    issue: {
      file: 'a/kustomization.yaml',
      line: 4,
      text: '- name: redis\n  repo: https://charts.example.com',
      severity: 'unsupported',
      message: /^helmCharts is not built offline/,
    },
    built: ['ConfigMap//kept'],
  },
];

describe('bad input is reported at the kustomization entry, the rest is built', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const dir = writeLayout(c.files);
      if (c.kustomizeFails) expect(kubectlBuild(`${dir}/a`).error).toBeDefined();
      const { result, objects } = kubewardBuild(`${dir}/a`);
      expect(result.issues).toHaveLength(1);
      const i = result.issues[0]!;
      const text = fs.readFileSync(i.file, 'utf8');
      expect({
        file: i.file.slice(dir.length + 1),
        line: text.slice(0, i.range[0]).split('\n').length,
        text: text.slice(i.range[0], i.range[1]),
        severity: i.severity,
      }).toEqual({ file: c.issue.file, line: c.issue.line, text: c.issue.text, severity: c.issue.severity });
      expect(i.message).toMatch(c.issue.message);
      expect(i.message.length).toBeLessThanOrEqual(100);
      const keys = [...objects.keys()];
      for (const b of c.built)
        expect(
          keys.some((k) => k.startsWith(b)),
          b,
        ).toBe(true);
    });
  }
});

describe('hostile input', () => {
  it('a lattice of bases reached by 2^12 paths stops at the kustomization limit', () => {
    const files: Record<string, string> = { 'l0/cm.yaml': cm('leaf'), 'l0/kustomization.yaml': 'resources: [cm.yaml]\n' };
    // Each level refers to the one below twice, through two folders.
    for (let i = 1; i <= 12; i++) {
      files[`l${i}/kustomization.yaml`] = `resources: [../l${i - 1}, ../m${i - 1}]\n`;
      files[`m${i - 1}/kustomization.yaml`] = `resources: [../l${i - 1}]\nnameSuffix: -m\n`;
    }
    const dir = writeLayout(files);
    const t = Date.now();
    const { result } = kubewardBuild(`${dir}/l12`);
    expect(Date.now() - t).toBeLessThan(10_000);
    expect(result.kustomizations.length).toBeLessThanOrEqual(LIMITS.kustomizations);
    expect(result.issues.some((i) => /^more than 1000 kustomizations to build/.test(i.message))).toBe(true);
  });

  it('a resource nested too deep is reported, not parsed, and the rest is built', () => {
    const dir = writeLayout({
      'a/kustomization.yaml': 'resources:\n- cm.yaml\n- deep.yaml\n',
      'a/cm.yaml': cm('kept'),
      'a/deep.yaml': `${'['.repeat(5000)}${']'.repeat(5000)}\n`,
    });
    const { result, objects } = kubewardBuild(`${dir}/a`);
    expect(result.issues.map((i) => i.message)).toEqual(['deep.yaml does not parse: nests deeper than 256 levels']);
    expect([...objects.keys()]).toEqual(['ConfigMap//kept']);
  });
});
