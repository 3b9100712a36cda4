/**
 * Cross-document rules: summaries per object (cached and shifted with their
 * document), and a check over one object's summary with the workspace in view.
 */
import { describe, expect, it } from 'vitest';
import { defineRule, FileAnalyzer, resolveConfig, RULES, WorkspaceObjects, type Rule } from '../../shared-rules/src/index';

/** Flags a Service whose selector matches no Pod in the workspace. */
const orphanService = defineRule({
  meta: {
    id: 'test-orphan-service',
    title: 'Test: Service selects nothing',
    severity: 'warning',
    category: 'service',
    kinds: ['Service'],
    messages: { orphan: 'Service "{{name}}" selects no Pod.' },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Add a Pod' },
    docs: { rationale: '', remediation: '', invalid: '', valid: '' },
    references: {},
    since: '0.1.0',
  },
  summarize(object) {
    if (object.kind !== 'Service') return undefined;
    const selector: Record<string, string> = {};
    for (const [k, v] of object.root.getIn(['spec', 'selector'])?.entries() ?? []) if (v?.str) selector[k] = v.str;
    return selector;
  },
  checkWorkspace(ctx) {
    const selector = ctx.summary.data['test-orphan-service'] as Record<string, string> | undefined;
    if (!selector || Object.keys(selector).length === 0) return;
    const matches = ctx.index.byKind('Pod').some((pod) => Object.entries(selector).every(([k, v]) => pod.labels[k] === v));
    if (matches || !ctx.index.complete) return;
    ctx.report({
      range: ctx.summary.anchor,
      messageId: 'orphan',
      data: { name: ctx.summary.name ?? '' },
      fix: [
        { title: 'Add a Pod', applicability: 'unsafe', edits: [{ start: ctx.summary.documentEnd, end: ctx.summary.documentEnd, text: '---\nkind: Pod\n' }] },
      ],
    });
  },
}) as Rule;

const rules = [orphanService, ...RULES.filter((r) => r.meta.id === 'unused-suppression')];
const service = (name: string, app: string, extra = '') =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n${extra}spec:\n  selector:\n    app: ${app}\n`;
const pod = (app: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p-${app}\n  labels:\n    app: ${app}\nspec:\n  containers: [{name: c, image: nginx}]\n`;

describe('workspace rules', () => {
  it('see every file of the workspace, and report at the anchor of the object', () => {
    const workspace = new WorkspaceObjects(true);
    const a = new FileAnalyzer();
    const b = new FileAnalyzer();
    const services = `${service('web', 'web')}---\n${service('api', 'api')}`;
    const pods = pod('web');
    const config = resolveConfig();
    workspace.setFile('services.yaml', a.analyze(services, { rules, config, file: 'services.yaml' }).summaries);
    workspace.setFile('pods.yaml', b.analyze(pods, { rules, config, file: 'pods.yaml' }).summaries);
    expect(workspace.byKind('Service').map((s) => [s.file, s.name])).toEqual([
      ['services.yaml', 'web'],
      ['services.yaml', 'api'],
    ]);
    const result = a.analyze(services, { rules, config, file: 'services.yaml', workspace, withFixes: true });
    expect(result.findings.map((f) => [f.ruleId, services.slice(f.start, f.end)])).toEqual([['test-orphan-service', 'api']]);
    expect(result.findings[0]!.fixes![0]!.edits[0]!.start).toBe(services.length);
    expect(result.findings[0]!.object).toEqual({ kind: 'Service', name: 'api', namespace: undefined });
    // Removing the Pod makes the other Service an orphan too.
    workspace.deleteFile('pods.yaml');
    expect(a.analyze(services, { rules, config, file: 'services.yaml', workspace }).findings.length).toBe(2);
  });

  it('summaries of moved documents are reused and shifted', () => {
    const analyzer = new FileAnalyzer();
    const config = resolveConfig();
    const text = `${service('web', 'web')}---\n${service('api', 'api')}`;
    analyzer.analyze(text, { rules, config, file: 'f.yaml' });
    const moved = `# a comment that moves everything\n${text}`;
    const result = analyzer.analyze(moved, { rules, config, file: 'f.yaml' });
    expect(result.parsedDocuments).toBe(1);
    expect(result.summaries.map((s) => moved.slice(s.anchor[0], s.anchor[1]))).toEqual(['web', 'api']);
    expect(result.summaries.map((s) => s.file)).toEqual(['f.yaml', 'f.yaml']);
    const renamed = analyzer.analyze(moved, { rules, config, file: 'g.yaml' });
    expect(renamed.summaries.map((s) => s.file)).toEqual(['g.yaml', 'g.yaml']);
  });

  it('an incomplete workspace keeps cross-document rules quiet, and annotations suppress them', () => {
    const config = resolveConfig();
    const incomplete = new WorkspaceObjects(false);
    const text = service('api', 'api');
    incomplete.setFile('f.yaml', new FileAnalyzer().analyze(text, { rules, config, file: 'f.yaml' }).summaries);
    expect(new FileAnalyzer().analyze(text, { rules, config, file: 'f.yaml', workspace: incomplete }).findings).toEqual([]);
    const suppressed = service('api', 'api', '  annotations:\n    ignore.kubeward.io/test-orphan-service: "external pods"\n');
    const complete = new WorkspaceObjects(true);
    complete.setFile('f.yaml', new FileAnalyzer().analyze(suppressed, { rules, config, file: 'f.yaml' }).summaries);
    expect(new FileAnalyzer().analyze(suppressed, { rules, config, file: 'f.yaml', workspace: complete }).findings).toEqual([]);
  });

  it('a rule that throws is a rule error; the analysis goes on', () => {
    const broken = {
      ...orphanService,
      checkWorkspace: () => {
        throw new Error('boom');
      },
    } as Rule;
    const config = resolveConfig();
    const text = service('api', 'api');
    const workspace = new WorkspaceObjects(true);
    const result = new FileAnalyzer().analyze(text, { rules: [broken], config, file: 'f.yaml', workspace });
    expect(result.ruleErrors.map((e) => e.ruleId)).toEqual(['test-orphan-service']);
  });
});
