/**
 * `kubeward render <chart>`: prints what Kubeward renders for a Helm chart, as `helm template`
 * prints it. The chart's files are read through NodeChartFiles, confined to the chart folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatManifests, RenderError, renderChart } from '../helm/render';
import { NodeChartFiles } from '../host/chart-files';
import { UsageError } from '../host/files';

export const RENDER_HELP = `Usage:
  kubeward render <chart> [options]   print the chart's manifests as helm template does

Options:
  -f, --values <file>         values file (repeatable; later files win)
  --set k=v[,k=v]             set values (repeatable)
  --set-string k=v            set string values (repeatable)
  --release-name <name>       release name (default: release-name)
  -n, --namespace <ns>        release namespace (default: default)
  --kube-version <v>          Kubernetes version for .Capabilities (default: 1.35.0)
  --api-versions <gv>         extra API version for .Capabilities (repeatable)
  --include-crds              also print the chart's crds/ files
  --no-hooks                  leave hooks out
`;

export interface RenderIO {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export function runRender(argv: readonly string[], io: RenderIO): number {
  let chartDir: string | undefined;
  const valueFiles: string[] = [];
  const set: string[] = [];
  const setString: string[] = [];
  const apiVersions: string[] = [];
  let releaseName: string | undefined;
  let namespace: string | undefined;
  let kubeVersion: string | undefined;
  let includeCrds = false;
  let noHooks = false;
  try {
    for (let i = 0; i < argv.length; i++) {
      let a = argv[i]!;
      let inline: string | undefined;
      if (a.startsWith('--') && a.includes('=')) [a, inline] = [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)];
      const take = (): string => {
        if (inline !== undefined) return inline;
        const v = argv[++i];
        if (v === undefined) throw new UsageError(`${a} needs a value`);
        return v;
      };
      switch (a) {
        case '-f':
        case '--values':
          valueFiles.push(take());
          break;
        case '--set':
          set.push(take());
          break;
        case '--set-string':
          setString.push(take());
          break;
        case '--release-name':
          releaseName = take();
          break;
        case '-n':
        case '--namespace':
          namespace = take();
          break;
        case '--kube-version':
          kubeVersion = take();
          break;
        case '--api-versions':
          apiVersions.push(take());
          break;
        case '--include-crds':
          includeCrds = true;
          break;
        case '--no-hooks':
          noHooks = true;
          break;
        case '-h':
        case '--help':
          io.stdout(RENDER_HELP);
          return 0;
        default:
          if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
          if (chartDir !== undefined) throw new UsageError(`one chart at a time (got ${chartDir} and ${a})`);
          chartDir = a;
      }
    }
    if (chartDir === undefined) throw new UsageError('render needs a chart folder');
  } catch (e) {
    io.stderr(`kubeward: ${(e as Error).message}\n${RENDER_HELP}`);
    return 2;
  }
  const dir = path.resolve(io.cwd, chartDir);
  if (!fs.existsSync(path.join(dir, 'Chart.yaml'))) {
    io.stderr(`kubeward: ${chartDir} is not a chart folder (no Chart.yaml)\n`);
    return 2;
  }
  try {
    const files = valueFiles.map((f) => ({ name: f, text: fs.readFileSync(path.resolve(io.cwd, f), 'utf8') }));
    const result = renderChart(new NodeChartFiles(dir), { valueFiles: files, set, setString, releaseName, namespace, kubeVersion, apiVersions });
    io.stdout(formatManifests(result, { includeCrds, noHooks }));
    return 0;
  } catch (e) {
    if (e instanceof RenderError) {
      io.stderr(`kubeward: ${e.message}\n`);
      return 1;
    }
    if ((e as NodeJS.ErrnoException).code) {
      io.stderr(`kubeward: ${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
}
