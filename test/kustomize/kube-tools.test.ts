import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { helmPath, kubectlPath } from '../helpers/kube-tools';

describe('kube-tools oracle binaries', () => {
  it('kubectl runs offline and has kustomize 5.7.1 inside', () => {
    const out = execFileSync(kubectlPath(), ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
    expect(JSON.parse(out).kustomizeVersion).toBe('v5.7.1');
  });
  it('helm runs', () => {
    const out = execFileSync(helmPath(), ['version', '--short'], { encoding: 'utf8' });
    expect(out).toMatch(/^v3\.|^v4\./);
  });
});
