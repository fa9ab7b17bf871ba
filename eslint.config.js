import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-electron/', 'release/', 'test-results/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser }, globals: { ...globals.browser } },
  },
  {
    // electron-builder hooks are CommonJS files it require()s.
    files: ['**/*.cjs'],
    languageOptions: { globals: { ...globals.commonjs } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // core/ is the pure domain: no I/O, no Electron, no DOM, no database.
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'electron',
                'better-sqlite3',
                'node:*',
                'fs',
                'path',
                'os',
                'child_process',
                'http',
                'svelte',
                'svelte/*',
                '#db/*',
                '#host/*',
                '#electron/*',
                '#cli/*',
              ],
              message: 'core/ is pure: no I/O, Electron, database or UI imports.',
            },
          ],
        },
      ],
    },
  },
  {
    // db/ stores and reads: no hosts, no UI, no CLI.
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'svelte', 'svelte/*', '#host/*', '#electron/*', '#cli/*', '**/renderer/**'], message: 'db/ may import only core/ and db/.' },
          ],
        },
      ],
    },
  },
  {
    // The renderer talks to the backend only through the API client; the domain is core's.
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'better-sqlite3', 'node:*', '#db/*', '#host/*', '#electron/*', '#cli/*'],
              message: 'The renderer imports core/ and its own files only; the backend is reached through the API client.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tiers (renderer/src/components/README.md): shared components and lib never import a view.
    files: ['renderer/src/components/**', 'renderer/src/lib/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/views/**', 'electron', 'better-sqlite3', 'node:*', '#db/*', '#host/*', '#electron/*', '#cli/*'],
              message: 'components/ and lib/ must not import a view (renderer/src/components/README.md).',
            },
          ],
        },
      ],
    },
  },
  {
    // External URLs are opened only through safeOpenExternal (electron/security.ts).
    files: ['electron/**/*.ts'],
    ignores: ['electron/security.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='shell'][property.name='openExternal']", message: 'Use safeOpenExternal from electron/security.ts.' },
      ],
    },
  },
);
