/**
 * The contexts a rule's `check` and `summarize` get for one object: reports
 * placed on one line and worded from the rule's metadata, fixes built on demand.
 */
import type { FixSource } from '../fix/edit-builder';
import { EditBuilder } from '../fix/edit-builder';
import type { Fix } from '../fix/edit';
import type { SourceStyle } from '../fix/emit';
import type { K8sObject } from '../k8s/objects';
import type { YNode } from '../yaml/nav';
import type { ChunkAnalysis, ChunkInput } from './chunk';
import { configuredSeverity, type ResolvedConfig } from './config';
import { buildFinding, objectRef } from './findings';
import { locusOf } from './fingerprint';
import { buildFixes } from './fixes';
import type { FileObject, FixInput, MissingDescriptor, ReportDescriptor, Rule, RuleContext, SummarizeContext, WorkspaceFix } from './rule';
import type { Severity } from './types';
import { isUncertain } from './uncertainty';

/**
 * What a workspace rule's `summarize` gets: ranges and fixes relative to the object's start.
 * A class, not an object literal: a getter in a literal made per object sends V8 down a
 * slow path whose objects reference the document from old space, so every parsed document
 * survived the young-generation collections (about a third more GC time over the corpus).
 */
export class ObjectSummarizeContext implements SummarizeContext {
  private readonly start: number;
  constructor(
    private readonly context: ObjectContext,
    private readonly input: ChunkInput,
  ) {
    this.start = context.objectStart;
  }

  get text(): string {
    return this.input.original;
  }

  get style(): SourceStyle {
    return this.input.style();
  }

  get config(): ResolvedConfig {
    return this.context.config;
  }

  isUncertain(node: YNode): boolean {
    return isUncertain(node, this.input);
  }

  edit(): EditBuilder {
    return new EditBuilder({ text: this.input.original, templateRegions: this.input.regions, style: this.input.style() });
  }

  rangeOf(node: YNode, at?: 'value' | 'key'): [number, number] {
    let range = at === 'key' ? node.keyRange : node.range;
    if (range[1] <= range[0] && node.keyNode?.range) range = node.keyRange; // `key:` with no value
    const [s, e] = this.context.singleLine(range);
    return [s - this.start, e - this.start];
  }

  fixes(inputs: readonly FixInput[]): WorkspaceFix[] {
    if (!this.context.withFixes) return [];
    const start = this.start;
    return this.context
      .buildFixes(inputs)
      .map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ start: e.start - start, end: e.end - start, text: e.text })) }));
  }
}

export class ObjectContext implements RuleContext<string> {
  constructor(
    private readonly rule: Rule,
    readonly object: K8sObject,
    private readonly input: ChunkInput,
    private readonly result: ChunkAnalysis,
    readonly objectStart: number,
    private readonly documentObjects: readonly K8sObject[],
  ) {}

  get withFixes(): boolean {
    return Boolean(this.input.options.withFixes);
  }

  private fixSource(): FixSource {
    return { text: this.input.original, templateRegions: this.input.regions, style: this.input.style() };
  }

  fileObjects(kinds?: readonly string[]): FileObject[] {
    if (!this.input.options.withFixes) return [];
    const here = { source: this.fixSource(), offset: 0 };
    const all = [
      ...this.documentObjects.filter((o) => o !== this.object).map((object) => ({ object, document: here })),
      ...(this.input.otherObjects?.() ?? []),
    ];
    return kinds ? all.filter((f) => kinds.includes(f.object.kind)) : all;
  }

  get config(): ResolvedConfig {
    return this.input.options.config;
  }
  get partial(): boolean {
    return Boolean(this.input.options.partial);
  }

  sourceOf(node: YNode): string {
    const [s, e] = node.range;
    return this.input.original.slice(s, e);
  }

  report(d: ReportDescriptor<string>): void {
    let range: [number, number];
    if (d.range) range = d.range;
    else if (d.node) {
      range = d.at === 'key' ? d.node.keyRange : d.node.range;
      if (range[1] <= range[0] && d.node.keyNode?.range) range = d.node.keyRange; // `key:` with no value
    } else range = this.object.root.get('kind')?.range ?? [this.objectStart, this.objectStart];
    range = this.singleLine(range);
    this.push(range, d.messageId, d.data, d.fix, d.severity);
  }

  reportMissing(d: MissingDescriptor<string>): void {
    if (this.isUncertain(d.parent)) return;
    const anchor = d.parent === this.object.root ? (this.object.root.get('kind')?.range ?? d.parent.anchorRange) : d.parent.anchorRange;
    this.push(this.singleLine(anchor), d.messageId, d.data, d.fix, d.severity);
  }

  isUncertain(node: YNode): boolean {
    return isUncertain(node, this.input);
  }

  singleLine([s, e]: [number, number]): [number, number] {
    const text = this.input.parse;
    const nl = text.indexOf('\n', s);
    if (nl !== -1 && nl < e) {
      const end = text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      return [s, Math.max(end, s)];
    }
    return [s, e];
  }

  private push(
    range: [number, number],
    messageId: string,
    data: Record<string, string | number> | undefined,
    fix: FixInput | readonly FixInput[] | undefined,
    severity: Severity | undefined,
  ): void {
    const meta = this.rule.meta;
    const configured = configuredSeverity(this.config, meta.id);
    const finding = buildFinding(meta, messageId, data, configured ?? severity ?? this.input.plan.severity.get(meta.id) ?? meta.severity, range[0], range[1]);
    finding.object = objectRef(this.object);
    finding.locus = locusOf(this.object.root.node, range[0], range[1], this.input.original);
    if (this.input.options.withFixes && fix) {
      const fixes = this.buildFixes(Array.isArray(fix) ? (fix as readonly FixInput[]) : [fix as FixInput]);
      if (fixes.length > 0) finding.fixes = fixes;
    }
    this.result.findings.push(finding);
  }

  buildFixes(inputs: readonly FixInput[]): Fix[] {
    return buildFixes(this.rule.meta, this.fixSource(), inputs, this.result.ruleErrors);
  }
}
