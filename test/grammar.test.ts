/**
 * The suppression-comment injection grammar, tokenized by VS Code's own
 * TextMate engine (vscode-textmate + vscode-oniguruma) on top of VS Code's
 * YAML grammar (test/fixtures/grammars/yaml) and a Helm-template host grammar.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const root = path.resolve(__dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const contribution = manifest.contributes.grammars[0] as { scopeName: string; path: string; injectTo: string[] };
const INJECTION = contribution.scopeName;

/**
 * A minimal Helm-template grammar, shaped like the Kubernetes extension's
 * `source.helm`: template actions, keys, and comments as a whitespace rule that
 * wraps a `#` begin/end rule (so the injection must win at the `#`).
 */
const HELM_HOST = {
  scopeName: 'source.helm',
  patterns: [
    { name: 'meta.tag.gotpl.instruction', begin: '\\{\\{-?', end: '-?\\}\\}' },
    {
      begin: '(?:(^[ \\t]*)|[ \\t]+)(?=#\\p{Print}*$)',
      end: '(?!\\G)',
      patterns: [{ name: 'comment.line.number-sign.yaml', begin: '#', end: '\\n' }],
    },
    { match: '([\\w.-]+)(:)', captures: { 1: { name: 'entity.name.tag.yaml' } } },
  ],
};

const GRAMMAR_FILES: Record<string, string> = {
  'source.yaml': 'test/fixtures/grammars/yaml/yaml.tmLanguage.json',
  'source.yaml.1.0': 'test/fixtures/grammars/yaml/yaml-1.0.tmLanguage.json',
  'source.yaml.1.1': 'test/fixtures/grammars/yaml/yaml-1.1.tmLanguage.json',
  'source.yaml.1.2': 'test/fixtures/grammars/yaml/yaml-1.2.tmLanguage.json',
  'source.yaml.1.3': 'test/fixtures/grammars/yaml/yaml-1.3.tmLanguage.json',
  'source.yaml.embedded': 'test/fixtures/grammars/yaml/yaml-embedded.tmLanguage.json',
  [INJECTION]: contribution.path,
};

let registry: vsctm.Registry;

beforeAll(async () => {
  const wasm = fs.readFileSync(path.join(root, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName === 'source.helm') return vsctm.parseRawGrammar(JSON.stringify(HELM_HOST), 'helm.json');
      const file = GRAMMAR_FILES[scopeName];
      if (!file) return null;
      const abs = path.join(root, file);
      return vsctm.parseRawGrammar(fs.readFileSync(abs, 'utf8'), abs);
    },
    // What VS Code does with `injectTo` in package.json.
    getInjections: (scopeName) => (contribution.injectTo.includes(scopeName) ? [INJECTION] : undefined),
  });
});

interface Token {
  text: string;
  scopes: string[];
}

async function tokenize(scopeName: string, text: string): Promise<Token[][]> {
  const grammar = await registry.loadGrammar(scopeName);
  if (!grammar) throw new Error(`no grammar ${scopeName}`);
  let stack = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** Scopes of the token whose text is exactly `text` (the first one). */
function scopesOf(line: Token[], text: string): string[] {
  const t = line.find((x) => x.text === text);
  if (!t) throw new Error(`no token ${JSON.stringify(text)} in ${JSON.stringify(line.map((x) => x.text))}`);
  return t.scopes;
}

const kubewardScopes = (line: Token[]) => line.flatMap((t) => t.scopes).filter((s) => s.endsWith('.kubeward'));

describe('suppression comment injection grammar', () => {
  it('is contributed for YAML and Helm, and the file is valid JSON with the contributed scope name', () => {
    expect(contribution.injectTo).toEqual(['source.yaml', 'source.helm']);
    const grammar = JSON.parse(fs.readFileSync(path.join(root, contribution.path), 'utf8'));
    expect(grammar.scopeName).toBe(INJECTION);
    expect(grammar.injectionSelector).toMatch(/^L:/);
  });

  it('scopes the directive, each rule id and the reason of disable-next-line separately', async () => {
    const [line] = await tokenize('source.yaml', '# kubeward-disable-next-line pod-privileged, workload-host-network -- the node agent needs host devices');
    expect(scopesOf(line!, '#')).toEqual(['source.yaml', 'comment.line.number-sign.yaml', 'meta.suppression.kubeward', 'punctuation.definition.comment.yaml']);
    expect(scopesOf(line!, 'kubeward-disable-next-line')).toContain('keyword.control.directive.suppression.kubeward');
    expect(scopesOf(line!, 'pod-privileged')).toContain('variable.parameter.rule.kubeward');
    expect(scopesOf(line!, ',')).toContain('punctuation.separator.comma.kubeward');
    expect(scopesOf(line!, 'workload-host-network')).toContain('variable.parameter.rule.kubeward');
    expect(scopesOf(line!, '--')).toContain('punctuation.separator.reason.kubeward');
    const reason = scopesOf(line!, 'the node agent needs host devices');
    expect(reason).toContain('string.unquoted.reason.kubeward');
    expect(reason).not.toContain('variable.parameter.rule.kubeward');
    // Every token stays inside the comment, so themes without Kubeward rules colour it as a comment.
    for (const t of line!) expect(t.scopes).toContain('comment.line.number-sign.yaml');
  });

  it('highlights disable and enable blocks, with and without rules, indented, with globs', async () => {
    const lines = await tokenize(
      'source.yaml',
      [
        'spec:',
        '  # kubeward-disable',
        '  containers:',
        '    # kubeward-disable pod-* -- legacy chart',
        '    # kubeward-enable pod-*',
        '  # kubeward-enable',
      ].join('\n'),
    );
    expect(scopesOf(lines[1]!, 'kubeward-disable')).toContain('keyword.control.directive.suppression.kubeward');
    expect(scopesOf(lines[3]!, 'kubeward-disable')).toContain('keyword.control.directive.suppression.kubeward');
    expect(scopesOf(lines[3]!, 'pod-*')).toContain('variable.parameter.rule.kubeward');
    expect(scopesOf(lines[3]!, 'legacy chart')).toContain('string.unquoted.reason.kubeward');
    expect(scopesOf(lines[4]!, 'kubeward-enable')).toContain('keyword.control.directive.suppression.kubeward');
    expect(scopesOf(lines[4]!, 'pod-*')).toContain('variable.parameter.rule.kubeward');
    expect(scopesOf(lines[5]!, 'kubeward-enable')).toContain('keyword.control.directive.suppression.kubeward');
    // The YAML around the comments is untouched.
    expect(kubewardScopes(lines[0]!)).toEqual([]);
    expect(kubewardScopes(lines[2]!)).toEqual([]);
    expect(scopesOf(lines[2]!, 'containers')).toContain('entity.name.tag.yaml');
  });

  it('works after a value on the same line and does not leak into the next line', async () => {
    const lines = await tokenize(
      'source.yaml',
      ['securityContext:', '  privileged: true  # kubeward-disable-next-line pod-privileged', '  runAsUser: 0'].join('\n'),
    );
    expect(scopesOf(lines[1]!, 'true')).toContain('constant.language.boolean.yaml');
    expect(kubewardScopes([{ text: 'true', scopes: scopesOf(lines[1]!, 'true') }])).toEqual([]);
    expect(scopesOf(lines[1]!, 'kubeward-disable-next-line')).toContain('keyword.control.directive.suppression.kubeward');
    expect(scopesOf(lines[1]!, 'pod-privileged')).toContain('variable.parameter.rule.kubeward');
    expect(kubewardScopes(lines[2]!)).toEqual([]);
    expect(scopesOf(lines[2]!, 'runAsUser')).toContain('entity.name.tag.yaml');
  });

  it('marks what is not a rule id before the reason as invalid', async () => {
    const [line] = await tokenize('source.yaml', '# kubeward-disable-next-line Pod_Privileged pod-privileged');
    expect(scopesOf(line!, 'Pod_Privileged')).toContain('invalid.illegal.rule.kubeward');
    expect(scopesOf(line!, 'pod-privileged')).toContain('variable.parameter.rule.kubeward');
  });

  it('leaves ordinary comments, look-alikes, strings and block scalars alone', async () => {
    const lines = await tokenize(
      'source.yaml',
      [
        '# just a comment about kubeward-disable',
        '# kubeward-disabled pod-privileged',
        'note: "# kubeward-disable pod-privileged"',
        'script: |',
        '  # kubeward-disable pod-privileged',
        '  echo hi',
        'url: http://example.com/#kubeward-disable',
      ].join('\n'),
    );
    for (const [i, line] of lines.entries()) expect(kubewardScopes(line), `line ${i}`).toEqual([]);
    expect(scopesOf(lines[0]!, '#')).toContain('comment.line.number-sign.yaml');
    expect(lines[4]!.flatMap((t) => t.scopes).some((s) => s.startsWith('string.unquoted.block'))).toBe(true);
  });

  it('is injected into Helm templates', async () => {
    const lines = await tokenize(
      'source.helm',
      [
        '{{- if .Values.agent.enabled }}',
        '# kubeward-disable-next-line pod-privileged -- the agent needs /dev',
        '    # kubeward-enable',
        'privileged: true',
        '{{- end }}',
      ].join('\n'),
    );
    expect(scopesOf(lines[1]!, 'kubeward-disable-next-line')).toEqual([
      'source.helm',
      'comment.line.number-sign.yaml',
      'meta.suppression.kubeward',
      'keyword.control.directive.suppression.kubeward',
    ]);
    expect(scopesOf(lines[1]!, 'pod-privileged')).toContain('variable.parameter.rule.kubeward');
    expect(scopesOf(lines[1]!, 'the agent needs /dev')).toContain('string.unquoted.reason.kubeward');
    expect(scopesOf(lines[2]!, 'kubeward-enable')).toContain('keyword.control.directive.suppression.kubeward');
    expect(kubewardScopes(lines[3]!)).toEqual([]);
  });
});
