/**
 * Other scanners' suppressions, honoured when `.kubeward.yaml` says
 * `peerSuppressions: true` (off by default), so a team switching tools keeps
 * its decisions. Each is mapped to Kubeward rules through the rules' peer ids
 * (`references.peers`):
 * - Checkov: annotation `checkov.io/skip<n>: CKV_K8S_16=<reason>`;
 * - kube-linter: annotation `ignore-check.kube-linter.io/<check>: <reason>`;
 * - Polaris: annotation `polaris.fairwinds.com/<check>-exempt: "true"`;
 * - KICS: comment `# kics-scan ignore-line` (the next line, every rule with a KICS id);
 * - Trivy: comment `#trivy:ignore:<id>` (the next line).
 * They are never reported as unused: they may be there for the other tool.
 */
import type { LineIndex } from '../text/line-index';
import type { Rule } from './rule';
import type { CommentDirective } from './suppress';
import type { PeerTool } from './types';

/** Peer ids compared without case, separators or leading zeros (`KSV017`, `KSV-0017`, `AVD-KSV-0017`). */
function normalise(id: string): string {
  return id
    .toUpperCase()
    .replace(/^AVD-/, '')
    .replace(/[^A-Z0-9]/g, '')
    .replace(/([A-Z])0+(\d)/g, '$1$2');
}

const indexes = new WeakMap<readonly Rule[], Map<PeerTool, Map<string, string[]>>>();

/** Peer id → Kubeward rule ids, per tool. */
function peerIndex(rules: readonly Rule[]): Map<PeerTool, Map<string, string[]>> {
  let index = indexes.get(rules);
  if (index) return index;
  index = new Map();
  for (const rule of rules) {
    for (const [tool, ids] of Object.entries(rule.meta.references.peers ?? {}) as Array<[PeerTool, string | readonly string[]]>) {
      let byId = index.get(tool);
      if (!byId) index.set(tool, (byId = new Map<string, string[]>()));
      for (const id of typeof ids === 'string' ? [ids] : ids) {
        const key = normalise(id);
        byId.set(key, [...(byId.get(key) ?? []), rule.meta.id]);
      }
    }
  }
  indexes.set(rules, index);
  return index;
}

const rulesOf = (rules: readonly Rule[], tool: PeerTool, id: string) => peerIndex(rules).get(tool)?.get(normalise(id)) ?? [];

/** The Kubeward rules an annotation of another tool suppresses (empty: not such an annotation). */
export function peerAnnotationRules(key: string, value: string | undefined, rules: readonly Rule[]): string[] {
  let m = /^checkov\.io\/skip\d+$/.exec(key);
  if (m) return value ? rulesOf(rules, 'checkov', value.split('=')[0]!.trim()) : [];
  m = /^ignore-check\.kube-linter\.io\/(.+)$/.exec(key);
  if (m) return rulesOf(rules, 'kube-linter', m[1]!);
  m = /^polaris\.fairwinds\.com\/(.+)-exempt$/.exec(key);
  if (m && value?.trim().toLowerCase() === 'true') return rulesOf(rules, 'polaris', m[1]!);
  return [];
}

const COMMENT = /(^|[ \t])#[ \t]*(kics-scan[ \t]+ignore-line|trivy:ignore:([A-Za-z0-9_-]+))/;

/** `# kics-scan ignore-line` and `#trivy:ignore:<id>` comments, as disable-next-line directives of the rules they map to. */
export function parsePeerDirectives(text: string, lines: LineIndex, rules: readonly Rule[]): CommentDirective[] {
  const out: CommentDirective[] = [];
  if (!text.includes('kics-scan') && !text.includes('trivy:ignore')) return out;
  const kics = [...new Set([...(peerIndex(rules).get('kics')?.values() ?? [])].flat())];
  for (let line = 0; line < lines.lineCount && out.length < 1000; line++) {
    const lineText = lines.lineText(line);
    const m = COMMENT.exec(lineText);
    if (!m) continue;
    const ruleIds = m[3] ? rulesOf(rules, 'trivy', m[3]) : kics;
    if (ruleIds.length === 0) continue;
    const start = lines.lineStart(line) + m.index + m[1]!.length;
    out.push({ type: 'disable-next-line', rules: ruleIds, line, start, end: lines.lineStart(line) + lineText.trimEnd().length, peer: true });
  }
  return out;
}
