/**
 * Core additions used by workspace rules: `summarize` gets the document's text,
 * the file's style, `isUncertain` and an EditBuilder; workspace findings carry
 * their messageId, the deprecated tag and fix placeholders; a trailing Helm
 * action line makes the document's last key uncertain.
 */
import { describe, expect, it } from 'vitest';
import { defineRule, FileAnalyzer, resolveConfig, WorkspaceObjects, type Rule, type WorkspaceFix } from '../../shared-rules/src/index';
import { yaml } from '../helpers/yaml-tag';

interface Probe {
  uncertainLast: boolean;
  indentUnit: number;
  eol: string;
  /** Edit prepared with the builder, offsets relative to the object. */
  edit: { start: number; end: number; text: string };
  nameAt: number;
}

const probe = defineRule({
  meta: {
    id: 'probe',
    title: 'Probe rule for the engine',
    severity: 'info',
    category: 'kubeward',
    kinds: ['ConfigMap'],
    deprecation: true,
    messages: { seen: 'ConfigMap "{{name}}" was seen by the workspace pass with its summary intact.' },
    fix: { availability: 'always', applicability: 'unsafe' },
    docs: { rationale: '', remediation: '', invalid: '', valid: '' },
    references: {},
    since: '0.1.0',
  },
  summarize(object, source): Probe | undefined {
    if (object.kind !== 'ConfigMap') return undefined;
    const data = object.root.get('data')!;
    const last = data.entries().at(-1)![1]!;
    const builder = source.edit();
    builder.setIn(data, ['added'], 'yes-it-is');
    const [edit] = builder.build();
    const base = object.root.range[0];
    const name = object.metadata!.get('name')!;
    return {
      uncertainLast: source.isUncertain(last),
      indentUnit: source.style.indentUnit,
      eol: source.style.eol,
      edit: { start: edit!.start - base, end: edit!.end - base, text: edit!.text },
      nameAt: name.range[0] - base,
    };
  },
  checkWorkspace(ctx) {
    const p = ctx.summary.data['probe'] as Probe;
    const at = ctx.summary.start + p.nameAt;
    const fix: WorkspaceFix = {
      title: 'Add a key',
      applicability: 'unsafe',
      edits: [{ start: ctx.summary.start + p.edit.start, end: ctx.summary.start + p.edit.end, text: p.edit.text }],
      placeholders: ['yes-it-is'],
    };
    ctx.report({ range: [at, at + 1], messageId: 'seen', data: { name: ctx.summary.name ?? '' }, fix: [fix] });
  },
}) as Rule;

function run(text: string) {
  const config = resolveConfig();
  const index = new WorkspaceObjects(true);
  const first = new FileAnalyzer().analyze(text, { rules: [probe], config, file: 'a.yaml' });
  index.setFile('a.yaml', first.summaries);
  return { first, second: new FileAnalyzer().analyze(text, { rules: [probe], config, file: 'a.yaml', workspace: index, withFixes: true }) };
}

describe('workspace rule plumbing', () => {
  const text = yaml`
    apiVersion: v1
    kind: Secret
    metadata: { name: other }
    ---
    apiVersion: v1
    kind: ConfigMap
    metadata:
        name: cm
    data:
        a: "1"
        last:
    {{- toYaml .Values.extra | nindent 8 }}
  `;

  it('summarize sees the file style, uncertainty of a trailing action line, and can prepare edits', () => {
    const { first } = run(text);
    const summary = first.summaries.find((s) => s.kind === 'ConfigMap')!;
    const p = summary.data['probe'] as Probe;
    expect(p.uncertainLast).toBe(true);
    expect(p.indentUnit).toBe(4);
    expect(p.eol).toBe('\n');
    expect(text.slice(summary.start + p.nameAt, summary.start + p.nameAt + 2)).toBe('cm');
  });

  it('workspace findings carry messageId, deprecated and placeholders; prepared edits land in the file', () => {
    const { second } = run(text);
    const [finding] = second.findings.filter((f) => f.ruleId === 'probe');
    expect(finding).toMatchObject({ messageId: 'seen', deprecated: true, message: expect.stringContaining('ConfigMap "cm"') });
    expect(text.slice(finding!.start, finding!.end)).toBe('c');
    const fix = finding!.fixes![0]!;
    expect(fix.placeholders).toEqual(['yes-it-is']);
    const e = fix.edits[0]!;
    expect(text.slice(0, e.start) + e.text + text.slice(e.end)).toContain('    last:\n    added: yes-it-is\n{{-');
  });

  it('a last key without a trailing action line is certain', () => {
    const { first } = run(text.replace(/\{\{.*\n/, ''));
    const p = first.summaries.find((s) => s.kind === 'ConfigMap')!.data['probe'] as Probe;
    expect(p.uncertainLast).toBe(false);
  });
});

describe('isUncertain sees Helm action lines that may fill a key', () => {
  const seen: boolean[] = [];
  const probeItems = defineRule({
    meta: { ...probe.meta, id: 'probe-items', kinds: ['ConfigMap'], deprecation: false },
    check(ctx) {
      for (const item of ctx.object.root.get('items')?.items() ?? []) seen.push(ctx.isUncertain(item.get('last')!));
    },
  }) as Rule;

  it('between one sequence item and the next', () => {
    seen.length = 0;
    const text = yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata: { name: cm }
      items:
        - name: a
          last:
            {{- toYaml .Values.a | nindent 6 }}
        - name: b
          last:
        - name: c
          last:
      {{- if .Values.more }}
    `;
    new FileAnalyzer().analyze(text, { rules: [probeItems], config: resolveConfig() });
    // The trailing `if` line prints nothing by itself: it cannot fill item c.
    expect(seen).toEqual([true, false, false]);
  });
});
