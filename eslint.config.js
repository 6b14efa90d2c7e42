// ESLint (flat config): typescript-eslint's recommended rules over src/, test/ and scripts/.
// Formatting is Prettier's (.prettierrc.json); nothing here is about layout.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'bench/', 'node_modules/', 'src/generated/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
        queueMicrotask: 'readonly',
        structuredClone: 'readonly',
        AbortController: 'readonly',
      },
    },
    rules: {
      // `_` marks a parameter or binding kept for its position (a replace() callback's match, a destructured rest).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Brackets are escaped inside character classes, [(\[], so that they read as the literal brackets they are.
      'no-useless-escape': 'off',
      // The reports' ideographic space (U+3000) and similar characters are matched in patterns, written as they appear.
      'no-irregular-whitespace': ['error', { skipRegExps: true }],
    },
  },
);
