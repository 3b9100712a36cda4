/** Invariants across all rules: registry, ids, generated docs, doc examples. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, parseConfigFile, renderRuleDoc, resolveConfig, RULE_IDS, renderRuleTable, RULE_TABLE_END, RULE_TABLE_START, RULES, WorkspaceObjects, type Rule } from '../shared-rules/src/index';

/** Lints a documentation example as the CLI would: its own objects form the workspace; an opt-in rule is turned on. */
function lintExample(rule: Rule, text: string) {
  const config = rule.meta.optIn ? resolveConfig({ rules: { [rule.meta.id]: rule.meta.severity } }) : resolveConfig();
  const workspace = new WorkspaceObjects(true);
  workspace.setFile('example.yaml', lint(text, { config, file: 'example.yaml' }).summaries);
  return lint(text, { config, file: 'example.yaml', workspace }).findings.filter((f) => f.ruleId === rule.meta.id);
}

const root = path.resolve(__dirname, '..');
const rulesDir = path.join(root, 'shared-rules', 'src', 'rules');

describe('rule metadata', () => {
  it('registers every rule file exactly once, sorted by id', () => {
    const files = fs
      .readdirSync(rulesDir)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.slice(0, -3))
      .sort();
    expect(RULES.map((r) => r.meta.id)).toEqual(files);
  });

  it('uses kebab-case ids and says what, why and what to do', () => {
    for (const rule of RULES) {
      expect(rule.meta.id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(rule.meta.title.length, rule.meta.id).toBeGreaterThan(5);
      expect(rule.meta.docs.rationale.length, rule.meta.id).toBeGreaterThan(80);
      expect(rule.meta.docs.remediation.length, rule.meta.id).toBeGreaterThan(20);
      // Engine rules format their whole message at run time.
      if (!rule.meta.engine) for (const message of Object.values(rule.meta.messages)) expect(message.length, rule.meta.id).toBeGreaterThan(40);
    }
  });

  for (const rule of RULES) {
    if (rule.meta.engine && !rule.meta.docs.invalid) continue;
    if (rule.meta.id === 'config-invalid') {
      it('config-invalid: its documented examples are flagged and not flagged', () => {
        expect(parseConfigFile(rule.meta.docs.invalid, RULE_IDS).findings.length).toBeGreaterThan(0);
        expect(parseConfigFile(rule.meta.docs.valid, RULE_IDS).findings).toEqual([]);
      });
      continue;
    }
    it(`${rule.meta.id}: its documented examples are flagged and not flagged`, () => {
      if (rule.meta.docs.invalid) {
        const found = lintExample(rule, rule.meta.docs.invalid);
        expect(found.length, 'docs.invalid must be flagged').toBeGreaterThan(0);
      }
      const quiet = lintExample(rule, rule.meta.docs.valid);
      expect(quiet, 'docs.valid must not be flagged').toEqual([]);
    });
  }
});

describe('generated documentation', () => {
  it('docs/rules/<id>.md match the rule metadata (run `npm run docs`)', () => {
    const dir = path.join(root, 'docs', 'rules');
    const pages = fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
    expect(pages).toEqual(RULES.map((r) => `${r.meta.id}.md`).sort());
    for (const rule of RULES) expect(fs.readFileSync(path.join(dir, `${rule.meta.id}.md`), 'utf8'), rule.meta.id).toBe(renderRuleDoc(rule));
  });

  it('the README rule table matches the rule metadata (run `npm run docs`)', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const start = readme.indexOf(RULE_TABLE_START);
    const end = readme.indexOf(RULE_TABLE_END) + RULE_TABLE_END.length;
    expect(start).toBeGreaterThan(-1);
    expect(readme.slice(start, end)).toBe(renderRuleTable(RULES));
  });
});
