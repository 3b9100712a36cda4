// The Kustomize build never throws, whatever the kustomization holds: every
// field gets values of every YAML shape, and resources and patches of odd
// shapes. Each build returns objects and located issues with clear messages.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { buildKustomization, memoryFiles } from '../../shared-rules/src/kustomize/index';

const FIELDS = [
  'resources',
  'bases',
  'components',
  'patches',
  'patchesStrategicMerge',
  'patchesJson6902',
  'namespace',
  'namePrefix',
  'nameSuffix',
  'commonLabels',
  'labels',
  'commonAnnotations',
  'images',
  'replicas',
  'configMapGenerator',
  'secretGenerator',
  'generatorOptions',
  'replacements',
  'vars',
  'configurations',
  'helmCharts',
];
const LEAKS = /Maximum call stack|RangeError|TypeError|ReferenceError|\bundefined\b|\[object Object\]|\bNaN\b/;

const scalarArb = fc.oneof(
  fc.constantFrom('r.yaml', 'p.yaml', 'ops.yaml', 'sub', '../x', 'missing.yaml', 'a=b', 'web', 'Deployment', 'https://x/y'),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 8 }),
);
const keyArb = fc.constantFrom(
  'name',
  'path',
  'patch',
  'target',
  'kind',
  'newTag',
  'newName',
  'digest',
  'count',
  'literals',
  'files',
  'envs',
  'behavior',
  'source',
  'targets',
  'select',
  'fieldPaths',
  'fieldPath',
  'options',
  'pairs',
  'includeSelectors',
  'op',
  'value',
  'objref',
  'fieldref',
);
const valueArb: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, scalarArb, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(keyArb, tie('v'), { maxKeys: 4 })),
})).v;

const RESOURCE = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {template: {spec: {containers: [{name: a, image: nginx}]}}}\n';

describe('Kustomize build on arbitrary kustomizations', () => {
  it('never throws and reports clear, located issues', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...FIELDS), valueArb, { maxKeys: 6 }),
        fc.constantFrom(RESOURCE, '- 1\n- 2\n', 'a: [\n', '', 'kind: List\nitems: 3\n'),
        (k, patch) => {
          const files = memoryFiles({
            '/w/kustomization.yaml': stringify(k),
            '/w/r.yaml': RESOURCE,
            '/w/p.yaml': patch,
            '/w/ops.yaml': patch,
            '/w/sub/kustomization.yaml': 'resources: [../r.yaml]\nnamePrefix: s-\n',
          });
          const result = buildKustomization('/w', files);
          for (const i of result.issues) {
            expect(i.message).not.toMatch(LEAKS);
            expect(i.range[0]).toBeLessThanOrEqual(i.range[1]);
          }
          for (const r of result.resources) expect(typeof r.kind).toBe('string');
        },
      ),
      { numRuns: 400, seed: 12 },
    );
  });
});
