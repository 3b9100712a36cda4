/**
 * The build printed as `kubectl kustomize` prints it (documents in build
 * order, keys sorted), and, for analysing that text as a virtual document,
 * the SourceMap from its ranges back to where each node came from.
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, stringify, type Node as YNode } from 'yaml';
import type { SourceMap, SourceRange } from '../yaml/source-map';
import { isKMap, isKSeq, toJS, type KNode, type Origin } from './node';
import type { BuiltResource } from './types';

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

const STRINGIFY = {
  version: '1.1' as const,
  indentSeq: false,
  lineWidth: 0,
  singleQuote: false,
  defaultStringType: 'PLAIN' as const,
  defaultKeyType: 'PLAIN' as const,
};

const emitOne = (r: BuiltResource) => stringify(sortKeys(toJS(r.node)), STRINGIFY);

export function emitBuild(resources: readonly BuiltResource[]): string {
  return resources.map(emitOne).join('---\n');
}

interface Span {
  start: number;
  end: number;
  origin: Origin;
}

/** The emitted build and a map from any range of it to the origin of the innermost node holding that range. */
export function emitBuildWithSourceMap(resources: readonly BuiltResource[]): { text: string; map: SourceMap } {
  const spans: Span[] = [];
  let text = '';
  resources.forEach((r, i) => {
    if (i) text += '---\n';
    const base = text.length;
    const doc = emitOne(r);
    text += doc;
    const parsed = parseDocument(doc, { version: '1.1' });
    const walk = (y: YNode | null | undefined, k: KNode | undefined) => {
      if (!y || !k || !y.range) return;
      spans.push({ start: base + y.range[0], end: base + y.range[1], origin: k.o });
      if (isMap(y) && isKMap(k)) {
        for (const pair of y.items) {
          if (!isPair(pair) || !isScalar(pair.key)) continue;
          const value = pair.value as YNode | null;
          const kv = k.e.get(String(pair.key.value));
          // `key: value` as a whole comes from where the value came from.
          if (kv && pair.key.range && value?.range) spans.push({ start: base + pair.key.range[0], end: base + value.range[1], origin: kv.o });
          walk(value, kv);
        }
      } else if (isSeq(y) && isKSeq(k)) y.items.forEach((item, n) => walk(item as YNode, k.items[n]));
    };
    walk(parsed.contents as YNode, r.node);
  });
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const map: SourceMap = {
    toSource(start, end): SourceRange | undefined {
      // Spans nest: the innermost one holding [start, end) is the last such one in start order.
      let best: Span | undefined;
      for (const s of spans) {
        if (s.start > start) break;
        if (end <= s.end) best = s;
      }
      return best && { file: best.origin.file, start: best.origin.range[0], end: best.origin.range[1] };
    },
  };
  return { text, map };
}
