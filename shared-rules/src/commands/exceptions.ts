/**
 * The edit behind the editor's "Add an exception to .kubeward.yaml": a new
 * entry of `exceptions:` with the finding's scope filled in (the object, the
 * container, the file relative to .kubeward.yaml) and the reason left for the
 * user to write, made by the EditBuilder in the configuration file's style.
 */
import { parseDocument } from 'yaml';
import { containerOf } from '../engine/exceptions';
import type { Finding } from '../engine/types';
import { applyEdits, type Fix } from '../fix/edit';
import { EditBuilder, NoFix } from '../fix/edit-builder';
import { DEFAULT_STYLE, detectStyle, placeholder, quoted, type EmitValue } from '../fix/emit';
import { YNode } from '../yaml/nav';
import { detectEol } from '../text/line-index';
import { REASON_PLACEHOLDER } from './suppressions';

/** `kind/namespace/name`, or `kind/name` for an object without a namespace (any namespace). */
export function objectPattern(object: NonNullable<Finding['object']>): string | undefined {
  if (!object.name) return undefined;
  return object.namespace ? `${object.kind}/${object.namespace}/${object.name}` : `${object.kind}/${object.name}`;
}

/**
 * The fix that adds an exception for `finding` to the configuration text
 * (`configText`, possibly empty); `path` is the manifest relative to the
 * configuration file's folder. Undefined when the file cannot take one
 * (not a mapping, `exceptions` not a block list).
 */
export function addExceptionFix(configText: string, finding: Finding, path: string | undefined): Fix | undefined {
  const entry: Record<string, EmitValue> = { rule: finding.ruleId, reason: placeholder(REASON_PLACEHOLDER) };
  const object = finding.object && objectPattern(finding.object);
  if (object) entry.objects = [quoted(object)];
  const container = containerOf(finding.locus?.path);
  if (container) entry.containers = [quoted(container)];
  if (path) entry.paths = [quoted(path)];
  const title = `Add an exception to .kubeward.yaml`;
  let doc;
  try {
    doc = parseDocument(configText, { prettyErrors: false });
  } catch {
    return undefined;
  }
  if (doc.errors.length > 0) return undefined;
  const style = configText.trim() ? detectStyle(configText, detectEol(configText)) : DEFAULT_STYLE;
  const builder = new EditBuilder({ text: configText, templateRegions: [], style });
  const root = YNode.root(doc.contents, { doc, templateRegions: [] });
  try {
    if (!root || root.isNull) {
      // An empty file (or only comments): the list starts at its end.
      const eol = detectEol(configText);
      const lead = configText.length > 0 && !configText.endsWith('\n') ? eol : '';
      const lines = [`exceptions:`, `  - rule: ${finding.ruleId}`, `    reason: ${REASON_PLACEHOLDER}`];
      // As the EditBuilder writes them in a file that has settings.
      if (object) lines.push('    objects:', `      - ${JSON.stringify(object)}`);
      if (container) lines.push('    containers:', `      - ${JSON.stringify(container)}`);
      if (path) lines.push('    paths:', `      - ${JSON.stringify(path)}`);
      builder.insert(configText.length, `${lead}${lines.join(eol)}${eol}`);
    } else {
      if (!root.isMap) return undefined;
      const list = root.get('exceptions');
      if (!list || list.isNull) builder.setIn(root, ['exceptions'], [entry], { overwrite: true });
      else if (list.isSeq && !list.isFlow) builder.appendItem(list, entry);
      else return undefined;
    }
    const edits = builder.build();
    if (edits.length === 0 || applyEdits(configText, edits) === configText) return undefined;
    return { title, applicability: 'display-only', edits, placeholders: [REASON_PLACEHOLDER] };
  } catch (error) {
    if (error instanceof NoFix) return undefined;
    throw error;
  }
}
