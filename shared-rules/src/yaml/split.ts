/**
 * Splits a YAML stream into one chunk per document before parsing.
 *
 * A line that starts with `---` (then a space, a tab, a comment or the end of
 * the line) always starts a new document, and a `...` line always ends one:
 * YAML forbids both at column 0 inside content. So each chunk can be parsed,
 * cached and re-checked alone, and a broken document never swallows the next.
 */
export interface Chunk {
  /** Offset of the chunk's first character in the file. */
  start: number;
  /** Offset just after its last character (the next chunk's start). */
  end: number;
}

function isMarkerEnd(code: number): boolean {
  // end of text (NaN), space, tab, \n, \r
  return Number.isNaN(code) || code === 32 || code === 9 || code === 10 || code === 13;
}

function markerAt(text: string, lineStart: number): '---' | '...' | undefined {
  const c = text.charCodeAt(lineStart);
  if (c !== 45 /* - */ && c !== 46 /* . */) return undefined;
  if (text.charCodeAt(lineStart + 1) !== c || text.charCodeAt(lineStart + 2) !== c) return undefined;
  if (!isMarkerEnd(text.charCodeAt(lineStart + 3))) return undefined;
  return c === 45 ? '---' : '...';
}

/**
 * True when text[from, to) holds a directive (`%YAML`, `%TAG`) and otherwise
 * only comments and blank lines: it is the prologue of the next document.
 */
function isDirectivePrologue(text: string, from: number, to: number): boolean {
  let sawDirective = false;
  let at = from;
  if (text.charCodeAt(at) === 0xfeff) at++;
  while (at < to) {
    let nl = text.indexOf('\n', at);
    if (nl === -1 || nl >= to) nl = to;
    const line = text.slice(at, nl).trim();
    if (line.startsWith('%')) sawDirective = true;
    else if (line !== '' && !line.startsWith('#')) return false;
    at = nl + 1;
  }
  return sawDirective;
}

export function splitDocuments(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let chunkStart = 0;
  const cut = (at: number) => {
    if (at > chunkStart) chunks.push({ start: chunkStart, end: at });
    chunkStart = at;
  };
  // A BOM before the first marker belongs to the first chunk.
  const first = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineStart = first;
  // Next `\n---` and `\n...` at or after the current line; searched again only
  // once passed, so the whole split is one pass over the text.
  let dash = -2;
  let dots = -2;
  while (lineStart < text.length) {
    const marker = markerAt(text, lineStart);
    const nl = text.indexOf('\n', lineStart);
    const next = nl === -1 ? text.length : nl + 1;
    // Directives before a `---` belong to the document it starts.
    if (marker === '---' && lineStart > first && !isDirectivePrologue(text, chunkStart, lineStart)) cut(lineStart);
    else if (marker === '...') cut(next);
    // Jump straight to the next line that could hold a marker.
    lineStart = next;
    if (nl !== -1) {
      if (dash !== -1 && dash < nl) dash = text.indexOf('\n---', nl);
      if (dots !== -1 && dots < nl) dots = text.indexOf('\n...', nl);
      const candidate = dash === -1 ? dots : dots === -1 ? dash : Math.min(dash, dots);
      if (candidate === -1) break;
      lineStart = candidate + 1;
    }
  }
  cut(text.length);
  if (chunks.length === 0) chunks.push({ start: 0, end: text.length });
  return chunks;
}
