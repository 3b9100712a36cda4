/** The editor's suppression edits, the object locator and isRuleActive, on the engine alone. */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import {
  annotationSuppressionFix,
  applyEdits,
  disableNextLineEdit,
  configuredSeverity,
  isRuleActive,
  lint,
  objectAt,
  resolveConfig,
  RULES_BY_ID,
  type Rule,
} from '../../shared-rules/src/index';
import { yaml } from '../helpers/yaml-tag';

const POD = yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: web # the web pod
  spec:
    containers:
      - name: web
        image: nginx:1.27
        securityContext:
          privileged: true # needed?
`;

function privilegedOffset(text: string): number {
  const finding = lint(text).findings.find((f) => f.ruleId === 'pod-privileged');
  expect(finding).toBeDefined();
  return finding!.start;
}

function parses(text: string): boolean {
  return parseAllDocuments(text).every((d) => d.errors.length === 0);
}

describe('disableNextLineEdit', () => {
  it('inserts a directive above the line, at its indentation, and the finding is gone', () => {
    const out = applyEdits(POD, [disableNextLineEdit(POD, privilegedOffset(POD), 'pod-privileged')]);
    expect(out).toBe(POD.replace('        privileged: true', '        # kubeward-disable-next-line pod-privileged -- <reason>\n        privileged: true'));
    expect(lint(out).findings.filter((f) => f.ruleId === 'pod-privileged')).toEqual([]);
    expect(parses(out)).toBe(true);
  });

  it('adds the rule to a directive that already targets the line', () => {
    const text = POD.replace('        privileged: true', '        # kubeward-disable-next-line ingress-tls-missing -- legacy\n        privileged: true');
    const out = applyEdits(text, [disableNextLineEdit(text, privilegedOffset(text), 'pod-privileged')]);
    expect(out).toContain('# kubeward-disable-next-line ingress-tls-missing, pod-privileged -- legacy\n');
    expect(lint(out).findings.filter((f) => f.ruleId === 'pod-privileged')).toEqual([]);
  });

  it('keeps CRLF line ends and a sequence item indentation', () => {
    const text = POD.replace(/    - name: web\n[^]*$/, '    - {name: web, image: "nginx:1.27", securityContext: {privileged: true}}\n').replace(/\n/g, '\r\n');
    const offset = privilegedOffset(text);
    const edit = disableNextLineEdit(text, offset, 'pod-privileged', 'debug only');
    expect(edit.text).toBe('    # kubeward-disable-next-line pod-privileged -- debug only\r\n');
    const out = applyEdits(text, [edit]);
    expect(lint(out).findings.filter((f) => f.ruleId === 'pod-privileged')).toEqual([]);
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
  });
});

describe('annotationSuppressionFix', () => {
  it('adds the ignore annotation to the object holding the finding, keeping comments', () => {
    const fix = annotationSuppressionFix(POD, privilegedOffset(POD), 'pod-privileged');
    expect(fix).toBeDefined();
    expect(fix!.placeholders).toEqual(['<reason>']);
    const out = applyEdits(POD, fix!.edits);
    expect(out).toBe(
      POD.replace('  name: web # the web pod\n', '  name: web # the web pod\n  annotations:\n    ignore.kubeward.io/pod-privileged: "<reason>"\n'),
    );
    expect(lint(out).findings.filter((f) => f.ruleId === 'pod-privileged')).toEqual([]);
  });

  it('targets the right document of a multi-document file and merges into existing annotations', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n${POD.replace('  name: web # the web pod\n', '  name: web # the web pod\n  annotations: {team: web}\n')}`;
    const fix = annotationSuppressionFix(text, privilegedOffset(text), 'pod-privileged', 'approved');
    const out = applyEdits(text, fix!.edits);
    expect(out).toContain('annotations: {team: web, ignore.kubeward.io/pod-privileged: "approved"}');
    expect(out.startsWith('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n')).toBe(true);
    expect(lint(out).findings.filter((f) => f.ruleId === 'pod-privileged')).toEqual([]);
  });

  it('offers nothing outside an object', () => {
    expect(annotationSuppressionFix('# just a comment\nfoo: bar\n', 3, 'pod-privileged')).toBeUndefined();
  });
});

describe('objectAt', () => {
  it('finds the item of a List under the offset', () => {
    const text = yaml`
      apiVersion: v1
      kind: List
      items:
        - apiVersion: v1
          kind: Secret
          metadata: {name: one}
        - apiVersion: v1
          kind: Secret
          metadata: {name: two}
    `;
    expect(objectAt(text, text.indexOf('two'))?.object.name).toBe('two');
    expect(objectAt(text, text.indexOf('one'))?.object.name).toBe('one');
  });
});

describe('isRuleActive', () => {
  const privileged = RULES_BY_ID.get('pod-privileged')!;
  it('follows settings, profiles and opt-in', () => {
    expect(isRuleActive(privileged, resolveConfig())).toBe(true);
    expect(isRuleActive(privileged, resolveConfig({ rules: { 'pod-*': 'off' } }))).toBe(false);
    const restrictedOnly: Rule = { ...privileged, meta: { ...privileged.meta, id: 'x-restricted', profiles: ['restricted'] } };
    expect(isRuleActive(restrictedOnly, resolveConfig())).toBe(false);
    expect(isRuleActive(restrictedOnly, resolveConfig({ profile: 'restricted' }))).toBe(true);
    expect(isRuleActive(restrictedOnly, resolveConfig({ rules: { 'x-restricted': 'warning' } }))).toBe(true);
    const optIn: Rule = { ...privileged, meta: { ...privileged.meta, id: 'x-opt-in', optIn: true } };
    expect(isRuleActive(optIn, resolveConfig())).toBe(false);
    // A glob changes severities; only naming the rule turns an opt-in or out-of-profile rule on.
    expect(isRuleActive(optIn, resolveConfig({ rules: { 'x-*': 'info' } }))).toBe(false);
    expect(isRuleActive(restrictedOnly, resolveConfig({ rules: { 'x-*': 'info' } }))).toBe(false);
    expect(isRuleActive(optIn, resolveConfig({ rules: { 'x-opt-in': 'info' } }))).toBe(true);
    // `on` turns a rule on with its own severities.
    expect(isRuleActive(optIn, resolveConfig({ rules: { 'x-opt-in': 'on' } }))).toBe(true);
    expect(isRuleActive(restrictedOnly, resolveConfig({ rules: { 'x-restricted': 'on' } }))).toBe(true);
    expect(configuredSeverity(resolveConfig({ rules: { 'x-opt-in': 'on' } }), 'x-opt-in')).toBeUndefined();
    expect(configuredSeverity(resolveConfig({ rules: { 'x-*': 'hint' } }), 'x-opt-in')).toBe('hint');
  });
});
