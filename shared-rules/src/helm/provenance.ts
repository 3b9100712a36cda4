/**
 * Provenance of rendered output.
 *
 * A render with `provenance: true` gives, for each rendered template, a list of OutputSegment:
 * a span of the output text and the template range that produced it, either literal text
 * (`kind: 'text'`, offsets map one to one) or the action that printed it (`kind: 'action'`).
 * When the printed value was read from values (directly, or passed through functions such as
 * `default`, `quote`, `toYaml` of a subtree), the segment's `value` names the values file and the
 * range of that value; when the action printed a helper's output (`include`, `tpl`), the values
 * the helper printed are in `helperValues`.
 *
 * These types are deliberately small; renderedSourceMap adapts them to the SourceMap of virtual
 * documents (yaml/source-map.ts).
 */
import { isMap as isYamlMap, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { SourceMap } from '../yaml/source-map';
import type { OutputSegment, ValueOrigin } from './template/exec';
import { isMap } from './template/values';

export type { OutputSegment, ValueOrigin } from './template/exec';

/** A values file the render read, and the path under `.Values` its root stands for. */
export interface ValuesSource {
  file: string;
  text: string;
  doc?: Document;
  /** For a subchart's own values.yaml: the subchart names from the root ([] for the root). */
  prefix: string[];
}

interface Located {
  key?: YamlNode;
  value: YamlNode | null;
}

function locate(doc: Document, path: (string | number)[]): Located | undefined {
  let node: unknown = doc.contents;
  let key: YamlNode | undefined;
  for (const seg of path) {
    if (isYamlMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(seg));
      if (!pair) return undefined;
      key = pair.key as YamlNode;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
      key = undefined;
      if (node === undefined) return undefined;
    } else return undefined;
  }
  return { key, value: (node as YamlNode | null) ?? null };
}

function rangeOf(n: YamlNode | null | undefined): [number, number] | undefined {
  const r = n && (n as { range?: [number, number, number] }).range;
  return r ? [r[0], r[1]] : undefined;
}

/**
 * For every map and list in the final values, where each of its entries came from: the first
 * source (in priority order) that sets it. `setValues` holds what --set gave, which wins over all.
 */
export function valueOrigins(
  values: Record<string, unknown>,
  sources: ValuesSource[],
  setValues?: Record<string, unknown>,
): WeakMap<object, Map<string | number, ValueOrigin>> {
  const docs = sources.map((s) => ({ ...s, doc: s.doc ?? parseDocument(s.text, { version: '1.1' }) }));
  const out = new WeakMap<object, Map<string | number, ValueOrigin>>();
  const inSet = (path: (string | number)[]): boolean => {
    let cur: unknown = setValues;
    for (const seg of path) {
      if (Array.isArray(cur) && typeof seg === 'number') cur = cur[seg];
      else if (isMap(cur) && Object.prototype.hasOwnProperty.call(cur, String(seg))) cur = cur[String(seg)];
      else return false;
    }
    return setValues !== undefined;
  };
  const find = (path: (string | number)[]): ValueOrigin | undefined => {
    if (inSet(path)) return { file: '--set', path };
    const candidates: (string | number)[][] = [path];
    // A subchart's global.x comes from the parent's global.x.
    const g = path.lastIndexOf('global');
    if (g > 0) candidates.push(path.slice(g));
    for (const p of candidates) {
      for (const s of docs) {
        if (s.prefix.some((x, i) => p[i] !== x)) continue;
        const loc = locate(s.doc, p.slice(s.prefix.length));
        if (!loc) continue;
        const range = rangeOf(loc.value);
        const keyRange = rangeOf(loc.key);
        return { file: s.file, path, ...(range ? { range } : {}), ...(keyRange ? { keyRange } : {}) };
      }
    }
    return undefined;
  };
  const seen = new Set<object>();
  const walk = (v: unknown, path: (string | number)[]): void => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    const m = new Map<string | number, ValueOrigin>();
    const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : isMap(v) ? Object.entries(v) : [];
    for (const [k, x] of entries) {
      const p = [...path, k];
      const o = find(p);
      if (o) m.set(k, o);
      walk(x, p);
    }
    out.set(v, m);
  };
  walk(values, []);
  return out;
}

/**
 * The rendered text of one template as a virtual document: literal text maps to its own range of
 * the template file, any part of an action's output maps to the whole action, and text the
 * renderer generated from nothing maps to nothing. `fileOf` turns a template name
 * ("chart/templates/x.yaml") into the file name the analysis uses.
 */
export function renderedSourceMap(segments: readonly OutputSegment[], fileOf: (templateName: string) => string): SourceMap {
  const sorted = [...segments].sort((a, b) => a.outStart - b.outStart);
  return {
    toSource(start, end) {
      let lo = 0;
      let hi = sorted.length - 1;
      let found: OutputSegment | undefined;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]!.outStart <= start) {
          found = sorted[mid];
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (!found || start >= found.outEnd || end > found.outEnd) return undefined;
      const file = fileOf(found.file);
      if (found.kind === 'action') return { file, start: found.srcStart, end: found.srcEnd };
      const shift = found.srcStart - found.outStart;
      return { file, start: start + shift, end: end + shift };
    },
  };
}
