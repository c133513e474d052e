import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'proto/src/generated/**',
      'packages/client/src/generated/**',
      'coverage/**',
      'var/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read the environment only in main.ts and pass config down.',
        },
      ],
    },
  },
  {
    files: [
      '**/src/main.ts',
      'scripts/**',
      'e2e/**',
      'faults/**',
      '**/test/**',
      'packages/testkit/**',
      'bench/**',
      'jest.config.js',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The console runs in browsers: their globals, and the rules of React hooks.
    files: ['console/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['jest.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/store/**',
                '**/graphql/**',
                '**/grpc/**',
                '**/amqp/**',
                'typeorm',
                'amqplib',
                'pg',
                'ioredis',
                '@grpc/*',
              ],
              message: 'domain/ stays pure: no I/O imports.',
            },
          ],
        },
      ],
    },
  },
  {
    // Use cases name what they need in their service's use-cases/ports.ts; the adapters implement it.
    files: ['**/src/use-cases/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '../store',
                '../store/**',
                '../graphql/**',
                '../grpc/**',
                '../amqp/**',
                '../redis/**',
                '../clients/**',
                '../relay/**',
                '../metrics/**',
                'typeorm',
                'amqplib',
                'pg',
                'ioredis',
                '@grpc/*',
              ],
              message: 'use-cases/ import only their ports (use-cases/ports.ts) and domain/.',
            },
          ],
        },
      ],
    },
  },
);
