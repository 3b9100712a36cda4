/**
 * The one road from a file's text to parsed YAML documents, which the engine,
 * editor features (locate, hover, Secure this Ingress) and fixes all take:
 * text -> masked text (Helm actions blanked, same length) -> documents (split on
 * `---` lines, each with its template regions) -> parsed documents (behind a
 * nesting guard) -> YNode roots. Kubernetes objects come from the roots
 * (`k8s/objects.ts`). Offsets of a document are relative to its start.
 */
import type { Document } from 'yaml';
import { nestsDeeperThan } from './depth';
import { maskTemplates, type TemplateMask } from './helm';
import { YNode } from './nav';
import { parseManifestDocuments } from './parse';
import { splitDocuments, type Chunk } from './split';

/** A file masked and split into documents (not parsed yet). */
export interface SplitFile {
  /** The text as written. */
  text: string;
  /** What the parser reads: `text` with template actions masked (the same length). */
  parseText: string;
  /** undefined when the file has no template action. */
  mask: TemplateMask | undefined;
  chunks: Chunk[];
}

export function splitFile(text: string): SplitFile {
  const mask = maskTemplates(text);
  const parseText = mask?.text ?? text;
  return { text, parseText, mask, chunks: splitDocuments(parseText) };
}

/** One document of a file: its texts and template spans, offsets relative to `start`. */
export interface DocumentText {
  start: number;
  end: number;
  /** The document as written (templates intact). */
  original: string;
  /** The document as parsed (templates masked). */
  parse: string;
  /** Template spans. */
  regions: Array<[number, number]>;
  /** Starts of the lines that held only template actions of which one may print text. */
  actionLines: number[];
}

export function documentText(file: SplitFile, chunk: Chunk): DocumentText {
  const { mask, text, parseText } = file;
  const original = text.slice(chunk.start, chunk.end);
  return {
    start: chunk.start,
    end: chunk.end,
    original,
    parse: mask ? parseText.slice(chunk.start, chunk.end) : original,
    regions: mask ? clampRegions(mask.regions, chunk.start, chunk.end) : [],
    actionLines: mask ? mask.actionLines.filter((o) => o >= chunk.start && o < chunk.end).map((o) => o - chunk.start) : [],
  };
}

export function clampRegions(regions: ReadonlyArray<readonly [number, number]>, start: number, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [s, e] of regions) if (s < end && e > start) out.push([Math.max(s, start) - start, Math.min(e, end) - start]);
  return out;
}

/** What parsing a document's text gave: its YAML documents, or why there are none. */
export type ParsedText = { docs: Document.Parsed[]; failure?: undefined } | { docs?: undefined; failure: 'too-deep' | 'overflow' | 'error'; error?: unknown };

/**
 * Parses a document's masked text. Not parsed at all when it nests deeper
 * than MAX_NESTING: at the parser's stack limit V8 can abort the process
 * (see depth.ts); the parser recursing per level may still overflow the stack.
 */
export function parseText(parse: string): ParsedText {
  if (nestsDeeperThan(parse)) return { failure: 'too-deep' };
  try {
    return { docs: parseManifestDocuments(parse) };
  } catch (error) {
    return { failure: error instanceof RangeError ? 'overflow' : 'error', error };
  }
}

/** The root node of a parsed YAML document, seeing the document's template regions. */
export function rootOf(doc: Document.Parsed, regions: Array<[number, number]>): YNode | undefined {
  return YNode.root(doc.contents, { doc, templateRegions: regions });
}

/** A document that parsed without a fatal error (duplicate keys parse: the last one wins). */
export function parsedCleanly(doc: Document.Parsed): boolean {
  return !doc.errors.some((e) => e.code !== 'DUPLICATE_KEY');
}
