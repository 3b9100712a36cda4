/**
 * NetworkPolicy knowledge: rules, peers and what "everything" looks like.
 * https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
import type { K8sObject } from './k8s';
import type { YNode } from './nav';

export type PolicyDirection = 'ingress' | 'egress';

export interface PolicyRule {
  direction: PolicyDirection;
  node: YNode;
  /** `from` for ingress, `to` for egress. */
  peers: YNode | undefined;
  ports: YNode | undefined;
}

export function peersKey(direction: PolicyDirection): 'from' | 'to' {
  return direction === 'ingress' ? 'from' : 'to';
}

/** Every ingress and egress rule of a NetworkPolicy. */
export function policyRules(object: K8sObject): PolicyRule[] {
  const spec = object.root.get('spec');
  const out: PolicyRule[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    for (const node of spec?.get(direction)?.items() ?? []) {
      if (!node.isMap) continue;
      out.push({ direction, node, peers: node.get(peersKey(direction)), ports: node.get('ports') });
    }
  }
  return out;
}

/** Absent, null or an empty list: for `from`/`to` and `ports` that means "all". */
export function isUnrestrictedList(node: YNode | undefined): boolean {
  return !node || node.isNull || (node.isSeq && node.items().length === 0 && !node.templated);
}

/**
 * A label selector that selects everything: `{}`, or only empty
 * `matchLabels`/`matchExpressions`. Templated selectors are not empty.
 */
export function isEmptySelector(node: YNode | undefined): boolean {
  if (!node || node.templated || !node.isMap) return false;
  for (const [key, value] of node.entries()) {
    if (key !== 'matchLabels' && key !== 'matchExpressions') return false;
    if (!value || value.isNull) continue;
    if (value.templated) return false;
    if (value.isMap && value.keys().length === 0) continue;
    if (value.isSeq && value.items().length === 0) continue;
    return false;
  }
  return true;
}

/** `0.0.0.0/0`, `::/0` and any other prefix of length 0: every address. */
export function isAllAddresses(cidr: string): boolean {
  const m = /^\s*([0-9a-fA-F:.]{2,45})\/0+\s*$/.exec(cidr);
  return Boolean(m && (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(m[1]!) || m[1]!.includes(':')));
}
