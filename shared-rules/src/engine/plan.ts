/** Which rules run under a configuration, at which severity, on which kinds: computed once per rule list and configuration. */
import { configuredSeverity, ruleSetting, type ResolvedConfig } from './config';
import type { Rule, RuleMeta } from './rule';
import type { Severity } from './types';

/** Rules the engine reports itself (no `check`): syntax, unused suppressions, configuration, skipped analyses. */
export const ENGINE_RULES = new Set(['yaml-syntax', 'unused-suppression', 'config-invalid', 'analysis-skipped']);

export interface RulePlan {
  byKind: Map<string, Rule[]>;
  anyKind: Rule[];
  workspaceRules: Rule[];
  severity: Map<string, Severity>;
  known: Set<string>;
  active: Set<string>;
  /** Metadata by rule id: every finding, the engine's own included, is worded from it. */
  meta: Map<string, RuleMeta>;
}

const plans = new WeakMap<readonly Rule[], Map<string, RulePlan>>();

export function planFor(rules: readonly Rule[], config: ResolvedConfig): RulePlan {
  let byConfig = plans.get(rules);
  if (!byConfig) plans.set(rules, (byConfig = new Map<string, RulePlan>()));
  const cached = byConfig.get(config.fingerprint);
  if (cached) return cached;
  const plan: RulePlan = { byKind: new Map(), anyKind: [], workspaceRules: [], severity: new Map(), known: new Set(), active: new Set(), meta: new Map() };
  for (const rule of rules) {
    const { id } = rule.meta;
    plan.known.add(id);
    plan.meta.set(id, rule.meta);
    if (!isRuleActive(rule, config)) continue;
    plan.active.add(id);
    plan.severity.set(id, configuredSeverity(config, id) ?? rule.meta.severity);
    if (rule.checkWorkspace) plan.workspaceRules.push(rule);
    if (!rule.check) continue;
    if (rule.meta.kinds === '*') plan.anyKind.push(rule);
    else
      for (const kind of rule.meta.kinds) {
        const list = plan.byKind.get(kind);
        if (list) list.push(rule);
        else plan.byKind.set(kind, [rule]);
      }
  }
  if (byConfig.size > 8) byConfig.clear();
  byConfig.set(config.fingerprint, plan);
  return plan;
}

/** True when the rule runs under this configuration (its setting, profile and opt-in status). */
export function isRuleActive(rule: Rule, config: ResolvedConfig): boolean {
  const setting = ruleSetting(config, rule.meta.id);
  if (setting === 'off') return false;
  // A rule outside the profile, or opt-in, runs only when the user named it:
  // a glob (`pod-*: warning`) changes severities, it does not turn rules on.
  const named = config.rules.some(([pattern, value]) => pattern === rule.meta.id && value !== 'off');
  if (!named && rule.meta.profiles && !rule.meta.profiles.includes(config.profile)) return false;
  if (!named && rule.meta.optIn) return false;
  return true;
}

/** The ids of a rule list, so a cache never serves one list's findings for another (a fresh array of the same rules is the same). */
const ruleSetIds = new WeakMap<readonly Rule[], string>();
export function ruleSetId(rules: readonly Rule[]): string {
  let id = ruleSetIds.get(rules);
  if (id === undefined) ruleSetIds.set(rules, (id = rules.map((r) => r.meta.id).join(',')));
  return id;
}
