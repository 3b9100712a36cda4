/**
 * `--changed-since <ref>`: which objects changed since a git revision. The
 * only place Kubeward starts a process: `git`, found on PATH, with fixed
 * arguments and no shell, only when the user passes that option.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { UsageError } from '../host/files';

function git(args: readonly string[], cwd: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new UsageError('--changed-since needs git on PATH');
    throw new UsageError(`git ${args[0]} failed: ${(e.stderr ?? e.message).trim().split('\n')[0]}`);
  }
}

export interface GitChanges {
  /** Absolute paths of files that differ from the revision (tracked and changed, or untracked). */
  changed: Set<string>;
  /** The file's text at the revision; undefined when it did not exist there. */
  before(file: string): string | undefined;
}

export function changesSince(ref: string, cwd: string): GitChanges {
  if (ref.startsWith('-')) throw new UsageError(`--changed-since needs a git revision, not "${ref}"`);
  const top = git(['rev-parse', '--show-toplevel'], cwd).trim();
  // The revision must exist: a typo must not turn into "nothing changed".
  const commit = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], cwd).trim();
  const changed = new Set<string>();
  const list = (out: string) =>
    out
      .split('\0')
      .filter(Boolean)
      .forEach((p) => changed.add(path.resolve(top, p)));
  list(git(['diff', '--name-only', '-z', '--no-renames', commit, '--'], top));
  list(git(['ls-files', '--others', '--exclude-standard', '-z'], top));
  const tracked = new Set(git(['ls-tree', '-r', '--name-only', '-z', commit], top).split('\0').filter(Boolean));
  return {
    changed,
    before(file) {
      const relative = path.relative(top, file).split(path.sep).join('/');
      if (!tracked.has(relative)) return undefined;
      return git(['show', `${commit}:${relative}`], top);
    },
  };
}
