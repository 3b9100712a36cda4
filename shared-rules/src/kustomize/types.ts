import type { KMap } from './node';

/**
 * Something the build could not do as kustomize would, located at the
 * kustomization entry at fault (file + character range). The build goes on:
 * everything else is still built.
 */
export interface BuildIssue {
  file: string;
  range: readonly [number, number];
  message: string;
  /**
   * 'error': kustomize would fail here (missing file, cycle, bad patch);
   * 'unsupported': kustomize would build it but Kubeward does not offline (remote bases, helmCharts, plugins).
   */
  severity: 'error' | 'warning' | 'unsupported';
}

/** One object of the built output; every node of `node` carries its Origin. */
export interface BuiltResource {
  node: KMap;
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string | undefined;
}

export interface BuildResult {
  resources: BuiltResource[];
  issues: BuildIssue[];
  /** Every kustomization file the build read (the root first). */
  kustomizations: string[];
}
