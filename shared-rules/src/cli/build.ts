/** `kubeward build <dir>`: the Kustomize build of a folder, printed as `kubectl kustomize` prints it. */
import path from 'node:path';
import { diskFiles } from '../host/build-files';
import { buildKustomization, emitBuild, type BuildFiles, type BuildIssue } from '../kustomize/index';

function lineCol(text: string, offset: number): string {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) [line, last] = [line + 1, i];
  return `${line}:${offset - last}`;
}

export function formatIssue(i: BuildIssue, cwd: string, files: BuildFiles): string {
  const text = files.read(i.file) ?? '';
  return `${path.relative(cwd, i.file) || i.file}:${lineCol(text, i.range[0])}: ${i.severity}: ${i.message}`;
}

export function runBuild(dir: string, cwd: string, io: { stdout(s: string): void; stderr(s: string): void }): number {
  const abs = path.resolve(cwd, dir).split(path.sep).join('/');
  const files = diskFiles();
  if (!files.isDir(abs)) {
    io.stderr(`kubeward: ${dir} is not a folder\n`);
    return 2;
  }
  const result = buildKustomization(abs, files);
  for (const i of result.issues) io.stderr(`${formatIssue(i, cwd, files)}\n`);
  io.stdout(emitBuild(result.resources));
  return result.issues.some((i) => i.severity === 'error') ? 1 : 0;
}
