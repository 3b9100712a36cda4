/**
 * What a single file checks (a scan of one file, standard input, an editor
 * without a workspace folder): the cross-document rules decide from the
 * file's own documents, except those that report something missing from the
 * workspace, which need the whole folder. That set is observed on each rule's
 * documented flagged example, analysed as a whole folder and as a single
 * file, and must be the one the README names.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { parseConfigFile, resolveConfig, RULE_IDS, RULES, type KubewardConfig, type Rule } from '../../shared-rules/src/index';
import { analyzeWorkspace } from '../helpers/workspace';

function docsConfig(rule: Rule): KubewardConfig {
  const docs = rule.meta.docs.config ? parseConfigFile(rule.meta.docs.config, RULE_IDS).config : {};
  const config: KubewardConfig = { ...docs, rules: { ...(rule.meta.optIn ? { [rule.meta.id]: 'on' } : {}), ...docs.rules } };
  if (rule.meta.profiles && !rule.meta.profiles.includes(resolveConfig().profile)) config.profile = rule.meta.profiles[0];
  return config;
}

it('the rules that need the whole folder are the ones the README lists', () => {
  const needsFolder: string[] = [];
  const decidesAlone: string[] = [];
  for (const rule of RULES.filter((r) => r.checkWorkspace && r.meta.docs.invalid)) {
    const count = (complete: boolean) =>
      analyzeWorkspace({ 'example.yaml': rule.meta.docs.invalid }, { config: docsConfig(rule), complete }).findings['example.yaml']!.filter(
        (f) => f.ruleId === rule.meta.id,
      ).length;
    const whole = count(true);
    expect(whole, `${rule.meta.id}: its example is flagged in a folder`).toBeGreaterThan(0);
    (count(false) < whole ? needsFolder : decidesAlone).push(rule.meta.id);
  }
  const readme = fs.readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8');
  const paragraph = readme.split(/\n\n/).find((p) => p.includes('need the whole folder'))!;
  const listed = [...paragraph.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]!).filter((id) => RULE_IDS.has(id));
  expect(listed.sort()).toEqual(needsFolder.sort());
  // Both kinds exist: the single-file checks are not empty.
  expect(decidesAlone).toContain('tls-secret-malformed');
  expect(decidesAlone).toContain('rbac-cluster-admin-binding');
});
