/** Invariants across all rules: registry, ids, generated docs, doc examples. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from './helpers/workspace';
import {
  parseConfigFile,
  renderRuleDoc,
  renderRuleTable,
  resolveConfig,
  RULE_IDS,
  RULE_TABLE_END,
  RULE_TABLE_START,
  RULES,
  type KubewardConfig,
  type Rule,
} from '../shared-rules/src/index';

const root = path.resolve(__dirname, '..');

/** The configuration a rule's documented examples are checked under. */
function docsConfig(rule: Rule): KubewardConfig {
  const fromDocs = rule.meta.docs.config ? parseConfigFile(rule.meta.docs.config, RULE_IDS) : undefined;
  expect(fromDocs?.findings ?? [], `${rule.meta.id}: docs.config must be a valid .kubeward.yaml`).toEqual([]);
  const implied: KubewardConfig = {};
  if (rule.meta.profiles && !rule.meta.profiles.includes(resolveConfig().profile)) implied.profile = rule.meta.profiles[0];
  if (rule.meta.optIn) implied.rules = { [rule.meta.id]: 'on' };
  const docs = fromDocs?.config ?? {};
  return { ...implied, ...docs, rules: { ...implied.rules, ...docs.rules } };
}
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
      // A message says what is wrong where, in one short sentence (it fits the Problems panel and an
      // inline display); the why and the remedy are the docs' rationale and remediation above.
      for (const message of Object.values(rule.meta.messages) as string[]) {
        if (!rule.meta.engine) expect(message.length, rule.meta.id).toBeGreaterThan(10);
        expect(message.replace(/\{\{\s*\w+\s*\}\}/g, 'x'.repeat(8)).length, `${rule.meta.id}: ${message}`).toBeLessThanOrEqual(120);
      }
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
      // The examples hold where the rule runs: its profile, opted in, with the settings its docs give.
      const config = docsConfig(rule);
      if (rule.meta.docs.invalid) {
        const found = docFindings(rule, rule.meta.docs.invalid, config);
        expect(found.length, 'docs.invalid must be flagged').toBeGreaterThan(0);
      }
      const quiet = docFindings(rule, rule.meta.docs.valid, config);
      expect(quiet, 'docs.valid must not be flagged').toEqual([]);
    });
  }
});

/**
 * Findings of `rule` on a documented example: an opt-in rule is turned on by
 * name; a cross-document rule sees the example as a whole workspace.
 */
function docFindings(rule: Rule, text: string, config: KubewardConfig) {
  // Both passes: per-document rules find the same, workspace rules see the example as a whole workspace.
  return analyzeWorkspace({ 'example.yaml': text }, { config }).findings['example.yaml']!.filter((f) => f.ruleId === rule.meta.id);
}

describe('generated documentation', () => {
  it('docs/rules/<id>.md match the rule metadata (run `npm run docs`)', () => {
    const dir = path.join(root, 'docs', 'rules');
    const pages = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .sort();
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
