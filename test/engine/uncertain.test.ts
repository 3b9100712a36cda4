/**
 * reportMissing stays silent where the field may be supplied elsewhere: a
 * Kustomize patch, a Helm action that prints text inside the parent, or a
 * merge key. It still reports where a template cannot supply it.
 */
import { describe, expect, it } from 'vitest';
import { containersOf, defineRule, FileAnalyzer, resolveConfig, RULES, WORKLOAD_KINDS, type Rule } from '../../shared-rules/src/index';
import { yaml } from '../helpers/yaml-tag';

/** Reports a container without securityContext.runAsNonRoot, at its nearest existing parent. */
const missingRunAsNonRoot = defineRule({
  meta: {
    id: 'test-missing',
    title: 'Test: missing runAsNonRoot',
    severity: 'warning',
    category: 'pod-security',
    kinds: WORKLOAD_KINDS,
    messages: { missing: 'Container "{{name}}" has no securityContext.runAsNonRoot.' },
    fix: { availability: 'none' },
    docs: { rationale: '', remediation: '', invalid: '', valid: '' },
    references: {},
    since: '0.1.0',
  },
  check(ctx) {
    for (const c of containersOf(ctx.object)) {
      const { node, depth } = c.node.deepest(['securityContext', 'runAsNonRoot']);
      if (depth === 2) continue;
      ctx.reportMissing({ parent: node, messageId: 'missing', data: { name: c.name } });
    }
  },
}) as Rule;

function run(text: string, options: { partial?: boolean } = {}): string[] {
  const rules = [missingRunAsNonRoot, ...RULES.filter((r) => r.meta.id === 'ingress-tls-missing' || r.meta.id === 'yaml-syntax')];
  return new FileAnalyzer()
    .analyze(text, { rules, config: resolveConfig(), partial: options.partial })
    .findings.map((f) => `${f.ruleId} ${text.slice(f.start, f.end)}`);
}

const POD = (container: string) =>
  yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: web
    spec:
      containers:
        - name: web
          image: nginx
  ` + container;

describe('reportMissing in plain manifests', () => {
  it('reports at the nearest existing parent', () => {
    expect(run(POD(''))).toEqual(['test-missing web']);
    expect(run(POD('      securityContext:\n        privileged: false\n'))).toEqual(['test-missing securityContext']);
  });

  it('is silent in a Kustomize patch', () => {
    expect(run(POD(''), { partial: true })).toEqual([]);
  });

  it('is silent when a merge key may bring the field', () => {
    const text = yaml`
      base: &sc
        privileged: false
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
          - name: web
            image: nginx
            securityContext:
              <<: *sc
    `;
    expect(run(text)).toEqual([]);
  });
});

describe('reportMissing in Helm templates', () => {
  it('is silent when an action line inside the parent may print the field', () => {
    expect(run(POD('      securityContext:\n        {{- toYaml .Values.securityContext | nindent 8 }}\n'))).toEqual([]);
    expect(run(POD('      {{- include "chart.securityContext" . | nindent 6 }}\n'))).toEqual([]);
    expect(run(POD('      securityContext: {{- toYaml .Values.sc | nindent 8 }}\n'))).toEqual([]);
  });

  it('is silent when an action line after the last item of a list may print into it', () => {
    const text = POD('      {{- with .Values.extra }}\n      {{- toYaml . | nindent 6 }}\n      {{- end }}\n') + '  restartPolicy: Always\n';
    expect(run(text)).toEqual([]);
  });

  it('is silent when the action prints the whole spec of a document', () => {
    const text = yaml`
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: web
      spec:
        {{- toYaml .Values.ingress.spec | nindent 2 }}
    `;
    expect(run(text)).toEqual([]);
  });

  it('still reports when the only actions are control structure around visible content', () => {
    const text = yaml`
      {{- if .Values.ingress.enabled }}
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: web
      spec:
        {{- if .Values.ingress.className }}
        ingressClassName: nginx
        {{- end }}
        rules:
          - host: a.example.com
      {{- end }}
    `;
    expect(run(text)).toEqual(['ingress-tls-missing spec']);
  });

  it('still reports in a container next to a conditional key', () => {
    expect(run(POD('      {{- if .Values.debug }}\n      stdin: true\n      {{- end }}\n'))).toEqual(['test-missing web']);
  });
});
