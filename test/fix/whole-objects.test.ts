/**
 * Core additions for fixes that rewrite whole objects or edit other
 * documents of the file: EditBuilder.replaceObject / removeObject /
 * inDocument / commentsIn, and RuleContext.fileObjects.
 */
import { describe, expect, it } from 'vitest';
import {
  applyEdits,
  defineRule,
  FileAnalyzer,
  placeholder,
  resolveConfig,
  type EditBuilder,
  type Fix,
  type Rule,
  type RuleContext,
} from '../../shared-rules/src/index';
import { yaml } from '../helpers/yaml-tag';

const NEW_OBJECT = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: placeholder('<namespace>'), labels: { team: 'a' } } };

function probe(apply: (edit: EditBuilder, ctx: RuleContext) => void, kinds: readonly string[] = ['Old']): Rule {
  return defineRule({
    meta: {
      id: 'probe',
      title: 'probe rule',
      severity: 'error',
      category: 'kubeward',
      kinds,
      messages: { m: 'probe message that is long enough to pass the checks' },
      fix: { availability: 'always', applicability: 'unsafe' },
      docs: { rationale: '', remediation: '', invalid: '', valid: '' },
      references: {},
      since: '0.1.0',
    },
    check(ctx) {
      ctx.report({ messageId: 'm', fix: (edit) => apply(edit, ctx as RuleContext) });
    },
  }) as Rule;
}

function fixesOf(text: string, rule: Rule): Fix[] {
  const result = new FileAnalyzer().analyze(text, { rules: [rule], config: resolveConfig(), withFixes: true });
  expect(result.ruleErrors).toEqual([]);
  return result.findings.flatMap((f) => f.fixes ?? []);
}

function fixed(text: string, rule: Rule): string | undefined {
  const [fix] = fixesOf(text, rule);
  return fix ? applyEdits(text, fix.edits) : undefined;
}

describe('EditBuilder.replaceObject', () => {
  const replace = probe((edit, ctx) => edit.replaceObject(ctx.object.root, NEW_OBJECT));

  it('replaces a document object, keeps its comments above, and the other documents', () => {
    const text = yaml`
      apiVersion: v1
      kind: Keep
      ---
      # about the old object
      apiVersion: v1
      kind: Old  # deprecated
      spec:
        a: "# not a comment"
        b: |
          # not a comment either
        # a comment
        c: 1  # last
      ---
      apiVersion: v1
      kind: Keep
    `;
    expect(fixed(text, replace)).toBe(yaml`
      apiVersion: v1
      kind: Keep
      ---
      # about the old object
      # deprecated
      # a comment
      # last
      apiVersion: v1
      kind: Namespace
      metadata:
        name: <namespace>
        labels:
          team: a
      ---
      apiVersion: v1
      kind: Keep
    `);
  });

  it('keeps CRLF and 4-space indentation', () => {
    const text = yaml`
      apiVersion: v1
      kind: Old
      spec:
          a: 1
    `.replace(/\n/g, '\r\n');
    expect(fixed(text, replace)).toBe('apiVersion: v1\r\nkind: Namespace\r\nmetadata:\r\n    name: <namespace>\r\n    labels:\r\n        team: a\r\n');
  });

  it('replaces an item of a List at its column, block or flow', () => {
    const text = yaml`
      apiVersion: v1
      kind: List
      items:
        - apiVersion: v1
          kind: Old
          spec: {a: 1}
        - {apiVersion: v1, kind: Old}
    `;
    const [first, second] = fixesOf(text, replace);
    expect(applyEdits(text, first!.edits)).toBe(yaml`
      apiVersion: v1
      kind: List
      items:
        - apiVersion: v1
          kind: Namespace
          metadata:
            name: <namespace>
            labels:
              team: a
        - {apiVersion: v1, kind: Old}
    `);
    expect(applyEdits(text, second!.edits)).toBe(yaml`
      apiVersion: v1
      kind: List
      items:
        - apiVersion: v1
          kind: Old
          spec: {a: 1}
        - {apiVersion: v1, kind: Namespace, metadata: {name: <namespace>, labels: {team: a}}}
    `);
    expect(first!.placeholders).toEqual(['<namespace>']);
  });

  it('refuses to rewrite Helm template actions', () => {
    const text = yaml`
      apiVersion: v1
      kind: Old
      metadata:
        name: {{ .Release.Name }}
    `;
    expect(fixesOf(text, replace)).toEqual([]);
  });
});

describe('EditBuilder.removeObject', () => {
  const remove = probe((edit, ctx) => edit.removeObject(ctx.object.root));

  it('removes the document with its marker', () => {
    const text = 'apiVersion: v1\nkind: Keep\n---\napiVersion: v1\nkind: Old\n---\napiVersion: v1\nkind: Keep\n';
    expect(fixed(text, remove)).toBe('apiVersion: v1\nkind: Keep\n---\napiVersion: v1\nkind: Keep\n');
    expect(fixed('apiVersion: v1\nkind: Old\n---\nkind: Keep\napiVersion: v1\n', remove)).toBe('---\nkind: Keep\napiVersion: v1\n');
  });

  it('keeps comments, outside and inside the object', () => {
    const text = '---\n# header\napiVersion: v1\nkind: Old  # gone\nspec: {}\n---\napiVersion: v1\nkind: Keep\n';
    expect(fixed(text, remove)).toBe('---\n# header\n# gone\n---\napiVersion: v1\nkind: Keep\n');
  });

  it('refuses items of a List', () => {
    expect(fixesOf('apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: Old}\n', remove)).toEqual([]);
  });
});

describe('RuleContext.fileObjects and EditBuilder.inDocument', () => {
  const label = probe((edit, ctx) => {
    for (const { object, document } of ctx.fileObjects(['Namespace'])) {
      edit.inDocument(document).setIn(object.root, ['metadata', 'labels', 'owner'], placeholder('<team>'));
    }
  });

  it('edits objects in other documents, before and after, at their file offsets', () => {
    const text = yaml`
      apiVersion: v1
      kind: Namespace
      metadata:
        name: a
      ---
      apiVersion: v1
      kind: Old
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: c}
      ---
      apiVersion: v1
      kind: Namespace
      metadata: {name: b, labels: {x: y}}
    `;
    const [fix] = fixesOf(text, label);
    expect(fix!.placeholders).toEqual(['<team>']);
    expect(applyEdits(text, fix!.edits)).toBe(yaml`
      apiVersion: v1
      kind: Namespace
      metadata:
        name: a
        labels:
          owner: <team>
      ---
      apiVersion: v1
      kind: Old
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: c}
      ---
      apiVersion: v1
      kind: Namespace
      metadata: {name: b, labels: {x: y, owner: <team>}}
    `);
  });

  it('sees the other items of the same List', () => {
    const text = yaml`
      apiVersion: v1
      kind: List
      items:
        - {apiVersion: v1, kind: Old}
        - apiVersion: v1
          kind: Namespace
          metadata: {name: a}
    `;
    expect(fixed(text, label)).toBe(yaml`
      apiVersion: v1
      kind: List
      items:
        - {apiVersion: v1, kind: Old}
        - apiVersion: v1
          kind: Namespace
          metadata: {name: a, labels: {owner: <team>}}
    `);
  });

  it('is empty when no fixes are built, so findings never depend on other documents', () => {
    let seen = -1;
    const rule = probe(() => undefined);
    const counting: Rule = { ...rule, check: (ctx) => void (seen = ctx.fileObjects().length) };
    new FileAnalyzer().analyze('apiVersion: v1\nkind: Old\n---\napiVersion: v1\nkind: Namespace\n', { rules: [counting], config: resolveConfig() });
    expect(seen).toBe(0);
    new FileAnalyzer().analyze('apiVersion: v1\nkind: Old\n---\napiVersion: v1\nkind: Namespace\n', {
      rules: [counting],
      config: resolveConfig(),
      withFixes: true,
    });
    expect(seen).toBe(1);
  });

  it('skips documents that do not parse', () => {
    const text = 'apiVersion: v1\nkind: Old\n---\napiVersion: v1\nkind: Namespace\nmetadata: [\n';
    expect(fixesOf(text, label)).toEqual([]);
  });
});
