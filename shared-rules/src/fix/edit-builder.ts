/**
 * The one way fixes edit a manifest. Rules describe *what* to change in terms
 * of YAML nodes (set this scalar, ensure this path, remove that pair); the
 * builder turns that into the smallest text edits, at the indentation and in
 * the style the document already uses, keeping every comment it does not have
 * to touch. It never re-serialises the document.
 *
 * Several calls that create the same missing parent (two fields of a new
 * `securityContext`) are merged into one insertion, so a fix never writes a
 * key twice. A fix that would have to rewrite Helm template text, or a node
 * reached through an alias or merge key, is refused rather than guessed.
 */
import { isMap, isScalar, isSeq, visit, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { overlapsRegion } from '../yaml/helm';
import type { YNode } from '../yaml/nav';
import type { Edit } from './edit';
import {
  collectPlaceholders,
  doubleQuote,
  emitBlockLines,
  emitFlow,
  emitPairLines,
  emitSeqItemLines,
  formatKey,
  formatScalar,
  isScalarValue,
  mergeValues,
  Placeholder,
  Quoted,
  singleQuote,
  type EmitValue,
  type SourceStyle,
} from './emit';

/** Thrown (and caught by the engine) when a fix cannot be made safely. */
export class NoFix extends Error {
  constructor(reason: string) {
    super(reason);
  }
}

export interface FixSource {
  /** Original text of the chunk (templates intact). */
  text: string;
  /** Template spans (chunk-relative); edits may not remove text inside them. */
  templateRegions: ReadonlyArray<readonly [number, number]>;
  style: SourceStyle;
}

/** Another document of the same file: its text, and where it starts relative to this one. */
export interface FixDocument {
  source: FixSource;
  /** Its start minus the start of the document the fix belongs to. */
  offset: number;
}

type Pending =
  | { kind: 'map'; map: YNode; entries: { [key: string]: EmitValue } }
  | { kind: 'fill'; holder: YNode; value: EmitValue }
  | { kind: 'seq'; seq: YNode; items: EmitValue[] };

export class EditBuilder {
  private readonly edits: Array<Edit & { order: number; depth: number }> = [];
  private readonly pending = new Map<string, Pending>();
  private order = 0;
  private removedComments = false;
  /** Builders for other documents of the file, by offset. */
  private readonly others = new Map<number, EditBuilder>();
  readonly placeholders: string[] = [];

  constructor(readonly source: FixSource) {}

  // ---------------------------------------------------------------- text helpers

  private get text(): string {
    return this.source.text;
  }

  lineStartOf(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** Offset of the end of the line holding `offset`, before its line break. */
  lineEndOf(offset: number): number {
    let end = this.text.indexOf('\n', offset);
    if (end === -1) end = this.text.length;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return Math.max(end, offset);
  }

  columnOf(offset: number): number {
    const lineStart = this.lineStartOf(offset);
    // A BOM is not indentation.
    const bom = lineStart === 0 && this.text.charCodeAt(0) === 0xfeff && offset > 0 ? 1 : 0;
    return offset - lineStart - bom;
  }

  /** Offset just after the last non-white character before `offset`. */
  private trimBack(offset: number, floor = 0): number {
    let i = offset;
    while (i > floor && /\s/.test(this.text[i - 1]!)) i--;
    return i;
  }

  /**
   * Offset of the `-` indicator of the block sequence item that starts at
   * `itemStart`, searched in [floor, itemStart): the item itself may start
   * with `-` (`-v=5`), props (`&a`, `!!str`) or a comment may sit between. -1 if none.
   */
  private dashBefore(itemStart: number, floor: number): number {
    let found = -1;
    let at = floor;
    while (at < itemStart) {
      let lineEnd = this.text.indexOf('\n', at);
      if (lineEnd === -1 || lineEnd > itemStart) lineEnd = itemStart;
      const line = this.text.slice(at, lineEnd);
      const comment = line.search(/(^|[ \t])#/);
      const code = comment === -1 ? line : line.slice(0, comment);
      for (const m of code.matchAll(/(?:^|[ \t])(-)(?=[ \t\r]|$)/g)) found = at + m.index! + m[0].length - 1;
      at = lineEnd + 1;
    }
    return found;
  }

  /** Original source text of a node (template text intact). */
  sourceOf(node: YNode): string {
    const [s, e] = node.range;
    return this.text.slice(s, e);
  }

  private guard(node: YNode): void {
    if (node.indirect) throw new NoFix('value comes from an alias or merge key');
  }

  // ---------------------------------------------------------------- primitive edits

  replace(start: number, end: number, text: string): this {
    const regions = this.source.templateRegions;
    if (end > start ? overlapsRegion(regions, start, end) : insideRegion(regions, start)) throw new NoFix('edit would rewrite a template action');
    if (end > start && /(^|\s)#/.test(this.text.slice(start, end))) this.removedComments = true;
    this.edits.push({ start, end, text, order: this.order++, depth: this.depth });
    return this;
  }

  /**
   * Column of the structure being inserted while pending additions are written
   * out: at one offset, deeper insertions go first, so a nested block is
   * completed before its parent's next key.
   */
  private depth = Number.MAX_SAFE_INTEGER;

  insert(offset: number, text: string): this {
    return this.replace(offset, offset, text);
  }

  // ---------------------------------------------------------------- scalars

  /** Replaces a scalar value, keeping its quoting style and trailing comment. */
  setScalar(node: YNode, value: string | number | boolean | null | Quoted | Placeholder): this {
    this.guard(node);
    if (!node.isScalar) throw new NoFix('not a scalar');
    const [start, rawEnd] = node.range;
    if (node.isNull && node.keyNode && start === rawEnd) {
      // `key:` with nothing after it.
      return this.insert(this.keyEnd(node), ` ${formatScalar(value)}`);
    }
    const end = node.quoteStyle === 'block' ? this.trimBack(rawEnd, start) : rawEnd;
    if (value instanceof Placeholder) this.placeholders.push(value.value);
    const raw = value instanceof Quoted || value instanceof Placeholder ? value.value : value;
    let text: string;
    const style = node.quoteStyle;
    if (typeof raw === 'string' && style === 'double') text = doubleQuote(raw);
    else if (typeof raw === 'string' && style === 'single' && !/[\n\r]/.test(raw)) text = singleQuote(raw);
    else text = formatScalar(value);
    if (this.text.slice(start, end) === text) return this;
    return this.replace(start, end, text);
  }

  /** Renames the key a value sits under. */
  renameKey(node: YNode, newKey: string): this {
    this.guard(node);
    const key = node.keyNode;
    if (!key?.range) throw new NoFix('no key');
    return this.replace(key.range[0], key.range[1], formatKey(newKey));
  }

  private keyEnd(node: YNode): number {
    const key = node.keyNode;
    if (!key?.range) throw new NoFix('no key');
    // Just after the `:` that follows the key.
    const colon = this.text.indexOf(':', key.range[1]);
    if (colon === -1) throw new NoFix('no colon after key');
    return colon + 1;
  }

  // ---------------------------------------------------------------- mappings

  /**
   * Makes `path` exist under `map` with `value` at its end. Missing parents
   * are created; an existing leaf is replaced only when `overwrite` is set.
   * Existing intermediate maps are kept (merged into, never overwritten).
   */
  setIn(map: YNode, path: readonly string[], value: EmitValue, options: { overwrite?: boolean } = {}): this {
    if (path.length === 0) throw new NoFix('empty path');
    let node = map;
    for (let i = 0; i < path.length; i++) {
      const step = path[i]!;
      if (!node.isMap) throw new NoFix(`${step}: parent is not a mapping`);
      const next = node.get(step);
      const rest = path.slice(i + 1);
      const nested = nest(rest, value);
      if (!next) {
        this.addPending(node, step, nested);
        return this;
      }
      if (rest.length === 0) {
        if (options.overwrite) this.replaceValue(next, value);
        return this;
      }
      if (next.isNull) {
        this.fill(next, nested);
        return this;
      }
      node = next;
    }
    return this;
  }

  /** Adds `key: value` to a mapping that lacks it (merged with other pending additions). */
  insertPair(map: YNode, key: string, value: EmitValue): this {
    if (!map.isMap) throw new NoFix('not a mapping');
    if (map.get(key)) throw new NoFix(`${key} already present`);
    this.addPending(map, key, value);
    return this;
  }

  private addPending(map: YNode, key: string, value: EmitValue): void {
    this.guard(map);
    const id = `map:${map.range[0]}`;
    const existing = this.pending.get(id);
    if (existing && existing.kind === 'map') existing.entries[key] = mergeValues(existing.entries[key], value);
    else this.pending.set(id, { kind: 'map', map, entries: { [key]: value } });
  }

  private fill(holder: YNode, value: EmitValue): void {
    this.guard(holder);
    const id = `fill:${holder.keyRange[0]}`;
    const existing = this.pending.get(id);
    if (existing && existing.kind === 'fill') existing.value = mergeValues(existing.value, value);
    else this.pending.set(id, { kind: 'fill', holder, value });
  }

  /** Replaces a whole value (scalar or collection) with a new one. */
  replaceValue(node: YNode, value: EmitValue): this {
    this.guard(node);
    if (isScalarValue(value) && node.isScalar) return this.setScalar(node, value);
    const [start, rawEnd] = node.range;
    const end = this.trimBack(rawEnd, start);
    collectPlaceholders(value, this.placeholders);
    // An empty `[]`/`{}` under a block key becomes a block value; other flow stays flow.
    const emptyFlow = node.isFlow && (node.node as YAMLMap | YAMLSeq).items.length === 0;
    if (node.parent?.isFlow || (node.isFlow && !(emptyFlow && node.keyNode)) || isScalarValue(value)) {
      return this.replace(start, end, isScalarValue(value) ? formatScalar(value) : emitFlow(value));
    }
    if (!node.keyNode) throw new NoFix('cannot replace a block sequence item');
    const keyCol = this.columnOf(node.keyNode.range![0]);
    const lines = emitBlockLines(value, keyCol + this.source.style.indentUnit, this.source.style, keyCol);
    const block = this.source.style.eol + lines.join(this.source.style.eol);
    // The key line keeps its comment: the block goes after it.
    const colon = this.keyEnd(node);
    const keyLineEnd = this.lineEndOf(colon);
    if (node.node === node.keyNode || end <= start) return this.insert(keyLineEnd, block); // `key:` with nothing
    if (start >= keyLineEnd) return this.replace(keyLineEnd, end, block); // the old value starts below the key
    if (end <= keyLineEnd) return this.replace(colon, end, '').insert(keyLineEnd, block); // `key: ~ # comment`
    return this.replace(colon, end, block); // a block scalar from the key line on
  }

  /** Removes `key` and its value from a mapping; comments on other lines stay. */
  removePair(map: YNode, key: string): this {
    const value = map.get(key);
    if (!value?.pair) return this;
    this.guard(value);
    const pair = value.pair;
    const mapNode = map.node as YAMLMap;
    const index = mapNode.items.indexOf(pair as Pair<unknown, unknown>);
    if (index === -1) throw new NoFix('pair not found');
    const keyStart = (pair.key as Node).range![0];
    const pairEnd = this.pairEnd(pair);
    if (mapNode.flow)
      return this.removeFlowEntry(
        mapNode.items.map((p) => [(p.key as Node).range![0], this.pairEnd(p)] as [number, number]),
        index,
      );
    const lineStart = this.lineStartOf(keyStart);
    const onlyKeyOnLine = /^\s*$/.test(this.text.slice(lineStart, keyStart));
    if (onlyKeyOnLine) return this.removeLines(lineStart, pairEnd);
    // The key shares its line with a `- ` (first key of a sequence item).
    const next = mapNode.items[index + 1];
    if (next) return this.replace(keyStart, (next.key as Node).range![0], '');
    return this.replace(keyStart, this.trimBack(pairEnd, keyStart), '{}');
  }

  /** Removes one item from a sequence. */
  removeItem(item: YNode): this {
    this.guard(item);
    const seq = item.parent;
    if (!seq?.isSeq || item.index === undefined) throw new NoFix('not a sequence item');
    const seqNode = seq.node as YAMLSeq;
    const ranges = seqNode.items.map((n) => {
      const r = (n as Node).range!;
      return [r[0], this.trimBack(r[1], r[0])] as [number, number];
    });
    if (seqNode.flow) return this.removeFlowEntry(ranges, item.index);
    if (seqNode.items.length === 1) {
      // Leave an explicit empty list rather than a dangling key.
      if (!seq.keyNode) throw new NoFix('cannot empty a nested sequence');
      return this.replace(this.keyEnd(seq), ranges[0]![1], ' []');
    }
    const [s, e] = ranges[item.index]!;
    const floor = item.index === 0 ? seq.range[0] : ranges[item.index - 1]![1];
    const dash = item.index === 0 ? seq.range[0] : this.dashBefore(s, floor);
    return this.removeLines(this.lineStartOf(dash >= 0 ? dash : s), e);
  }

  /** Inserts `value` as a new item just before `item` (block or flow), in the list's own style. */
  insertItemBefore(item: YNode, value: EmitValue): this {
    this.guard(item);
    const seq = item.parent;
    if (!seq?.isSeq || item.index === undefined) throw new NoFix('not a sequence item');
    const start = item.range[0];
    if ((seq.node as YAMLSeq).flow) return this.insert(start, `${emitFlow(value)}, `);
    const previous = item.index === 0 ? undefined : ((seq.node as YAMLSeq).items[item.index - 1] as Node | null)?.range;
    const dash = item.index === 0 ? seq.range[0] : this.dashBefore(start, previous ? this.trimBack(previous[1], previous[0]) : seq.range[0]);
    if (dash < 0 || this.text[dash] !== '-') throw new NoFix('sequence indicator not found');
    const { style } = this.source;
    const lines = emitSeqItemLines(value, this.columnOf(dash), style, this.itemSpacing(seq));
    return this.insert(this.lineStartOf(dash), lines.join(style.eol) + style.eol);
  }

  /**
   * Spaces after the `-` of new items of the block sequence `seq`: what its
   * own items use (the spacing most of them have; on a tie the file's, else
   * the last item's). Without an item that shows it (flow, empty, `-`
   * followed by a comment), the file's.
   */
  itemSpacing(seq: YNode): number {
    const fileSpacing = this.source.style.dashSpacing ?? 1;
    const seqNode = seq.node as YAMLSeq;
    if (!seq.isSeq || seqNode.flow) return fileSpacing;
    const votes = new Map<number, number>();
    let last: number | undefined;
    let floor = seq.range[0];
    for (const item of seqNode.items) {
      const range = (item as Node | null)?.range;
      if (!range) continue;
      const dash = this.dashBefore(range[0], floor);
      floor = this.trimBack(range[1], range[0]);
      if (dash < 0) continue;
      const m = /^( +)[^\s#]/.exec(this.text.slice(dash + 1, range[0] + 1));
      if (!m) continue;
      const spacing = m[1]!.length;
      votes.set(spacing, (votes.get(spacing) ?? 0) + 1);
      last = spacing;
    }
    if (last === undefined) return fileSpacing;
    const most = Math.max(...votes.values());
    if (votes.get(fileSpacing) === most) return fileSpacing;
    return votes.get(last) === most ? last : [...votes].find(([, n]) => n === most)![0];
  }

  /** Appends items to a sequence (merged with other appends to it). */
  appendItem(seq: YNode, value: EmitValue): this {
    this.guard(seq);
    if (!seq.isSeq) throw new NoFix('not a sequence');
    const id = `seq:${seq.range[0]}`;
    const existing = this.pending.get(id);
    if (existing && existing.kind === 'seq') existing.items.push(value);
    else this.pending.set(id, { kind: 'seq', seq, items: [value] });
    return this;
  }

  /** Adds a new YAML document after this one (its lines, without `---`). */
  appendDocument(lines: readonly string[]): this {
    const eol = this.source.style.eol;
    const end = this.text.length;
    const needsBreak = end > 0 && !this.text.endsWith('\n');
    return this.insert(end, `${needsBreak ? eol : ''}---${eol}${lines.join(eol)}${eol}`);
  }

  private pairEnd(pair: Pair<unknown, unknown>): number {
    const key = pair.key as Node | null;
    const value = pair.value as Node | null;
    let end = key?.range?.[1] ?? 0;
    if (value?.range && !(isScalar(value) && value.value === null && value.range[0] === value.range[1])) end = Math.max(end, value.range[1]);
    return this.trimBack(end);
  }

  private removeLines(from: number, lastContent: number): this {
    const end = this.text.indexOf('\n', lastContent);
    if (end === -1) {
      // Last line of the chunk without a newline: take the line break before it instead.
      let start = from;
      if (start > 0 && this.text[start - 1] === '\n') start--;
      if (start > 0 && this.text[start - 1] === '\r') start--;
      return this.replace(start, this.text.length, '');
    }
    return this.replace(from, end + 1, '');
  }

  private removeFlowEntry(ranges: Array<[number, number]>, index: number): this {
    const [s, e] = ranges[index]!;
    if (ranges.length === 1) return this.replace(s, e, '');
    if (index < ranges.length - 1) return this.replace(s, ranges[index + 1]![0], '');
    return this.replace(this.trimBack(ranges[index - 1]![1]), e, '');
  }

  // ---------------------------------------------------------------- whole objects and other documents

  /**
   * A builder for another document of the same file (a Namespace that a
   * PodSecurityPolicy fix labels). Its edits become part of this fix.
   */
  inDocument(target: FixDocument): EditBuilder {
    if (target.offset === 0 && target.source.text === this.source.text) return this;
    let builder = this.others.get(target.offset);
    if (!builder) this.others.set(target.offset, (builder = new EditBuilder(target.source)));
    return builder;
  }

  /**
   * Comments written inside a node's text, in order (a `#` inside a quoted
   * or block scalar is not one), so that replacing or removing the node
   * does not lose them.
   */
  commentsIn(node: YNode, end = this.objectEnd(node)): string[] {
    const [start] = node.range;
    const scalars: Array<[number, number]> = [];
    visit(node.node, {
      Scalar(_, scalar) {
        if (scalar.range && scalar.type !== 'PLAIN') scalars.push([scalar.range[0], scalar.range[1]]);
      },
    });
    const out: string[] = [];
    let i = this.text.indexOf('#', start);
    while (i !== -1 && i < end) {
      const inScalar = scalars.some(([s, e]) => i >= s && i < e);
      const before = i === 0 ? '\n' : this.text[i - 1]!;
      if (!inScalar && i > start && /\s/.test(before)) {
        const lineEnd = this.lineEndOf(i);
        out.push(this.text.slice(i, lineEnd).trimEnd());
        i = this.text.indexOf('#', lineEnd);
      } else i = this.text.indexOf('#', i + 1);
    }
    return out;
  }

  /** End of an object's text: its last value and a comment on that line. */
  private objectEnd(node: YNode): number {
    const [start, end] = node.range;
    return node.isFlow ? end : this.lineEndOf(this.trimBack(end, start));
  }

  /**
   * Replaces a whole mapping (a document's object, or an item of a List)
   * with a new one, written at its column in the file's style. Comments
   * that were inside it are kept, as lines above the new text.
   */
  replaceObject(node: YNode, value: { readonly [key: string]: EmitValue | undefined }): this {
    this.guard(node);
    if (!node.isMap) throw new NoFix('not a mapping');
    const [start] = node.range;
    const end = this.objectEnd(node);
    const comments = this.commentsIn(node, end);
    if (node.isFlow) {
      if (comments.length > 0) throw new NoFix('comments inside a flow mapping');
      collectPlaceholders(value, this.placeholders);
      return this.replace(start, end, emitFlow(value));
    }
    const col = this.columnOf(start);
    const pad = ' '.repeat(col);
    collectPlaceholders(value, this.placeholders);
    const lines = [...comments.map((c) => pad + c), ...emitBlockLines(value, col, this.source.style, col)];
    return this.replace(start, end, lines.join(this.source.style.eol).slice(col));
  }

  /**
   * Removes a document's object. Its comments stay (as comment lines); a
   * document left with nothing but its `---` is removed with its marker.
   */
  removeObject(node: YNode): this {
    this.guard(node);
    if (node.parent || !node.isMap) throw new NoFix('only the object of a document can be removed');
    const [start] = node.range;
    const end = this.objectEnd(node);
    const comments = this.commentsIn(node, end);
    const rest = this.text.slice(0, start) + this.text.slice(end);
    if (comments.length === 0 && /^(?:\s|---|\.\.\.)*$/.test(rest.replace(/^%.*$/gm, ''))) return this.replace(0, this.text.length, '');
    return this.replace(start, end, comments.join(this.source.style.eol));
  }

  // ---------------------------------------------------------------- result

  hasEdits(): boolean {
    return this.edits.length > 0 || this.pending.size > 0 || [...this.others.values()].some((b) => b.hasEdits());
  }

  get removesComments(): boolean {
    return this.removedComments || [...this.others.values()].some((b) => b.removesComments);
  }

  /** Final edits, pending insertions written out, sorted, checked for overlap. */
  build(): Edit[] {
    for (const p of this.pending.values()) {
      this.depth = Number.MAX_SAFE_INTEGER;
      this.flush(p);
    }
    this.pending.clear();
    for (const [offset, other] of this.others) {
      for (const e of other.build())
        this.edits.push({ start: e.start + offset, end: e.end + offset, text: e.text, order: this.order++, depth: Number.MAX_SAFE_INTEGER });
      this.placeholders.push(...other.placeholders.splice(0));
      if (other.removesComments) this.removedComments = true;
    }
    this.others.clear();
    const sorted = [...this.edits].sort((a, b) => a.start - b.start || b.depth - a.depth || a.order - b.order);
    const merged: Edit[] = [];
    for (const edit of sorted) {
      const last = merged[merged.length - 1];
      if (last && edit.start === last.start && edit.end === edit.start && last.end === last.start) {
        last.text += edit.text; // two insertions at one point: keep call order
        continue;
      }
      if (last && edit.start < last.end) throw new NoFix('overlapping edits');
      merged.push({ start: edit.start, end: edit.end, text: edit.text });
    }
    return merged;
  }

  private flush(p: Pending): void {
    const { eol, indentUnit } = this.source.style;
    const style = this.source.style;
    if (p.kind === 'map') {
      for (const v of Object.values(p.entries)) collectPlaceholders(v, this.placeholders);
      const mapNode = p.map.node as YAMLMap;
      if (mapNode.flow || mapNode.items.length === 0) {
        const body = Object.entries(p.entries)
          .map(([k, v]) => `${formatKey(k)}: ${emitFlow(v)}`)
          .join(', ');
        const [s, e] = p.map.range;
        const close = this.text.lastIndexOf('}', e - 1);
        if (close < s) throw new NoFix('malformed flow mapping');
        const before = this.trimBack(close, s + 1);
        const empty = before === s + 1;
        this.insert(before, empty ? body : `, ${body}`);
        return;
      }
      const firstKey = mapNode.items[0]!.key as Node;
      const col = this.columnOf(firstKey.range![0]);
      this.depth = col;
      const last = mapNode.items[mapNode.items.length - 1]!;
      const at = this.lineEndOf(this.pairEnd(last));
      const lines: string[] = [];
      for (const [k, v] of Object.entries(p.entries)) lines.push(...emitPairLines(k, v, col, style));
      this.insert(at, eol + lines.join(eol));
      return;
    }
    if (p.kind === 'fill') {
      collectPlaceholders(p.value, this.placeholders);
      const holder = p.holder;
      const keyCol = this.columnOf(holder.keyRange[0]);
      const colonEnd = this.keyEnd(holder);
      const [s, e] = holder.node === holder.keyNode ? [colonEnd, colonEnd] : holder.range;
      const explicitNull = e > s; // `key: ~` or `key: null`
      if (isScalarValue(p.value)) {
        if (explicitNull) this.replace(s, e, formatScalar(p.value));
        else this.insert(colonEnd, ` ${formatScalar(p.value)}`);
        return;
      }
      // Inside a flow collection a new value is written in flow style, in place.
      if (holder.parent?.isFlow) {
        if (explicitNull) this.replace(s, e, emitFlow(p.value));
        else this.insert(colonEnd, ` ${emitFlow(p.value)}`);
        return;
      }
      if (explicitNull) this.replace(colonEnd, e, '');
      const lines = emitBlockLines(p.value, keyCol + indentUnit, style, keyCol);
      this.depth = keyCol + indentUnit;
      this.insert(this.lineEndOf(Math.max(colonEnd, e)), eol + lines.join(eol));
      return;
    }
    // sequence append
    for (const v of p.items) collectPlaceholders(v, this.placeholders);
    const seqNode = p.seq.node as YAMLSeq;
    if (seqNode.flow || seqNode.items.length === 0) {
      const [s, e] = p.seq.range;
      const close = this.text.lastIndexOf(']', e - 1);
      if (close < s) throw new NoFix('malformed flow sequence');
      const before = this.trimBack(close, s + 1);
      const body = p.items.map(emitFlow).join(', ');
      this.insert(before, before === s + 1 ? body : `, ${body}`);
      return;
    }
    // A block sequence starts at its first `-`.
    const dash = p.seq.range[0];
    if (this.text[dash] !== '-') throw new NoFix('sequence indicator not found');
    const dashCol = this.columnOf(dash);
    this.depth = dashCol + 1;
    const lastItem = seqNode.items[seqNode.items.length - 1] as Node;
    const at = this.lineEndOf(this.trimBack(lastItem.range![1], lastItem.range![0]));
    const lines: string[] = [];
    const spacing = this.itemSpacing(p.seq);
    for (const item of p.items) lines.push(...emitSeqItemLines(item, dashCol, style, spacing));
    this.insert(at, eol + lines.join(eol));
  }
}

/** True when `offset` lies strictly inside a template action (an insertion there would split it). */
function insideRegion(regions: ReadonlyArray<readonly [number, number]>, offset: number): boolean {
  return regions.some(([s, e]) => s < offset && offset < e);
}

function nest(path: readonly string[], value: EmitValue): EmitValue {
  let out = value;
  for (let i = path.length - 1; i >= 0; i--) out = { [path[i]!]: out };
  return out;
}

export { isMap, isSeq };
