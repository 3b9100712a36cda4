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
        const body = glob
          .slice(i + 1, close)
          .replace(/\\/g, '\\\\')
          .replace(/^!/, '^');
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

// ---------------------------------------------------------------- linear-time matching

/**
 * A glob compiled to a Thompson NFA. Globs come from the workspace
 * (`.kubeward.yaml`, suppression comments), and a backtracking RegExp of
 * `*` runs (`[^/]*[^/]*…`) takes exponential time on a near miss; simulating
 * the NFA takes O(subject × pattern) whatever the glob.
 */
interface NfaState {
  /** Epsilon moves. */
  eps: number[];
  /** The one consuming move: a code-unit test and its target. */
  on?: (c: number) => boolean;
  to?: number;
}

interface Nfa {
  states: NfaState[];
  accept: number;
}

const SLASH = 47;
const anyUnit = () => true;
const notSlash = (c: number) => c !== SLASH;

function compileNfa(glob: string): Nfa {
  const states: NfaState[] = [{ eps: [] }];
  const add = () => states.push({ eps: [] }) - 1;
  const consume = (from: number, test: (c: number) => boolean, to = add()) => {
    states[from]!.on = test;
    states[from]!.to = to;
    return to;
  };
  /** Open `{` groups: the state before the group and the ends of its alternatives. */
  const groups: Array<{ fork: number; ends: number[] }> = [];
  const closeGroup = (tail: number) => {
    const group = groups.pop()!;
    const join = add();
    for (const end of [...group.ends, tail]) states[end]!.eps.push(join);
    return join;
  };
  let tail = 0;
  let i = 0;
  while (i < glob.length) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        if (glob[i + 2] === '/') {
          // `**/`: zero or more directories, `(?:.*/)?`.
          const exit = add();
          const loop = add();
          const slash = add();
          states[tail]!.eps.push(exit, loop);
          consume(loop, anyUnit, loop);
          states[loop]!.eps.push(slash);
          consume(slash, (u) => u === SLASH, exit);
          tail = exit;
          i += 3;
        } else {
          const exit = add();
          consume(tail, anyUnit, tail);
          states[tail]!.eps.push(exit);
          tail = exit;
          i += 2;
        }
        continue;
      }
      const exit = add();
      consume(tail, notSlash, tail);
      states[tail]!.eps.push(exit);
      tail = exit;
    } else if (c === '?') tail = consume(tail, notSlash);
    else if (c === '{') {
      const entry = add();
      states[tail]!.eps.push(entry);
      groups.push({ fork: tail, ends: [] });
      tail = entry;
    } else if (c === '}' && groups.length > 0) tail = closeGroup(tail);
    else if (c === ',' && groups.length > 0) {
      const group = groups[groups.length - 1]!;
      group.ends.push(tail);
      const entry = add();
      states[group.fork]!.eps.push(entry);
      tail = entry;
    } else if (c === '[' && glob.indexOf(']', i + 1) !== -1) {
      const close = glob.indexOf(']', i + 1);
      const body = glob
        .slice(i + 1, close)
        .replace(/\\/g, '\\\\')
        .replace(/^!/, '^');
      let unit: RegExp | undefined;
      try {
        unit = new RegExp(`^[${body}]$`);
      } catch {
        unit = undefined; // an invalid class (`[z-a]`) matches nothing
      }
      tail = consume(tail, unit ? (u) => unit.test(String.fromCharCode(u)) : () => false);
      i = close;
    } else {
      const code = glob.charCodeAt(i);
      tail = consume(tail, (u) => u === code);
    }
    i++;
  }
  while (groups.length > 0) tail = closeGroup(tail);
  return { states, accept: tail };
}

function runNfa(nfa: Nfa, subject: string): boolean {
  const { states } = nfa;
  const mark = new Uint32Array(states.length);
  let generation = 0;
  const closure = (seeds: readonly number[]): number[] => {
    generation++;
    const out: number[] = [];
    const stack = [...seeds];
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (mark[s] === generation) continue;
      mark[s] = generation;
      out.push(s);
      for (const e of states[s]!.eps) if (mark[e] !== generation) stack.push(e);
    }
    return out;
  };
  let current = closure([0]);
  for (let i = 0; i < subject.length && current.length > 0; i++) {
    const unit = subject.charCodeAt(i);
    const next: number[] = [];
    for (const s of current) {
      const state = states[s]!;
      if (state.on && state.on(unit)) next.push(state.to!);
    }
    current = closure(next);
  }
  return current.includes(nfa.accept);
}

const nfaCache = new Map<string, Nfa>();

export function matchGlob(glob: string, subject: string): boolean {
  let nfa = nfaCache.get(glob);
  if (!nfa) {
    nfa = compileNfa(glob);
    if (nfaCache.size > 1000) nfaCache.clear();
    nfaCache.set(glob, nfa);
  }
  return runNfa(nfa, subject);
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
