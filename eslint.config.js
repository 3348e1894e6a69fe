// Lint: ESLint + typescript-eslint with type information (see CODE_STYLE.md for why not Biome).
// `npm run lint`. Checks what review keeps missing: promises nobody awaits, `any`, and imports
// that cross the layers' boundaries.
import tseslint from 'typescript-eslint';

/** `import … from '<pattern>'` forbidden, with the reason shown in the message. */
const forbid = (group, message) => ({ group, message });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'docs/**', 'data/**', 'eslint.config.js', 'web/vite.config.ts'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.base],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A promise nobody awaits loses its errors and races what follows. `void p` says it is meant.
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true }],
      // Passing an async function where a callback's result is ignored (e.g. to setInterval) is the same bug.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // On Node 20 an AsyncLocalStorage in use (or any async hook) makes every promise of the process
    // run hook code: ~4% of a ROLE=all process's CPU on the missed-call path. Pass context by hand
    // (see docs/performance.md, store/connection-priority.ts, jobs/follow-up-scope.ts).
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[
          'ImportDeclaration[source.value=/^(node:)?async_hooks$/]',
          'ImportExpression[source.value=/^(node:)?async_hooks$/]',
          "CallExpression[callee.name='require'][arguments.0.value=/^(node:)?async_hooks$/]",
          "Identifier[name='AsyncLocalStorage']",
        ].map((selector) => ({
          selector,
          message: 'No async_hooks / AsyncLocalStorage in src/: on Node 20 they put hook code on every promise of the process (docs/performance.md). Pass the context explicitly.',
        })),
      ],
    },
  },
  {
    // Tests read JSON answers loosely on purpose: the assertions are the type check.
    files: ['test/**/*.ts', 'bench/**/*.ts', 'src/**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // A migration runs against the schema of its moment, not today's Database type; landed ones are never edited.
    files: ['src/store/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // ——— Import boundaries (docs/architecture.md): each layer only reaches down. ———
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(['../*/**', '!../domain/**'], 'domain/ is pure: no database, HTTP, services or I/O. Pass values in.'),
            forbid(['kysely', 'fastify', 'pg', 'better-sqlite3', 'node:fs', 'node:net', 'node:http'], 'domain/ is pure: no I/O.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/store/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [forbid(['../services/**', '../http/**', '../agent/**', '../workflows/**', '../jobs/**'], 'store/ is the bottom layer: it imports nothing above it.')] },
      ],
    },
  },
  {
    files: ['src/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(['../agent/**', '../workflows/**'], 'services/ must not reach up into agent/ or workflows/: emit a domain event or take a port instead.'),
            forbid(['../http/**'], 'services/ know nothing of HTTP: throw errors.ts errors, the http layer maps them.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/agent/**/*.ts', 'src/workflows/**/*.ts', 'src/jobs/**/*.ts', 'src/carriers/**/*.ts', 'src/security/**/*.ts', 'src/ops/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [forbid(['../http/**', '../../http/**'], 'Only http/ knows HTTP; it calls down into the rest.')] }],
    },
  },
  {
    files: ['web/src/**/*.ts', 'web/src/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+src/(?!domain/)',
              message: 'The dashboard talks to the server through /api/v1 only; it may share pure code from src/domain.',
            },
          ],
        },
      ],
    },
  },
);
