/**
 * Helm templates are not YAML until rendered. We mask every `{{ … }}` action
 * without moving any offset, so the file still parses, ranges stay exact and a
 * templated value is recognisably *unknown* rather than a wrong value.
 *
 * - An action inside a line becomes a run of SENTINEL characters: a plain
 *   scalar that rules treat as "templated, value unknown".
 * - A line made only of actions (`{{- if .Values.x }}`, `{{- toYaml . | nindent 4 }}`)
 *   becomes blank; we remember it, because such a line may produce keys that
 *   rules looking for a *missing* field cannot see.
 */
export const SENTINEL = '\uE000';
const SENTINEL_CODE = 0xe000;

export interface TemplateMask {
  /** Same length as the original; actions replaced. */
  text: string;
  /** Masked action spans [start, end), sorted, non-overlapping. */
  regions: Array<[number, number]>;
  /** Start offsets of lines that held only template actions (now blank), sorted. */
  actionLines: number[];
}

/** Finds the end (exclusive) of the action starting at `open` (`{{`), or -1. */
function actionEnd(text: string, open: number): number {
  let i = open + 2;
  // Go template comments: {{/* … */}} and {{- /* … */ -}}
  let j = i;
  if (text.charCodeAt(j) === 45 /* - */) j++;
  while (text.charCodeAt(j) === 32) j++;
  if (text.startsWith('/*', j)) {
    const close = text.indexOf('*/', j + 2);
    if (close === -1) return -1;
    const end = text.indexOf('}}', close + 2);
    return end === -1 ? -1 : end + 2;
  }
  const limit = Math.min(text.length, open + 100_000);
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (c === 125 /* } */ && text.charCodeAt(i + 1) === 125) return i + 2;
    if (c === 34 /* " */) {
      i++;
      while (i < limit) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i += 2;
        else if (d === 34 || d === 10) break;
        else i++;
      }
    } else if (c === 96 /* ` */) {
      const close = text.indexOf('`', i + 1);
      if (close === -1) return -1;
      i = close;
    }
    i++;
  }
  return -1;
}

export function hasTemplateActions(text: string): boolean {
  return text.includes('{{');
}

export function maskTemplates(text: string): TemplateMask | undefined {
  let open = text.indexOf('{{');
  if (open === -1) return undefined;
  const regions: Array<[number, number]> = [];
  while (open !== -1) {
    const end = actionEnd(text, open);
    if (end === -1) break;
    regions.push([open, end]);
    open = text.indexOf('{{', end);
  }
  if (regions.length === 0) return undefined;

  const pieces: string[] = [];
  let cursor = 0;
  for (const [start, end] of regions) {
    pieces.push(text.slice(cursor, start));
    pieces.push(text.slice(start, end).replace(/[^\r\n]/g, SENTINEL));
    cursor = end;
  }
  pieces.push(text.slice(cursor));
  let masked = pieces.join('');

  // Blank out lines made only of actions and white space.
  const actionLines: number[] = [];
  const blanks: Array<[number, number]> = [];
  let lastLine = -1;
  // Line starts found by one forward scan: a backward search per action was
  // quadratic on a long line of many actions.
  let lineStart = 0;
  let nextBreak = masked.indexOf('\n');
  for (const [start] of regions) {
    while (nextBreak !== -1 && nextBreak < start) {
      lineStart = nextBreak + 1;
      nextBreak = masked.indexOf('\n', lineStart);
    }
    if (lineStart <= lastLine) continue;
    lastLine = lineStart;
    let lineEnd = masked.indexOf('\n', start);
    if (lineEnd === -1) lineEnd = masked.length;
    let onlyActions = true;
    let sawAction = false;
    for (let k = lineStart; k < lineEnd; k++) {
      const c = masked.charCodeAt(k);
      if (c === SENTINEL_CODE) sawAction = true;
      else if (c !== 32 && c !== 9 && c !== 13) {
        onlyActions = false;
        break;
      }
    }
    if (onlyActions && sawAction) {
      actionLines.push(lineStart);
      blanks.push([lineStart, lineEnd]);
    }
  }
  if (blanks.length > 0) {
    const out: string[] = [];
    let at = 0;
    for (const [s, e] of blanks) {
      out.push(masked.slice(at, s));
      out.push(masked.slice(s, e).replace(/\uE000/g, ' '));
      at = e;
    }
    out.push(masked.slice(at));
    masked = out.join('');
  }
  return { text: masked, regions, actionLines };
}

/** True when [start, end) overlaps a masked region. */
export function overlapsRegion(regions: ReadonlyArray<readonly [number, number]>, start: number, end: number): boolean {
  let low = 0;
  let high = regions.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (regions[mid]![1] <= start) low = mid + 1;
    else high = mid;
  }
  const region = regions[low];
  if (!region) return false;
  return region[0] < Math.max(end, start + 1);
}

/** True when a blanked action line starts inside [start, end). */
export function hasActionLineIn(actionLines: readonly number[], start: number, end: number): boolean {
  let low = 0;
  let high = actionLines.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (actionLines[mid]! < start) low = mid + 1;
    else high = mid;
  }
  return low < actionLines.length && actionLines[low]! < end;
}
