/**
 * The build reads files only through this interface, so it runs anywhere
 * (the CLI gives it the disk, the language server its open documents, tests a
 * map). Paths are POSIX-style and absolute, as the host gives them.
 */
export interface BuildFiles {
  /** The file's text, or undefined if there is no such file. */
  read(path: string): string | undefined;
  /** Entry names (not paths) of a folder; [] if there is none. */
  list(dir: string): string[];
  isDir(path: string): boolean;
}

/** A BuildFiles over an in-memory map of path -> text (folders are implied). */
export function memoryFiles(files: Record<string, string>): BuildFiles {
  const all = Object.keys(files).map(normalizePath);
  const texts = new Map(Object.entries(files).map(([k, v]) => [normalizePath(k), v]));
  return {
    read: (p) => texts.get(normalizePath(p)),
    isDir: (p) => {
      const d = normalizePath(p) + '/';
      return all.some((f) => f.startsWith(d));
    },
    list: (dir) => {
      const d = normalizePath(dir) + '/';
      const names = new Set<string>();
      for (const f of all) if (f.startsWith(d)) names.add(f.slice(d.length).split('/')[0]!);
      return [...names].sort();
    },
  };
}

export function normalizePath(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
    } else out.push(part);
  }
  return (abs ? '/' : '') + out.join('/');
}

export function joinPath(dir: string, rel: string): string {
  return rel.startsWith('/') ? normalizePath(rel) : normalizePath(`${dir}/${rel}`);
}

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

export function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}
