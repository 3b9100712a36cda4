/** Completion in .kubeward.yaml, at the cursor marked `|`. */
import { describe, expect, it } from 'vitest';
import { configCompletions, RULE_IDS } from '../../shared-rules/src/index';

const at = (marked: string) => {
  const offset = marked.indexOf('|');
  return configCompletions(marked.replace('|', ''), offset, RULE_IDS);
};
const labels = (marked: string) => at(marked).map((c) => c.label);

describe('configCompletions', () => {
  it('offers the settings at the top level', () => {
    expect(labels('profile: baseline\n|')).toEqual([
      'profile',
      'kubernetesVersion',
      'rules',
      'ignore',
      'ingress',
      'images',
      'maxFileSize',
      'exceptions',
      'enforce',
      'peerSuppressions',
    ]);
    expect(at('ex|')[7]).toMatchObject({ label: 'exceptions', insertText: 'exceptions: ' });
  });

  it('offers the fields of an exception, without those already written', () => {
    expect(labels('exceptions:\n  - |')).toEqual(['rule', 'reason', 'expires', 'paths', 'objects', 'containers', 'chart', 'overlay']);
    expect(labels('exceptions:\n  - rule: pod-privileged\n    reason: r\n    |')).toEqual(['expires', 'paths', 'objects', 'containers', 'chart', 'overlay']);
    expect(labels('exceptions:\n  - rule: a\n    reason: r\n  - reason: s\n    |')).toEqual([
      'rule',
      'expires',
      'paths',
      'objects',
      'containers',
      'chart',
      'overlay',
    ]);
  });

  it('offers rule ids where a rule is expected, and values', () => {
    const all = [...RULE_IDS].sort();
    expect(labels('exceptions:\n  - rule: |')).toEqual(all);
    expect(labels('exceptions:\n  - reason: r\n    rule: pod-|')).toEqual(all);
    expect(labels('enforce:\n  - |')).toEqual(all);
    expect(labels('rules:\n  |')).toEqual(all);
    expect(labels('rules:\n  pod-privileged: |')).toEqual(['off', 'on', 'hint', 'info', 'warning', 'error']);
    expect(labels('profile: |')).toEqual(['baseline', 'restricted']);
  });

  it('offers nothing elsewhere', () => {
    expect(labels('ingress:\n  authUrl: |')).toEqual([]);
    expect(labels('# a comment |')).toEqual([]);
    expect(labels('ignore:\n  - |')).toEqual([]);
  });
});
