import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { helmPath, kubectlPath } from '../helpers/kube-tools';

describe('kube-tools oracle binaries', () => {
  it('helm template renders a local chart offline', () => {
    const chart = path.join(__dirname, '..', 'fixtures', 'helm', 'tiny');
    const out = execFileSync(helmPath(), ['template', 'rel', chart, '--set', 'name=api'], {
      encoding: 'utf8',
      env: { PATH: '', HOME: '/nonexistent', HELM_CACHE_HOME: '/tmp/kw-helm-cache' },
    });
    expect(out).toContain('name: rel-api');
    expect(out).toContain('replicas: "2"');
  });
  it('kubectl runs', () => {
    const out = execFileSync(kubectlPath(), ['version', '--client'], { encoding: 'utf8' });
    expect(out).toMatch(/Client Version: v1\.35\./);
  });
});
