/**
 * `kubeward scan` on a folder: the Deployment and its NetworkPolicy live in
 * different files, and the cross-document rule sees both (two passes).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../shared-rules/src/cli/main';
import { yaml } from '../helpers/yaml-tag';

const deployment = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    namespace: shop
  spec:
    selector:
      matchLabels: { app: web }
    template:
      metadata:
        labels: { app: web }
      spec:
        containers:
          - name: web
            image: nginx:1.27@sha256:0000000000000000000000000000000000000000000000000000000000000000
`;

const policyFor = (app: string) => yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: ${app}
    namespace: shop
  spec:
    podSelector:
      matchLabels:
        app: ${app}
    policyTypes: [Ingress, Egress]
`;

let dir: string | undefined;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function scanFolder(
  files: Record<string, string>,
  args: string[] = ['.'],
): { code: number; findings: Array<{ file: string; line: number; column: number; ruleId: string; message: string }> } {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-ws-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  // workload-not-isolated is opt-in: the repository turns it on, as a team that wants it would.
  if (!('.kubeward.yaml' in files)) fs.writeFileSync(path.join(dir, '.kubeward.yaml'), 'rules:\n  workload-not-isolated: on\n');
  let out = '';
  const code = runCli({
    argv: ['scan', ...args, '--format', 'json', '--fail-on', 'none'],
    cwd: dir,
    stdout: (s) => (out += s),
    stderr: () => {},
    stdin: () => '',
    isTTY: false,
  });
  return { code, findings: JSON.parse(out).findings };
}

describe('kubeward scan: workload-not-isolated across files', () => {
  it('a NetworkPolicy in another file selects the Deployment: no finding', () => {
    const { code, findings } = scanFolder({ 'app/deploy.yaml': deployment, 'policies/web.yaml': policyFor('web') });
    expect(code).toBe(0);
    expect(findings.filter((f) => f.ruleId === 'workload-not-isolated')).toEqual([]);
  });

  it('the only NetworkPolicy selects other pods: the Deployment is reported in its own file', () => {
    const { findings } = scanFolder({ 'app/deploy.yaml': deployment, 'policies/api.yaml': policyFor('api') });
    expect(findings.filter((f) => f.ruleId === 'workload-not-isolated')).toEqual([
      expect.objectContaining({
        file: 'app/deploy.yaml',
        line: 4,
        column: 9,
        message: expect.stringContaining('Deployment "web" runs pods that no NetworkPolicy selects in namespace "shop"'),
      }),
    ]);
  });

  it('scanning the Deployment alone gives no NetworkPolicy context: no finding', () => {
    const { findings } = scanFolder({ 'app/deploy.yaml': deployment, 'policies/api.yaml': policyFor('api') }, ['app/deploy.yaml']);
    expect(findings.filter((f) => f.ruleId === 'workload-not-isolated')).toEqual([]);
  });
});
