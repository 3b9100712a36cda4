/**
 * Completion in `.kubeward.yaml`: setting names at the top level, the fields
 * of an exception, rule ids where a rule is expected (`rule:`, `enforce:`
 * items, keys under `rules:`) and the values of `profile` and rule settings.
 * Decided from the lines above the cursor (their indentation), so it works
 * while the file is half written and does not parse.
 */
export interface ConfigCompletion {
  label: string;
  kind: 'setting' | 'field' | 'rule' | 'value';
  /** Text to insert (defaults to the label). */
  insertText?: string;
  detail?: string;
}

export const CONFIG_SETTINGS: ReadonlyArray<[name: string, detail: string]> = [
  ['profile', 'baseline or restricted: which pod-security rules run'],
  ['kubernetesVersion', 'the Kubernetes version the manifests target ("1.31")'],
  ['rules', 'per rule id or glob: off, on, hint, info, warning, error'],
  ['ignore', 'globs of files not to check'],
  ['ingress', 'authUrl, authSignin, clusterIssuer, tlsSecretName, basicAuthSecret, nginxClasses, publicHosts'],
  ['images', 'trustedRegistries'],
  ['maxFileSize', 'bytes above which a file is not analysed'],
  ['exceptions', 'scoped waivers with a reason and an optional end date'],
  ['enforce', 'rules no comment or annotation can suppress'],
  ['peerSuppressions', "honour other scanners' suppressions (true/false)"],
];

export const EXCEPTION_FIELDS: ReadonlyArray<[name: string, detail: string]> = [
  ['rule', 'a rule id or a glob (pod-*)'],
  ['reason', 'required: why the finding is accepted'],
  ['expires', 'YYYY-MM-DD, the last day the exception applies'],
  ['paths', 'globs of files, relative to .kubeward.yaml'],
  ['objects', 'kind/namespace/name, globs per part'],
  ['containers', 'container names'],
  ['chart', 'a Helm chart name (Chart.yaml)'],
  ['overlay', 'a Kustomize folder'],
];

const indentOf = (line: string) => line.length - line.trimStart().length;

/** The key of the nearest line above `lineIndex` indented less than `indent` (`- key:` items count at their key's column). */
function parentKey(lines: readonly string[], lineIndex: number, indent: number): { key: string; indent: number; line: number } | undefined {
  for (let i = lineIndex - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const ind = indentOf(line);
    if (ind < indent) {
      const m = /^\s*(?:-\s+)?([A-Za-z0-9_.*/-]+)\s*:/.exec(line);
      return { key: m?.[1] ?? (line.trimStart().startsWith('-') ? '-' : ''), indent: ind, line: i };
    }
  }
  return undefined;
}

export function configCompletions(text: string, offset: number, ruleIds: Iterable<string>): ConfigCompletion[] {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  const current = before.slice(lineStart);
  const lines = before.split('\n');
  const lineIndex = lines.length - 1;
  const rules = () => [...ruleIds].sort().map((id): ConfigCompletion => ({ label: id, kind: 'rule' }));
  const item = /^(\s*)-\s*(.*)$/.exec(current);
  const keyValue = /^(\s*)(?:-\s+)?([A-Za-z0-9_*-]+)\s*:\s*(\S*)$/.exec(current);

  // A value after `key:`.
  if (keyValue) {
    const [, , key] = keyValue;
    const parent = parentKey(lines, lineIndex, indentOf(current));
    const inEntry =
      parent?.key === 'exceptions' ||
      (parent !== undefined && /^\s*-/.test(lines[parent.line]!) && parentKey(lines, parent.line, indentOf(lines[parent.line]!))?.key === 'exceptions');
    if (key === 'rule' && inEntry) return rules();
    if (key === 'profile' && !parent) return ['baseline', 'restricted'].map((v) => ({ label: v, kind: 'value' }));
    if (key === 'peerSuppressions' && !parent) return ['true', 'false'].map((v) => ({ label: v, kind: 'value' }));
    if (parent?.key === 'rules') return ['off', 'on', 'hint', 'info', 'warning', 'error'].map((v) => ({ label: v, kind: 'value' }));
    return [];
  }
  const word = /^\s*(?:-\s*)?[A-Za-z0-9_-]*$/.test(current);
  if (!word) return [];
  const indent = item ? item[1]!.length : indentOf(current);
  if (indent === 0 && !item) return CONFIG_SETTINGS.map(([label, detail]) => ({ label, kind: 'setting', insertText: `${label}: `, detail }));
  const parent = parentKey(lines, lineIndex, indent + (item ? 0 : 0));
  // `enforce:` items and keys under `rules:` are rule ids.
  if (item && parent?.key === 'enforce') return rules();
  if (!item && parent?.key === 'rules' && parent.indent === 0) return rules().map((r) => ({ ...r, insertText: `${r.label}: ` }));
  // A new exception (`- `), or a field of the one being written.
  const inException = (p: typeof parent) => p?.key === 'exceptions' && p.indent === 0;
  if (item && inException(parent)) return EXCEPTION_FIELDS.map(([label, detail]) => ({ label, kind: 'field', insertText: `${label}: `, detail }));
  if (!item && parent) {
    const entryStart = lines[parent.line]!;
    const grand = /^\s*-/.test(entryStart) ? parentKey(lines, parent.line, indentOf(entryStart)) : undefined;
    if (inException(grand)) {
      const written = new Set<string>();
      for (let i = parent.line; i < lineIndex; i++) {
        const m = /^\s*(?:-\s+)?([A-Za-z0-9_]+)\s*:/.exec(lines[i]!);
        if (m) written.add(m[1]!);
      }
      return EXCEPTION_FIELDS.filter(([f]) => !written.has(f)).map(([label, detail]) => ({ label, kind: 'field', insertText: `${label}: `, detail }));
    }
  }
  return [];
}
