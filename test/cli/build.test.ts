/** `kubeward build <dir>`: prints the Kustomize build as `kubectl kustomize` does. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { kubectlPath } from '../helpers/kube-tools';
import { kubeward, removeWorkspaces, workspace } from './helpers';

afterAll(removeWorkspaces);

const CAPD = path.resolve(__dirname, '../fixtures/kustomize/corpus/kubernetes-sigs__cluster-api__capd/test/infrastructure/docker/config/default');
const docs = (text: string) => parseAllDocuments(text).map((d) => d.toJS());

describe('kubeward build', () => {
  it('prints the same documents, in the same order, as kubectl kustomize', () => {
    const run = kubeward(['build', CAPD]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const real = execFileSync(kubectlPath(), ['kustomize', CAPD], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(docs(run.stdout)).toEqual(docs(real));
  });

  it('reports bad input at the kustomization line on stderr, exits 1, and still prints the rest', () => {
    const dir = workspace({
      'app/kustomization.yaml': 'resources:\n- cm.yaml\n- gone.yaml\n',
      'app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kept}\n',
    });
    const run = kubeward(['build', 'app'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('app/kustomization.yaml:3:3: error: resource not found: gone.yaml\n');
    expect(docs(run.stdout)).toEqual([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kept' } }]);
  });

  it('needs a folder', () => {
    const dir = workspace({ 'file.yaml': 'a: 1\n' });
    const run = kubeward(['build', 'file.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('kubeward: file.yaml is not a folder\n');
  });
});
