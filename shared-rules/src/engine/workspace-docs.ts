/**
 * Small plain-data helpers for cross-document (workspace) rules: namespaces
 * that may be the same, offsets kept relative to an object, and the text of a
 * new document a workspace fix inserts after an existing one.
 */
import type { SummarizeContext } from './rule';
import type { ObjectSummary } from './workspace';
import { collectPlaceholders, emitBlockLines, type EmitValue, type SourceStyle } from '../fix/emit';
import type { K8sObject, RelRange } from '../k8s/objects';

/** Two namespaces may be the same: an unset (or templated) one may be any. */
function namespacesMayMatch(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/** Where an object is: its namespace (undefined when unset or templated) and its file. */
export interface Placed {
  namespace: string | undefined;
  file: string;
}

/**
 * The folder an object is deployed with: a Helm chart's folder for its
 * templates (`chart/templates/x.yaml` → `chart`), else the file's folder.
 */
function deployUnit(file: string): string {
  const normalized = file.replace(/\\/g, '/');
  const templates = normalized.lastIndexOf('/templates/');
  if (templates !== -1) return normalized.slice(0, templates);
  if (normalized.startsWith('templates/')) return '';
  const slash = normalized.lastIndexOf('/');
  return slash === -1 ? '' : normalized.slice(0, slash);
}

/** One folder holds the other (or they are the same): objects likely applied together (the same chart, say). */
export function relatedUnits(a: string, b: string): boolean {
  const x = deployUnit(a);
  const y = deployUnit(b);
  return x === y || x === '' || y === '' || x.startsWith(`${y}/`) || y.startsWith(`${x}/`);
}

/**
 * Two objects may share a namespace. An unset (or templated) namespace is
 * decided at apply time: the default namespace (`kubectl apply`), the Helm
 * release's or the kustomization's. So it may be the namespace of the
 * objects deployed with it (the same chart or folder, or one holding it),
 * or `default`; not that of an unrelated project scanned alongside. Two
 * unset namespaces may always be the same.
 */
export function mayShareNamespace(a: Placed, b: Placed): boolean {
  if (a.namespace !== undefined && b.namespace !== undefined) return a.namespace === b.namespace;
  if (a.namespace === undefined && b.namespace === undefined) return true;
  return (a.namespace ?? b.namespace) === 'default' || relatedUnits(a.file, b.file);
}

/** Objects by namespace (undefined: none), once per `byKind` list (a new list after every index change). */
const byNamespace = new WeakMap<readonly ObjectSummary[], Map<string | undefined, ObjectSummary[]>>();

function bucketsOf(list: readonly ObjectSummary[]): Map<string | undefined, ObjectSummary[]> {
  let buckets = byNamespace.get(list);
  if (!buckets) {
    buckets = new Map();
    for (const o of list) {
      const namespace = o.namespace ?? undefined;
      const bucket = buckets.get(namespace);
      if (bucket) bucket.push(o);
      else buckets.set(namespace, [o]);
    }
    byNamespace.set(list, buckets);
  }
  return buckets;
}

/**
 * The objects of `list` (an index's `byKind`) whose namespace is exactly
 * `namespace` (undefined: those without one), in index order. Cross-document
 * rules look objects up here rather than scanning the list for every object.
 */
export function inNamespace(list: readonly ObjectSummary[], namespace: string | undefined): readonly ObjectSummary[] {
  if (list.length < 16) return list.filter((o) => (o.namespace ?? undefined) === namespace);
  return bucketsOf(list).get(namespace) ?? [];
}

/** The objects of `list` that may share the namespace of `placed` (see mayShareNamespace), in index order. */
export function mayShareNamespaceWith(list: readonly ObjectSummary[], placed: Placed): readonly ObjectSummary[] {
  const { namespace } = placed;
  if (namespace === undefined || list.length < 16) return list.filter((o) => mayShareNamespace(o, placed));
  const buckets = bucketsOf(list);
  const here = buckets.get(namespace) ?? [];
  const anywhere = (buckets.get(undefined) ?? []).filter((o) => mayShareNamespace(o, placed));
  if (anywhere.length === 0 || here.length === 0) return here.length === 0 ? anywhere : here;
  // Both: back in index order, as a scan of the list would give them.
  let order = positions.get(list);
  if (!order) positions.set(list, (order = new Map(list.map((o, i) => [o, i]))));
  const at = order;
  return [...here, ...anywhere].sort((a, b) => at.get(a)! - at.get(b)!);
}

const positions = new WeakMap<readonly ObjectSummary[], Map<ObjectSummary, number>>();

export function fileRange(summary: ObjectSummary, rel: RelRange): [number, number] {
  return [summary.start + rel[0], summary.start + rel[1]];
}

export interface RelEdit {
  start: number;
  end: number;
  text: string;
}

/** Edits from an EditBuilder over the document, made relative to the object. */
export function relEdits(object: K8sObject, edits: readonly RelEdit[]): RelEdit[] {
  const base = object.root.range[0];
  return edits.map((e) => ({ start: e.start - base, end: e.end - base, text: e.text }));
}

export function fileEdits(summary: ObjectSummary, edits: readonly RelEdit[]): RelEdit[] {
  return edits.map((e) => ({ start: summary.start + e.start, end: summary.start + e.end, text: e.text }));
}

/** What inserting a document after this one needs to know of the file. */
export interface DocumentSlot {
  /** The file's style (one object per file, shared by its summaries). */
  style: SourceStyle;
  /** The document does not end with a line break (the file's last line). */
  needsBreak: boolean;
}

export function documentSlot(object: K8sObject, source: SummarizeContext): DocumentSlot {
  const end = object.root.host.doc.range[2];
  return { style: source.style, needsBreak: end > 0 && source.text.charCodeAt(end - 1) !== 10 };
}

/** The edit that inserts `value` as a new document right after the summary's document. */
export function newDocumentEdit(summary: ObjectSummary, slot: DocumentSlot, value: EmitValue): { edit: RelEdit; placeholders: string[] } {
  const { style } = slot;
  const lines = emitBlockLines(value, 0, style);
  const text = `${slot.needsBreak ? style.eol : ''}---${style.eol}${lines.join(style.eol)}${style.eol}`;
  return { edit: { start: summary.documentEnd, end: summary.documentEnd, text }, placeholders: [...new Set(collectPlaceholders(value))] };
}

/** A name not yet taken by `kind` objects that may share `namespace`. */
export function freeName(
  names: Iterable<{ name: string | undefined; namespace: string | undefined }>,
  namespace: string | undefined,
  candidates: readonly string[],
): string {
  const taken = new Set<string>();
  for (const o of names) if (o.name && namespacesMayMatch(o.namespace, namespace)) taken.add(o.name);
  for (const c of candidates) if (!taken.has(c)) return c;
  const base = candidates[candidates.length - 1]!;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}
