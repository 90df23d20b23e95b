import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import boundaries from './tools/eslint/boundaries.mjs';

/**
 * Files that hold domain rules and metrics: plain functions over plain data with their specs beside
 * them, importing no framework. A new pure rule file is named `*-rules.ts` or sits in a `rules/`
 * folder, or joins this list. The contract is pure too: the dashboard bundles it.
 */
const DOMAIN_RULE_FILES = [
  'libs/*/src/**/*-rules.ts',
  'libs/*/src/**/rules/**/*.ts',
  'libs/scoring/src/metrics/**/*.ts',
  'libs/contract/src/**/*.ts',
  'libs/enrollment/src/robots/robot-lifecycle.ts',
  'libs/field/src/bays/bay-changes.ts',
  'libs/identity/src/auth/token-standing.ts',
  'libs/scheduling/src/calendar/bay-calendar.ts',
  'libs/scheduling/src/sessions/batch-admission.ts',
  'libs/scheduling/src/sessions/recurrence.ts',
  'libs/scheduling/src/sessions/session-state.ts',
  'libs/scoring/src/evaluations/evidence-wait.ts',
  'libs/scoring/src/evaluations/score.ts',
  'libs/reports/src/document/report-document.ts',
  'libs/telemetry/src/ingest/batch-check.ts',
  'libs/telemetry/src/ingest/session-runs.ts',
  'libs/telemetry/src/ingest/well-formed.ts',
  'libs/telemetry/src/watch/throttle.ts',
];
const FRAMEWORKS = [
  '@nestjs/*',
  'nestjs-*',
  'typeorm',
  'typeorm/*',
  'bullmq',
  'ioredis',
  'socket.io',
  'socket.io-*',
  '@socket.io/*',
  'pg',
  'pg-*',
  'express',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'apps/dashboard/dist/**', '**/*.js', '**/*.mjs'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { boundaries },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'boundaries/layers': 'error',
      'no-console': 'error',
    },
  },
  {
    // The dashboard: React's rules of hooks, and no API that Ant Design or React has deprecated.
    files: ['apps/dashboard/src/**/*.ts', 'apps/dashboard/src/**/*.tsx'],
    extends: [reactHooks.configs.flat['recommended-latest']],
    rules: {
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-deprecated': 'error',
    },
  },
  {
    files: DOMAIN_RULE_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: FRAMEWORKS, message: 'a domain rule file imports no framework: keep it plain' }] },
      ],
    },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts', '**/*.e2e-spec.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
