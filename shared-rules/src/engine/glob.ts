/**
 * Minimal glob matching for `ignore` paths and rule-id patterns, with no
 * dependency (the engine must run in a browser worker too).
 * Supports `**`, `*`, `?`, `{a,b}` and `[abc]`; paths use `/`.
 */
const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  const cached = cache.get(glob);
  if (cached) return cached;
  let re = '';
  let i = 0;
  let inGroup = 0;
  while (i < glob.length) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more directories; a trailing `**` matches everything.
        if (glob[i + 2] === '/') {
          re += '(?:.*/)?';
          i += 3;
        } else {
          re += '.*';
          i += 2;
        }
        continue;
      }
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      inGroup++;
      re += '(?:';
    } else if (c === '}' && inGroup > 0) {
      inGroup--;
      re += ')';
    } else if (c === ',' && inGroup > 0) re += '|';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close === -1) re += '\\[';
      else {
        const body = glob.slice(i + 1, close).replace(/\\/g, '\\\\').replace(/^!/, '^');
        re += `[${body}]`;
        i = close;
      }
    } else re += c.replace(/[.+^$()|\\\]]/g, '\\$&');
    i++;
  }
  while (inGroup-- > 0) re += ')';
  const regexp = new RegExp(`^${re}$`);
  if (cache.size > 1000) cache.clear();
  cache.set(glob, regexp);
  return regexp;
}

export function matchGlob(glob: string, subject: string): boolean {
  return globToRegExp(glob).test(subject);
}

/** A path matches an ignore glob itself, or by being under a matched folder. */
export function pathIgnored(globs: readonly string[], relativePath: string): boolean {
  const path = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  for (const glob of globs) {
    const g = glob.replace(/^\.\//, '').replace(/\/$/, '/**');
    if (matchGlob(g, path)) return true;
    // A glob without a slash matches a name at any depth, as .gitignore does.
    if (!g.includes('/') && path.split('/').some((part) => matchGlob(g, part))) return true;
    if (matchGlob(`${g}/**`, path)) return true;
  }
  return false;
}
