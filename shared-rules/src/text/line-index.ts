/**
 * The one place where offsets become line/character positions.
 *
 * Offsets are UTF-16 code units into the text (JavaScript string indices).
 * Positions are 0-based lines and UTF-16 characters: the LSP default encoding.
 * Line breaks are `\n`, `\r\n` and a lone `\r`, as LSP and VS Code count them.
 */
export interface Position {
  line: number;
  character: number;
}

export class LineIndex {
  /** Offset at which each line starts; lineStarts[0] === 0. Four bytes a line: an open document keeps it. */
  readonly lineStarts: Uint32Array;

  constructor(readonly text: string) {
    this.lineStarts = Uint32Array.from(computeLineStarts(text));
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const text = this.text;
    offset = Math.max(0, Math.min(offset, text.length));
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (starts[mid]! > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    // An offset between \r and \n belongs to the end of the line, not inside the break.
    if (offset > starts[line]! && text.charCodeAt(offset - 1) === 13 /* \r */ && text.charCodeAt(offset) === 10 /* \n */) offset--;
    return { line, character: offset - starts[line]! };
  }

  offsetAt(position: Position): number {
    const starts = this.lineStarts;
    if (position.line >= starts.length) return this.text.length;
    if (position.line < 0) return 0;
    const lineStart = starts[position.line]!;
    const nextLineStart = position.line + 1 < starts.length ? starts[position.line + 1]! : this.text.length;
    const lineEnd = this.lineContentEnd(position.line, nextLineStart);
    return Math.max(lineStart, Math.min(lineStart + position.character, lineEnd));
  }

  /** Offset just after the last character of `line`, before its line break. */
  lineEnd(line: number): number {
    const starts = this.lineStarts;
    const next = line + 1 < starts.length ? starts[line + 1]! : this.text.length;
    return this.lineContentEnd(line, next);
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))]!;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  private lineContentEnd(line: number, nextLineStart: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    let end = nextLineStart;
    const text = this.text;
    if (end > 0 && text.charCodeAt(end - 1) === 10 /* \n */) end--;
    if (end > 0 && text.charCodeAt(end - 1) === 13 /* \r */) end--;
    return Math.max(end, this.lineStarts[line]!);
  }
}

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  const length = text.length;
  // One charCodeAt pass: V8 keeps it fast on every string shape, while one
  // indexOf call per line can cost far more on a string built by edits.
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c > 13) continue;
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The line break the file mostly uses; `\n` when it has none. */
export function detectEol(text: string): '\n' | '\r\n' {
  const lf = text.indexOf('\n');
  if (lf <= 0) return '\n';
  return text.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
}
