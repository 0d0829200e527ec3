import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import { importX } from 'eslint-plugin-import-x'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'test-results/', 'playwright-report/', 'screenshots/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
      // STYLE.md: imports flow one way, routes -> services -> data; routes and services may use policies.
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/data',
              from: ['./src/services', './src/routes', './src/api', './src/policies', './src/plugins'],
              message: 'data/ is the bottom layer',
            },
            {
              target: './src/services',
              from: ['./src/routes', './src/api', './src/plugins'],
              message: 'services/ must not know about HTTP',
            },
            { target: './src/routes', from: './src/data', message: 'routes call services, not the data layer' },
            { target: './src/api', from: './src/data', message: 'the API calls services, not the data layer' },
            {
              target: './src/policies',
              from: ['./src/services', './src/routes', './src/api', './src/plugins'],
              message: 'policies stand alone',
            },
          ],
        },
      ],
    },
  },
  { files: ['src/public/**/*.js'], languageOptions: { globals: { ...globals.browser } } },
  prettier,
)
