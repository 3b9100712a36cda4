/** Text edits and fixes: offsets into the file, never a re-serialised document. */

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * How safe a fix is to apply unattended (ruff's applicability):
 * - `safe`: cannot change runtime behaviour; runs in fix-all and `--fix`.
 * - `unsafe`: changes what the cluster does; offered, never applied silently.
 * - `display-only`: a person must choose a value (a placeholder remains).
 */
export type Applicability = 'safe' | 'unsafe' | 'display-only';

export interface Fix {
  title: string;
  applicability: Applicability;
  /** Sorted by start, non-overlapping. */
  edits: Edit[];
  /** The fix an editor should offer first. */
  preferred?: boolean;
  /** Placeholder texts inside the edits that the user must replace (`<your-cidr>`). */
  placeholders?: string[];
}

export function shiftEdits(edits: readonly Edit[], by: number): Edit[] {
  return by === 0 ? edits.slice() : edits.map((e) => ({ start: e.start + by, end: e.end + by, text: e.text }));
}

export function shiftFix(fix: Fix, by: number): Fix {
  return by === 0 ? fix : { ...fix, edits: shiftEdits(fix.edits, by) };
}

/** Applies sorted, non-overlapping edits. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: string[] = [];
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) throw new Error(`overlapping edits at ${edit.start}`);
    out.push(text.slice(cursor, edit.start), edit.text);
    cursor = edit.end;
  }
  out.push(text.slice(cursor));
  return out.join('');
}

export function editsOverlap(a: readonly Edit[], b: readonly Edit[]): boolean {
  for (const x of a) {
    for (const y of b) {
      const xEmpty = x.start === x.end;
      const yEmpty = y.start === y.end;
      if (x.start < y.end && y.start < x.end) return true;
      // Two insertions at one point, or an insertion at a replaced range's edge, conflict.
      if ((xEmpty || yEmpty) && x.start === y.start) return true;
      if (xEmpty && x.start > y.start && x.start < y.end) return true;
      if (yEmpty && y.start > x.start && y.start < x.end) return true;
    }
  }
  return false;
}
