/** Findings about the text itself: YAML syntax errors, duplicate keys, documents that cannot be parsed. */
import { isAlias, isMap, isPair, isScalar, isSeq, YAMLParseError, type Document } from 'yaml';
import { buildFinding } from './findings';
import type { RulePlan } from './plan';
import type { Finding, Severity } from './types';

export function looksLikeManifest(text: string): boolean {
  return /^apiVersion[ \t]*:/m.test(text) && /^kind[ \t]*:/m.test(text);
}

/**
 * One `analysis-skipped` finding on the first line of a document (`parse`,
 * masked) that could not be parsed, when `text` (the document or the part of
 * it that failed) looks like a manifest and the rule is active.
 */
export function skippedDocument(plan: RulePlan, parse: string, text: string, reason: string): Finding | undefined {
  if (!looksLikeManifest(text) || !plan.active.has('analysis-skipped')) return undefined;
  const firstLine = parse.indexOf('\n');
  return buildFinding(
    plan.meta.get('analysis-skipped')!,
    'document',
    { reason },
    plan.severity.get('analysis-skipped') ?? 'info',
    0,
    Math.min(firstLine === -1 ? parse.length : firstLine, 200),
  );
}

/**
 * DUPLICATE_KEY errors as yaml's `uniqueKeys` finds them (a later scalar
 * key equal to an earlier one of the same map), found with one Set per map
 * and placed on the whole repeated key: yaml's check, and a search for the
 * key of each duplicate, were both quadratic.
 * An explicit stack: documents can nest deeper than the call stack allows.
 */
export function duplicateKeyErrors(doc: Document.Parsed): YAMLParseError[] {
  const out: YAMLParseError[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key) && typeof key.value !== 'symbol') {
          if (seen.has(key.value) && key.range) out.push(new YAMLParseError([key.range[0], key.range[1]], 'DUPLICATE_KEY', 'Map keys must be unique'));
          seen.add(key.value);
        }
        if (key && !isScalar(key) && !isAlias(key)) stack.push(key);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(isPair(item) ? item.value : item);
    }
  }
  return out.sort((a, b) => a.pos[0] - b.pos[0]);
}

function cleanMessage(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** A `yaml-syntax` finding on `pos`: at least one character, within the document (`length`). */
function syntaxFinding(plan: RulePlan, pos: [number, number], messageId: string, data: Record<string, string>, severity: Severity, length: number): Finding {
  const [s, e] = pos;
  return buildFinding(plan.meta.get('yaml-syntax')!, messageId, data, severity, Math.min(s, length), Math.min(Math.max(e, s + 1), length));
}

/**
 * The syntax findings of a broken document (the rule must be active): one for
 * its first fatal error (later ones are usually its echo), one per duplicate key.
 */
export function syntaxFindings(plan: RulePlan, parse: string, fatal: readonly YAMLParseError[], duplicates: readonly YAMLParseError[]): Finding[] {
  const out: Finding[] = [];
  const first = fatal[0];
  if (first)
    out.push(syntaxFinding(plan, first.pos, 'syntax', { detail: cleanMessage(first.message) }, plan.severity.get('yaml-syntax') ?? 'error', parse.length));
  // Duplicate keys parse here (the last one wins) though kubectl and Helm refuse them: each is reported and the document still analysed.
  for (const d of duplicates) {
    // duplicateKeyErrors places each on the whole repeated key.
    const key = parse.slice(d.pos[0], d.pos[1]).split(/[:\n]/)[0]!.trim();
    out.push(
      key
        ? syntaxFinding(plan, d.pos, 'duplicateKey', { key }, 'warning', parse.length)
        : syntaxFinding(plan, d.pos, 'duplicateUnnamedKey', {}, 'warning', parse.length),
    );
  }
  return out;
}
