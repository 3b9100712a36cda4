/**
 * A virtual document (what a Helm render or a Kustomize build produces) is
 * analysed like a file, and its findings are placed back in the real files
 * through its source map.
 */
import { describe, expect, it } from 'vitest';
import { identityMap, lint, spanMap } from '../../shared-rules/src/index';

const base = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostNetwork: true\n  containers:\n    - name: app\n      image: nginx:1.27\n';
const overlay = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n';

describe('source maps', () => {
  it('places each finding of a virtual document in the file its text was copied from', () => {
    const virtual = `${base}---\n${overlay}`;
    const sourceMap = spanMap([
      { virtualStart: base.length + 4, length: overlay.length, file: 'overlay/service.yaml', start: 0 },
      { virtualStart: 0, length: base.length, file: 'base/pod.yaml', start: 0 },
    ]);
    const { findings } = lint(virtual, { sourceMap });
    const hostNetwork = findings.find((f) => f.ruleId === 'workload-host-network')!;
    const nodePort = findings.find((f) => f.ruleId === 'service-nodeport')!;
    expect(hostNetwork.source).toEqual({ file: 'base/pod.yaml', start: base.indexOf('true'), end: base.indexOf('true') + 4 });
    expect(nodePort.source).toEqual({ file: 'overlay/service.yaml', start: overlay.indexOf('NodePort'), end: overlay.indexOf('NodePort') + 8 });
  });

  it('leaves generated text (no span covers it) without a source', () => {
    expect(spanMap([{ virtualStart: 10, length: 5, file: 'a.yaml', start: 0 }]).toSource(12, 20)).toBeUndefined();
    expect(spanMap([{ virtualStart: 10, length: 5, file: 'a.yaml', start: 0 }]).toSource(2, 3)).toBeUndefined();
  });

  it('the identity map gives a file its own offsets, and no map adds nothing', () => {
    const withMap = lint(base, { sourceMap: identityMap('pod.yaml') }).findings;
    const without = lint(base).findings;
    expect(withMap.map((f) => f.source)).toEqual(without.map((f) => ({ file: 'pod.yaml', start: f.start, end: f.end })));
    expect(without.every((f) => f.source === undefined)).toBe(true);
  });
});
