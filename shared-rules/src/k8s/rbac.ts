/**
 * RBAC knowledge shared by the rbac-* rules: how a PolicyRule grants access
 * (apiGroups × resources × verbs, narrowed by resourceNames), which resources
 * live in which API group, and who a binding's subjects are.
 *
 * Matching follows the API server's authorizer (`rbac/v1` helpers): `*`
 * matches any verb, group or resource; `*\/sub` matches that subresource of
 * every resource; resourceNames narrow every verb except `create` and
 * `deletecollection`, which carry no object name at authorization time.
 */
import type { K8sObject } from './objects';
import type { YNode } from '../yaml/nav';

export const ROLE_KINDS = ['Role', 'ClusterRole'] as const;
export const BINDING_KINDS = ['RoleBinding', 'ClusterRoleBinding'] as const;
export const RBAC_GROUP = 'rbac.authorization.k8s.io';

export const READ_VERBS = ['get', 'list', 'watch'] as const;
export const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'] as const;
/** Verbs that resourceNames cannot narrow: the object has no name yet, or the request names none. */
const UNNAMED_VERBS: ReadonlySet<string> = new Set(['create', 'deletecollection']);

/** Default discovery roles the API server binds to every (even anonymous) user. */
export const DISCOVERY_ROLES: ReadonlySet<string> = new Set(['system:basic-user', 'system:discovery', 'system:public-info-viewer']);

/** Groups each resource is served from (legacy groups included: extensions still appears in manifests). */
const RESOURCE_GROUPS: Record<string, readonly string[]> = {
  pods: [''],
  'pods/exec': [''],
  'pods/attach': [''],
  'pods/portforward': [''],
  secrets: [''],
  services: [''],
  'services/status': [''],
  'services/proxy': [''],
  endpoints: [''],
  serviceaccounts: [''],
  'serviceaccounts/token': [''],
  nodes: [''],
  'nodes/proxy': [''],
  replicationcontrollers: [''],
  users: [''],
  groups: [''],
  uids: ['authentication.k8s.io'],
  userextras: ['authentication.k8s.io'],
  endpointslices: ['discovery.k8s.io'],
  ingresses: ['networking.k8s.io', 'extensions'],
  'ingresses/status': ['networking.k8s.io', 'extensions'],
  networkpolicies: ['networking.k8s.io', 'extensions'],
  deployments: ['apps', 'extensions'],
  daemonsets: ['apps', 'extensions'],
  statefulsets: ['apps'],
  replicasets: ['apps', 'extensions'],
  jobs: ['batch'],
  cronjobs: ['batch'],
  roles: [RBAC_GROUP],
  clusterroles: [RBAC_GROUP],
  rolebindings: [RBAC_GROUP],
  clusterrolebindings: [RBAC_GROUP],
  mutatingwebhookconfigurations: ['admissionregistration.k8s.io'],
  validatingwebhookconfigurations: ['admissionregistration.k8s.io'],
  'certificatesigningrequests/approval': ['certificates.k8s.io'],
};

export function groupsOf(resource: string): readonly string[] {
  return RESOURCE_GROUPS[resource] ?? [];
}

export interface ListItem {
  /** undefined when templated or not a string. */
  value: string | undefined;
  node: YNode;
}

export interface RuleList {
  /** The list itself; undefined when the field is absent. */
  node: YNode | undefined;
  items: ListItem[];
  /** The list (or part of it) comes from a template: it may hold more than we see. */
  templated: boolean;
}

export interface PolicyRule {
  node: YNode;
  index: number;
  apiGroups: RuleList;
  resources: RuleList;
  verbs: RuleList;
  resourceNames: RuleList;
  nonResourceURLs: RuleList;
}

function listOf(rule: YNode, key: string): RuleList {
  const node = rule.get(key);
  if (!node || node.isNull) return { node: undefined, items: [], templated: false };
  if (!node.isSeq) return { node, items: [], templated: node.templated };
  const items = node.items().map((n) => ({ value: n.isScalar && !n.templated && typeof n.value === 'string' ? n.value : undefined, node: n }));
  return { node, items, templated: node.templated || items.some((i) => i.value === undefined) };
}

/** True for a ClusterRole whose rules the aggregation controller writes (any `rules` in the file are replaced). */
export function isAggregated(object: K8sObject): boolean {
  const agg = object.root.get('aggregationRule');
  return Boolean(agg && !agg.isNull);
}

/** The PolicyRules a Role or ClusterRole grants; none for an aggregated ClusterRole. */
export function policyRulesOf(object: K8sObject): PolicyRule[] {
  if (object.kind === 'ClusterRole' && isAggregated(object)) return [];
  const rules = object.root.get('rules');
  if (!rules?.isSeq) return [];
  return rules.items().flatMap((node, index) =>
    node.isMap
      ? [
          {
            node,
            index,
            apiGroups: listOf(node, 'apiGroups'),
            resources: listOf(node, 'resources'),
            verbs: listOf(node, 'verbs'),
            resourceNames: listOf(node, 'resourceNames'),
            nonResourceURLs: listOf(node, 'nonResourceURLs'),
          },
        ]
      : [],
  );
}

function values(list: RuleList): string[] {
  return list.items.flatMap((i) => (i.value === undefined ? [] : [i.value]));
}

/**
 * True when the rule's apiGroups include one of `groups` (or `*`). A rule
 * without apiGroups is invalid for resources; we read it as the core group,
 * which is what its author almost always meant.
 */
export function matchesGroup(rule: PolicyRule, groups: readonly string[]): boolean {
  if (!rule.apiGroups.node) return groups.includes('');
  const have = values(rule.apiGroups);
  return have.includes('*') || groups.some((g) => have.includes(g));
}

/** Verb items of the rule that grant one of `verbs` (`*` included). */
export function verbItems(rule: PolicyRule, verbs: readonly string[]): ListItem[] {
  return rule.verbs.items.filter((i) => i.value !== undefined && (i.value === '*' || verbs.includes(i.value)));
}

/** The verbs (lower-cased names) among `verbs` that the rule grants. */
export function grantedVerbs(rule: PolicyRule, verbs: readonly string[]): string[] {
  const have = values(rule.verbs);
  if (have.includes('*')) return [...verbs];
  return verbs.filter((v) => have.includes(v));
}

/** True when resourceNames narrow the rule for this verb (a templated list counts: we cannot see it). */
export function narrowedByName(rule: PolicyRule, verb: string): boolean {
  if (rule.resourceNames.templated) return true;
  if (rule.resourceNames.items.length === 0) return false;
  return verb !== '*' && !UNNAMED_VERBS.has(verb);
}

/** Verbs among `verbs` that the rule grants and that resourceNames do not narrow. */
export function effectiveVerbs(rule: PolicyRule, verbs: readonly string[]): string[] {
  return grantedVerbs(rule, verbs).filter((v) => !narrowedByName(rule, v));
}

/** The resource item that names `resource` literally (`*` and `*\/sub` are rbac-wildcard's). */
export function explicitResource(rule: PolicyRule, resource: string): ListItem | undefined {
  return rule.resources.items.find((i) => i.value === resource);
}

export interface Grant {
  rule: PolicyRule;
  resource: string;
  /** The item that names the resource. */
  item: ListItem;
  /** Granted verbs that resourceNames do not narrow. */
  verbs: string[];
}

/**
 * Explicit grants of `verbs` on `resources`: the resource is named (not only
 * matched by `*`, which rbac-wildcard reports), its group matches, and some
 * verb is granted that resourceNames do not narrow.
 */
export function explicitGrants(rules: readonly PolicyRule[], resources: readonly string[], verbs: readonly string[]): Grant[] {
  const out: Grant[] = [];
  for (const rule of rules) {
    for (const resource of resources) {
      const item = explicitResource(rule, resource);
      if (!item || !matchesGroup(rule, groupsOf(resource))) continue;
      const granted = effectiveVerbs(rule, verbs);
      if (granted.length > 0) out.push({ rule, resource, item, verbs: granted });
    }
  }
  return out;
}

/** Every standard verb, for narrowing a `*` verb list. */
export const STANDARD_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'] as const;

export interface Subject {
  node: YNode;
  kind: string | undefined;
  name: string | undefined;
  nameNode: YNode | undefined;
  namespace: string | undefined;
}

export function subjectsOf(object: K8sObject): Subject[] {
  const subjects = object.root.get('subjects');
  if (!subjects?.isSeq) return [];
  return subjects.items().flatMap((node) => {
    if (!node.isMap) return [];
    const nameNode = node.get('name');
    return [{ node, kind: node.get('kind')?.str, name: nameNode?.str, nameNode, namespace: node.get('namespace')?.str }];
  });
}

export interface RoleRef {
  node: YNode;
  kind: string | undefined;
  name: string | undefined;
  nameNode: YNode | undefined;
}

export function roleRefOf(object: K8sObject): RoleRef | undefined {
  const ref = object.root.get('roleRef');
  if (!ref?.isMap) return undefined;
  const nameNode = ref.get('name');
  return { node: ref, kind: ref.get('kind')?.str, name: nameNode?.str, nameNode };
}

/** `ClusterRole "x"` for messages (`This ClusterRole` when the name is templated). */
export function describeObject(object: K8sObject): string {
  return object.name ? `${object.kind} "${object.name}"` : `This ${object.kind}`;
}

/** Short, readable list: a, b and c. */
export function humanList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The verbs that, granted on every resource of every group, amount to full control (as Polaris counts them). */
export const ADMIN_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] as const;

/**
 * True when one rule grants every verb (`*`, or all of get, list, watch,
 * create, update, patch and delete) on every resource (`*`) of every API
 * group (`*`), unnarrowed by resourceNames: read and write of everything,
 * Secrets and RBAC included, which is cluster-admin under another name.
 * Undefined when the role's rules cannot all be seen (templated, aggregated)
 * and none of those that can be seen does.
 */
export function grantsEverything(object: K8sObject, uncertain: (node: YNode) => boolean): boolean | undefined {
  if (object.kind === 'ClusterRole' && isAggregated(object)) return undefined;
  const rules = policyRulesOf(object);
  const full = rules.some((r) => {
    if (r.resourceNames.items.length > 0 || r.resourceNames.templated) return false;
    const groups = values(r.apiGroups);
    const resources = values(r.resources);
    const verbs = values(r.verbs);
    return groups.includes('*') && resources.includes('*') && (verbs.includes('*') || ADMIN_VERBS.every((v) => verbs.includes(v)));
  });
  if (full) return true;
  const list = object.root.get('rules');
  if (list && (list.templated || uncertain(list) || (list.isSeq && list.items().some((n) => !n.isMap || uncertain(n))))) return undefined;
  if (rules.some((r) => r.apiGroups.templated || r.resources.templated || r.verbs.templated)) return undefined;
  return false;
}

/** `ServiceAccount "ci" and Group "ops"` for messages; `its subjects` when there are none. */
export function describeSubjects(subjects: readonly Subject[]): string {
  const names = subjects.map((s) => `${s.kind ?? 'subject'} "${s.name ?? '?'}"`);
  return names.length ? humanList(names) : 'its subjects';
}

/** Only the `system:masters` group: the API server's own binding (that group bypasses authorization anyway). */
export function onlySystemMasters(subjects: readonly Subject[]): boolean {
  return subjects.length > 0 && subjects.every((s) => s.kind === 'Group' && s.name === 'system:masters');
}
