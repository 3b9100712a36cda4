/** One document's analysis: what it is given, and what is cached of it (offsets relative to the document's start). */
import type { SourceStyle } from '../fix/emit';
import type { FileObject } from './rule';
import type { AnalyzeOptions, RuleError } from './options';
import type { RulePlan } from './plan';
import type { AnnotationSuppression } from './suppress';
import type { Finding } from './types';
import type { ObjectSummary } from './workspace';

/** Findings of one document, offsets relative to the document's start. */
export interface ChunkAnalysis {
  findings: Finding[];
  summaries: ObjectSummary[];
  annotations: AnnotationSuppression[];
  kubernetes: boolean;
  ruleErrors: RuleError[];
}

export interface ChunkInput {
  original: string;
  parse: string;
  regions: Array<[number, number]>;
  actionLines: number[];
  plan: RulePlan;
  options: AnalyzeOptions;
  style: () => SourceStyle;
  file: string;
  /** Objects of the file's other documents, parsed on demand; only while fixes are built. */
  otherObjects?: () => FileObject[];
}

const NONE: never[] = [];
Object.freeze(NONE);

/** A cached analysis shares one empty array for each empty list (most documents have no annotation, rule error, finding…). */
export function compact(analysis: ChunkAnalysis): ChunkAnalysis {
  if (analysis.findings.length === 0) analysis.findings = NONE;
  if (analysis.summaries.length === 0) analysis.summaries = NONE;
  if (analysis.annotations.length === 0) analysis.annotations = NONE;
  if (analysis.ruleErrors.length === 0) analysis.ruleErrors = NONE;
  return analysis;
}
