/**
 * Cross-document rules point at nodes and offer fixes through the tools that
 * `summarize` receives: ranges and edits relative to the object's start, so
 * they stay right when the document moves inside its file.
 */
import { describe, expect, it } from 'vitest';
import {
  applyEdits,
  atObject,
  defineRule,
  FileAnalyzer,
  fixesAtObject,
  resolveConfig,
  RULES,
  WorkspaceObjects,
  type WorkspaceFix,
} from '../../shared-rules/src/index';
import { yaml } from '../helpers/yaml-tag';

interface Data {
  range: [number, number];
  keyRange: [number, number];
  fixes: WorkspaceFix[];
}

const probe = defineRule({
  meta: {
    ...RULES[0]!.meta,
    id: 'probe-workspace',
    kinds: ['ConfigMap'],
    engine: false,
    messages: { found: 'ConfigMap "{{name}}" has a flag that another document decides about.' },
  },
  summarize(object, tools): Data | undefined {
    const flag = object.root.get('data')?.get('flag');
    if (!flag) return undefined;
    return {
      range: tools.rangeOf(flag),
      keyRange: tools.rangeOf(flag, 'key'),
      fixes: tools.fixes([{ title: 'Set flag to off', apply: (edit) => edit.setScalar(flag, 'off') }]),
    };
  },
  checkWorkspace(ctx) {
    const data = ctx.summary.data['probe-workspace'] as Data | undefined;
    if (!data) return;
    ctx.report({
      range: atObject(ctx.summary.start, data.range),
      messageId: 'found',
      data: { name: ctx.summary.name ?? '' },
      fix: fixesAtObject(ctx.summary.start, data.fixes),
    });
  },
});

const text = yaml`
  apiVersion: v1
  kind: ConfigMap
  metadata: { name: first }
  data: {}
  ---
  apiVersion: v1
  kind: ConfigMap
  metadata: { name: second }
  data:
    flag: "on"   # keep me
`;

function analyze(withFixes: boolean) {
  const config = resolveConfig();
  const workspace = new WorkspaceObjects(true);
  workspace.setFile('a.yaml', new FileAnalyzer().analyze(text, { rules: [probe], config, file: 'a.yaml' }).summaries);
  return new FileAnalyzer().analyze(text, { rules: [probe], config, file: 'a.yaml', workspace, withFixes });
}

describe('summarize tools', () => {
  it('gives ranges relative to the object, which checkWorkspace moves to file offsets', () => {
    const [finding] = analyze(false).findings;
    expect(finding).toBeDefined();
    expect(text.slice(finding!.start, finding!.end)).toBe('"on"');
    expect(finding!.messageId).toBe('found');
    expect(finding!.fixes).toBeUndefined();
    const summary = analyze(false).summaries.find((s) => s.name === 'second')!;
    const data = summary.data['probe-workspace'] as Data;
    expect(text.slice(...atObject(summary.start, data.keyRange))).toBe('flag');
  });

  it('builds fixes through the EditBuilder only when fixes are asked for', () => {
    const [finding] = analyze(true).findings;
    expect(finding!.fixes).toHaveLength(1);
    expect(applyEdits(text, finding!.fixes![0]!.edits)).toBe(text.replace('"on"', '"off"'));
  });
});
