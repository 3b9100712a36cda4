/**
 * Kubeward's engine: document model, rules and fixes. No dependency on VS Code,
 * LSP or Node: the language server, the CLI and a browser worker all use it.
 */
import { FileAnalyzer, type AnalyzeOptions, type FileResult } from './engine/analyze';
import { resolveConfig, type ResolvedConfig } from './engine/config';
import { RULES } from './rules/index';
import { version } from '../../package.json';

export * from './engine/analyze';
export * from './engine/config';
export * from './engine/rule';
export * from './engine/suppress';
export * from './engine/types';
export * from './engine/workspace';
export * from './text/glob';
export * from './engine/fingerprint';
export * from './engine/exceptions';
export * from './fix/edit';
export * from './engine/apply-fixes';
export * from './fix/emit';
export { EditBuilder, NoFix } from './fix/edit-builder';
export * from './yaml/helm';
export * from './k8s/objects';
export * from './k8s/kustomize';
export * from './k8s/locate';
export * from './yaml/nav';
export * from './k8s/secrets';
export * from './yaml/split';
export * from './yaml/documents';
export * from './yaml/source-map';
export * from './text/line-index';
export * from './docs/render';
export { RULES, RULES_BY_ID, RULE_IDS } from './rules/index';

/** The version in package.json, read when the bundle is built. */
export const VERSION: string = version;
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
export * from './commands/migrate-ingress';
export * from './k8s/ingress-to-gateway';
export * from './commands/exceptions';
export * from './commands/config-completion';
