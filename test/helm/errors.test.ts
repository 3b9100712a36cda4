// Charts that cannot render: helm and Kubeward must both refuse them, Kubeward with a RenderError
// that names the template; and hostile charts end on a budget, quickly, never hang.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryFiles } from '../../shared-rules/src/helm/chart';
import { RenderError, renderChart } from '../../shared-rules/src/helm/render';
import { utf8Encode } from '../../shared-rules/src/helm/template/values';
import { helmTemplate } from './differential';

const VALUES = 'list: [a, b]\nstr: s\nnum: 3\n';
const CHART = 'apiVersion: v2\nname: bad\nversion: 0.1.0\n';

function memChart(template: string, extra: Record<string, string> = {}): MemoryFiles {
  const files = new Map<string, Uint8Array>();
  for (const [k, v] of Object.entries({ 'Chart.yaml': CHART, 'values.yaml': VALUES, 'templates/t.yaml': template, ...extra })) files.set(k, utf8Encode(v));
  return new MemoryFiles(files);
}

const FAILING: [string, string][] = [
  ['fail', '{{ fail "boom" }}'],
  ['required', 'x: {{ required "set .Values.x" .Values.x }}'],
  ['nil pointer', '{{ .Values.a.b }}'],
  ['wrong type', '{{ upper .Values.missing }}'],
  ['incompatible comparison', '{{ eq 1 "a" }}'],
  ['float vs int', '{{ eq .Values.num 3 }}'],
  ['unknown function', '{{ nosuchfn }}'],
  ['env removed', '{{ env "HOME" }}'],
  ['expandenv removed', '{{ expandenv "$HOME" }}'],
  ['parse error', '{{ if }}'],
  ['unclosed', '{{ if true }}x'],
  ['index out of range', '{{ index .Values.list 10 }}'],
  ['missing include', '{{ include "nope" . }}'],
  ['undefined variable', '{{ $x }}'],
  ['missing template', '{{ template "nope" }}'],
  ['arg count', '{{ toYaml }}'],
  ['bool param', '{{ ternary "y" "n" "notbool" }}'],
  ['range over float', '{{ range 1.5 }}{{ end }}'],
  ['recursive include', '{{ define "loop" }}{{ include "loop" . }}{{ end }}{{ include "loop" . }}'],
  ['invalid regexp', '{{ regexMatch "(" "x" }}'],
  ['break outside range', '{{ break }}'],
];

const tmp: string[] = [];
afterAll(() => tmp.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('charts that do not render', () => {
  it.each(FAILING)('%s: helm and Kubeward both refuse it', async (_name, template) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-bad-'));
    tmp.push(dir);
    fs.mkdirSync(path.join(dir, 'templates'));
    fs.writeFileSync(path.join(dir, 'Chart.yaml'), CHART);
    fs.writeFileSync(path.join(dir, 'values.yaml'), VALUES);
    fs.writeFileSync(path.join(dir, 'templates', 't.yaml'), template);
    await expect(helmTemplate(dir, { release: 'r', valueFiles: [], set: [] })).rejects.toThrow();
    let error: unknown;
    try {
      renderChart(memChart(template));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RenderError);
    expect((error as RenderError).message).toMatch(/bad\/templates\/t\.yaml|loop|nope/);
  });
});

describe('hostile charts end on a budget', () => {
  const cases: [string, string][] = [
    ['nested ranges', '{{ range until 5000 }}{{ range until 5000 }}x{{ end }}{{ end }}'],
    ['output size', '{{ range until 200 }}{{ repeat 1000000 "x" }}{{ end }}'],
    ['deep template recursion', '{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}'],
    ['tpl recursion', '{{ define "t" }}{{ tpl "{{ include \\"t\\" . }}" . }}{{ end }}{{ include "t" . }}'],
    ['huge until', '{{ len (until 100000000) }}'],
  ];
  it.each(cases)('%s', (_name, template) => {
    const start = Date.now();
    let error: unknown;
    try {
      renderChart(memChart(template), { budgets: { rangeIterations: 1_000_000, outputChars: 8 * 1024 * 1024 } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RenderError);
    expect(Date.now() - start).toBeLessThan(10_000);
  });
  it('a step budget stops a long computation', () => {
    expect(() => renderChart(memChart('{{ range until 100000 }}{{ $x := add 1 2 }}{{ end }}'), { budgets: { steps: 10_000 } })).toThrow(/steps/);
  });
});

describe('nothing outside the chart', () => {
  it('.Files reads only the chart, tpl cannot reach the environment', () => {
    const r = renderChart(memChart('a: {{ .Files.Get "../../etc/passwd" | quote }}\nb: {{ .Files.Get "/etc/passwd" | quote }}'));
    expect(r.manifests[0]!.content).toBe('a: ""\nb: ""');
  });
});
