/**
 * Kubeward's engine: document model, rules and fixes. No dependency on VS Code,
 * LSP or Node: the language server, the CLI and a browser worker all use it.
 */
import { FileAnalyzer, type AnalyzeOptions, type FileResult } from './engine/analyze';
import { resolveConfig, type ResolvedConfig } from './engine/config';
import { RULES } from './rules/index';

export * from './engine/analyze';
export * from './engine/config';
export * from './engine/rule';
export * from './engine/suppress';
export * from './engine/types';
export * from './engine/workspace';
export * from './engine/glob';
export * from './engine/fingerprint';
export * from './engine/exceptions';
export * from './fix/edit';
export * from './fix/apply';
export * from './fix/emit';
export { EditBuilder, NoFix } from './fix/edit-builder';
export * from './source/helm';
export * from './source/k8s';
export * from './source/kustomize';
export * from './source/locate';
export * from './source/nav';
export * from './source/secrets';
export * from './source/split';
export * from './text/line-index';
export * from './docs/render';
export { RULES, RULES_BY_ID, RULE_IDS } from './rules/index';

export const VERSION = '0.1.0';
export const DOCS_BASE_URL = 'https://github.com/kubeward/kubeward/blob/main/docs/rules/';

export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

/** One-shot analysis of a text with the built-in rules. */
export function lint(text: string, options: Partial<AnalyzeOptions> & { config?: ResolvedConfig } = {}): FileResult {
  return new FileAnalyzer().analyze(text, { rules: RULES, ...options, config: options.config ?? resolveConfig() });
}
export * from './commands/secure-ingress';
export * from './commands/suppressions';
export * from './commands/exceptions';
