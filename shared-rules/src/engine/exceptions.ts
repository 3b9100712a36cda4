/**
 * Exceptions in `.kubeward.yaml`: reviewed, scoped waivers with a reason and
 * an optional end date, and the `enforce:` list of rules no inline comment or
 * annotation can suppress.
 *
 *   exceptions:
 *     - rule: pod-privileged              # an id or a glob (pod-*)
 *       reason: the node agent needs the host's devices
 *       expires: 2026-06-30               # optional; after it the exception is a finding
 *       paths: [charts/agent/**]          # optional scopes, all must match:
 *       objects: [DaemonSet/kube-system/node-agent]   #   kind/namespace/name, globs per part
 *       containers: [agent]               #   containers by name
 *       chart: agent                      #   or overlay: overlays/prod
 *   enforce: [pod-privileged, rbac-*]
 */
import { matchGlob, pathIgnored } from '../text/glob';
import type { Finding } from './types';

export interface KubewardException {
  rule: string;
  reason: string;
  /** `YYYY-MM-DD`: the last day it applies. */
  expires?: string;
  paths?: string[];
  objects?: string[];
  containers?: string[];
  chart?: string;
  overlay?: string;
  /** Set when parsed: past `expires` (then it applies to nothing). */
  expired?: boolean;
}

/** Where a file is, for exception scopes. */
export interface ExceptionScope {
  /** The file relative to the folder of `.kubeward.yaml`, `/`-separated. */
  path?: string;
  /** `chart:<name>` or `kustomize:<folder>` (see host/origin.ts). */
  origin?: string;
}

const ruleMatches = (pattern: string, ruleId: string) => pattern === ruleId || (pattern.includes('*') && matchGlob(pattern, ruleId));

export function isEnforced(enforce: readonly string[], ruleId: string): boolean {
  return enforce.some((p) => ruleMatches(p, ruleId));
}

/** `kind/namespace/name` (globs per part); `kind/name` for cluster-scoped objects or any namespace. */
function objectMatches(pattern: string, object: NonNullable<Finding['object']>): boolean {
  const parts = pattern.split('/');
  const glob = (p: string, v: string | undefined) => p === '*' || matchGlob(p, v ?? '');
  if (parts.length === 3) return glob(parts[0]!, object.kind) && glob(parts[1]!, object.namespace) && glob(parts[2]!, object.name);
  if (parts.length === 2) return glob(parts[0]!, object.kind) && glob(parts[1]!, object.name);
  return false;
}

/** The containers a node path is in: `…containers[name=web]…`, init and ephemeral containers too. */
export function containerOf(path: string | undefined): string | undefined {
  return path ? /(?:^|\.)(?:c|initC|ephemeralC)ontainers\[name=([^\]]*)\]/.exec(path)?.[1] : undefined;
}

export function exceptionCovers(exception: KubewardException, finding: Finding, scope: ExceptionScope): boolean {
  if (exception.expired || !ruleMatches(exception.rule, finding.ruleId)) return false;
  if (exception.paths && !(scope.path !== undefined && pathIgnored(exception.paths, scope.path))) return false;
  if (exception.objects && !(finding.object && exception.objects.some((o) => objectMatches(o, finding.object!)))) return false;
  if (exception.containers) {
    const container = containerOf(finding.locus?.path);
    if (container === undefined || !exception.containers.includes(container)) return false;
  }
  if (exception.chart !== undefined && scope.origin !== `chart:${exception.chart}`) return false;
  if (exception.overlay !== undefined && scope.origin !== `kustomize:${exception.overlay.replace(/^\.\//, '').replace(/\/$/, '')}`) return false;
  return true;
}

/** True when the date (`YYYY-MM-DD`, the last day) is before `today`. */
export function isExpired(expires: string, today: Date): boolean {
  const day = today.toISOString().slice(0, 10);
  return expires < day;
}
