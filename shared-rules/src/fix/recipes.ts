/**
 * Fix recipes: edits several rules share, written once over the EditBuilder.
 * Knowledge of what a field means stays in `k8s/`; here is only how to change it.
 */
import { containersOf, podSpecOf, annotationsOf, type K8sObject } from '../k8s/objects';
import { escalationForced, lookup, type Uncertain } from '../k8s/pod-security';
import { STANDARD_VERBS, humanList, type ListItem, type PolicyRule, type RuleList } from '../k8s/rbac';
import { SOURCE_RANGES_ANNOTATION } from '../k8s/services';
import type { YNode } from '../yaml/nav';
import { NoFix, type EditBuilder } from './edit-builder';
import { emitPairLines, quoted, type EmitValue } from './emit';

// ---------------------------------------------------------------- lists and comments

/** Refuses a removal that would take a comment with it (the comment may be the reason the line is there). */
export function keepingComments(edit: EditBuilder, change: (edit: EditBuilder) => void): void {
  change(edit);
  if (edit.removesComments) throw new NoFix('the removal would delete a comment');
}

export interface RemoveItemsOptions {
  /** What a list left empty becomes: its key goes ('remove-key', the default), or `key: []` stays ('empty-list'). */
  emptied: 'remove-key' | 'empty-list';
  /** Refuse (NoFix) a removal that would delete a comment, or a list reached through an alias or merge key. */
  strict: boolean;
}

const DROP_KEY: RemoveItemsOptions = { emptied: 'remove-key', strict: true };
/** RBAC lists: an emptied list stays as `[]` (a rule without verbs is not the same as one with none). */
export const EMPTY_LIST: RemoveItemsOptions = { emptied: 'empty-list', strict: false };

/**
 * Removes several items of one sequence in one edit set, whatever its style
 * (fixes of one object must not overlap, so they are built together). A flow
 * list is rewritten from the source text of the items kept; a block list loses
 * the lines of the items removed; a list left empty loses its key, or becomes
 * `[]` with `emptied: 'empty-list'`.
 */
export function removeItems(edit: EditBuilder, seq: YNode, doomed: readonly YNode[], options: RemoveItemsOptions = DROP_KEY): void {
  if (doomed.length === 0) return;
  if (options.strict && seq.indirect) throw new NoFix('the list comes from an alias or merge key');
  const items = seq.items();
  const gone = new Set(doomed.map((n) => n.range[0]));
  const kept = items.filter((n) => !gone.has(n.range[0]));
  if (kept.length === items.length) return;
  const change = (e: EditBuilder) => {
    if (seq.isFlow) {
      // Rewrite the list from the kept items' own text.
      const [start, end] = seq.range;
      e.replace(start, end, `[${kept.map((k) => e.sourceOf(k)).join(', ')}]`);
    } else if (kept.length > 0) {
      for (const item of items) if (gone.has(item.range[0])) e.removeItem(item);
    } else if (options.emptied === 'empty-list') {
      if (!seq.keyNode) throw new NoFix('cannot empty a nested sequence');
      const text = e.source.text;
      const colon = text.indexOf(':', seq.keyRange[1]);
      let end = seq.range[1];
      while (end > colon + 1 && /\s/.test(text[end - 1]!)) end--;
      e.replace(colon + 1, end, ' []');
    } else if (seq.parent?.isMap && seq.key !== undefined) e.removePair(seq.parent, seq.key);
    else e.replaceValue(seq, []);
  };
  if (options.strict) keepingComments(edit, change);
  else change(edit);
}

// ---------------------------------------------------------------- pod security

export const RESTRICTED_FIX_TITLE = 'Apply the restricted securityContext';

/**
 * The one-keystroke hardening: pod-level `runAsNonRoot: true` and
 * `seccompProfile.type: RuntimeDefault`, per container
 * `allowPrivilegeEscalation: false`, `capabilities.drop: [ALL]` and
 * `readOnlyRootFilesystem: true`. Merged into what is there: a value
 * already written is kept, `ALL` is appended to an existing drop list,
 * and parts hidden by templates are left alone.
 */
export function applyRestrictedSecurityContext(edit: EditBuilder, object: K8sObject, uncertain: Uncertain): void {
  const spec = podSpecOf(object);
  if (!spec) throw new NoFix('no pod spec');
  const ensure = (base: YNode, path: readonly string[], value: boolean | string | string[]) => {
    const found = lookup(base, path, uncertain);
    if (found.state !== 'unset' || found.parent.indirect) return;
    edit.setIn(base, path, value);
  };
  ensure(spec, ['securityContext', 'runAsNonRoot'], true);
  ensure(spec, ['securityContext', 'seccompProfile', 'type'], 'RuntimeDefault');
  for (const { node } of containersOf(object)) {
    if (!escalationForced(node)) ensure(node, ['securityContext', 'allowPrivilegeEscalation'], false);
    const drop = lookup(node, ['securityContext', 'capabilities', 'drop'], uncertain);
    if (drop.state === 'unset') ensure(node, ['securityContext', 'capabilities', 'drop'], ['ALL']);
    else if (drop.state === 'set' && drop.node.isSeq && !drop.node.strings().includes('ALL') && !drop.node.indirect && !drop.node.templated)
      edit.appendItem(drop.node, 'ALL');
    ensure(node, ['securityContext', 'readOnlyRootFilesystem'], true);
  }
}

// ---------------------------------------------------------------- RBAC

/** One item of a rule to take away: a verb, or a resource with the verbs it must lose. */
export interface Flagged {
  rule: PolicyRule;
  list: RuleList;
  item: ListItem;
  /** For a resource: the verbs to take away from it ('all': the resource goes). */
  drop?: readonly string[] | 'all';
}

function valuesOf(list: RuleList): string[] {
  if (list.templated) throw new NoFix('templated list');
  return list.items.map((i) => i.value!);
}

/** Values written like the list's existing items: double-quoted if they are. */
function styled(list: RuleList, values: readonly string[]): EmitValue[] {
  const double = list.items[0]?.node.quoteStyle === 'double';
  return values.map((v) => (double ? quoted(v) : v));
}

/**
 * Takes flagged verbs and resources out of their rules, all in one fix (fixes
 * of one object must not overlap). A resource that keeps some verbs moves to
 * a rule of its own with those verbs; a rule left without verbs or resources
 * is removed.
 */
export function removeFlagged(edit: EditBuilder, object: K8sObject, flagged: readonly Flagged[]): void {
  const rulesSeq = object.root.get('rules');
  if (!rulesSeq?.isSeq) throw new NoFix('no rules list');
  const byRule = new Map<unknown, { rule: PolicyRule; verbs: YNode[]; resources: Array<{ node: YNode; value: string; drop: readonly string[] | 'all' }> }>();
  for (const f of flagged) {
    let entry = byRule.get(f.rule.node.node);
    if (!entry) byRule.set(f.rule.node.node, (entry = { rule: f.rule, verbs: [], resources: [] }));
    if (f.list === f.rule.verbs) {
      if (!entry.verbs.some((n) => n.range[0] === f.item.node.range[0])) entry.verbs.push(f.item.node);
    } else {
      const existing = entry.resources.find((r) => r.node.range[0] === f.item.node.range[0]);
      const drop = f.drop ?? 'all';
      if (!existing) entry.resources.push({ node: f.item.node, value: f.item.value!, drop });
      else if (existing.drop !== 'all') existing.drop = drop === 'all' ? 'all' : [...new Set([...existing.drop, ...drop])];
    }
  }
  const wholeRules: YNode[] = [];
  for (const { rule, verbs, resources } of byRule.values()) {
    const goneVerbs = new Set(verbs.map((n) => n.range[0]));
    const verbValues = valuesOf(rule.verbs).filter((_, i) => !goneVerbs.has(rule.verbs.items[i]!.node.range[0]));
    if (verbValues.length === 0) {
      wholeRules.push(rule.node);
      continue;
    }
    const expanded = verbValues.includes('*') ? [...STANDARD_VERBS] : verbValues;
    // Resources grouped by the verbs they keep.
    const groups = new Map<string, { keep: string[]; nodes: YNode[]; values: string[] }>();
    for (const r of resources) {
      const keep = r.drop === 'all' ? [] : expanded.filter((v) => !(r.drop as readonly string[]).includes(v));
      const key = keep.join(',');
      const group = groups.get(key) ?? { keep, nodes: [], values: [] };
      group.nodes.push(r.node);
      group.values.push(r.value);
      groups.set(key, group);
    }
    const allResources = resources.length >= rule.resources.items.length;
    const kept = [...groups.values()].filter((g) => g.keep.length > 0);
    let insert = kept;
    if (allResources) {
      // Every resource is flagged: the rule itself becomes the first narrowed group, or goes.
      const [first, ...rest] = kept;
      if (!first) {
        wholeRules.push(rule.node);
        continue;
      }
      if (groups.size > 1) edit.replaceValue(rule.resources.node!, styled(rule.resources, first.values));
      edit.replaceValue(rule.verbs.node!, styled(rule.verbs, first.keep));
      insert = rest;
    } else {
      if (verbs.length > 0) removeItems(edit, rule.verbs.node!, verbs, EMPTY_LIST);
      if (resources.length > 0)
        removeItems(
          edit,
          rule.resources.node!,
          resources.map((r) => r.node),
          EMPTY_LIST,
        );
    }
    for (const group of insert) {
      const value: Record<string, EmitValue> = {
        apiGroups: rule.apiGroups.node ? styled(rule.apiGroups, valuesOf(rule.apiGroups)) : [quoted('')],
        resources: styled(rule.resources, group.values),
      };
      if (rule.resourceNames.items.length > 0) value.resourceNames = styled(rule.resourceNames, valuesOf(rule.resourceNames));
      value.verbs = styled(rule.verbs, group.keep);
      edit.insertItemBefore(rule.node, value);
    }
  }
  if (wholeRules.length > 0) removeItems(edit, rulesSeq, wholeRules, EMPTY_LIST);
}

/** Title of a removal fix: the values it takes out. */
export function removalTitle(flagged: readonly Flagged[]): string {
  const names = [...new Set(flagged.map((f) => `"${f.item.value ?? '?'}"`))];
  return `Remove ${humanList(names)} from the rules`;
}

// ---------------------------------------------------------------- Services

/** Fields that Kubernetes rejects on a ClusterIP Service. */
const LOAD_BALANCER_ONLY = ['externalTrafficPolicy', 'healthCheckNodePort', 'loadBalancerSourceRanges', 'allocateLoadBalancerNodePorts', 'loadBalancerClass'];

/**
 * Makes the Service `type: ClusterIP`, removing what the API server would
 * then reject: every `ports[*].nodePort`, the load-balancer-only fields and
 * the source-ranges annotation ("may only be used when `type` is 'LoadBalancer'").
 */
export function toClusterIP(edit: EditBuilder, object: K8sObject, typeNode: YNode): void {
  const spec = object.root.get('spec');
  if (!spec?.isMap) return;
  edit.setScalar(typeNode, 'ClusterIP');
  for (const key of LOAD_BALANCER_ONLY) if (spec.get(key)) edit.removePair(spec, key);
  const annotations = annotationsOf(object);
  if (annotations?.get(SOURCE_RANGES_ANNOTATION)) edit.removePair(annotations, SOURCE_RANGES_ANNOTATION);
  const ports = spec.get('ports');
  if (ports?.isSeq) for (const port of ports.items()) if (port.isMap && port.get('nodePort')) edit.removePair(port, 'nodePort');
}

// ---------------------------------------------------------------- Ingress: where new fields go

/**
 * Writes `key: value` into a block mapping on the lines just before `beforeKey`
 * (`undefined`: before the first key), where people write it — `ingressClassName`
 * first in `spec`, `tls` before `rules` — in the file's own style. Returns false
 * when the mapping is not laid out for that (flow style, empty, key not at the
 * start of its line, alias or merge), so the caller can fall back to
 * `EditBuilder.setIn`, which appends.
 */
export function insertBeforeKey(edit: EditBuilder, map: YNode | undefined, beforeKey: string | undefined, key: string, value: EmitValue): boolean {
  if (!map?.isMap || map.isFlow || map.indirect || map.templated || map.has(key)) return false;
  const entries = map.entries();
  const target = beforeKey === undefined ? entries[0] : entries.find(([k]) => k === beforeKey);
  const keyNode = target?.[2];
  if (!target || !keyNode?.range || target[1]?.indirect) return false;
  const keyStart = keyNode.range[0];
  const lineStart = edit.lineStartOf(keyStart);
  if (!/^[ ]*$/.test(edit.source.text.slice(lineStart, keyStart))) return false; // `- key:` or `{key:`
  const { style } = edit.source;
  const lines = emitPairLines(key, value, edit.columnOf(keyStart), style);
  edit.insert(lineStart, lines.join(style.eol) + style.eol);
  return true;
}

// ---------------------------------------------------------------- copying values

/**
 * The plain data of a literal node (maps, sequences, scalars), to copy it
 * into inserted text; undefined when any part is templated or aliased.
 */
export function literalValue(node: YNode | undefined): EmitValue | undefined {
  if (!node || node.templated || node.indirect) return undefined;
  if (node.isMap) {
    const out: { [key: string]: EmitValue } = {};
    for (const [key, value] of node.entries()) {
      const v = value ? literalValue(value) : null;
      if (v === undefined) return undefined;
      out[key] = v;
    }
    return out;
  }
  if (node.isSeq) {
    const out: EmitValue[] = [];
    for (const item of node.items()) {
      const v = literalValue(item);
      if (v === undefined) return undefined;
      out.push(v);
    }
    return out;
  }
  const v = node.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return undefined;
}
