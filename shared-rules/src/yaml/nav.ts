/**
 * A thin, read-only view over `yaml` nodes that rules navigate with.
 *
 * It resolves aliases and `<<` merge keys the way Kubernetes' own decoder
 * does, knows the key a value sits under (so a finding can point at the key,
 * or at the nearest existing parent of a missing field), and knows whether a
 * value came from a Helm template action (then it is unknown, never wrong).
 * All ranges are offsets into the chunk the document was parsed from.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Alias, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { SENTINEL } from './helm';

export type Range = [start: number, end: number];

/** What a view needs from the parsed document it came from. */
export interface NodeHost {
  doc: Document.Parsed;
  /** Masked template spans, chunk-relative, sorted. Empty when not a template. */
  templateRegions: ReadonlyArray<readonly [number, number]>;
}

const MAX_ALIAS_DEPTH = 16;
/** Merge sources followed from one mapping, at most (a hostile document could hold more). */
const MAX_MERGE_SOURCES = 10_000;

/**
 * What each alias of a document points at, found in one pass: an alias
 * refers to the last node with its anchor before it (as `Alias.resolve`
 * does, which walks the whole document on every call).
 */
const aliasTargets = new WeakMap<Document, Map<Alias, Node>>();

function aliasTargetsOf(doc: Document): Map<Alias, Node> {
  let targets = aliasTargets.get(doc);
  if (targets) return targets;
  targets = new Map();
  const anchors = new Map<string, Node>();
  const found = targets;
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target) found.set(node, target);
      } else if ((node as { anchor?: string }).anchor) anchors.set((node as { anchor: string }).anchor, node as Node);
    },
  });
  aliasTargets.set(doc, targets);
  return targets;
}

function resolveAlias(node: unknown, host: NodeHost): { node: Node | undefined; viaAlias: boolean } {
  let current = node;
  let viaAlias = false;
  for (let depth = 0; isAlias(current); depth++) {
    if (depth >= MAX_ALIAS_DEPTH) return { node: undefined, viaAlias: true };
    viaAlias = true;
    current = aliasTargetsOf(host.doc).get(current);
  }
  return { node: (current ?? undefined) as Node | undefined, viaAlias };
}

function scalarKey(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  if (typeof value === 'string') return value;
  if (typeof value === 'symbol') return (node as Scalar & { source?: string }).source ?? '<<';
  if (value === null || value === undefined) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a scalar key: a number, boolean or date prints as written
  return String(value);
}

/** A YAML merge key: `<<` written plain (a quoted "<<" is an ordinary key). */
export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (typeof key.value === 'symbol' || (key.value === '<<' && key.type === 'PLAIN'));
}

function isMergePair(pair: Pair): boolean {
  return isMergeKey(pair.key);
}

export class YNode {
  private constructor(
    readonly node: Node,
    readonly host: NodeHost,
    /** The key scalar this value sits under, when it is a map value. */
    readonly keyNode: Node | undefined,
    /** The pair holding this value, when it is a map value. */
    readonly pair: Pair | undefined,
    /** Index in the parent sequence, when it is a sequence item. */
    readonly index: number | undefined,
    readonly parent: YNode | undefined,
    /** Reached through an alias or a merge key: the text lives elsewhere. */
    readonly indirect: boolean,
  ) {}

  static root(node: unknown, host: NodeHost): YNode | undefined {
    const { node: resolved, viaAlias } = resolveAlias(node, host);
    return resolved ? new YNode(resolved, host, undefined, undefined, undefined, undefined, viaAlias) : undefined;
  }

  private child(value: unknown, keyNode: Node | undefined, pair: Pair | undefined, index: number | undefined, indirect: boolean): YNode | undefined {
    // Most values are not aliases: no resolution, no intermediate object.
    if (!isAlias(value)) return value ? new YNode(value as Node, this.host, keyNode, pair, index, this, indirect || this.indirect) : undefined;
    const { node, viaAlias } = resolveAlias(value, this.host);
    if (!node) return undefined;
    return new YNode(node, this.host, keyNode, pair, index, this, indirect || viaAlias || this.indirect);
  }

  get isMap(): boolean {
    return isMap(this.node);
  }
  get isSeq(): boolean {
    return isSeq(this.node);
  }
  get isScalar(): boolean {
    return isScalar(this.node);
  }
  /** `key:` with nothing, `~` or `null`. */
  get isNull(): boolean {
    return isScalar(this.node) && (this.node.value === null || this.node.value === undefined);
  }
  get isFlow(): boolean {
    return (isMap(this.node) || isSeq(this.node)) && Boolean((this.node as YAMLMap | YAMLSeq).flow);
  }

  /** Value range, without trailing comments or white space. */
  get range(): Range {
    const r = this.node.range;
    return r ? [r[0], r[1]] : [0, 0];
  }

  /** Range of the key this value sits under, else of the value itself. */
  get keyRange(): Range {
    const r = this.keyNode?.range;
    return r ? [r[0], r[1]] : this.range;
  }

  /** Name of the key this value sits under. */
  get key(): string | undefined {
    return scalarKey(this.keyNode);
  }

  /** True when any part of this value came from a Helm template action. */
  get templated(): boolean {
    const regions = this.host.templateRegions;
    if (regions.length === 0) return false;
    if (isScalar(this.node)) {
      const v = this.node.value;
      if (typeof v === 'string') return v.includes(SENTINEL);
    }
    const [start, end] = this.range;
    for (const [s, e] of regions) if (s < end && e > start) return true;
    return false;
  }

  /** Scalar value, or undefined for collections and templated values. */
  get value(): unknown {
    if (!isScalar(this.node) || this.templated) return undefined;
    return this.node.value;
  }

  /** String form of a scalar (numbers and booleans stringified); undefined otherwise. */
  get str(): string | undefined {
    const v = this.value;
    if (v === null || v === undefined || typeof v === 'symbol') return undefined;
    if (typeof v === 'object') return undefined;
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- objects returned above: a number, boolean or bigint
    return String(v);
  }

  /** The scalar as written: quoted "80" is a string, 80 a number. */
  get scalarType(): 'string' | 'number' | 'boolean' | 'null' | 'other' | undefined {
    if (!isScalar(this.node)) return undefined;
    const v = this.node.value;
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'string') return 'string';
    if (typeof v === 'number' || typeof v === 'bigint') return 'number';
    if (typeof v === 'boolean') return 'boolean';
    return 'other';
  }

  get quoteStyle(): 'plain' | 'double' | 'single' | 'block' | undefined {
    if (!isScalar(this.node)) return undefined;
    switch (this.node.type) {
      case 'QUOTE_DOUBLE':
        return 'double';
      case 'QUOTE_SINGLE':
        return 'single';
      case 'BLOCK_FOLDED':
      case 'BLOCK_LITERAL':
        return 'block';
      default:
        return 'plain';
    }
  }

  /** True for the boolean `true` (YAML 1.1 spellings too, as Kubernetes reads them). */
  get isTrue(): boolean {
    return this.value === true;
  }
  get isFalse(): boolean {
    return this.value === false;
  }

  /**
   * Pairs of a mapping, merge keys expanded (own keys win, then earlier merge
   * sources), aliases resolved; a duplicated key once, with its last value.
   */
  entries(): Array<[string, YNode | undefined, Node]> {
    if (!isMap(this.node)) return [];
    const out = new Map<string, [string, YNode | undefined, Node]>();
    this.collectEntries(out, new Set([this.node]), true);
    return [...out.values()];
  }

  private collectEntries(out: Map<string, [string, YNode | undefined, Node]>, visited: Set<Node>, own: boolean): void {
    const items = (this.node as YAMLMap).items;
    const merges: Pair[] = [];
    const mine = new Map<string, [string, YNode | undefined, Node]>();
    for (const pair of items) {
      if (isMergePair(pair)) {
        merges.push(pair);
        continue;
      }
      const key = scalarKey(pair.key);
      if (key === undefined || out.has(key)) continue;
      const value = this.child(pair.value, pair.key as Node, pair, undefined, false);
      // A duplicate key keeps its first place and takes its last value.
      const entry = mine.get(key);
      if (entry) entry[1] = own || !value ? value : value.asIndirect();
      else mine.set(key, [key, own || !value ? value : value.asIndirect(), pair.key as Node]);
    }
    for (const [key, entry] of mine) out.set(key, entry);
    for (const pair of merges) {
      for (const source of this.mergeSources(pair)) {
        if (visited.has(source.node) || visited.size > MAX_MERGE_SOURCES) continue;
        visited.add(source.node);
        source.collectEntries(out, visited, false);
      }
    }
  }

  private asIndirect(): YNode {
    return this.indirect ? this : new YNode(this.node, this.host, this.keyNode, this.pair, this.index, this.parent, true);
  }

  private mergeSources(pair: Pair): YNode[] {
    const value = this.child(pair.value, undefined, undefined, undefined, true);
    if (!value) return [];
    if (value.isMap) return [value];
    if (value.isSeq) return value.items().filter((n) => n.isMap);
    return [];
  }

  keys(): string[] {
    return this.entries().map(([k]) => k);
  }

  /** True when the map has this key written (even with a null value). */
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** The value under `key`; a present key with no value gives a null scalar view. */
  get(key: string): YNode | undefined {
    if (!isMap(this.node)) return undefined;
    return this.lookup(key, undefined);
  }

  private lookup(key: string, visited: Set<Node> | undefined): YNode | undefined {
    // Own keys first, the last one wins like Kubernetes' decoder. A key that
    // YAML reads as a number or boolean (`80:`) is found by its string form.
    const items = (this.node as YAMLMap).items;
    let hasMerge = false;
    for (let i = items.length - 1; i >= 0; i--) {
      const pair = items[i]!;
      if (isMergePair(pair)) {
        hasMerge = true;
        continue;
      }
      const k = pair.key;
      if (isScalar(k) && (k.value === key || (typeof k.value !== 'string' && scalarKey(k) === key))) {
        return this.child(pair.value ?? null, pair.key as Node, pair, undefined, false) ?? this.nullChild(pair);
      }
    }
    if (!hasMerge) return undefined;
    // Merge sources, each map visited once: a merge-key bomb costs no more than its text.
    const seen = visited ?? new Set<Node>([this.node]);
    for (let i = items.length - 1; i >= 0; i--) {
      const pair = items[i]!;
      if (!isMergePair(pair)) continue;
      for (const source of this.mergeSources(pair)) {
        if (seen.has(source.node) || seen.size > MAX_MERGE_SOURCES) continue;
        seen.add(source.node);
        const found = source.lookup(key, seen);
        if (found) return found.asIndirect();
      }
    }
    return undefined;
  }

  private nullChild(pair: Pair): YNode | undefined {
    // `key:` with no value at all: yaml gives a null value node; keep a view on the key.
    if (pair.value === null || pair.value === undefined) {
      const key = pair.key as Node;
      return new YNode(key, this.host, key, pair, undefined, this, this.indirect);
    }
    return undefined;
  }

  /** Follows a path of keys (strings) and sequence indexes (numbers). */
  getIn(path: ReadonlyArray<string | number>): YNode | undefined {
    let current: YNode | undefined = this;
    for (const step of path) {
      if (!current) return undefined;
      current = typeof step === 'number' ? current.at(step) : current.get(step);
    }
    return current;
  }

  /** Deepest node that exists along `path`, and how many steps of it exist. */
  deepest(path: ReadonlyArray<string | number>): { node: YNode; depth: number } {
    let node: YNode = this;
    let depth = 0;
    for (const step of path) {
      const next = typeof step === 'number' ? node.at(step) : node.get(step);
      if (!next || next.isNull) break;
      node = next;
      depth++;
    }
    return { node, depth };
  }

  items(): YNode[] {
    if (!isSeq(this.node)) return [];
    const out: YNode[] = [];
    this.node.items.forEach((item, index) => {
      const view = this.child(item, undefined, undefined, index, false);
      if (view) out.push(view);
    });
    return out;
  }

  at(index: number): YNode | undefined {
    if (!isSeq(this.node)) return undefined;
    const item = this.node.items[index];
    return item === undefined ? undefined : this.child(item, undefined, undefined, index, false);
  }

  /** Sequence of strings (templated or non-scalar items skipped). */
  strings(): string[] {
    return this.items()
      .map((n) => n.str)
      .filter((s): s is string => s !== undefined);
  }

  /** Map of string values (labels, annotations, matchLabels). */
  stringMap(): Map<string, YNode | undefined> {
    return new Map(this.entries().map(([k, v]) => [k, v]));
  }

  /** Where to point when this node is the nearest existing parent of a missing field. */
  get anchorRange(): Range {
    if (this.keyNode?.range) return [this.keyNode.range[0], this.keyNode.range[1]];
    // A sequence item map (a container): point at its name.
    const name = this.isMap ? this.get('name') : undefined;
    if (name && !name.isNull) return name.range;
    if (this.isMap) {
      const first = (this.node as YAMLMap).items[0];
      if (first?.key && isScalar(first.key) && first.key.range) return [first.key.range[0], first.key.range[1]];
    }
    return this.range;
  }
}

export { isPair };
