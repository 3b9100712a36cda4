// ESLint with type information (typescript-eslint, flat config). `npm run lint` runs it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/**', '**/*.mjs', '**/*.cjs', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['shared-rules/tsconfig.json', 'shared-rules/tsconfig.cli.json', 'server/tsconfig.json', 'client/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // The code writes `!` on indexed access on purpose (ready for noUncheckedIndexedAccess).
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // These patterns match control characters on purpose (binary detection, YAML escapes, header injection).
      'no-control-regex': 'off',
      // Tree walks start their cursor at `this`.
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['current', 'node'] }],
      // `_`-prefixed parameters and variables are deliberately unused (tsc checks the others).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The benchmark requires the built bundles themselves: loading them is what it measures.
    files: ['bench/**'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
