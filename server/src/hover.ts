/**
 * Hover: on a finding, the rule's title, the message, why it matters and what
 * to do (from the rule metadata); on a value under a Secret's `data`, its
 * decoded text, with the reminder that base64 is not encryption. Decoded
 * values are shown to the user only: never logged.
 */
import { MarkupKind, type CancellationToken, type Hover, type HoverParams, type MarkupContent } from 'vscode-languageserver/node';
import { decodeSecretValue, LineIndex, objectAt, ruleDocsUrl, type Finding, type Rule } from '../../shared-rules/src/index';
import type { ClientFeatures } from './capabilities';
import { toRange } from './diagnostics';
import type { Documents } from './documents';
import type { Settings } from './settings';

export interface HoverHost {
  documents: Documents;
  settings: Settings;
  features: ClientFeatures;
  rulesById: ReadonlyMap<string, Rule>;
}

const MAX_SHOWN = 2000;

/** Text safe to put in markdown as is (names come from the user's file). */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\*_[\]<>#|~]/g, '\\$&');
}

/** A code fence longer than any run of backticks inside `text`. */
function fence(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  return '`'.repeat(longest + 1);
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
    const secret = this.secretValue(text, offset, markdown);
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
    const url = ruleDocsUrl(finding.ruleId);
    if (!markdown) {
      const out = [`${meta?.title ?? finding.ruleId} (${finding.ruleId}, ${finding.severity})`, finding.message];
      if (meta && !meta.engine) out.push(`Why it matters: ${meta.docs.rationale}`, `What to do: ${meta.docs.remediation}`);
      out.push(`Documentation: ${url}`);
      return out.join('\n\n');
    }
    const out = [`**${escapeMarkdown(meta?.title ?? finding.ruleId)}** · \`${finding.ruleId}\` · ${finding.severity}`, escapeMarkdown(finding.message)];
    // Rationale and remediation are the rule's own markdown.
    if (meta && !meta.engine) out.push(`**Why it matters.** ${meta.docs.rationale.trim()}`, `**What to do.** ${meta.docs.remediation.trim()}`);
    out.push(`[Documentation for ${finding.ruleId}](${url})`);
    return out.join('\n\n');
  }

  /** The decoded value of a Secret's `data` entry under the cursor. */
  private secretValue(text: string, offset: number, markdown: boolean): { text: string; range: [number, number] } | undefined {
    const located = objectAt(text, offset);
    if (!located || located.object.kind !== 'Secret') return undefined;
    const data = located.object.root.get('data');
    if (!data?.isMap) return undefined;
    const local = offset - located.chunk.start;
    for (const [key, value] of data.entries()) {
      if (!value || !value.isScalar || value.isNull) continue;
      const [s, e] = value.range;
      if (local < s || local > e) continue;
      if (value.templated) return undefined;
      const raw = value.str;
      if (raw === undefined) return undefined;
      // The engine's decoder: strict like the API server, shared with the Secret rules.
      const decoded = decodeSecretValue(raw);
      const name = located.object.name ?? 'this Secret';
      const warning = 'base64 is an encoding, not encryption: anyone who can read this manifest can read this value. Keep real secrets out of the repository (Sealed Secrets, SOPS, External Secrets).';
      let body: string;
      const invalid = 'not valid base64: Kubernetes rejects this Secret';
      if (!decoded) body = markdown ? `**Secret \`${escapeMarkdown(name)}\`, key \`${escapeMarkdown(key)}\`**: ${invalid}.` : `Secret ${name}, key ${key}: ${invalid}.`;
      else {
        const title = markdown
          ? `**Secret \`${escapeMarkdown(name)}\`, key \`${escapeMarkdown(key)}\`**, decoded (${decoded.byteLength} bytes):`
          : `Secret ${name}, key ${key}, decoded (${decoded.byteLength} bytes):`;
        if (decoded.binary) body = `${title} binary data, not shown.`;
        else {
          const shown = decoded.text.length > MAX_SHOWN ? `${decoded.text.slice(0, MAX_SHOWN)}\n… (${decoded.text.length - MAX_SHOWN} more characters)` : decoded.text;
          const f = fence(shown);
          body = markdown ? `${title}\n\n${f}text\n${shown}\n${f}` : `${title}\n${shown}`;
        }
        body += markdown ? `\n\n⚠️ ${warning}` : `\n\n${warning}`;
      }
      return { text: body, range: [s + located.chunk.start, e + located.chunk.start] };
    }
    return undefined;
  }
}
