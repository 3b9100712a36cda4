/**
 * Where analysed text comes from. An ordinary file is analysed as it is, so
 * its map is the identity. A rendered source — a Helm template rendered with
 * values, a Kustomize overlay built from its bases — is analysed as a virtual
 * document: its text exists in no file, and each range of it maps back to a
 * range of a real file (possibly a different file per object). Findings are
 * placed through the map; text with no single origin maps to nothing.
 */

/** A range of a real file. */
export interface SourceRange {
  /** The file, named as the analysis names files (a path or a URI). */
  file: string;
  start: number;
  end: number;
}

export interface SourceMap {
  /** The real range that the virtual range [start, end) was made from; undefined for generated text. */
  toSource(start: number, end: number): SourceRange | undefined;
}

/** The map of a file analysed as it is written. */
export function identityMap(file: string): SourceMap {
  return { toSource: (start, end) => ({ file, start, end }) };
}

/**
 * A map from spans of virtual text copied verbatim from real files (how a
 * renderer reports what it copied): `virtualStart` is where the copy starts in
 * the virtual text, `start` where it starts in `file`. Sorted or not.
 */
export interface CopiedSpan {
  virtualStart: number;
  length: number;
  file: string;
  start: number;
}

export function spanMap(spans: readonly CopiedSpan[]): SourceMap {
  const sorted = [...spans].sort((a, b) => a.virtualStart - b.virtualStart);
  return {
    toSource(start, end) {
      // The last span starting at or before `start` (binary search).
      let lo = 0;
      let hi = sorted.length - 1;
      let found: CopiedSpan | undefined;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]!.virtualStart <= start) {
          found = sorted[mid];
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (!found || end > found.virtualStart + found.length) return undefined;
      const shift = found.start - found.virtualStart;
      return { file: found.file, start: start + shift, end: end + shift };
    },
  };
}
