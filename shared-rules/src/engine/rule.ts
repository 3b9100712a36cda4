/**
 * What a rule is: one module with metadata and a check, like ESLint's rules
 * and ruff's violations. Metadata is the single source for docs pages, the
 * README table, `--list-rules`, SARIF rule descriptors and code action titles.
 */
import type { EditBuilder, FixDocument } from '../fix/edit-builder';
import type { Applicability } from '../fix/edit';
import type { SourceStyle } from '../fix/emit';
import type { K8sObject } from '../k8s/objects';
import type { YNode } from '../yaml/nav';
import type { ResolvedConfig } from './config';
import type { Category, FixAvailability, PeerTool, Profile, Severity } from './types';
import type { ObjectSummary, WorkspaceIndex } from './workspace';

export interface RuleDocs {
  /** Why this matters, in a paragraph or two (markdown). */
  rationale: string;
  /** What to do about it (markdown). */
  remediation: string;
  /** A manifest that the rule flags. */
  invalid: string;
  /** The same manifest, fixed: the rule stays silent on it. */
  valid: string;
  /**
   * A `.kubeward.yaml` under which both examples hold, when the rule needs
   * settings (an allowlist). Profiles and opt-in are implied by the metadata.
   */
  config?: string;
  notes?: string;
}

export interface RuleMeta<M extends string = string> {
  /** kebab-case, equal to the file name, stable forever. */
  id: string;
  /** Sentence case, says what is wrong: "Ingress serves plain HTTP". */
  title: string;
  severity: Severity;
  category: Category;
  /** Kinds the rule examines; '*' for every object. */
  kinds: readonly string[] | '*';
  /** Pod-security rules run only under these profiles (absent: always). */
  profiles?: readonly Profile[];
  /** Off unless `.kubeward.yaml` or settings turn it on (noisy or context-dependent checks). */
  optIn?: boolean;
  /** Flags a removed API or annotation: editors strike it through. */
  deprecation?: boolean;
  /** What, why and what to do; `{{name}}` placeholders. */
  messages: Record<M, string>;
  fix: { availability: FixAvailability; applicability?: Applicability; title?: string };
  docs: RuleDocs;
  references: {
    peers?: Partial<Record<PeerTool, string | readonly string[]>>;
    urls?: readonly string[];
  };
  /** Version the rule appeared in. */
  since: string;
  /** Engine-produced findings (yaml-syntax, unused-suppression): no object check. */
  engine?: boolean;
}

/** One fix of a finding. A bare function uses the rule's fix title and applicability. */
export interface FixSpec {
  title?: string;
  applicability?: Applicability;
  preferred?: boolean;
  apply(edit: EditBuilder): void;
}
export type FixInput = FixSpec | ((edit: EditBuilder) => void);

export interface ReportDescriptor<M extends string> {
  /** The node at fault. Its value range is flagged unless `at` says otherwise. */
  node?: YNode;
  /** 'key' flags the key a value sits under (a forbidden key). */
  at?: 'value' | 'key';
  /** Explicit chunk-relative range, when no node fits. */
  range?: [number, number];
  messageId: M;
  data?: Record<string, string | number>;
  fix?: FixInput | readonly FixInput[];
  /** Overrides the rule's default severity for this finding (a worse variant). */
  severity?: Severity;
}

export interface MissingDescriptor<M extends string> {
  /** The nearest existing parent of the missing field. */
  parent: YNode;
  messageId: M;
  data?: Record<string, string | number>;
  fix?: FixInput | readonly FixInput[];
  severity?: Severity;
}

export interface RuleContext<M extends string = string> {
  readonly object: K8sObject;
  readonly config: ResolvedConfig;
  /** This file is a Kustomize patch: it may omit any field on purpose. */
  readonly partial: boolean;
  report(descriptor: ReportDescriptor<M>): void;
  /**
   * Reports a field that should exist but does not. Stays silent where the
   * field may be supplied elsewhere: a Kustomize patch, a Helm action line
   * or a merge key inside `parent`.
   */
  reportMissing(descriptor: MissingDescriptor<M>): void;
  /** True when `node` may hold keys we cannot see (templates, merges, patches). */
  isUncertain(node: YNode): boolean;
  /** Original source text of a node (Helm actions intact). */
  sourceOf(node: YNode): string;
  /**
   * The file's other objects of these kinds (all kinds when omitted): the
   * other items of this List and the objects of the other documents, for
   * fixes that must edit them too (`edit.inDocument(found.document)`).
   * Empty unless fixes are being built: findings are cached per document,
   * so a finding itself may never depend on another document.
   */
  fileObjects(kinds?: readonly string[]): FileObject[];
}

/** An object elsewhere in the file, and the document it lives in. */
export interface FileObject {
  object: K8sObject;
  document: FixDocument;
}

export interface Rule<M extends string = string> {
  meta: RuleMeta<M>;
  /** Runs once per Kubernetes object whose kind matches `meta.kinds`. */
  check?(ctx: RuleContext<M>): void;
  /**
   * Cross-document rules: a small, cacheable summary of each object, and a
   * check over one object's summary with the whole workspace in view. Only
   * these see other documents, so per-document results stay cacheable by content.
   */
  summarize?(object: K8sObject, source: SummarizeContext): unknown;
  checkWorkspace?(ctx: WorkspaceRuleContext<M>): void;
}

/**
 * What `summarize` may use besides the object: enough to prepare the text of
 * a workspace fix while the document's AST is at hand. Offsets are into
 * `text`, the document's own chunk (as node ranges are); keep them relative
 * to `object.root.range[0]` in a summary, since summaries move with their document.
 */
/**
 * What `summarize` may use besides the object, so a cross-document rule can
 * point at a node and offer a fix built by the EditBuilder. Offsets from
 * `rangeOf` and `fixes` are relative to the object's start: add `summary.start`
 * in `checkWorkspace` (`atObject`, `fixesAtObject`).
 */
export interface SummarizeContext {
  /** The configuration of the analysis (summaries are cached per configuration). */
  readonly config: ResolvedConfig;
  /** Range of a node (its key with `at: 'key'`), on one line, relative to the object's start. */
  rangeOf(node: YNode, at?: 'value' | 'key'): [number, number];
  /** Fixes built now through the EditBuilder (relative offsets); empty unless the analysis computes fixes. */
  fixes(inputs: readonly FixInput[]): WorkspaceFix[];
  /** The document's text, Helm actions intact. */
  readonly text: string;
  /** The file's indentation, sequence style and line break, for inserted text. */
  readonly style: SourceStyle;
  /** True when `node` may hold keys we cannot see (templates, merges, patches), as in RuleContext. */
  isUncertain(node: YNode): boolean;
  /** A fresh EditBuilder over the document, to prepare edits (offsets into `text`). */
  edit(): EditBuilder;
}

export interface WorkspaceRuleContext<M extends string = string> {
  readonly summary: ObjectSummary;
  readonly index: WorkspaceIndex;
  readonly config: ResolvedConfig;
  /**
   * `fix` may be a function: it is called only when the analysis computes
   * fixes, so building the text of a fix costs nothing on every keystroke.
   */
  report(descriptor: {
    range: [number, number];
    messageId: M;
    data?: Record<string, string | number>;
    fix?: readonly WorkspaceFix[] | (() => readonly WorkspaceFix[]);
    severity?: Severity;
  }): void;
}

/** A fix computed from summaries alone (offsets are the file's). */
export interface WorkspaceFix {
  title: string;
  applicability: Applicability;
  preferred?: boolean;
  edits: Array<{ start: number; end: number; text: string }>;
  /** Placeholder texts inside the edits that the user must replace. */
  placeholders?: string[];
}

/** A summarized range or fix moved to file offsets (`summary.start` is the object's start). */
export function atObject(start: number, range: readonly [number, number]): [number, number] {
  return [range[0] + start, range[1] + start];
}
export function fixesAtObject(start: number, fixes: readonly WorkspaceFix[] | undefined): WorkspaceFix[] {
  return (fixes ?? []).map((f) => ({ ...f, edits: f.edits.map((e) => ({ start: e.start + start, end: e.end + start, text: e.text })) }));
}

/** Infers message ids, so a typo in `messageId` is a type error. */
export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}
