/**
 * Stable identities of findings, for baselines and SARIF `partialFingerprints`.
 *
 * A finding is identified by its rule (and message id), the object it is on
 * (kind, namespace, name, and the chart or overlay the file belongs to), the
 * path of the offending node inside that object and a normalised form of the
 * offending text. Offsets, line numbers, indentation, quoting, the order of
 * objects and the file the object sits in are left out, so a finding keeps
 * its fingerprint when the file is reformatted, objects are reordered, lines
 * are added above it or the object moves to another file. List items that are
 * maps with a `name` (containers, ports, volumes) are named by it, not by their
 * index; items of scalar lists by nothing (their value is the identity).
 */
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { hash53 } from '../text/hash';
import type { Finding, Locus } from './types';

const MAX_VALUE = 200;

/** The offending text, independent of quoting, indentation and line breaks. */
export function normaliseValue(text: string): string {
  let t = text.trim();
  if (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0]) t = t.slice(1, -1);
  t = t.replace(/\s+/g, ' ');
  return t.length > MAX_VALUE ? `${t.slice(0, MAX_VALUE)}#${hash53(t).toString(36)}` : t;
}

function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return '?';
}

function itemSegment(item: unknown, index: number): string {
  if (isMap(item)) {
    const name = item.get('name', true);
    if (isScalar(name) && (typeof name.value === 'string' || typeof name.value === 'number')) return `[name=${name.value}]`;
    return `[${index}]`;
  }
  if (isScalar(item)) return '[]';
  return `[${index}]`;
}

const within = (node: { range?: unknown } | null | undefined, offset: number): boolean => {
  const r = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return Boolean(r && offset >= r[0] && offset <= Math.max(r[1], r[0]));
};

/**
 * The path of the deepest node of `root` (an object's top-level map) at
 * `offset`: the key a finding is on, the value, or a missing field's parent.
 * Aliases are not followed (the finding is where the text is).
 */
export function pathAt(root: Node, offset: number): string {
  let path = '';
  let node: unknown = root;
  for (let depth = 0; depth < 256; depth++) {
    if (isMap(node)) {
      const pair = node.items.find((p) => within(p.key as Node, offset) || within(p.value as Node, offset));
      if (!pair) break;
      const key = keyText(pair.key);
      path += path ? `.${key}` : key;
      if (within(pair.key as Node, offset)) break;
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => within((isPair(item) ? item.value : item) as Node, offset));
      if (index === -1) break;
      const item = node.items[index];
      path += itemSegment(item, index);
      node = isPair(item) ? item.value : item;
    } else break;
  }
  return path;
}

export function locusOf(root: Node, start: number, end: number, text: string): Locus {
  return { path: pathAt(root, start), value: normaliseValue(text.slice(start, end)) };
}

/** What tells objects of the same name apart across a repository: `chart:<name>`, `kustomize:<folder>`, or nothing. */
export type Origin = string | undefined;

/**
 * The finding's identity as text, before hashing. `file` is used only for
 * findings on no object (syntax errors, unused suppressions): they belong to a file.
 */
export function identityOf(finding: Finding, origin: Origin, file: string, withValue = true): string {
  const o = finding.object;
  const where = o ? `${o.kind}/${o.namespace ?? ''}/${o.name ?? ''}` : `file:${file}`;
  const locus = finding.locus ?? { path: '', value: '' };
  return [finding.ruleId, finding.messageId ?? '', origin ?? '', where, locus.path, withValue ? locus.value : ''].join('\u0000');
}

function hex(text: string): string {
  return hash53(text, 1).toString(16).padStart(14, '0') + hash53(text, 2).toString(16).padStart(14, '0');
}

/** The fingerprint SARIF carries (`partialFingerprints["kubeward/v1"]`) and baselines store. */
export function fingerprintOf(finding: Finding, origin: Origin, file: string): string {
  return hex(identityOf(finding, origin, file));
}

/** The same without the offending value: a finding whose value changed on the same node is "updated". */
export function locationFingerprintOf(finding: Finding, origin: Origin, file: string): string {
  return hex(identityOf(finding, origin, file, false));
}

/** The path with every `[name=…]` blanked: a container renamed keeps this one. */
export function unnamedPath(path: string): string {
  return path.replace(/\[name=[^\]]*\]/g, '[name]');
}

/** The same with list item names blanked (a renamed container keeps it). */
export function looseFingerprintOf(finding: Finding, origin: Origin, file: string): string {
  const locus = finding.locus;
  const f: Finding = locus ? { ...finding, locus: { path: unnamedPath(locus.path), value: locus.value } } : finding;
  return hex(identityOf(f, origin, file));
}
