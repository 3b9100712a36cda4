// Build helpers for the Kustomize tests: Kubeward's build and the real one
// (kubectl kustomize, kustomize 5.7.1), compared as sets of parsed objects.
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { diskFiles } from '../../shared-rules/src/host/build-files';
import { buildKustomization, toJS, type BuildResult } from '../../shared-rules/src/kustomize/index';
import { kubectlPath } from './kube-tools';

export type ObjectSet = Map<string, unknown>;

const keyOf = (o: { kind?: string; metadata?: { namespace?: string; name?: string } }) => `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;

/** Objects keyed by kind/namespace/name. */
export function objectSet(objects: unknown[]): ObjectSet {
  const out: ObjectSet = new Map();
  for (const o of objects) if (o && typeof o === 'object') out.set(keyOf(o as never), o);
  return out;
}

export function kubectlBuild(dir: string): { objects: ObjectSet; error?: string } {
  try {
    const out = execFileSync(kubectlPath(), ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { objects: objectSet(parseAllDocuments(out).map((d) => d.toJS())) };
  } catch (e) {
    return { objects: new Map(), error: String((e as { stderr?: string }).stderr ?? e) };
  }
}

/** kubectlBuild for many folders, a few kubectl processes at a time. */
export async function kubectlBuilds(dirs: string[], parallel = 4): Promise<Map<string, { objects: ObjectSet; error?: string }>> {
  const out = new Map<string, { objects: ObjectSet; error?: string }>();
  const queue = [...dirs];
  const worker = async () => {
    for (let dir = queue.shift(); dir !== undefined; dir = queue.shift()) {
      const d = dir;
      out.set(
        d,
        await new Promise((resolve) =>
          execFile(kubectlPath(), ['kustomize', d], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
            resolve(error ? { objects: new Map(), error: stderr || String(error) } : { objects: objectSet(parseAllDocuments(stdout).map((x) => x.toJS())) }),
          ),
        ),
      );
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return out;
}

export function kubewardBuild(dir: string): { objects: ObjectSet; result: BuildResult } {
  const result = buildKustomization(path.resolve(dir).split(path.sep).join('/'), diskFiles());
  return { objects: objectSet(result.resources.map((r) => toJS(r.node))), result };
}

/** Write a layout (relative path -> text) into a fresh temporary folder. */
export function writeLayout(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-kustomize-'));
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
  return dir;
}

/** Kustomization folders under `root` that no other kustomization there refers to, Components excepted. */
export function kustomizeRoots(root: string): string[] {
  const dirs: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (['kustomization.yaml', 'kustomization.yml', 'Kustomization'].includes(e.name)) dirs.push(d);
    }
  };
  walk(root);
  const referenced = new Set<string>();
  const components = new Set<string>();
  for (const d of dirs) {
    const file = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].map((f) => path.join(d, f)).find((f) => fs.existsSync(f))!;
    const k = (parseAllDocuments(fs.readFileSync(file, 'utf8'))[0]?.toJS() ?? {}) as Record<string, unknown>;
    if (k.kind === 'Component') components.add(d);
    for (const field of ['resources', 'bases', 'components']) {
      for (const r of (k[field] as unknown[] | undefined) ?? []) if (typeof r === 'string') referenced.add(path.resolve(d, r));
    }
  }
  return dirs.filter((d) => !referenced.has(d) && !components.has(d)).sort();
}
