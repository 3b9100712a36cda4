// Provenance: each span of the rendered output maps to the template range that produced it and,
// when it printed a value, to the range of that value in the values file it came from.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NodeChartFiles } from '../../shared-rules/src/host/chart-files';
import { renderChart, type OutputSegment } from '../../shared-rules/src/helm/render';
import { renderedSourceMap } from '../../shared-rules/src/helm/provenance';

const dir = path.join(__dirname, '..', 'fixtures', 'helm', 'provenance');
const template = fs.readFileSync(path.join(dir, 'templates', 'deploy.yaml'), 'utf8');
const values = fs.readFileSync(path.join(dir, 'values.yaml'), 'utf8');
const override = 'securityContext:\n  privileged: true\n';

const result = renderChart(new NodeChartFiles(dir), { releaseName: 'rel', provenance: true, valueFiles: [{ name: 'prod.yaml', text: override }] });
const deploy = result.templates.find((t) => t.name === 'prov/templates/deploy.yaml')!;

/** The segment that produced the output at the first occurrence of `needle` (after `after`). */
function segmentAt(needle: string, after = ''): OutputSegment {
  const at = deploy.text.indexOf(needle, after ? deploy.text.indexOf(after) : 0);
  const seg = deploy.segments!.find((s) => s.outStart <= at && at < s.outEnd);
  if (!seg) throw new Error(`no segment at ${needle}`);
  return seg;
}
const range = (text: string, needle: string, from = 0): [number, number] => {
  const i = text.indexOf(needle, from);
  return [i, i + needle.length];
};

describe('Helm provenance', () => {
  it('covers the whole output with contiguous segments', () => {
    const segs = deploy.segments!;
    expect(segs[0]!.outStart).toBe(0);
    for (let i = 1; i < segs.length; i++) expect(segs[i]!.outStart).toBe(segs[i - 1]!.outEnd);
    expect(segs.at(-1)!.outEnd).toBe(deploy.text.length);
  });

  it('maps literal text one to one to the template', () => {
    const seg = segmentAt('kind: Deployment');
    expect(seg.kind).toBe('text');
    const at = deploy.text.indexOf('kind: Deployment');
    expect(template.slice(seg.srcStart + (at - seg.outStart), seg.srcStart + (at - seg.outStart) + 16)).toBe('kind: Deployment');
  });

  it('maps a value through default to the action and to the values file that set it', () => {
    const seg = segmentAt('true', 'privileged:');
    expect(seg.kind).toBe('action');
    expect([seg.srcStart, seg.srcEnd]).toEqual(range(template, '{{ .Values.securityContext.privileged | default false }}'));
    expect(seg.value).toEqual({
      file: 'prod.yaml',
      path: ['securityContext', 'privileged'],
      range: range(override, 'true'),
      keyRange: range(override, 'privileged'),
    });
  });

  it('maps a direct value to values.yaml', () => {
    const seg = segmentAt('false', 'hostNetwork:');
    expect([seg.srcStart, seg.srcEnd]).toEqual(range(template, '{{ .Values.hostNetwork }}'));
    expect(seg.value).toEqual({
      file: 'values.yaml',
      path: ['hostNetwork'],
      range: range(values, 'false', values.indexOf('hostNetwork')),
      keyRange: range(values, 'hostNetwork'),
    });
  });

  it('maps toYaml of a subtree to the subtree in values.yaml', () => {
    const seg = segmentAt('cpu: 100m');
    expect([seg.srcStart, seg.srcEnd]).toEqual(range(template, '{{- toYaml .Values.resources | nindent 12 }}'));
    expect(seg.value!.path).toEqual(['resources']);
    expect(values.slice(...seg.value!.range!)).toBe('limits:\n    cpu: 100m\n');
  });

  it('names the values a helper printed', () => {
    const seg = segmentAt('nginx:1.25');
    expect([seg.srcStart, seg.srcEnd]).toEqual(range(template, '{{ include "img" . }}'));
    expect(seg.helperValues).toEqual([
      { file: 'values.yaml', path: ['image', 'repository'], range: range(values, 'nginx'), keyRange: range(values, 'repository') },
      { file: 'values.yaml', path: ['image', 'tag'], range: range(values, '"1.25"'), keyRange: range(values, 'tag') },
    ]);
  });

  it('adapts to the SourceMap of virtual documents', () => {
    const map = renderedSourceMap(deploy.segments!, (name) => result.templates.find((t) => t.name === name)?.file ?? name);
    const kind = deploy.text.indexOf('kind: Deployment');
    expect(map.toSource(kind, kind + 16)).toEqual({
      file: 'templates/deploy.yaml',
      start: template.indexOf('kind: Deployment'),
      end: template.indexOf('kind: Deployment') + 16,
    });
    const priv = deploy.text.indexOf('true', deploy.text.indexOf('privileged:'));
    const [s0, e0] = range(template, '{{ .Values.securityContext.privileged | default false }}');
    expect(map.toSource(priv, priv + 4)).toEqual({ file: 'templates/deploy.yaml', start: s0, end: e0 });
    // A range across a text and an action has no single origin.
    expect(map.toSource(priv - 5, priv + 4)).toBeUndefined();
  });

  it('records --set as the origin of a value it sets', () => {
    const r = renderChart(new NodeChartFiles(dir), { provenance: true, set: ['hostNetwork=true'] });
    const t = r.templates.find((x) => x.name === 'prov/templates/deploy.yaml')!;
    const at = t.text.indexOf('true', t.text.indexOf('hostNetwork:'));
    const seg = t.segments!.find((s) => s.outStart <= at && at < s.outEnd)!;
    expect(seg.value).toEqual({ file: '--set', path: ['hostNetwork'] });
  });
});
