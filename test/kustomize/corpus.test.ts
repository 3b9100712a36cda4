// Differential test: every root of the real Kustomize layouts in
// test/fixtures/kustomize/corpus builds to the same objects with Kubeward as
// with the real kustomize (kubectl kustomize, kustomize 5.7.1).
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { kubectlBuilds, kubewardBuild, kustomizeRoots, type ObjectSet } from '../helpers/kustomize';

const CORPUS = path.resolve(__dirname, '..', 'fixtures', 'kustomize', 'corpus');
const roots = kustomizeRoots(CORPUS);
let built: Map<string, { objects: ObjectSet; error?: string }>;
beforeAll(async () => {
  built = await kubectlBuilds(roots);
});

describe('Kustomize build equals kubectl kustomize on the corpus', () => {
  it('finds the roots', () => {
    // 15 roots built for the corpus notes, plus bases that nothing in the copy refers to.
    expect(roots.length).toBeGreaterThanOrEqual(15);
  });
  for (const root of roots) {
    it(path.relative(CORPUS, root), () => {
      const real = built.get(root)!;
      expect(real.error).toBeUndefined();
      const ours = kubewardBuild(root);
      expect(ours.result.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect([...ours.objects.keys()].sort()).toEqual([...real.objects.keys()].sort());
      for (const [k, v] of real.objects) expect(ours.objects.get(k), k).toEqual(v);
    });
  }
});
