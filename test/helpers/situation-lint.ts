/**
 * Engine tests about detection and positions (docs/requirements.md: Manifests; situations, Helm
 * masking, navigation) need findings that do not move as the catalogue grows:
 * one rule per kind of finding stands for all — pod-privileged for a present
 * bad value, ingress-tls-missing for a missing field — with the engine's own
 * rules (yaml-syntax, unused-suppression, analysis-skipped).
 */
import { lint as lintAll, RULES } from '../../shared-rules/src/index';

export const SITUATION_RULES = RULES.filter((r) => r.meta.engine || r.meta.id === 'pod-privileged' || r.meta.id === 'ingress-tls-missing');

export function lint(text: string, options: Parameters<typeof lintAll>[1] = {}): ReturnType<typeof lintAll> {
  return lintAll(text, { rules: SITUATION_RULES, ...options });
}
