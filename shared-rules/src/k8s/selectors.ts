/**
 * Label selectors as Kubernetes evaluates them (`metav1.LabelSelector`):
 * `matchLabels` and `matchExpressions` are ANDed; an empty selector selects
 * everything; `In`/`NotIn`/`Exists`/`DoesNotExist` per key. A selector or a
 * label set we cannot read (Helm-templated, merged, a Kustomize patch) is
 * *unknown*, and matching against it is unknown too: callers stay silent.
 *
 * Summaries hold plain data only (they are cached with their document).
 */
import type { YNode } from '../yaml/nav';

export type Labels = Readonly<Record<string, string>>;

export interface Requirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: readonly string[];
}

/** A readable selector; `everything` when it is `{}` (or absent where that means all). */
export interface Selector {
  matchLabels: Labels;
  requirements: readonly Requirement[];
}

/** `undefined` stands for "unknown" throughout. */
export type MaybeSelector = Selector | undefined;
export type MaybeLabels = Labels | undefined;

export const EVERYTHING: Selector = { matchLabels: {}, requirements: [] };

type Uncertain = (node: YNode) => boolean;

/**
 * A map of string labels (`metadata.labels`, a Service's `spec.selector`,
 * `matchLabels`). Absent or null is `{}`; templated or uncertain is unknown.
 */
export function readLabels(node: YNode | undefined, isUncertain: Uncertain): MaybeLabels {
  if (!node || node.isNull) {
    // `labels:` followed by a Helm action line: the labels come from the template.
    if (node && isUncertain(node)) return undefined;
    return {};
  }
  if (!node.isMap || isUncertain(node)) return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of node.entries()) {
    if (!value || value.templated || key.includes('\uE000')) return undefined;
    const s = value.isNull ? '' : value.str;
    if (s === undefined) return undefined;
    out[key] = s;
  }
  return out;
}

/** A `LabelSelector` node. Absent or null selects everything (as `podSelector` does). */
export function readSelector(node: YNode | undefined, isUncertain: Uncertain): MaybeSelector {
  if (!node || node.isNull) {
    if (node && isUncertain(node)) return undefined;
    return EVERYTHING;
  }
  if (!node.isMap || isUncertain(node)) return undefined;
  let matchLabels: Labels = {};
  const requirements: Requirement[] = [];
  for (const [key, value] of node.entries()) {
    if (key === 'matchLabels') {
      const labels = readLabels(value, isUncertain);
      if (!labels) return undefined;
      matchLabels = labels;
    } else if (key === 'matchExpressions') {
      if (!value || value.isNull) continue;
      if (!value.isSeq || isUncertain(value)) return undefined;
      for (const item of value.items()) {
        const requirement = readRequirement(item, isUncertain);
        if (!requirement) return undefined;
        requirements.push(requirement);
      }
    } else if (key.includes('\uE000')) return undefined;
  }
  return { matchLabels, requirements };
}

function readRequirement(node: YNode, isUncertain: Uncertain): Requirement | undefined {
  if (!node.isMap || isUncertain(node)) return undefined;
  const key = node.get('key')?.str;
  const operator = node.get('operator')?.str;
  if (key === undefined || operator === undefined) return undefined;
  if (operator !== 'In' && operator !== 'NotIn' && operator !== 'Exists' && operator !== 'DoesNotExist') return undefined;
  const valuesNode = node.get('values');
  let values: string[] = [];
  if (valuesNode && !valuesNode.isNull) {
    if (!valuesNode.isSeq || isUncertain(valuesNode)) return undefined;
    const items = valuesNode.items();
    values = valuesNode.strings();
    if (values.length !== items.length) return undefined; // a templated item
  }
  return { key, operator, values };
}

/** True when the selector is `{}`: it selects every pod. */
export function selectsEverything(selector: Selector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.requirements.length === 0;
}

/** Whether `selector` selects objects labelled `labels`; undefined when either is unknown. */
export function selectorMatches(selector: MaybeSelector, labels: MaybeLabels): boolean | undefined {
  if (!selector) return undefined;
  if (selectsEverything(selector)) return true;
  if (!labels) return undefined;
  for (const [key, value] of Object.entries(selector.matchLabels)) if (labels[key] !== value) return false;
  for (const r of selector.requirements) {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    switch (r.operator) {
      case 'In':
        if (!has || !r.values.includes(labels[r.key]!)) return false;
        break;
      case 'NotIn':
        if (has && r.values.includes(labels[r.key]!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}

/** A Service's `spec.selector` (a plain map): `{}` or absent selects nothing (no endpoints are managed). */
export function mapSelectorMatches(selector: MaybeLabels, labels: MaybeLabels): boolean | undefined {
  if (!selector) return undefined;
  if (Object.keys(selector).length === 0) return false;
  return selectorMatches({ matchLabels: selector, requirements: [] }, labels);
}

/** `app=web, tier in (a,b)` for messages. */
export function describeSelector(selector: Selector): string {
  const parts = Object.entries(selector.matchLabels).map(([k, v]) => `${k}=${v}`);
  for (const r of selector.requirements) {
    if (r.operator === 'Exists') parts.push(r.key);
    else if (r.operator === 'DoesNotExist') parts.push(`!${r.key}`);
    else parts.push(`${r.key} ${r.operator === 'In' ? 'in' : 'notin'} (${r.values.join(',')})`);
  }
  return parts.length > 0 ? parts.join(', ') : '{}';
}
