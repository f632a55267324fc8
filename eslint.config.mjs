// Lint rules for every TypeScript file: typescript-eslint's type-checked recommended set, with
// formatting left to Prettier (eslint-config-prettier turns off the rules that would fight it). The few JavaScript
// files are configuration that tools load as JS (this file, dependency-cruiser's, Stryker's ignorer plugin), and
// the browser scripts of the operator console and the agent page.
import eslintComments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'data/',
      '.ci/*.js',
      'eslint.config.mjs',
      '.dependency-cruiser.cjs',
      'scripts/mutation/*.mjs',
    ],
  },
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  eslintComments.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Each disable names one rule and its reason: `// eslint-disable-next-line rule -- why`.
      '@eslint-community/eslint-comments/require-description': ['error', { ignore: ['eslint-enable'] }],
      '@eslint-community/eslint-comments/no-unlimited-disable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // The console's and the agent page's browser scripts (served as they are, no build chain): plain JS, so no
    // type information.
    files: ['src/console/static/**/*.js', 'src/agent-assist/static/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'script',
      globals: { window: 'readonly', document: 'readonly', fetch: 'readonly', uPlot: 'readonly', EventSource: 'readonly' },
    },
  },
  prettier,
);
