// `kubeward render <chart>` prints what `helm template` prints: same text for a plain chart, same
// objects for a chart with a packaged (.tgz) dependency, alias, condition and globals.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { helmPath } from '../helpers/kube-tools';
import { canonicalSet, objectsOf } from '../helm/differential';
import { kubeward, removeWorkspaces, workspace } from './helpers';

afterAll(removeWorkspaces);

const helm = (args: string[], cwd?: string): string =>
  execFileSync(helmPath(), args, {
    cwd,
    encoding: 'utf8',
    env: {
      HOME: '/nonexistent',
      HELM_CACHE_HOME: '/tmp/kubeward-helm-cache',
      HELM_CONFIG_HOME: '/tmp/kubeward-helm-config',
      HELM_DATA_HOME: '/tmp/kubeward-helm-data',
    },
  });

const tiny = path.resolve(__dirname, '..', 'fixtures', 'helm', 'tiny');

describe('kubeward render', () => {
  it('prints the text helm template prints', () => {
    const dir = workspace({ 'prod.yaml': 'replicas: 5\n' });
    const args = [tiny, '--release-name', 'rel', '--namespace', 'ns', '-f', path.join(dir, 'prod.yaml'), '--set', 'name=api'];
    const r = kubeward(['render', ...args]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(helm(['template', 'rel', tiny, '--namespace', 'ns', '-f', path.join(dir, 'prod.yaml'), '--set', 'name=api']));
    expect(r.stdout).toContain('replicas: "5"');
  });

  it('renders a packaged dependency with alias, condition and globals like helm', () => {
    const dir = workspace({
      'sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.2.0\n',
      'sub/values.yaml': 'port: 80\nglobal:\n  region: eu\n',
      'sub/templates/svc.yaml':
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}-{{ .Chart.Name }}\n  labels:\n    region: {{ .Values.global.region }}\n    team: {{ .Values.global.team }}\nspec:\n  ports:\n    - port: {{ .Values.port }}\n',
      'app/Chart.yaml':
        'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: sub\n    version: 0.2.0\n    alias: api\n  - name: sub\n    version: 0.2.0\n    alias: extra\n    condition: extra.enabled\n  - name: sub\n    version: 0.2.0\n    alias: off\n',
      'app/values.yaml': 'global:\n  team: core\napi:\n  port: 8080\nextra:\n  enabled: false\n',
      'app/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  subPort: {{ .Values.api.port | quote }}\n',
    });
    fs.mkdirSync(path.join(dir, 'app', 'charts'));
    helm(['package', path.join(dir, 'sub'), '-d', path.join(dir, 'app', 'charts')]);
    expect(fs.readdirSync(path.join(dir, 'app', 'charts'))).toEqual(['sub-0.2.0.tgz']);
    const ours = kubeward(['render', path.join(dir, 'app'), '--release-name', 'r']);
    expect(ours.stderr).toBe('');
    const theirs = helm(['template', 'r', path.join(dir, 'app')]);
    expect(canonicalSet(objectsOf(ours.stdout))).toEqual(canonicalSet(objectsOf(theirs)));
    expect(ours.stdout).toContain('port: 8080');
    expect(ours.stdout).not.toContain('r-extra');
    // `alias: off` is the alias "false" (YAML 1.1), as in helm
    expect(ours.stdout).toContain('name: r-false');
  });

  it('uses a library chart for its defines only, like helm', () => {
    const dir = workspace({
      'app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: lib\n    version: 0.1.0\n',
      'app/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include "lib.name" . }}\n',
      'app/charts/lib/Chart.yaml': 'apiVersion: v2\nname: lib\nversion: 0.1.0\ntype: library\n',
      'app/charts/lib/templates/_names.tpl': '{{- define "lib.name" -}}{{ .Release.Name }}-lib{{- end -}}',
      'app/charts/lib/templates/ignored.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: never\n',
    });
    const ours = kubeward(['render', path.join(dir, 'app'), '--release-name', 'r']);
    expect(ours.stderr).toBe('');
    expect(ours.stdout).toBe(helm(['template', 'r', path.join(dir, 'app')]));
    expect(ours.stdout).not.toContain('never');
  });

  it('says which template fails and why, with exit code 1', () => {
    const dir = workspace({
      'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
      'c/templates/x.yaml': 'a: {{ required "set .Values.host" .Values.host }}\n',
    });
    const r = kubeward(['render', path.join(dir, 'c')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/c\/templates\/x\.yaml.*set \.Values\.host/);
  });

  it('refuses a folder without Chart.yaml (exit 2)', () => {
    const dir = workspace({ 'x.yaml': 'a: 1\n' });
    const r = kubeward(['render', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a chart folder');
  });

  it('does not read files outside the chart through symlinks', () => {
    const dir = workspace({
      'secret.txt': 'top secret\n',
      'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
      'c/files/link.txt': { link: '../../secret.txt' },
      'c/templates/x.yaml': 'a: {{ .Files.Get "files/link.txt" | quote }}\n',
    });
    const r = kubeward(['render', path.join(dir, 'c')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('a: ""');
    expect(r.stdout).not.toContain('secret');
  });
});
