/**
 * Edits that suppress a finding, for the editor's "Ignore <rule> for this
 * line" and "Ignore <rule> for this resource" actions:
 * - a `# kubeward-disable-next-line <rule> -- <reason>` comment above the
 *   line, at that line's indentation (or the rule added to such a comment
 *   that is already there);
 * - an `ignore.kubeward.io/<rule>: "<reason>"` annotation on the object,
 *   written by the EditBuilder in the file's own style.
 */
import { ANNOTATION_PREFIX, parseDirectives, type CommentDirective } from '../engine/suppress';
import { applyEdits, shiftEdits, type Edit, type Fix } from '../fix/edit';
import { EditBuilder, NoFix } from '../fix/edit-builder';
import { detectStyle, quoted } from '../fix/emit';
import { objectAt } from '../k8s/locate';
import { detectEol, LineIndex } from '../text/line-index';

/** The text users replace with their reason. */
export const REASON_PLACEHOLDER = '<reason>';

/**
 * The edit that suppresses `ruleId` on the line holding `offset`: a new
 * comment line above it, or `, <rule>` added to the disable-next-line comment
 * that already targets that line.
 */
export function disableNextLineEdit(text: string, offset: number, ruleId: string, reason = REASON_PLACEHOLDER, lines = new LineIndex(text)): Edit {
  const line = lines.positionAt(offset).line;
  const lineStart = lines.lineStart(line);
  let directives: CommentDirective[] | undefined;
  // A directive applies to the next line that is neither blank nor a comment.
  for (let l = line - 1; l >= 0; l--) {
    const lineText = lines.lineText(l);
    if (/^\s*$/.test(lineText)) continue;
    if (!/^\s*#/.test(lineText)) break;
    // The engine's own parser: an edit never extends a comment the engine would not read.
    const directive = (directives ??= parseDirectives(text, lines)).find((d) => d.line === l);
    if (directive?.type !== 'disable-next-line') continue;
    const ranges = directive.ruleRanges ?? [];
    if (directive.rules.length === 0 || ranges.length === 0) break; // covers every rule already; add a line of our own
    const at = ranges[ranges.length - 1]![1];
    return { start: at, end: at, text: `, ${ruleId}` };
  }
  const indent = /^[ \t]*/.exec(lines.lineText(line))![0];
  return { start: lineStart, end: lineStart, text: `${indent}# kubeward-disable-next-line ${ruleId} -- ${reason}${detectEol(text)}` };
}

/**
 * Adds `ignore.kubeward.io/<rule>: "<reason>"` to the annotations of the
 * object holding `offset`. Undefined when there is no object there, the
 * annotation exists already, or the edit cannot be made safely (Helm, aliases).
 */
export function annotationSuppressionFix(text: string, offset: number, ruleId: string, reason = REASON_PLACEHOLDER): Fix | undefined {
  const found = objectAt(text, offset);
  if (!found) return undefined;
  const { object, chunk, regions, original } = found;
  const builder = new EditBuilder({ text: original, templateRegions: regions, style: detectStyle(text, detectEol(text)) });
  try {
    builder.setIn(object.root, ['metadata', 'annotations', `${ANNOTATION_PREFIX}${ruleId}`], quoted(reason));
    const edits = builder.build();
    if (edits.length === 0 || applyEdits(original, edits) === original) return undefined;
    const fix: Fix = { title: `Ignore ${ruleId} for this resource`, applicability: 'display-only', edits: shiftEdits(edits, chunk.start) };
    if (reason === REASON_PLACEHOLDER) fix.placeholders = [REASON_PLACEHOLDER];
    return fix;
  } catch (error) {
    if (error instanceof NoFix) return undefined;
    throw error;
  }
}
