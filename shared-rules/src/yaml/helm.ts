/**
 * Helm templates are not YAML until rendered. We mask every `{{ … }}` action
 * without moving any offset, so the file still parses, ranges stay exact and a
 * templated value is recognisably *unknown* rather than a wrong value.
 *
 * - An action inside a line becomes a run of SENTINEL characters: a plain
 *   scalar that rules treat as "templated, value unknown".
 * - A line made only of actions (`{{- if .Values.x }}`, `{{- toYaml . | nindent 4 }}`)
 *   becomes blank; we remember those that print text (not `if`/`end`/…),
 *   because such a line may produce keys that rules looking for a *missing*
 *   field cannot see.
 */
export const SENTINEL = '\uE000';
const SENTINEL_CODE = 0xe000;

export interface TemplateMask {
  /** Same length as the original; actions replaced. */
  text: string;
  /** Masked action spans [start, end), sorted, non-overlapping. */
  regions: Array<[number, number]>;
  /** The regions whose action may print text (not `if`, `end`, `range`, assignments, comments). */
  printing: Array<[number, number]>;
  /**
   * Start offsets of lines that held only template actions (now blank) of
   * which one may print text (`include`, `toYaml`, a value), sorted. Lines of
   * control actions only (`if`, `end`, `range`…) are blanked but not listed.
   */
  actionLines: number[];
}

/**
 * Finds the end (exclusive) of the action starting at `open` (`{{`). An
 * action never crosses a document marker line: an unterminated `{{` (in a
 * comment, say) gives `{ resume }` after that line, so the next documents are
 * still masked; `{}` when there is no end at all.
 */
function actionEnd(text: string, open: number): { end?: number; resume?: number } {
  let i = open + 2;
  // Go template comments: {{/* … */}} and {{- /* … */ -}}
  let j = i;
  if (text.charCodeAt(j) === 45 /* - */) j++;
  while (text.charCodeAt(j) === 32) j++;
  if (text.startsWith('/*', j)) {
    const close = text.indexOf('*/', j + 2);
    if (close === -1) return {};
    const end = text.indexOf('}}', close + 2);
    return end === -1 ? {} : { end: end + 2 };
  }
  const limit = Math.min(text.length, open + 100_000);
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (c === 125 /* } */ && text.charCodeAt(i + 1) === 125) return { end: i + 2 };
    if (c === 10 /* \n */ && isDocumentMarker(text, i + 1)) return { resume: i + 1 };
    if (c === 34 /* " */) {
      i++;
      while (i < limit) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i += 2;
        else if (d === 34 || d === 10) break;
        else i++;
      }
      // An unclosed string ends at the line break, which is looked at next.
      if (text.charCodeAt(i) === 10) continue;
    } else if (c === 96 /* ` */) {
      const close = text.indexOf('`', i + 1);
      if (close === -1) return {};
      i = close;
    }
    i++;
  }
  return {};
}

/** A `---` or `...` line at `lineStart`. */
function isDocumentMarker(text: string, lineStart: number): boolean {
  if (!text.startsWith('---', lineStart) && !text.startsWith('...', lineStart)) return false;
  const next = text.charCodeAt(lineStart + 3);
  return Number.isNaN(next) || next === 32 || next === 9 || next === 10 || next === 13;
}

// Actions that print nothing: control structure, assignments, comments.
const CONTROL_ACTION = /^\{\{-?\s*(?:(?:if|else|end|range|with|define|break|continue)\b|\/\*|\$[\w]*\s*:?=)/;

/** True when the action text[start, end) may print text into the document. */
function printsText(text: string, start: number, end: number): boolean {
  return !CONTROL_ACTION.test(text.slice(start, Math.min(end, start + 64)));
}

export function maskTemplates(text: string): TemplateMask | undefined {
  let open = text.indexOf('{{');
  if (open === -1) return undefined;
  const regions: Array<[number, number]> = [];
  while (open !== -1) {
    const { end, resume } = actionEnd(text, open);
    if (end !== undefined) {
      regions.push([open, end]);
      open = text.indexOf('{{', end);
    } else if (resume !== undefined) open = text.indexOf('{{', resume);
    else break;
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

  // Blank out lines made only of actions and white space (every line of an
  // action that spans lines). Remember those that may print text: control
  // actions (`if`, `end`, `range`, assignments, comments) print nothing.
  const actionLines: number[] = [];
  const blanks: Array<[number, number]> = [];
  const lineOutput = new Map<number, boolean>();
  // Line starts found by one forward scan: searching from each action was
  // quadratic on a long line of many actions (1,000,000 on a 5 MB line).
  let currentLine = 0;
  let currentBreak = masked.indexOf('\n');
  for (const [start, end] of regions) {
    const prints = printsText(text, start, end);
    while (currentBreak !== -1 && currentBreak < start) {
      currentLine = currentBreak + 1;
      currentBreak = masked.indexOf('\n', currentLine);
    }
    // Every line the action spans.
    let lineStart = currentLine;
    let nl = currentBreak;
    for (;;) {
      lineOutput.set(lineStart, (lineOutput.get(lineStart) ?? false) || prints);
      if (nl === -1 || nl >= end) break;
      lineStart = nl + 1;
      nl = masked.indexOf('\n', lineStart);
    }
  }
  for (const [lineStart, prints] of [...lineOutput].sort((a, b) => a[0] - b[0])) {
    let lineEnd = masked.indexOf('\n', lineStart);
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
      if (prints) actionLines.push(lineStart);
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
  const printing = regions.filter(([start, end]) => printsText(text, start, end));
  return { text: masked, regions, printing, actionLines };
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
