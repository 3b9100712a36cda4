/**
 * What cross-document rules see of every object in the workspace: a small
 * summary per object, cached with its document, never the whole AST.
 */

export interface ObjectSummary {
  /** File the object lives in (as the caller names files). */
  file: string;
  kind: string;
  apiVersion: string | undefined;
  name: string | undefined;
  namespace: string | undefined;
  labels: Record<string, string>;
  /** File offsets of the object's own text. */
  start: number;
  end: number;
  /** Offsets of what to flag for this object as a whole (its name, else its kind). */
  anchor: [number, number];
  /** End offset of the document holding the object (to insert a new document after it). */
  documentEnd: number;
  /** The file is a Kustomize patch. */
  partial: boolean;
  /** Rule id → what that rule's `summarize` extracted. */
  data: Record<string, unknown>;
}

export interface WorkspaceIndex {
  /** True when every manifest of the workspace or scanned folder is included. */
  readonly complete: boolean;
  objects(): Iterable<ObjectSummary>;
  byKind(kind: string): readonly ObjectSummary[];
}

export function shiftSummary(summary: ObjectSummary, by: number, file: string): ObjectSummary {
  if (by === 0 && summary.file === file) return summary;
  return {
    ...summary,
    file,
    start: summary.start + by,
    end: summary.end + by,
    anchor: [summary.anchor[0] + by, summary.anchor[1] + by],
    documentEnd: summary.documentEnd + by,
  };
}

/** An index over the summaries of many files; replace a file's summaries as it changes. */
export class WorkspaceObjects implements WorkspaceIndex {
  private readonly files = new Map<string, readonly ObjectSummary[]>();
  private kindCache: Map<string, ObjectSummary[]> | undefined;

  constructor(public complete = true) {}

  setFile(file: string, summaries: readonly ObjectSummary[]): boolean {
    const previous = this.files.get(file);
    if (summaries.length === 0) {
      if (!previous) return false;
      this.files.delete(file);
    } else this.files.set(file, summaries);
    this.kindCache = undefined;
    return true;
  }

  deleteFile(file: string): void {
    if (this.files.delete(file)) this.kindCache = undefined;
  }

  *objects(): Iterable<ObjectSummary> {
    for (const list of this.files.values()) yield* list;
  }

  byKind(kind: string): readonly ObjectSummary[] {
    if (!this.kindCache) {
      this.kindCache = new Map();
      for (const summary of this.objects()) {
        const list = this.kindCache.get(summary.kind);
        if (list) list.push(summary);
        else this.kindCache.set(summary.kind, [summary]);
      }
    }
    return this.kindCache.get(kind) ?? [];
  }

  get fileCount(): number {
    return this.files.size;
  }
}

/**
 * `base` with the objects of `file` replaced by `summaries`: what the
 * cross-document rules see of a file whose text is being rewritten (fix
 * passes), without touching the shared index.
 */
export function withFileObjects(base: WorkspaceIndex, file: string, summaries: readonly ObjectSummary[]): WorkspaceIndex {
  const overlay = new WorkspaceObjects(base.complete);
  const others: ObjectSummary[] = [];
  for (const s of base.objects()) if (s.file !== file) others.push(s);
  overlay.setFile('\u0000others', others);
  overlay.setFile(file, summaries);
  return overlay;
}

/**
 * The objects of `kind` a cross-document rule may rely on for `summary`:
 * every one when the index is complete; otherwise only those of the
 * summary's own file, which always holds all of its documents (a scan of
 * single files or standard input, an editor without a workspace folder or
 * still reading it). Rules that report something missing from the workspace
 * cannot use this: only a complete index shows an absence.
 */
export function objectsToDecide(index: WorkspaceIndex, summary: ObjectSummary, kind: string): readonly ObjectSummary[] {
  const all = index.byKind(kind);
  return index.complete ? all : all.filter((s) => s.file === summary.file);
}
