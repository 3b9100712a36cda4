/** What the engine does not analyse: files above maxFileSize, binary files. */
import type { LineIndex } from '../text/line-index';
import { buildFinding } from './findings';
import type { RulePlan } from './plan';
import { looksLikeManifest } from './syntax';
import type { Finding } from './types';

/** The `analysis-skipped` finding of a file above the size limit (undefined when it is no manifest, or the rule is off). */
export function oversizeFinding(text: string, maxFileSize: number, plan: RulePlan, lines: LineIndex): Finding | undefined {
  if (!looksLikeManifest(text.slice(0, 65536)) || !plan.active.has('analysis-skipped')) return undefined;
  const data = { size: (text.length / 1048576).toFixed(1), limit: (maxFileSize / 1048576).toFixed(1) };
  return buildFinding(plan.meta.get('analysis-skipped')!, 'file', data, plan.severity.get('analysis-skipped') ?? 'info', 0, lines.lineEnd(0));
}

/** Binary junk: NUL bytes or mostly control characters in the first 8 KB. */
export function isBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  if (sample.includes('\u0000')) return true;
  // Text files have no control character at all: one native scan decides most files.
  if (!/[\x01-\x08\x0b\x0c\x0e-\x1f\ufffd]/.test(sample)) return false;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1;
}
