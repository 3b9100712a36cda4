/**
 * The two-pass flow of `kubeward scan`, for tests: pass 1 analyses every file
 * and feeds its summaries to a WorkspaceObjects index; pass 2 analyses each
 * file again with the index, so cross-document rules run.
 */
import { FileAnalyzer, resolveConfig, RULES, WorkspaceObjects, type Finding, type KubewardConfig, type Rule } from '../../shared-rules/src/index';

export interface WorkspaceOptions {
  config?: KubewardConfig;
  /** The index holds every manifest of the workspace (default true). */
  complete?: boolean;
  /** Files that a kustomization uses as patches. */
  partial?: readonly string[];
  withFixes?: boolean;
  rules?: readonly Rule[];
}

export interface WorkspaceRun {
  /** Findings per file, in the order of `files`. */
  findings: Record<string, Finding[]>;
  index: WorkspaceObjects;
}

export function analyzeWorkspace(files: Readonly<Record<string, string>>, options: WorkspaceOptions = {}): WorkspaceRun {
  const config = resolveConfig(options.config);
  const rules = options.rules ?? RULES;
  const index = new WorkspaceObjects(options.complete ?? true);
  const analyzers = new Map<string, FileAnalyzer>();
  for (const [file, text] of Object.entries(files)) {
    const analyzer = new FileAnalyzer();
    analyzers.set(file, analyzer);
    const first = analyzer.analyze(text, { rules, config, file, partial: options.partial?.includes(file) });
    index.setFile(file, first.summaries);
  }
  const findings: Record<string, Finding[]> = {};
  for (const [file, text] of Object.entries(files)) {
    findings[file] = analyzers
      .get(file)!
      .analyze(text, { rules, config, file, partial: options.partial?.includes(file), workspace: index, withFixes: options.withFixes }).findings;
  }
  return { findings, index };
}
