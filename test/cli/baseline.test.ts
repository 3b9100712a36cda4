/**
 * Baselines (`--write-baseline`, `--baseline`) and stable fingerprints: a
 * finding keeps its identity when the file is reformatted, objects are
 * reordered or moved to another file and lines are added above it; only a
 * finding that is truly new is reported and sets the exit code.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kubeward, removeWorkspaces, workspace, type JsonFinding } from './helpers';

afterAll(removeWorkspaces);

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
          securityContext:
            privileged: true
        - name: log
          image: busybox:1.36
          securityContext:
            privileged: true
`;

const API = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: api
          image: "registry.example.com/api:1.0"
          securityContext:
            privileged: true
`;

/** WEB reformatted: 4-space indentation, flow mapping, quoted values, a comment and lines above. */
const WEB_REFORMATTED = `# Front end of the shop.
# (moved to its own file)

apiVersion: "apps/v1"
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
    template:
        spec:
            containers:
            -   name: log
                image: 'busybox:1.36'
                securityContext: { privileged: true }
            -   name: web
                image: "nginx:1.27"
                securityContext:
                    privileged: true
`;

const json = (stdout: string) => JSON.parse(stdout) as { findings: JsonFinding[] };

describe('kubeward scan --baseline', () => {
  it('after reformatting, reordering, moving and renaming, reports only the new finding', () => {
    const dir = workspace({ 'manifests/all.yaml': `${WEB}---\n${API}` });
    const written = kubeward(['scan', 'manifests', '--write-baseline', 'kubeward-baseline.json'], { cwd: dir });
    expect(written.code, written.stderr).toBe(0); // writing a baseline accepts today's findings
    expect(written.stderr).toContain('wrote 3 findings to kubeward-baseline.json');
    const baseline = JSON.parse(fs.readFileSync(path.join(dir, 'kubeward-baseline.json'), 'utf8'));
    expect(baseline.findings.map((e: { path: string; object: string }) => `${e.object} ${e.path}`)).toEqual([
      'Deployment/shop/web spec.template.spec.containers[name=web].securityContext.privileged',
      'Deployment/shop/web spec.template.spec.containers[name=log].securityContext.privileged',
      'Deployment/shop/api spec.template.spec.containers[name=api].securityContext.privileged',
    ]);
    expect(kubeward(['scan', 'manifests', '--baseline', 'kubeward-baseline.json'], { cwd: dir }).code).toBe(0);

    // api first and renamed container, web reformatted into another file, one new privileged container in api.
    fs.rmSync(path.join(dir, 'manifests/all.yaml'));
    const api = API.replace('- name: api', '- name: api-server').replace(
      '            privileged: true\n',
      '            privileged: true\n        - name: debug\n          image: busybox:1.36\n          securityContext:\n            allowPrivilegeEscalation: false\n            privileged: true\n',
    );
    fs.writeFileSync(path.join(dir, 'manifests/api.yaml'), `# added above\n\n${api}`);
    fs.writeFileSync(path.join(dir, 'manifests/web.yaml'), WEB_REFORMATTED);
    const all = json(kubeward(['scan', 'manifests', '--format', 'json', '--fail-on', 'none'], { cwd: dir }).stdout).findings;
    expect(all.filter((f) => f.ruleId === 'pod-privileged')).toHaveLength(4);

    const run = kubeward(['scan', 'manifests', '--baseline', 'kubeward-baseline.json', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    const reported = json(run.stdout).findings;
    expect(reported.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual(['manifests/api.yaml:20 pod-privileged']);

    const text = kubeward(['scan', 'manifests', '--baseline', 'kubeward-baseline.json', '--no-color'], { cwd: dir });
    expect(text.stdout).toContain('3 findings in the baseline not shown (2 unchanged, 1 updated).');
  });

  it('lists fixed findings, and SARIF marks new, unchanged, updated and absent results', () => {
    const dir = workspace({ 'app.yaml': `${WEB}---\n${API}` });
    kubeward(['scan', 'app.yaml', '--write-baseline', 'base.json'], { cwd: dir });
    // web's log container fixed; api's container renamed; a new finding: web shares the host's process namespace.
    const text = `${WEB.replace(/(name: log\n.*\n.*\n\s*)privileged: true/, '$1privileged: false')}---\n${API.replace('- name: api', '- name: api-v2')}`;
    fs.writeFileSync(path.join(dir, 'app.yaml'), text.replace('    spec:\n      containers:', '    spec:\n      hostPID: true\n      containers:'));
    const run = kubeward(['scan', 'app.yaml', '--baseline', 'base.json', '--no-color', '--fail-on', 'warning'], { cwd: dir });
    expect(run.stdout).toMatch(/1 baseline finding is fixed:\n {2}app\.yaml:17:25 Container "log" runs privileged/);
    const sarif = JSON.parse(kubeward(['scan', 'app.yaml', '--baseline', 'base.json', '--format', 'sarif'], { cwd: dir }).stdout);
    const states = sarif.runs[0].results.map(
      (r: { ruleId: string; baselineState: string; locations: Array<{ physicalLocation: { region: { startLine: number } } }> }) =>
        `${r.ruleId}@${r.locations[0]!.physicalLocation.region.startLine} ${r.baselineState}`,
    );
    expect(states).toEqual(['pod-host-pid-ipc@9 new', 'pod-privileged@14 unchanged', 'pod-privileged@32 updated', 'pod-privileged@17 absent']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^app\.yaml\n {2}9:\d+ +error +.*pod-host-pid-ipc$/m);
    for (const r of sarif.runs[0].results) expect(r.partialFingerprints['kubeward/v1']).toMatch(/^[0-9a-f]{28}$/);
  });

  it('gives SARIF the same fingerprints with or without a baseline, and different ones per object and chart', () => {
    const chart = (name: string) => `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n`;
    const dir = workspace({ 'a/Chart.yaml': chart('alpha'), 'a/templates/web.yaml': WEB, 'b/Chart.yaml': chart('beta'), 'b/templates/web.yaml': WEB });
    const sarif = JSON.parse(kubeward(['scan', '.', '--format', 'sarif', '--fail-on', 'none'], { cwd: dir }).stdout);
    const prints = sarif.runs[0].results
      .filter((r: { ruleId: string }) => r.ruleId === 'pod-privileged')
      .map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['kubeward/v1']);
    expect(prints).toHaveLength(4);
    expect(new Set(prints).size).toBe(4); // two containers in two charts
    // The same chart moved to another folder keeps its fingerprints.
    fs.renameSync(path.join(dir, 'a'), path.join(dir, 'alpha-chart'));
    const moved = JSON.parse(kubeward(['scan', '.', '--format', 'sarif', '--fail-on', 'none'], { cwd: dir }).stdout);
    const after = moved.runs[0].results
      .filter((r: { ruleId: string }) => r.ruleId === 'pod-privileged')
      .map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['kubeward/v1']);
    expect(new Set(after)).toEqual(new Set(prints));
  });

  it('refuses a file that is not a baseline', () => {
    const dir = workspace({ 'app.yaml': WEB, 'bad.json': '{"findings": 3}' });
    const run = kubeward(['scan', 'app.yaml', '--baseline', 'bad.json'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bad.json is not a Kubeward baseline');
  });
});

describe('kubeward scan --changed-since', () => {
  const git = (cwd: string, ...args: string[]) => {
    const r = spawnSync('git', args, {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
    });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };

  it('reports only findings on objects added or changed since the revision', () => {
    const dir = workspace({ 'app.yaml': `${WEB}---\n${API}`, 'other.yaml': API.replace(/name: api/g, 'name: billing') });
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'first');
    // api changes (a label), web only gets trailing blanks, a new file appears, other.yaml is untouched.
    fs.writeFileSync(
      path.join(dir, 'app.yaml'),
      `${WEB.replace('namespace: shop', 'namespace: shop   ')}---\n${API.replace('namespace: shop', 'namespace: shop\n  labels: { team: a }')}`,
    );
    fs.writeFileSync(path.join(dir, 'new.yaml'), API.replace(/name: api/g, 'name: cart'));
    const run = kubeward(['scan', '.', '--changed-since', 'HEAD', '--format', 'json', '--fail-on', 'none'], { cwd: dir });
    expect(run.stderr).toBe('');
    const objects = new Set(json(run.stdout).findings.map((f) => `${f.file} ${f.ruleId}`));
    expect([...objects].filter((o) => o.endsWith('pod-privileged')).sort()).toEqual(['app.yaml pod-privileged', 'new.yaml pod-privileged']);
    const lines = json(run.stdout)
      .findings.filter((f) => f.ruleId === 'pod-privileged')
      .map((f) => `${f.file}:${f.line}`);
    expect(lines).toEqual(['app.yaml:32', 'new.yaml:13']);
  });

  it('fails on a revision that does not exist', () => {
    const dir = workspace({ 'app.yaml': WEB });
    git(dir, 'init', '-q');
    const run = kubeward(['scan', '.', '--changed-since', 'no-such-branch'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/kubeward: git rev-parse failed/);
  });
});
