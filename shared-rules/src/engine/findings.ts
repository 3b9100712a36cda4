/**
 * The one way a finding is made: its message is the rule's `meta.messages`
 * template for `messageId`, filled with `data`. Rule findings, cross-document
 * findings and the engine's own (syntax, skipped analyses) all come from here.
 */
import type { K8sObject } from '../k8s/objects';
import type { RuleMeta } from './rule';
import type { Finding, Severity } from './types';

export function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
  if (!data) return template;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, key: string) => (key in data ? String(data[key]) : m));
}

/** A finding of `meta`'s rule; throws on a messageId the metadata does not define. */
export function buildFinding(
  meta: RuleMeta,
  messageId: string,
  data: Record<string, string | number> | undefined,
  severity: Severity,
  start: number,
  end: number,
): Finding {
  const template = (meta.messages as Record<string, string>)[messageId];
  if (template === undefined) throw new Error(`${meta.id}: unknown messageId "${messageId}"`);
  const finding: Finding = { ruleId: meta.id, messageId, severity, message: formatMessage(template, data), start, end };
  if (meta.deprecation) finding.deprecated = true;
  return finding;
}

/** What findings say of their object: one per object, shared by its findings. */
const objectRefs = new WeakMap<K8sObject, NonNullable<Finding['object']>>();
export function objectRef(object: K8sObject): NonNullable<Finding['object']> {
  let ref = objectRefs.get(object);
  const named = object.embedded?.owner ?? object;
  if (!ref) objectRefs.set(object, (ref = { kind: named.kind, name: named.name, namespace: named.namespace }));
  return ref;
}
