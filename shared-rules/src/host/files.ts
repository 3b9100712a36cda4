/** Which files a scan reads, which configuration applies, which files are Kustomize patches. */
import fs from 'node:fs';
import path from 'node:path';
import { globToRegExp, KUSTOMIZATION_FILES, kustomizePatchPaths, pathIgnored } from '../index';

export const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];
export const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
export const CONFIG_FILES = ['.kubeward.yaml', '.kubeward.yml'];

export class UsageError extends Error {}

/**
 * A file's text, and whether it is valid UTF-8 (only then may --fix write it
 * back). Read as UTF-8 directly (Node decodes it natively, without a Buffer);
 * only a text with U+FFFD in it is read again as bytes to tell a real U+FFFD
 * from an invalid byte, which writing back would destroy.
 */
export function readFileText(file: string): { text: string; utf8: boolean } {
  const text = fs.readFileSync(file, 'utf8');
  return { text, utf8: !text.includes('\uFFFD') || Buffer.from(text, 'utf8').equals(fs.readFileSync(file)) };
}

export interface ScanTarget {
  /** Absolute path, or '-' for standard input. */
  absolute: string;
  /**
   * How the file is named in every report format: relative to the working
   * folder (`a/mysql/secret.yaml`), absolute where the file is outside it.
   */
  display: string;
}

/** A path as reports name it: relative to `cwd` when under it, else absolute; `/` separators. */
export function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  const shown = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
  return shown.split(path.sep).join('/');
}

/** A file name the CLI and the workspace scan read as a manifest (by extension). */
export function isManifestName(name: string): boolean {
  const lower = name.toLowerCase();
  return MANIFEST_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** A regular file (a symbolic link to one included); false when missing or unreadable. */
export function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Lets the event loop run (I/O, cancellations) between two slices of long work. */
export const yieldToEventLoop = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

function walk(dir: string, displayBase: string, out: ScanTarget[], rootDir: string, ignore: readonly string[], ignoreBase: string): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new UsageError(`cannot read directory ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (ignore.length && pathIgnored(ignore, path.relative(ignoreBase, full).split(path.sep).join('/'))) continue;
    if (entry.isDirectory()) {
      if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
      walk(full, displayBase, out, rootDir, ignore, ignoreBase);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && isManifestName(entry.name)) {
      if (entry.isSymbolicLink()) {
        let stat: fs.Stats;
        try {
          stat = fs.statSync(full);
        } catch (error) {
          // A manifest that cannot be read must not pass the scan unseen.
          const code = (error as NodeJS.ErrnoException).code;
          throw new UsageError(
            `cannot read ${full}: ${code === 'ENOENT' ? 'broken symbolic link' : code === 'ELOOP' ? 'symbolic link loop' : (code ?? String(error))}`,
          );
        }
        if (!stat.isFile()) continue;
      }
      out.push({ absolute: full, display: path.join(displayBase, path.relative(rootDir, full)).split(path.sep).join('/') });
    }
  }
}

function hasGlob(p: string): boolean {
  return /[*?[\]{}]/.test(p);
}

/** Expands the command line's paths into files, in a stable order. */
export function collectTargets(args: readonly string[], cwd: string, ignore: readonly string[], ignoreBase: string): ScanTarget[] {
  const out: ScanTarget[] = [];
  for (const arg of args) {
    if (arg === '-') {
      out.push({ absolute: '-', display: '<stdin>' });
      continue;
    }
    const absolute = path.resolve(cwd, arg);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && hasGlob(arg)) {
        out.push(...expandGlob(arg, cwd, ignore, ignoreBase));
        continue;
      }
      throw new UsageError(code === 'ENOENT' ? `no such file or directory: ${arg}` : `cannot read ${arg}: ${code ?? String(error)}`);
    }
    if (stat.isDirectory()) walk(absolute, '', out, absolute, ignore, ignoreBase);
    else out.push({ absolute, display: arg });
  }
  // The same file named twice is scanned once.
  const seen = new Set<string>();
  return out
    .filter((t) => !seen.has(t.absolute) && (seen.add(t.absolute), true))
    .map((t) => (t.absolute === '-' ? t : { absolute: t.absolute, display: displayPath(t.absolute, cwd) }));
}

function expandGlob(pattern: string, cwd: string, ignore: readonly string[], ignoreBase: string): ScanTarget[] {
  const normalized = pattern.split(path.sep).join('/');
  const parts = normalized.split('/');
  const fixed: string[] = [];
  for (const part of parts) {
    if (hasGlob(part)) break;
    fixed.push(part);
  }
  const base = path.resolve(cwd, fixed.join('/') || '.');
  const all: ScanTarget[] = [];
  if (fs.existsSync(base) && fs.statSync(base).isDirectory()) walk(base, fixed.join('/'), all, base, ignore, ignoreBase);
  const re = globToRegExp(normalized.replace(/^\.\//, ''));
  const matches = all.filter((t) => re.test(t.display.replace(/^\.\//, '')));
  if (matches.length === 0) throw new UsageError(`no files match ${pattern}`);
  return matches;
}

/** Nearest `.kubeward.yaml` from `start` up to the filesystem root. */
export function findConfigFile(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    for (const name of CONFIG_FILES) {
      const candidate = path.join(dir, name);
      if (fs.existsSync(candidate)) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Absolute paths of files that some kustomization in these folders uses as a patch. */
export class KustomizePatches {
  private readonly byDir = new Map<string, Set<string>>();

  isPatch(file: string): boolean {
    if (file === '-') return false;
    const dir = path.dirname(file);
    // A kustomization patches files in its folder or below it.
    for (let d = dir, i = 0; i < 8; i++) {
      if (this.patchesOf(d).has(file)) return true;
      const parent = path.dirname(d);
      if (parent === d) break;
      d = parent;
    }
    return false;
  }

  private patchesOf(dir: string): Set<string> {
    let set = this.byDir.get(dir);
    if (set) return set;
    set = new Set();
    for (const name of KUSTOMIZATION_FILES) {
      const file = path.join(dir, name);
      // Most folders have none: look before reading (a failed read costs an exception).
      if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) continue;
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      for (const p of kustomizePatchPaths(text)) set.add(path.resolve(dir, p));
    }
    this.byDir.set(dir, set);
    return set;
  }
}
