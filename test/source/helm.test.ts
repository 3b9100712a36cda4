/**
 * Helm masking: template actions become same-length sentinel text, so the
 * file parses, offsets do not move, and templated values are unknown.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { hasActionLineIn, maskTemplates, overlapsRegion, SENTINEL, splitDocuments } from '../../shared-rules/src/index';
import { lint } from '../helpers/situation-lint';
import { yaml } from '../helpers/yaml-tag';
import { mayRender } from '../../shared-rules/src/yaml/helm';

const CORPUS = path.resolve(__dirname, '../corpus');

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else if (/\.(ya?ml|tpl)$/.test(e.name)) out.push(full);
  }
  return out;
}

/** Masking changes only action text (to sentinels) and action-only lines (to blanks). */
function assertMaskShape(text: string): void {
  const mask = maskTemplates(text);
  if (!mask) {
    expect(/\{\{[\s\S]*?\}\}/.test(text)).toBe(false);
    return;
  }
  expect(mask.text.length).toBe(text.length);
  const inRegion = new Uint8Array(text.length);
  for (const [s, e] of mask.regions) {
    expect(text.slice(s, s + 2)).toBe('{{');
    expect(text.slice(e - 2, e)).toBe('}}');
    inRegion.fill(1, s, e);
  }
  for (let i = 0; i < text.length; i++) {
    const original = text[i]!;
    const masked = mask.text[i]!;
    const ok = original === '\n' || original === '\r' ? masked === original : inRegion[i] ? masked === SENTINEL || masked === ' ' : masked === original;
    if (!ok) throw new Error(`offset ${i}: ${JSON.stringify(original)} became ${JSON.stringify(masked)}`);
  }
  // Regions are sorted and disjoint.
  for (let i = 1; i < mask.regions.length; i++) expect(mask.regions[i]![0]).toBeGreaterThanOrEqual(mask.regions[i - 1]![1]);
}

function fatalErrors(masked: string): string[] {
  const out: string[] = [];
  for (const chunk of splitDocuments(masked)) {
    for (const doc of parseAllDocuments(masked.slice(chunk.start, chunk.end), { version: '1.1', merge: true })) {
      for (const e of doc.errors) if (e.code !== 'DUPLICATE_KEY') out.push(`${e.code} at ${chunk.start + e.pos[0]}: ${e.message.split('\n')[0]}`);
    }
  }
  return out;
}

describe('maskTemplates', () => {
  it('returns nothing for text without actions', () => {
    expect(maskTemplates('a: 1\n')).toBeUndefined();
    expect(maskTemplates('a: "{{ unterminated"\n')).toBeUndefined();
  });

  it('masks an inline action with the same number of characters', () => {
    const text = 'image: {{ .Values.image }}\n';
    const mask = maskTemplates(text)!;
    expect(mask.text).toBe(`image: ${SENTINEL.repeat(19)}\n`);
    expect(mask.regions).toEqual([[7, 26]]);
    expect(mask.actionLines).toEqual([]);
  });

  it('blanks lines made only of actions and remembers those that may print keys', () => {
    const lines = ['a: 1', '{{- if .Values.x }}', '  {{- toYaml . | nindent 2 }} {{ end }}', '{{- end }}', '{{- $x := 1 }}{{/* c */}}', 'b: 2', ''];
    const text = lines.join('\n');
    const mask = maskTemplates(text)!;
    expect(mask.text).toBe(lines.map((l) => (l.includes('{{') ? ' '.repeat(l.length) : l)).join('\n'));
    const starts = lines.map((_, i) => lines.slice(0, i).join('\n').length + (i > 0 ? 1 : 0));
    expect(mask.actionLines).toEqual([starts[2]]);
    expect(hasActionLineIn(mask.actionLines, 0, starts[2]!)).toBe(false);
    expect(hasActionLineIn(mask.actionLines, starts[2]!, starts[2]! + 1)).toBe(true);
    expect(hasActionLineIn(mask.actionLines, starts[3]!, text.length)).toBe(false);
  });

  it('prints text: include, toYaml, template, values; not: if, else, end, range, with, define, assignments, comments', () => {
    const printing = [
      '{{ include "x" . }}',
      '{{- toYaml .Values.x | nindent 2 }}',
      '{{ template "x" . }}',
      '{{ .Values.extra }}',
      '{{- tpl .Values.x . }}',
      '{{ ifThen }}',
    ];
    const control = [
      '{{- if .x }}',
      '{{ else if .y }}',
      '{{- else }}',
      '{{- end -}}',
      '{{- range $k, $v := .x }}',
      '{{- with .x }}',
      '{{- define "x" }}',
      '{{- $x := 1 }}',
      '{{ $x = 2 }}',
      '{{- /* c */ -}}',
      '{{/* c */}}',
    ];
    for (const action of printing)
      expect(
        maskTemplates(`a:
  ${action}
`)!.actionLines,
        action,
      ).toEqual([3]);
    for (const action of control)
      expect(
        maskTemplates(`a:
  ${action}
`)!.actionLines,
        action,
      ).toEqual([]);
  });

  it('blanks every line of an action that spans lines', () => {
    const text = 'a: 1\n{{- include "x" (dict\n      "k" "v") }}\n{{- /* a comment\n  on two lines */ -}}\nb: 2\n';
    const mask = maskTemplates(text)!;
    expect(mask.text.split('\n').map((l) => l.trim())).toEqual(['a: 1', '', '', '', '', 'b: 2', '']);
    expect(mask.actionLines).toEqual([5, 27]); // the comment prints nothing
    expect(fatalErrors(mask.text)).toEqual([]);
    assertMaskShape(text);
  });

  it('handles quotes, backticks and braces inside actions', () => {
    const text = 'a: {{ printf "}}" }}\nb: {{ `}}` }}\nc: {{ dict "k" (list 1 2) | toJson }}\nd: x\n';
    const mask = maskTemplates(text)!;
    expect(mask.text.split('\n').map((l) => l.replace(/\uE000+/g, '<T>'))).toEqual(['a: <T>', 'b: <T>', 'c: <T>', 'd: x', '']);
    assertMaskShape(text);
  });

  it('an unterminated action never swallows the next document', () => {
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: {{ .Values.image }}\n      securityContext:\n        privileged: true\n';
    for (const broken of ['# renders {{ unclosed\na: 1\n', 'a: "{{ unclosed\n', 'a: {{ "unclosed string\n']) {
      const text = `${broken}---\n${pod}`;
      const mask = maskTemplates(text)!;
      expect(mask.regions.length, broken).toBe(1);
      expect(text.slice(...mask.regions[0]!)).toBe('{{ .Values.image }}');
      expect(
        lint(text).findings.map((f) => f.ruleId),
        broken,
      ).toEqual(['pod-privileged']);
    }
  });

  it('keeps CRLF line breaks', () => {
    const text = 'a: {{ .x }}\r\n{{- if .y }}\r\nb: 1\r\n{{- end }}\r\n';
    const mask = maskTemplates(text)!;
    expect(mask.text.replace(/[^\r\n]/g, '')).toBe(text.replace(/[^\r\n]/g, ''));
    expect(fatalErrors(mask.text)).toEqual([]);
  });

  it('overlapsRegion finds edits that touch an action', () => {
    const regions: Array<[number, number]> = [
      [10, 20],
      [30, 40],
    ];
    expect(overlapsRegion(regions, 0, 10)).toBe(false);
    expect(overlapsRegion(regions, 0, 11)).toBe(true);
    expect(overlapsRegion(regions, 19, 25)).toBe(true);
    expect(overlapsRegion(regions, 20, 30)).toBe(false);
    expect(overlapsRegion(regions, 35, 35)).toBe(true); // an insertion inside an action
    expect(overlapsRegion(regions, 40, 40)).toBe(false);
    expect(overlapsRegion(regions, 45, 50)).toBe(false);
  });
});

describe('every Helm template of the corpus charts', () => {
  const files = [
    ...walk(path.join(CORPUS, 'ingress-nginx/charts')),
    ...walk(path.join(CORPUS, 'microservices-demo/helm-chart')),
    ...walk(path.join(CORPUS, 'kube-linter/tests/testdata')),
  ].filter((f) => fs.readFileSync(f, 'utf8').includes('{{'));

  it('has templates to check', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('masks without moving any offset, and parses with no YAML error but template duplicates', () => {
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      assertMaskShape(text);
      const mask = maskTemplates(text);
      expect(fatalErrors(mask?.text ?? text), path.relative(CORPUS, file)).toEqual([]);
    }
  });

  it('gives no yaml-syntax finding', () => {
    for (const file of files) {
      const findings = lint(fs.readFileSync(file, 'utf8')).findings.filter((f) => f.ruleId === 'yaml-syntax');
      expect(findings, path.relative(CORPUS, file)).toEqual([]);
    }
  });

  it('still finds the Kubernetes objects in them', () => {
    const deployment = fs.readFileSync(path.join(CORPUS, 'ingress-nginx/charts/ingress-nginx/templates/controller-deployment.yaml'), 'utf8');
    expect(lint(deployment).kubernetes).toBe(true);
  });
});

describe('templated values are unknown', () => {
  it('an action as a value is never a finding', () => {
    for (const value of ['{{ .Values.privileged }}', '"{{ .Values.privileged }}"', '{{ .Values.privileged | default true }}']) {
      const text = yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{ .Release.Name }}
        spec:
          containers:
            - name: web
              image: nginx
              securityContext:
                privileged: ${value}
      `;
      expect(lint(text).findings, value).toEqual([]);
    }
  });

  it('a whole-line action inside a parent silences missing-field findings there', () => {
    const base = yaml`
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: web
      spec:
        ingressClassName: nginx
      ACTION
        rules:
          - host: a.example.com
    `;
    expect(lint(base.replace('ACTION\n', '')).findings.map((f) => f.ruleId)).toEqual(['ingress-tls-missing']);
    for (const action of [
      '  {{- if .Values.tls }}\n  tls: {{ toYaml .Values.tls | nindent 4 }}\n  {{- end }}\n',
      '  {{- with .Values.extraSpec }}{{ toYaml . | nindent 2 }}{{ end }}\n',
      '{{- include "chart.tls" . | nindent 2 }}\n',
    ]) {
      expect(lint(base.replace('ACTION\n', action)).findings, action).toEqual([]);
    }
  });

  it('an action that yields the whole spec silences missing-field findings', () => {
    const text = yaml`
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: web
      spec:
        {{- toYaml .Values.ingress.spec | nindent 2 }}
    `;
    expect(lint(text).findings).toEqual([]);
  });
});

describe('plain YAML with braces stays analysed', () => {
  it('{{ in a quoted string', () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
        annotations:
          description: "renders {{ name }} in the page"
      spec:
        containers:
          - name: web
            image: nginx
            securityContext:
              privileged: true
    `;
    const findings = lint(text).findings;
    expect(findings.map((f) => f.ruleId)).toEqual(['pod-privileged']);
    expect(text.slice(findings[0]!.start, findings[0]!.end)).toBe('true');
  });

  it('{{ in a block scalar, whole lines of it', () => {
    const text = yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: tpl
      data:
        page.tmpl: |
          <h1>{{ .Title }}</h1>
          {{ range .Items }}
          <li>{{ . }}</li>
          {{ end }}
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
          - name: web
            image: nginx
            securityContext:
              privileged: true
    `;
    const result = lint(text);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['pod-privileged']);
    expect(text.slice(result.findings[0]!.start, result.findings[0]!.end)).toBe('true');
  });

  it('a GitHub workflow with ${{ }} expressions gets no finding', () => {
    const text = yaml`
      name: ci
      on: [push]
      jobs:
        build:
          runs-on: \${{ matrix.os }}
          steps:
            - run: echo "\${{ secrets.TOKEN }}"
    `;
    expect(text).toContain('${{ matrix.os }}');
    const result = lint(text);
    expect(result.kubernetes).toBe(false);
    expect(result.findings).toEqual([]);
  });
});

describe('mayRender', () => {
  const S = SENTINEL;
  it('a masked value may render as a name with its literal parts in place', () => {
    expect(mayRender(`${S}${S}${S}-ops`, 'web-ops')).toBe(true);
    expect(mayRender(`${S}${S}`, 'anything')).toBe(true);
    expect(mayRender(`app-${S}-${S}`, 'app-a-b')).toBe(true);
    expect(mayRender(`${S}-reader`, 'ops')).toBe(false);
    expect(mayRender(`app-${S}`, 'web-1')).toBe(false);
    expect(mayRender(`a${S}a`, 'a')).toBe(false);
    expect(mayRender('plain', 'plain')).toBe(true);
  });
});
