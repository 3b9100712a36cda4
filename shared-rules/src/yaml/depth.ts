/**
 * How deep a YAML text nests, measured before it is parsed.
 *
 * The `yaml` parser recurses once per nesting level. Around 800 levels it
 * overflows the stack (it contains that as RESOURCE_EXHAUSTION), but V8 may
 * have to compile a regular expression at that depth, and a RegExp compiler
 * out of stack aborts the whole process ("RegExpCompiler Allocation failed"):
 * two deeply nested documents in a row were enough to kill the CLI or the
 * language server. So documents deeper than MAX_NESTING are not parsed at all.
 *
 * One linear pass that errs on the side of counting more: block indentation
 * levels, `- ` and `key: ` on a line, and flow brackets outside quoted
 * scalars, comments and block scalars. Real manifests stay far below the
 * limit (a Deployment nests about 12 levels, a deep CRD schema about 60).
 */
export const MAX_NESTING = 256;

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;

function isBreak(c: number): boolean {
  return c === LF || c === CR;
}

/** True when `text` nests deeper than `limit` levels. */
export function nestsDeeperThan(text: string, limit = MAX_NESTING): boolean {
  const n = text.length;
  // Each level takes at least one character (an indentation, an indicator or a bracket).
  if (n <= limit) return false;
  const indents: number[] = [];
  let flow = 0;
  let i = 0;
  /** Indentation of the line that opened a block scalar (`key: |`); -1 when not in one. */
  let blockScalarParent = -1;
  while (i < n) {
    // Line start: indentation (spaces only, as YAML counts it).
    let col = 0;
    while (i < n && text.charCodeAt(i) === SPACE) {
      i++;
      col++;
    }
    const first = text.charCodeAt(i);
    const blank = i >= n || isBreak(first);
    if (blockScalarParent >= 0) {
      if (blank || col > blockScalarParent) {
        while (i < n && !isBreak(text.charCodeAt(i))) i++;
        i++;
        continue;
      }
      blockScalarParent = -1;
    }
    if (flow === 0) {
      if (blank || first === 35 /* # */) {
        while (i < n && !isBreak(text.charCodeAt(i))) i++;
        i++;
        continue;
      }
      while (indents.length > 0 && indents[indents.length - 1]! >= col) indents.pop();
      indents.push(col);
    }
    let onLine = 0;
    // Where a node may start: quotes, brackets and block indicators mean something only there.
    let nodeStart = true;
    let previous = SPACE;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (isBreak(c)) break;
      const next = text.charCodeAt(i + 1);
      const spaceAfter = i + 1 >= n || next === SPACE || next === TAB || isBreak(next);
      if (c === 35 /* # */ && (previous === SPACE || previous === TAB)) {
        while (i < n && !isBreak(text.charCodeAt(i))) i++;
        break;
      }
      if (nodeStart && (c === 34 /* " */ || c === 39) /* ' */) {
        // A quoted scalar, which may span lines.
        i++;
        while (i < n) {
          const d = text.charCodeAt(i);
          if (c === 34 && d === 92 /* \ */) i += 2;
          else if (d === c) {
            if (c === 39 && text.charCodeAt(i + 1) === 39) i += 2;
            else break;
          } else i++;
        }
        nodeStart = false;
      } else if (c === 91 /* [ */ || c === 123 /* { */) {
        if (flow > 0 || nodeStart) {
          flow++;
          nodeStart = true;
        }
      } else if (c === 93 /* ] */ || c === 125 /* } */) {
        if (flow > 0) flow--;
        nodeStart = false;
      } else if (c === 44 /* , */ && flow > 0) nodeStart = true;
      else if ((c === 58 /* : */ || c === 63) /* ? */ && (spaceAfter || (flow > 0 && (next === 44 || next === 93 || next === 125)))) {
        onLine++;
        nodeStart = true;
      } else if (c === 45 /* - */ && nodeStart && flow === 0 && spaceAfter) onLine++;
      else if ((c === 124 /* | */ || c === 62) /* > */ && nodeStart && flow === 0) {
        blockScalarParent = indents[indents.length - 1] ?? 0;
        while (i < n && !isBreak(text.charCodeAt(i))) i++;
        break;
      } else if ((c === 38 /* & */ || c === 33) /* ! */ && nodeStart) {
        // An anchor or a tag: the node starts after it.
        while (i + 1 < n && !isBreak(text.charCodeAt(i + 1)) && text.charCodeAt(i + 1) !== SPACE) i++;
      } else if (c !== SPACE && c !== TAB) nodeStart = false;
      if (indents.length + onLine + flow > limit) return true;
      previous = c;
      i++;
    }
    // The line break (\r\n counts once).
    if (text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF) i++;
    i++;
  }
  return false;
}
