// ESLint (flat config): rules that catch bugs, none that only move code around (Prettier formats).
// Type-aware rules read tsconfig.json through the project service; `npm run lint` runs it and so does .ci/run.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'migrations/**', 'bench/results/**', 'bench/.national/**', 'test-results/**', 'playwright-report/**'] },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Bugs: a promise nobody awaits (a query never run, an error nobody sees), a promise where a void callback is
      // expected (an event handler or a timer whose rejection is lost), a switch that forgets a lifecycle state,
      // a returned promise that escapes its try/catch/finally.
      // checkThenables: drizzle's queries are thenables, not Promises (an unawaited query never runs). Fastify's reply is a
      // thenable too, and its setters (header, type, code) return it: those are no promise.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { checkThenables: true, allowForKnownSafePromises: [{ from: 'package', name: 'FastifyReply', package: 'fastify' }] },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }], // a default case is a decision; without one, every state must have its case
      '@typescript-eslint/return-await': ['error', 'error-handling-correctness-only'],
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrors: 'all',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Off, with the reason:
      'no-undef': 'off', // TypeScript checks names (and knows the DOM, Node and Vitest globals)
      '@typescript-eslint/require-await': 'off', // an async function without await is fine (it returns a promise by contract)
      '@typescript-eslint/no-unnecessary-type-assertion': 'off', // only removes a redundant `!` or `as`
      '@typescript-eslint/unbound-method': 'off', // every hit was a destructured prop typed with method shorthand (no `this`)
      '@typescript-eslint/no-explicit-any': 'off', // `any` marks library interop on purpose; the unsafe-* family below follows it
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // In a test a wrong stringification fails the test itself.
    files: ['**/*.test.{ts,tsx}', 'e2e/**', 'test/**'],
    rules: { '@typescript-eslint/no-base-to-string': 'off' },
  },
  {
    files: ['**/*.{js,mjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['src/web/**/*.{ts,tsx}', 'src/server/portal/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
