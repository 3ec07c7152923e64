// Lint enforces the architecture's import boundaries (docs/architecture.md):
//   src/calculator  imports only itself and decimal.js; no clock, no randomness
//                   (except cli/, the Node CLI, testing/, fast-check generators for tests and benches,
//                   and format-gen/, which writes the files generated from the policy format)
//   src/contract    imports only typebox and the calculator's *types*
//   the app         imports the contract as types only; only src/services/transport.ts calls Taro.request
const calculatorPurity = {
  files: ['src/calculator/**/*.ts'],
  excludedFiles: [
    'src/calculator/cli/**',
    'src/calculator/testing/**',
    'src/calculator/format-gen/**',
    'src/calculator/**/*.test.ts'
  ],
  rules: {
    'no-restricted-syntax': [
      'error',
      {
        selector: 'ImportDeclaration[source.value=/^(?!\\.{1,2}\\/|decimal\\.js$)/]',
        message: '计算器只能依赖自身和 decimal.js (the calculator is pure: only itself and decimal.js).'
      },
      {
        selector:
          'ExportAllDeclaration[source.value=/^(?!\\.{1,2}\\/)/], ExportNamedDeclaration[source.value=/^(?!\\.{1,2}\\/)/]',
        message: 'The calculator re-exports only itself.'
      },
      { selector: 'ImportExpression', message: 'No dynamic imports in the calculator.' },
      {
        selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
        message: 'No clock in the calculator: pass asOf.'
      },
      {
        selector: "NewExpression[callee.name='Date'][arguments.length=0]",
        message: 'No clock in the calculator: pass asOf.'
      },
      {
        selector: "CallExpression[callee.name='dayjs'][arguments.length=0]",
        message: 'No clock in the calculator: pass asOf.'
      },
      {
        selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
        message: 'No randomness in the calculator.'
      }
    ],
    'no-restricted-globals': ['error', 'process', 'require', 'window', 'wx']
  }
}

const contractBoundary = {
  files: ['src/contract/**/*.ts'],
  excludedFiles: ['src/contract/**/*.test.ts'],
  rules: {
    'no-restricted-syntax': [
      'error',
      {
        selector: 'ImportDeclaration[source.value=/^(?!\\.{1,2}\\/|typebox(\\/|$))/]',
        message: 'The contract imports only typebox and the calculator types.'
      },
      {
        selector: "ImportDeclaration[importKind!='type'][source.value=/calculator/]",
        message: 'The contract may import only the calculator types (import type).'
      }
    ]
  }
}

const appBoundary = {
  files: ['src/**/*.ts', 'src/**/*.tsx'],
  excludedFiles: ['src/calculator/**', 'src/contract/**', 'src/**/*.test.ts', 'src/**/*.test.tsx'],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ['@/contract', '@/contract/**', '**/contract', '**/contract/**'],
            allowTypeImports: true,
            message: 'The app imports the contract as types only (import type), so the bundle does not grow.'
          }
        ],
        paths: [
          {
            name: '@tarojs/taro',
            importNames: ['request'],
            message: 'Only src/services/transport.ts calls Taro.request.'
          }
        ]
      }
    ],
    'no-restricted-properties': [
      'error',
      { object: 'Taro', property: 'request', message: 'Only src/services/transport.ts calls Taro.request.' }
    ]
  }
}

module.exports = {
  root: true,
  // prettier last: formatting is Prettier's (npm run format), lint keeps only the rules about meaning
  extends: ['taro/react', 'plugin:react-hooks/recommended', 'prettier'],
  parser: '@typescript-eslint/parser',
  plugins: ['@typescript-eslint', 'react-hooks'],
  rules: {
    'react/jsx-uses-react': 'off',
    'react/react-in-jsx-scope': 'off',
    'import/no-named-as-default': 'off',
    'import/no-named-as-default-member': 'off',
    'no-unused-vars': 'off',
    '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    'no-console': ['error', { allow: ['warn', 'error'] }]
  },
  overrides: [
    calculatorPurity,
    contractBoundary,
    appBoundary,
    {
      files: ['src/services/transport.ts'],
      rules: { 'no-restricted-properties': 'off', '@typescript-eslint/no-restricted-imports': 'off' }
    },
    // servers, CLIs, tests and benchmarks print to the console on purpose
    {
      files: [
        'county-api/**',
        'bench/**',
        'e2e/**',
        '.ci/**',
        'config/**',
        'src/calculator/cli/**',
        'src/calculator/format-gen/**',
        '**/*.test.ts',
        '**/*.test.tsx'
      ],
      rules: { 'no-console': 'off' }
    },
    { files: ['**/*.test.ts', '**/*.test.tsx', 'config/jest/**', 'e2e/**'], env: { jest: true } },
    {
      files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
      parser: 'espree',
      parserOptions: { ecmaVersion: 2022, sourceType: 'module' },
      env: { node: true },
      rules: { 'import/no-commonjs': 'off' }
    }
  ],
  ignorePatterns: ['dist/', 'node_modules/', '.tmp/', 'coverage/', '**/__fixtures__/**', '!.ci']
}
