/**
 * Whether a node may hold keys we cannot see: Helm templates standing where
 * keys would be, whole-line actions that print text, merge keys, and Kustomize
 * patches (partial files). Missing-field findings stay silent there.
 */
import { hasActionLineIn, SENTINEL } from '../yaml/helm';
import { isMergeKey, type YNode } from '../yaml/nav';
import type { ChunkInput } from './chunk';

export function isUncertain(node: YNode, input: Pick<ChunkInput, 'options' | 'parse' | 'actionLines'>): boolean {
  if (input.options.partial) return true;
  // A template standing where keys would be (a templated key or whole value).
  // A template inside a value (`image: "{{ … }}"`) hides no key of its mapping.
  if (hidesKeys(node)) return true;
  // Whole-line actions that print text (`{{- toYaml . | nindent 12 }}`) inside
  // the node's span, or right after its last line, may supply the field; the
  // document's last key spans to the end of its chunk. `if`/`end`/`range`
  // lines print nothing: what they wrap is visible.
  const [start, spanEnd] = spanOf(node, input.parse.length);
  const end = Math.max(spanEnd, skipBlank(input.parse, spanEnd));
  if (hasActionLineIn(input.actionLines, start, end)) return true;
  // A merge key could bring the field in; we resolve merges, but stay modest.
  if (node.isMap && (node.node as { items: Array<{ key: unknown }> }).items.some((p) => isMergeKey(p.key))) return true;
  return false;
}

/**
 * True when a template action stands where keys or items would be: a
 * templated scalar (`securityContext: {{ toYaml … }}`), a templated key, or a
 * templated list item. A template inside a value (`image: "{{ … }}"`) hides
 * no key of the mapping that holds it.
 */
function hidesKeys(node: YNode): boolean {
  if (node.isScalar) return node.templated;
  if (node.isMap) return node.keys().some((k) => k.includes(SENTINEL));
  if (node.isSeq) return node.items().some((i) => i.isScalar && i.templated);
  return node.templated;
}

/** Offset of the first non-white character at or after `offset` (white space only, line breaks included). */
function skipBlank(text: string, offset: number): number {
  let i = offset;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    i++;
  }
  return i;
}

/**
 * From a node's key to where its next sibling starts: action lines there may
 * belong to it. A document's root spans to the end of its chunk (`docEnd`).
 */
function spanOf(node: YNode, docEnd: number): [number, number] {
  const start = node.keyNode?.range?.[0] ?? node.range[0];
  let end = node.range[1];
  const parent = node.parent;
  if (!parent) end = Math.max(end, docEnd);
  else if (parent.isMap && node.pair) {
    const items = (parent.node as { items: Array<{ key: { range?: number[] } | null }> }).items;
    const index = items.indexOf(node.pair as never);
    const next = index === -1 ? undefined : items[index + 1];
    end = next?.key?.range ? next.key.range[0]! : Math.max(end, spanOf(parent, docEnd)[1]);
  } else if (parent.isSeq && node.index !== undefined) {
    const next = (parent.node as { items: Array<{ range?: number[] } | null> }).items[node.index + 1];
    end = next?.range ? next.range[0]! : Math.max(end, spanOf(parent, docEnd)[1]);
  }
  return [start, Math.max(start, end)];
}
