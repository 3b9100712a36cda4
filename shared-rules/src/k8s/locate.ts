/**
 * Finds what sits at an offset of a file, for editor features (hover,
 * suppression actions): the Kubernetes object there, parsed from its own
 * document only, exactly as the engine parses it (Helm masked, YAML 1.1).
 */
import type { Document } from 'yaml';
import { nestsDeeperThan } from '../yaml/depth';
import { maskTemplates } from '../yaml/helm';
import { objectsOf, type K8sObject } from './objects';
import { YNode } from '../yaml/nav';
import { splitDocuments } from '../yaml/split';
import { parseManifestDocuments } from '../yaml/parse';

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
  const mask = maskTemplates(text);
  const parseText = mask?.text ?? text;
  const chunk = splitDocuments(parseText).find((c) => offset >= c.start && (offset < c.end || c.end === parseText.length));
  if (!chunk) return undefined;
  const parse = parseText.slice(chunk.start, chunk.end);
  const regions: Array<[number, number]> = [];
  for (const [s, e] of mask?.regions ?? []) if (s < chunk.end && e > chunk.start) regions.push([Math.max(s, chunk.start) - chunk.start, Math.min(e, chunk.end) - chunk.start]);
  if (nestsDeeperThan(parse)) return undefined;
  let docs: Document.Parsed[];
  try {
    docs = parseManifestDocuments(parse);
  } catch {
    return undefined;
  }
  const local = offset - chunk.start;
  for (const doc of docs) {
    if (doc.errors.some((e) => e.code !== 'DUPLICATE_KEY')) continue;
    const root = YNode.root(doc.contents, { doc, templateRegions: regions });
    let objects: K8sObject[];
    try {
      objects = objectsOf(root);
    } catch {
      continue;
    }
    const hit = objects.find((o) => local >= o.root.range[0] && local <= o.root.range[1]);
    if (hit) return { object: hit, chunk, regions, original: text.slice(chunk.start, chunk.end) };
  }
  return undefined;
}

