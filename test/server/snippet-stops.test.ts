/**
 * Snippet tab stops in a multi-edit fix: VS Code links tab stops of the same number across the
 * snippet edits of one change, so each placeholder needs its own number (an RBAC rule entry's
 * three wildcards each got "<api-group>" when all three were $1).
 */
import { describe, expect, it } from 'vitest';
import { toWorkspaceEdit } from '../../server/src/codeActions';
import { LineIndex } from '../../shared-rules/src/index';

describe('snippet edits of one fix', () => {
  it('number the tab stops across the edits, so no two placeholders are linked', () => {
    const text = 'rules:\n  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["*"]\n';
    const at = (line: number) => text.split('\n').slice(0, line).join('\n').length + 1 + text.split('\n')[line]!.indexOf('*');
    const edits = [
      { start: at(1), end: at(1) + 1, text: '<api-group>' },
      { start: at(2), end: at(2) + 1, text: '<resource>' },
      { start: at(3), end: at(3) + 1, text: '<verb>' },
    ];
    const features = { documentChanges: true, snippetEdits: true } as Parameters<typeof toWorkspaceEdit>[0];
    const edit = toWorkspaceEdit(features, 'file:///r.yaml', 1, new LineIndex(text), edits, ['<api-group>', '<resource>', '<verb>']);
    const values = (edit.documentChanges![0] as { edits: Array<{ snippet?: { value: string } }> }).edits.map((e) => e.snippet?.value);
    expect(values).toEqual(['${1:<api-group>}', '${2:<resource>}', '${3:<verb>}']);
  });
});
