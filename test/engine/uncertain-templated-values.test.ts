/**
 * A missing-field finding stays silent where a Helm action could supply the
 * field, including an action line right after the last key of a block.
 */
import { describe, expect, it } from 'vitest';
import { containersOf, defineRule, FileAnalyzer, resolveConfig, type Rule } from '../../shared-rules/src/index';
import { yaml } from '../helpers/yaml-tag';

const probe = defineRule({
  meta: {
    id: 'probe-missing',
    title: 'Probe for missing fields',
    severity: 'warning',
    category: 'pod-security',
    kinds: ['Deployment'],
    messages: { missing: 'Container "{{name}}" has no securityContext.probeField (test probe).' },
    fix: { availability: 'none' },
    docs: { rationale: '', remediation: '', invalid: '', valid: '' },
    references: {},
    since: '0.0.0',
  },
  check(ctx) {
    for (const c of containersOf(ctx.object)) {
      const sc = c.node.get('securityContext');
      if (sc?.get('probeField')) continue;
      ctx.reportMissing({ parent: sc ?? c.node, messageId: 'missing', data: { name: c.name } });
    }
  },
});

function flagged(text: string): string[] {
  const result = new FileAnalyzer().analyze(text, { rules: [probe as Rule], config: resolveConfig() });
  return result.findings.filter((f) => f.ruleId === 'probe-missing').map((f) => f.message.slice(11, 12));
}

describe('isUncertain and whole-line Helm actions', () => {
  it('an action line after the last key of a container may fill that key', () => {
    const text = yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        template:
          spec:
            containers:
              - name: a
                image: x
                securityContext:
                  {{- toYaml .Values.securityContext | nindent 12 }}
              - name: b
                image: x
                {{- include "extra" . | nindent 10 }}
              - name: c
                image: x
                securityContext:
                  runAsNonRoot: true
              - name: d
                image: x
                securityContext:
                  {{- toYaml .Values.securityContext | nindent 12 }}
    `;
    expect(flagged(text)).toEqual(['c']);
  });

  it('without template actions the same shape is reported', () => {
    const text = yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        template:
          spec:
            containers:
              - name: a
                image: x
                securityContext:

              - name: b
                image: x
    `;
    expect(flagged(text)).toEqual(['a', 'b']);
  });

  it('a template inside a value hides no key; one in place of a mapping or a key does', () => {
    const text = yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        template:
          spec:
            containers:
              - name: a
                image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
                securityContext:
                  runAsUser: {{ .Values.uid }}
              - name: b
                image: x
                securityContext: {{ toYaml .Values.securityContext | nindent 12 }}
              - name: c
                image: x
                securityContext:
                  {{ .Values.fieldName }}: true
    `;
    expect(flagged(text)).toEqual(['a']);
  });
});
