/** What an analysis takes and gives back, apart from the code that runs it (analyze.ts). */
import type { LineIndex } from '../text/line-index';
import type { SourceMap } from '../yaml/source-map';
import type { ResolvedConfig } from './config';
import type { ExceptionScope } from './exceptions';
import type { Rule } from './rule';
import type { Finding } from './types';
import type { ObjectSummary, WorkspaceIndex } from './workspace';

export interface AnalyzeOptions {
  config: ResolvedConfig;
  rules: readonly Rule[];
  /** How the file is named in summaries (a path or a URI). */
  file?: string;
  /** The file is a Kustomize patch: missing fields are not findings. */
  partial?: boolean;
  /**
   * Every object of the workspace, for cross-document rules. A function is
   * called with this file's summaries once its documents are analysed (to
   * update the index in the same analysis) and returns the index.
   */
  workspace?: WorkspaceIndex | ((summaries: readonly ObjectSummary[]) => WorkspaceIndex | undefined);
  /** Compute fixes (CLI --fix, code actions). */
  withFixes?: boolean;
  /** Only documents overlapping this range (for code actions); no caching. */
  range?: [number, number];
  /**
   * Analysis shared with other threads: called for each document the cache
   * lacks, with its index in the file; false when another thread analyses it.
   * Such a pass only fills the cache (its result has no findings): hand the
   * other threads' analyses over with `exportCache`/`importCache` and
   * analyse again, all from the cache.
   */
  claim?: (documentIndex: number) => boolean;
  /**
   * The text is virtual (a rendered Helm template, a Kustomize build): each
   * finding gets `source`, its range in the real file it maps to. Absent for
   * a file analysed as written (the identity).
   */
  sourceMap?: SourceMap;
  /** Where the file is, for the scopes of `.kubeward.yaml` exceptions (path relative to it, chart or overlay). */
  scope?: ExceptionScope;
}

/** Cached document analyses, to hand from one thread's FileAnalyzer to another's (structured-clone safe). */
export interface CachedDocuments {
  fingerprint: string;
  entries: Array<[key: string, analysis: unknown]>;
}

export interface RuleError {
  ruleId: string;
  message: string;
}

export interface FileResult {
  findings: Finding[];
  summaries: ObjectSummary[];
  /** At least one Kubernetes object (or a broken document that looks like one). */
  kubernetes: boolean;
  lines: LineIndex;
  documentCount: number;
  /** Rules that threw; their other findings are kept, the engine goes on. */
  ruleErrors: RuleError[];
  /** Documents parsed anew (not reused from the cache) in this run. */
  parsedDocuments: number;
}
