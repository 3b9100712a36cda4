/** Writes docs/rules/<id>.md and the README's rule table from rule metadata. */
import fs from 'node:fs';
import path from 'node:path';
import { renderRuleDoc, replaceRuleTable, RULES } from '../shared-rules/src/index';

const root = path.resolve(__dirname, '..', '..');
const dir = path.join(root, 'docs', 'rules');
fs.mkdirSync(dir, { recursive: true });
const wanted = new Set<string>();
for (const rule of RULES) {
  const file = path.join(dir, `${rule.meta.id}.md`);
  wanted.add(file);
  fs.writeFileSync(file, renderRuleDoc(rule));
}
for (const name of fs.readdirSync(dir)) {
  const file = path.join(dir, name);
  if (name.endsWith('.md') && !wanted.has(file)) fs.rmSync(file);
}
const readme = path.join(root, 'README.md');
fs.writeFileSync(readme, replaceRuleTable(fs.readFileSync(readme, 'utf8'), RULES));
console.log(`wrote ${RULES.length} rule pages and the README table`);
