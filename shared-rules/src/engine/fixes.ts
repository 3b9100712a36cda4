/** Fixes of a finding: each FixInput run through a fresh EditBuilder, kept when it changes the text. */
import { applyEdits, type Applicability, type Fix } from '../fix/edit';
import { EditBuilder, NoFix, type FixSource } from '../fix/edit-builder';
import type { RuleError } from './options';
import type { FixInput, RuleMeta } from './rule';

/** A fix that throws NoFix is dropped quietly; any other error is the rule's, reported in `ruleErrors`. */
export function buildFixes(meta: RuleMeta, source: FixSource, inputs: readonly FixInput[], ruleErrors: RuleError[]): Fix[] {
  const out: Fix[] = [];
  inputs.forEach((input, i) => {
    const spec = typeof input === 'function' ? { apply: input } : input;
    const builder = new EditBuilder(source);
    try {
      spec.apply(builder);
      const edits = builder.build();
      if (edits.length === 0) return;
      // Applying must actually change the text (edits in other documents always do).
      const local = edits.every((e) => e.start >= 0 && e.end <= source.text.length);
      if (local && applyEdits(source.text, edits) === source.text) return;
      let applicability: Applicability = spec.applicability ?? meta.fix.applicability ?? 'unsafe';
      if (applicability === 'safe' && (builder.removesComments || builder.placeholders.length > 0)) applicability = 'unsafe';
      const title = spec.title ?? meta.fix.title ?? `Fix ${meta.id}`;
      const fix: Fix = { title, applicability, edits, preferred: spec.preferred ?? i === 0 };
      if (builder.placeholders.length > 0) fix.placeholders = [...new Set(builder.placeholders)];
      out.push(fix);
    } catch (error) {
      if (!(error instanceof NoFix)) ruleErrors.push({ ruleId: meta.id, message: `fix failed: ${String(error)}` });
    }
  });
  return out;
}
