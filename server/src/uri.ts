/** Document URIs ⇄ file paths. Only `file:` URIs have a path; other schemes (untitled:) are analysed but have no folder. */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function pathToUri(file: string): string {
  return pathToFileURL(file).href;
}

/**
 * One key per file however a client spells its URI (`file:///c%3A/x` and
 * `file:///C:/x` are the same file on Windows).
 */
export function fileKey(uri: string): string {
  const p = uriToPath(uri);
  if (p === undefined) return uri;
  return process.platform === 'win32' ? p.toLowerCase() : p;
}

/** True when `file` is `dir` or inside it. */
export function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
