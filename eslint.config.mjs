import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import routeAccess from './tools/eslint/route-access.mjs';

/**
 * Guardrails the compiler does not give: promises nobody awaits, switches that miss a case, routes without declared
 * access, imports against the layering (frontend: app → features → shared). Import cycles between backend folders
 * are checked by backend/src/architecture.spec.ts.
 */
export default tseslint.config(
  // tools/eslint/planted holds one violation per rule, linted only by backend/test/guardrails.spec.ts.
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', 'test-output/**', 'frontend/test-output/**', '**/*.d.ts', 'tools/eslint/planted/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['tools/eslint/planted/*.ts'] }, tsconfigRootDir: import.meta.dirname } },
    plugins: { inspector: { rules: { 'route-access': routeAccess } } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'inspector/route-access': 'error',
      // Matching control characters is how untrusted text gets scrubbed (log lines, connection URLs).
      'no-control-regex': 'off',
    },
  },
  {
    // Tests read JSON bodies of many shapes.
    files: ['**/*.spec.ts', '**/*.test.ts', '**/*.test.tsx', '**/test/**', '**/e2e/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['frontend/src/components/**', 'frontend/src/lib/**', 'frontend/src/config/**', 'frontend/src/styles/**'],
    // A shared piece's own test may render it inside the app's providers.
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/features/**', '**/app/**'], message: 'Shared code may not import features or the app (app → features → shared).' }] },
      ],
    },
  },
  {
    files: ['frontend/src/features/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/app/**', '../../app/**'], message: 'Features may not import the app (app → features → shared).' }] },
      ],
    },
  },
  { files: ['**/*.mjs', '**/*.cjs', '**/*.js'], ...tseslint.configs.disableTypeChecked, languageOptions: { globals: globals.node } },
  // Plugin code is one CommonJS file that requires the SDK the sandbox hands it (docs/plugins.md).
  {
    files: ['examples/plugins/**/*.js', 'backend/test/fixtures/plugins/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Outside every tsconfig project (benchmarks, tool configs, the contracts' specs): linted without type information.
  { files: ['backend/bench/**/*.ts', '**/*.config.mts', '**/bench/*.mts', 'contracts/src/**/*.spec.ts'], ...tseslint.configs.disableTypeChecked },
);
