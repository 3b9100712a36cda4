/**
 * Hover: on a finding, what to do first, one line of why, and the rule's page
 * (the editor already shows the message above, so it is not repeated); on a
 * value under a Secret's `data`, whether it decodes to readable text, with the
 * reminder that base64 is not encryption. The decoded value itself is never in
 * a hover (screens are shared): a link reveals it on request
 * (`kubeward.revealSecretValue`). Decoded values are never logged.
 */
import { MarkupKind, type CancellationToken, type Hover, type HoverParams, type MarkupContent } from 'vscode-languageserver/node';
import { decodeSecretValue, LineIndex, objectAt, type Finding, type Rule } from '../../shared-rules/src/index';
import { Commands, type RevealedSecretValue } from '../../shared-rules/src/protocol';
import type { ClientFeatures } from './capabilities';
import { ruleDocsLink, toRange } from './diagnostics';
import type { Documents } from './documents';
import type { Settings } from './settings';

export interface HoverHost {
  documents: Documents;
  settings: Settings;
  features: ClientFeatures;
  rulesById: ReadonlyMap<string, Rule>;
}

/** The client's palette command that opens a rule's page in its Markdown preview. */
const SHOW_RULE_DOCUMENTATION = 'kubeward.showRuleDocumentation';

/** The first sentence of a piece of rule documentation (markdown kept), at most about 220 characters. */
export function firstSentence(text: string): string {
  const flat = text.trim().replace(/\s+/g, ' ');
  const m = /^(.+?[.!?])(?=\s+[A-Z`(*]|$)/.exec(flat);
  const sentence = m ? m[1]! : flat;
  if (sentence.length <= 220) return sentence;
  const cut = sentence.slice(0, 220);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 160))}…`;
}

/** A `command:` link (clients that render them pass the arguments as JSON). */
function commandLink(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

/** Text safe to put in markdown as is (names come from the user's file). */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\*_[\]<>#|~]/g, '\\$&');
}

export class Hovers {
  constructor(private readonly host: HoverHost) {}

  async provide(params: HoverParams, token: CancellationToken): Promise<Hover | null> {
    const uri = params.textDocument.uri;
    if (!this.host.documents.get(uri)) return null;
    const settings = await this.host.settings.forDocument(uri);
    let doc = this.host.documents.get(uri);
    if (!doc || !settings.enable || settings.ignored) return null;
    const result = settings.run === 'onSave' ? this.host.documents.current(uri) : await this.host.documents.resultFor(uri, doc.version, token);
    doc = this.host.documents.get(uri);
    if (!doc || token.isCancellationRequested) return null;
    const text = doc.getText();
    const lines = new LineIndex(text);
    const offset = lines.offsetAt(params.position);
    const markdown = this.host.features.markdownHover;
    const parts: string[] = [];
    let range: [number, number] | undefined;

    if (result && result.version === doc.version) {
      const here = result.findings.filter((f) => f.start <= offset && (offset < f.end || (f.start === f.end && offset === f.end)));
      for (const finding of here) {
        parts.push(this.describe(finding, markdown));
        range = range ? [Math.min(range[0], finding.start), Math.max(range[1], finding.end)] : [finding.start, finding.end];
      }
    }
    const secret = this.secretValue(uri, text, offset, markdown);
    if (secret) {
      parts.push(secret.text);
      range ??= secret.range;
    }
    if (parts.length === 0) return null;
    const contents: MarkupContent = { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: parts.join(markdown ? '\n\n---\n\n' : '\n\n') };
    return { contents, range: range ? toRange(lines, range[0], range[1]) : undefined };
  }

  private describe(finding: Finding, markdown: boolean): string {
    const meta = this.host.rulesById.get(finding.ruleId)?.meta;
    // VS Code's client opens the page in its Markdown preview; other clients get the page's file (or web) address.
    const viaCommand = markdown && this.host.features.clientCommands.has(SHOW_RULE_DOCUMENTATION);
    const url = viaCommand ? commandLink(SHOW_RULE_DOCUMENTATION, [finding.ruleId]) : ruleDocsLink(finding.ruleId);
    const todo = meta && !meta.engine ? firstSentence(meta.docs.remediation) : undefined;
    const why = meta && !meta.engine ? firstSentence(meta.docs.rationale) : undefined;
    if (!markdown) {
      const out: string[] = [];
      if (todo) out.push(`What to do: ${todo}`);
      if (why) out.push(`Why: ${why}`);
      out.push(`${finding.ruleId}: ${url}`);
      return out.join('\n');
    }
    // Rationale and remediation are the rule's own markdown.
    const out: string[] = [];
    if (todo) out.push(`**What to do:** ${todo}`);
    if (why) out.push(`**Why:** ${why}`);
    out.push(`[${finding.ruleId}: the rule's page](${url})`);
    return out.join('\n\n');
  }

  /** What the value of a Secret's `data` entry under the cursor decodes to: readable text or not, never the text itself. */
  private secretValue(uri: string, text: string, offset: number, markdown: boolean): { text: string; range: [number, number] } | undefined {
    const found = secretValueAt(text, offset);
    if (!found) return undefined;
    const { value, range } = found;
    const name = markdown ? `**Secret \`${escapeMarkdown(value.secret)}\`, key \`${escapeMarkdown(value.key)}\`**` : `Secret ${value.secret}, key ${value.key}`;
    if (value.invalid) return { text: `${name}: not valid base64, Kubernetes rejects this Secret.`, range };
    const what = value.binary ? 'decodes to binary data' : 'decodes to readable text';
    const warning = 'base64 is an encoding, not encryption: anyone who can read this manifest can read it.';
    let reveal = '';
    if (!value.binary) {
      const lines = new LineIndex(text);
      const args = [{ uri, position: lines.positionAt(range[0]) }];
      reveal = markdown ? ` [Reveal the value](${commandLink(Commands.revealSecretValue, args)})` : ` Run ${Commands.revealSecretValue} to see it.`;
    }
    return { text: `${name} ${what}: ${warning}${reveal}`, range };
  }
}

/** The value of a Secret's `data` entry at `offset`, decoded (for `kubeward.revealSecretValue`), and its range. */
export function secretValueAt(text: string, offset: number): { value: RevealedSecretValue; range: [number, number] } | undefined {
  const located = objectAt(text, offset);
  if (!located || located.object.kind !== 'Secret') return undefined;
  const data = located.object.root.get('data');
  if (!data?.isMap) return undefined;
  const local = offset - located.chunk.start;
  for (const [key, node] of data.entries()) {
    if (!node || !node.isScalar || node.isNull) continue;
    const [s, e] = node.range;
    if (local < s || local > e) continue;
    if (node.templated) return undefined;
    const raw = node.str;
    if (raw === undefined) return undefined;
    // The engine's decoder: strict like the API server, shared with the Secret rules.
    const decoded = decodeSecretValue(raw);
    const secret = located.object.name ?? 'this Secret';
    const range: [number, number] = [s + located.chunk.start, e + located.chunk.start];
    if (!decoded) return { value: { secret, key, invalid: true }, range };
    if (decoded.binary) return { value: { secret, key, binary: true }, range };
    return { value: { secret, key, text: decoded.text }, range };
  }
  return undefined;
}
