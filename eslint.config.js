import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import globals from 'globals'
import tseslint from 'typescript-eslint'

function layer(files, forbidden, message) {
  return [
    {
      files,
      rules: {
        '@typescript-eslint/no-restricted-imports': [
          'error',
          { patterns: [{ group: forbidden, message, allowTypeImports: true }] },
        ],
      },
    },
  ]
}

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'test-results/', 'playwright-report/', 'screenshots/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  // STYLE.md: imports flow one way, routes -> services -> data; routes and services may use policies.
  // Type-only imports (a row's type, a role) may cross; calls may not.
  ...layer(
    ['src/routes/**', 'src/api/**', 'src/plugins/**'],
    ['**/data/*'],
    'Pages and the API call services, not the data layer',
  ),
  ...layer(['src/services/**'], ['**/routes/*', '**/api/*', '**/plugins/*'], 'Services know nothing of HTTP'),
  ...layer(
    ['src/data/**'],
    ['**/services/*', '**/routes/*', '**/api/*', '**/plugins/*', '**/policies/*'],
    'The data layer is the bottom layer',
  ),
  ...layer(['src/policies/**'], ['**/services/*', '**/routes/*', '**/api/*', '**/plugins/*'], 'Policies stand alone'),
  { files: ['src/public/**/*.js'], languageOptions: { globals: { ...globals.browser } } },
  prettier,
)
