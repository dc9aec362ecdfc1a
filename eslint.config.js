import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'web/dist/', 'test-results/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', performance: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration once at the edge (src/config.ts, src/cli/bin.ts) and pass it in.' }],
    },
  },
  {
    files: ['src/cli/bin.ts', 'bench/**', '**/*.test.ts', 'src/**/test-support/**', 'src/store/durability-writer.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
