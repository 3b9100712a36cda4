/**
 * The content-keyed cache: after an edit only the changed document is parsed
 * again, and the findings equal a fresh analysis.
 */
import { describe, expect, it } from 'vitest';
import { defineRule, FileAnalyzer, resolveConfig, RULES, type AnalyzeOptions, type Rule } from '../../shared-rules/src/index';

const options = (extra: Partial<AnalyzeOptions> = {}): AnalyzeOptions => ({ rules: RULES, config: resolveConfig(), ...extra });

function doc(i: number): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: pod-${i}`,
    '  annotations:',
    `    note: "🚀 ${i}"`,
    'spec:',
    '  containers:',
    '    - name: web',
    '      image: nginx:1.27',
    '      securityContext:',
    `        privileged: ${i % 3 === 0 ? 'true' : 'false'}`,
    '',
  ].join('\n');
}

function file(n: number, map: (i: number) => string = doc): string {
  return Array.from({ length: n }, (_, i) => `---\n${map(i)}`).join('');
}

const fresh = (text: string, extra?: Partial<AnalyzeOptions>) => new FileAnalyzer().analyze(text, options(extra));

describe('FileAnalyzer cache', () => {
  const text = file(200);

  it('parses every document the first time', () => {
    const analyzer = new FileAnalyzer();
    const result = analyzer.analyze(text, options());
    expect(result.documentCount).toBe(200);
    expect(result.parsedDocuments).toBe(200);
    expect(analyzer.cachedDocuments).toBe(200);
    expect(result.findings.filter((f) => f.ruleId === 'pod-privileged').length).toBe(67);
  });

  it('after an edit in one document, parses only that one, with identical findings', () => {
    const at = text.indexOf('privileged: false', text.indexOf('pod-100\n'));
    const sameLength = `${text.slice(0, at)}Privileged: false${text.slice(at + 'privileged: false'.length)}`;
    const shorter = `${text.slice(0, at)}privileged: true${text.slice(at + 'privileged: false'.length)}`;
    for (const next of [sameLength, shorter]) {
      const analyzer = new FileAnalyzer();
      analyzer.analyze(text, options());
      const result = analyzer.analyze(next, options());
      expect(result.parsedDocuments).toBe(1);
      expect(result.findings).toEqual(fresh(next).findings);
    }
    expect(fresh(shorter).findings.filter((f) => f.ruleId === 'pod-privileged').length).toBe(68);
    // Back to the original: the cache holds only the last text's documents, so that one document is parsed again, once.
    const analyzer = new FileAnalyzer();
    analyzer.analyze(text, options());
    analyzer.analyze(shorter, options());
    expect(analyzer.analyze(text, options()).parsedDocuments).toBe(1);
    expect(analyzer.analyze(text, options()).parsedDocuments).toBe(0);
  });

  it('typing a character shifts every later document: they are reused with shifted ranges', () => {
    const analyzer = new FileAnalyzer();
    analyzer.analyze(text, options());
    const at = text.indexOf('pod-5\n') + 'pod-5'.length;
    const typed = `${text.slice(0, at)}x${text.slice(at)}`;
    const result = analyzer.analyze(typed, options());
    expect(result.parsedDocuments).toBe(1);
    expect(result.findings).toEqual(fresh(typed).findings);
    const privileged = result.findings.filter((f) => f.ruleId === 'pod-privileged');
    for (const f of privileged) expect(typed.slice(f.start, f.end)).toBe('true');
  });

  it('moved documents are reused; an inserted one is the only one parsed', () => {
    const analyzer = new FileAnalyzer();
    analyzer.analyze(text, options());
    const inserted = `---\n${doc(999)}${text}`;
    const result = analyzer.analyze(inserted, options());
    expect(result.parsedDocuments).toBe(1);
    expect(result.findings).toEqual(fresh(inserted).findings);
    // Swap two documents.
    const docs = text.split(/(?=^---$)/m);
    [docs[3], docs[150]] = [docs[150]!, docs[3]!];
    const swapped = docs.join('');
    const r2 = analyzer.analyze(swapped, options());
    expect(r2.parsedDocuments).toBe(0);
    expect(r2.findings).toEqual(fresh(swapped).findings);
  });

  it('deleting a document parses nothing and drops its entry', () => {
    const analyzer = new FileAnalyzer();
    analyzer.analyze(text, options());
    const cut = text.indexOf('---\n', 10);
    const deleted = text.slice(cut);
    const result = analyzer.analyze(deleted, options());
    expect(result.parsedDocuments).toBe(0);
    expect(analyzer.cachedDocuments).toBe(199);
    expect(result.findings).toEqual(fresh(deleted).findings);
  });

  it('identical documents are parsed once', () => {
    const same = file(50, () => doc(3));
    expect(new FileAnalyzer().analyze(same, options()).parsedDocuments).toBe(1);
  });

  it('clear() drops everything: closing a document releases its memory', () => {
    const analyzer = new FileAnalyzer();
    analyzer.analyze(text, options());
    analyzer.clear();
    expect(analyzer.cachedDocuments).toBe(0);
    expect(analyzer.analyze(text, options()).parsedDocuments).toBe(200);
  });

  it('a configuration change starts over', () => {
    const analyzer = new FileAnalyzer();
    analyzer.analyze(text, options());
    const other = options({ config: resolveConfig({ rules: { 'pod-privileged': 'warning' } }) });
    const result = analyzer.analyze(text, other);
    expect(result.parsedDocuments).toBe(200);
    expect(new Set(result.findings.filter((f) => f.ruleId === 'pod-privileged').map((f) => f.severity))).toEqual(new Set(['warning']));
    expect(analyzer.analyze(text, options({ partial: true })).parsedDocuments).toBe(200);
  });

  it('another rule list of the same length starts over', () => {
    const analyzer = new FileAnalyzer();
    const privileged = RULES.filter((r) => r.meta.id === 'pod-privileged');
    const tls = RULES.filter((r) => r.meta.id === 'ingress-tls-missing');
    expect(analyzer.analyze(text, options({ rules: privileged })).findings.length).toBe(67);
    const result = analyzer.analyze(text, options({ rules: tls }));
    expect(result.parsedDocuments).toBe(200);
    expect(result.findings).toEqual([]);
  });

  it('fixes and range analyses are never served from, nor stored in, the cache', () => {
    const analyzer = new FileAnalyzer();
    analyzer.analyze(text, options());
    const withFixes = analyzer.analyze(text, options({ withFixes: true }));
    expect(withFixes.parsedDocuments).toBe(200);
    expect(withFixes.findings.filter((f) => f.ruleId === 'pod-privileged').every((f) => f.fixes?.length === 1)).toBe(true);
    const range = analyzer.analyze(text, options({ range: [0, 10] }));
    expect(range.parsedDocuments).toBe(1);
    expect(analyzer.analyze(text, options()).parsedDocuments).toBe(0);
    expect(analyzer.analyze(text, options()).findings.some((f) => f.fixes)).toBe(false);
  });

  it('analyzeInSteps yields once per parsed document', () => {
    const analyzer = new FileAnalyzer();
    const steps = analyzer.analyzeInSteps(file(5), options());
    let yields = 0;
    for (;;) {
      const next = steps.next();
      if (next.done) {
        expect(next.value.parsedDocuments).toBe(5);
        break;
      }
      yields++;
    }
    expect(yields).toBe(5);
  });

  it('a template whose text changes but not its length is analysed again (rules may read the template text)', () => {
    const echo = defineRule({
      meta: {
        id: 'test-echo',
        title: 'Test: echoes the image template',
        severity: 'info',
        category: 'images',
        kinds: ['Pod'],
        messages: { m: 'image is {{src}}' },
        fix: { availability: 'none' },
        docs: { rationale: '', remediation: '', invalid: '', valid: '' },
        references: {},
        since: '0.1.0',
      },
      check(ctx) {
        const image = ctx.object.root.getIn(['spec', 'containers', 0, 'image']);
        if (image) ctx.report({ node: image, messageId: 'm', data: { src: ctx.sourceOf(image) } });
      },
    }) as Rule;
    const template = (v: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: web\n      image: {{ .Values.${v} }}\n`;
    const analyzer = new FileAnalyzer();
    const opts = { rules: [echo], config: resolveConfig() };
    expect(analyzer.analyze(template('a'), opts).findings.map((f) => f.message)).toEqual(['image is {{ .Values.a }}']);
    expect(analyzer.analyze(template('b'), opts).findings.map((f) => f.message)).toEqual(['image is {{ .Values.b }}']);
  });

  it('a one-character edit in a 1,800-document file re-parses only the edited document (bench/ measures the time)', () => {
    const big = file(1800);
    const analyzer = new FileAnalyzer();
    const first = analyzer.analyze(big, options());
    expect(first.parsedDocuments).toBe(1800);
    for (let k = 0; k < 5; k++) {
      // Built by concatenation, as an editor's incremental sync builds the text.
      const at = big.indexOf('pod-900\n') + 4;
      const edited = big.slice(0, at) + String(k) + big.slice(at);
      const result = analyzer.analyze(edited, options());
      expect(result.parsedDocuments).toBe(1);
      expect(result.documentCount).toBe(1800);
      // The findings of the 1,799 untouched documents come from the cache, at their own offsets.
      expect(result.findings.length).toBe(first.findings.length);
    }
  });
});
