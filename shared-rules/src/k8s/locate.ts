/**
 * Finds what sits at an offset of a file, for editor features (hover,
 * suppression actions): the Kubernetes object there, parsed from its own
 * document only, exactly as the engine parses it (Helm masked, YAML 1.1).
 */
import { documentText, parsedCleanly, parseText, splitFile } from '../yaml/documents';
import { objectsOfDocument, type K8sObject } from './objects';

export interface LocatedObject {
  object: K8sObject;
  /** The document holding it (file offsets); node ranges are relative to `chunk.start`. */
  chunk: { start: number; end: number };
  /** Template spans, chunk-relative. */
  regions: Array<[number, number]>;
  /** Original text of the chunk (templates intact). */
  original: string;
}

/** The Kubernetes object whose text holds `offset` (an item, for a List), with its document's chunk. */
export function objectAt(text: string, offset: number): LocatedObject | undefined {
  const file = splitFile(text);
  const chunk = file.chunks.find((c) => offset >= c.start && (offset < c.end || c.end === file.parseText.length));
  if (!chunk) return undefined;
  const document = documentText(file, chunk);
  const { docs } = parseText(document.parse);
  const local = offset - chunk.start;
  for (const doc of docs ?? []) {
    if (!parsedCleanly(doc)) continue;
    const hit = objectsOfDocument(doc, document.regions).find((o) => local >= o.root.range[0] && local <= o.root.range[1]);
    if (hit) return { object: hit, chunk, regions: document.regions, original: document.original };
  }
  return undefined;
}

/** Every Kubernetes object of a file with its span in the file; documents that do not parse have none. */
export function objectsInFile(text: string): Array<{ object: K8sObject; span: [number, number] }> {
  const file = splitFile(text);
  const out: Array<{ object: K8sObject; span: [number, number] }> = [];
  for (const chunk of file.chunks) {
    const document = documentText(file, chunk);
    for (const doc of parseText(document.parse).docs ?? []) {
      if (!parsedCleanly(doc)) continue;
      for (const object of objectsOfDocument(doc, document.regions))
        out.push({ object, span: [chunk.start + object.root.range[0], chunk.start + object.root.range[1]] });
    }
  }
  return out;
}
