// `npm run new-rule <id>`: writes shared-rules/src/rules/<id>.ts and
// test/rules/<id>.test.ts from a working template (a Pod whose
// spec.exampleField is true), registers the rule, and says what to edit next.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const id = process.argv[2];
if (!id || !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id)) {
  console.error('usage: npm run new-rule <id>   (lower-case words joined by "-", e.g. pod-example-field)');
  process.exit(2);
}
const rulePath = path.join(root, 'shared-rules', 'src', 'rules', `${id}.ts`);
const testPath = path.join(root, 'test', 'rules', `${id}.test.ts`);
for (const p of [rulePath, testPath]) {
  if (fs.existsSync(p)) {
    console.error(`${path.relative(root, p)} exists already`);
    process.exit(2);
  }
}

fs.writeFileSync(
  rulePath,
  `import { defineRule } from '../engine/rule';

export default defineRule({
  meta: {
    id: '${id}',
    title: 'TODO: what is wrong, in a few words',
    severity: 'warning',
    category: 'pod-security',
    kinds: ['Pod'],
    messages: {
      exampleField: 'Pod "{{name}}" sets spec.exampleField: true.',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Set exampleField: false' },
    since: '0.1.0',
    docs: {
      rationale: 'TODO: why it matters.',
      remediation: 'TODO: what to do instead.',
      invalid: 'apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: web\\nspec:\\n  exampleField: true\\n',
      valid: 'apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: web\\nspec:\\n  exampleField: false\\n',
    },
    references: {},
  },
  check(ctx) {
    const flag = ctx.object.root.get('spec')?.get('exampleField');
    if (!flag?.isTrue) return;
    ctx.report({ node: flag, messageId: 'exampleField', data: { name: ctx.object.name ?? '' }, fix: (edit) => edit.setScalar(flag, false) });
  },
});
`,
);

fs.writeFileSync(
  testPath,
  `import rule from '../../shared-rules/src/rules/${id}';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const flagged = yaml\`
  apiVersion: v1
  kind: Pod
  metadata:
    name: web
  spec:
    exampleField: true
\`;

ruleTester(rule, {
  valid: [flagged.replace('true', 'false')],
  invalid: [
    {
      name: 'exampleField: true',
      code: flagged,
      errors: [{ line: 6, column: 17, endLine: 6, endColumn: 21, messageId: 'exampleField', message: 'Pod "web" sets spec.exampleField: true.' }],
      output: flagged.replace('true', 'false'),
    },
  ],
});
`,
);

execFileSync(process.execPath, [path.join(root, 'scripts', 'gen-registry.mjs')], { stdio: 'inherit' });
console.log(`wrote ${path.relative(root, rulePath)} and ${path.relative(root, testPath)}
next: write the check and its metadata, then
  npx vitest run ${path.relative(root, testPath)}
  npm run docs`);
