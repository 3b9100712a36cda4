/**
 * Rules for the server's own tests, and nothing else.
 *
 * They are added only when the environment variable KUBEWARD_TEST_RULES names
 * them (comma-separated), which only `test/server/` does:
 * - `throws`: `kubeward-test-throws` throws on every ConfigMap whose name starts
 *   with "boom", to check that a failing rule is contained and logged once;
 * - `workspace`: `kubeward-test-duplicate-configmap`, a cross-document rule that
 *   flags a ConfigMap defined in two files, to check the workspace index.
 * Their ids start with `kubeward-test-`, so they can never be mistaken for real rules.
 */
import type { Rule, RuleMeta } from '../../shared-rules/src/index';

export const TEST_RULES_VARIABLE = 'KUBEWARD_TEST_RULES';

function meta<M extends string>(id: string, kinds: string[], messages: Record<M, string>): RuleMeta<M> {
  return {
    id,
    title: `Test rule ${id}`,
    severity: 'warning',
    category: 'kubeward',
    kinds,
    messages,
    fix: { availability: 'none' },
    docs: { rationale: 'Only for the language server tests.', remediation: 'None.', invalid: '', valid: '' },
    references: {},
    since: '0.1.0',
  };
}

const throwing: Rule = {
  meta: /* @__PURE__ */ meta('kubeward-test-throws', ['ConfigMap'], { never: 'never reported' }),
  check(ctx) {
    if (ctx.object.name?.startsWith('boom')) throw new Error(`test rule failure on ${ctx.object.name}`);
  },
};

interface ConfigMapSummary {
  name: string;
}

const duplicate: Rule = {
  meta: /* @__PURE__ */ meta('kubeward-test-duplicate-configmap', ['ConfigMap'], {
    duplicate: 'ConfigMap "{{name}}" is also defined in {{file}}: the one applied last wins.',
  }),
  summarize(object): ConfigMapSummary | undefined {
    return object.name ? { name: object.name } : undefined;
  },
  checkWorkspace(ctx) {
    const own = ctx.summary.data['kubeward-test-duplicate-configmap'] as ConfigMapSummary | undefined;
    if (!own) return;
    for (const other of ctx.index.byKind('ConfigMap')) {
      if (other.file === ctx.summary.file) continue;
      if (other.name === own.name && (other.namespace ?? '') === (ctx.summary.namespace ?? '')) {
        ctx.report({ range: ctx.summary.anchor, messageId: 'duplicate', data: { name: own.name, file: other.file } });
        return;
      }
    }
  },
};

const BY_NAME: Record<string, Rule> = { throws: throwing, workspace: duplicate };

/** The test rules named in `spec` ("throws,workspace"); none for anything else. */
export function testRules(spec: string | undefined): Rule[] {
  if (!spec) return [];
  return spec
    .split(',')
    .map((s) => BY_NAME[s.trim()])
    .filter((r): r is Rule => r !== undefined);
}
