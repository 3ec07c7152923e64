// Lint enforces the architecture's import boundaries (docs/architecture.md); each rule has a
// fixture in config/lint-boundaries.test.ts that proves it rejects a violation:
//   src/calculator  imports only itself and decimal.js; no clock, no randomness
//                   (except cli/, the Node CLI, testing/, fast-check generators for tests and benches,
//                   and format-gen/, which writes the files generated from the policy format)
//   src/contract    imports only typebox and the calculator's *types*
//   the app         imports the contract as types only; only src/services/transport.ts calls Taro.request
//   components/, services/, shared/
//                   import no feature, shell, page or subpackage; shared/ (used by the county API
//                   too) imports only itself and contract types
//   features/<f>    import from other features only session and settings, and no shell, page or
//                   subpackage; they leave their own folder only through '@/…'
//   decimal.js      only src/calculator imports it: money elsewhere goes through its money entry
//   pages/, subpackages/
//                   hold no logic: no calculator (or decimal.js), no stores (zustand), no services,
//                   no feature store internals (store, api, data, household, token-vault, use-*)
const fs = require('fs')
const path = require('path')

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
      { object: 'Taro', property: 'request', message: 'Only src/services/transport.ts calls Taro.request.' },
      // MIIT 适老化: no pop-ups. A message is a line on the page that stays until it is read.
      ...['showModal', 'showToast', 'showActionSheet', 'showLoading'].map((property) => ({
        object: 'Taro',
        property,
        message: 'No pop-ups (适老化): show the message on the page instead.'
      }))
    ]
  }
}

// ---------------------------------------------------------------- app layers
const LAYERS_ABOVE = '(features|shell|pages|subpackages)'

const belowFeatures = (dir, extra = []) => ({
  files: [`src/${dir}/**/*.ts`, `src/${dir}/**/*.tsx`],
  rules: {
    'no-restricted-syntax': [
      'error',
      {
        selector: `ImportDeclaration[source.value=/(^@\\/|\\.\\.\\/)${LAYERS_ABOVE}(\\/|$)/]`,
        message: `${dir}/ sits below the features: it imports no feature, shell, page or subpackage.`
      },
      ...extra
    ]
  }
})

const sharedPurity = {
  selector: "ImportDeclaration[source.value=/^(?!\\.\\/)/][importKind!='type']",
  message: 'shared/ is pure TypeScript the county API uses too: it imports only itself (and contract types).'
}

/** One override per feature: its own folder, session and settings, nothing above it. */
function featureBoundary(feature) {
  const others = {
    selector: `ImportDeclaration[source.value=/^@\\/features\\/(?!(${feature}|session|settings)\\/)/]`,
    message: 'A feature imports from other features only session and settings (a page composes features).'
  }
  const above = {
    selector: 'ImportDeclaration[source.value=/^@\\/(shell|pages|subpackages)(\\/|$)/]',
    message: 'A feature imports no shell, page or subpackage: they sit above it.'
  }
  const leave = (depth) => ({
    selector: `ImportDeclaration[source.value=/^(\\.\\.\\/){${depth}}/]`,
    message: "A feature leaves its own folder only through '@/…' (so the boundary above can see it)."
  })
  return [
    {
      files: [`src/features/${feature}/*.ts`, `src/features/${feature}/*.tsx`],
      rules: { 'no-restricted-syntax': ['error', others, above, leave(1)] }
    },
    {
      files: [`src/features/${feature}/*/**/*.ts`, `src/features/${feature}/*/**/*.tsx`],
      rules: { 'no-restricted-syntax': ['error', others, above, leave(2)] }
    }
  ]
}

const FEATURES = fs
  .readdirSync(path.join(__dirname, 'src/features'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)

const pagesHoldNoLogic = {
  files: ['src/pages/**/*.ts', 'src/pages/**/*.tsx', 'src/subpackages/**/*.ts', 'src/subpackages/**/*.tsx'],
  rules: {
    'no-restricted-syntax': [
      'error',
      {
        selector: 'ImportDeclaration[source.value=/((^@|\\.\\.)\\/calculator(\\/|$))|^decimal\\.js$/]',
        message: 'Pages hold no logic: no calculator here; a feature computes, the page shows its screen.'
      },
      {
        selector: 'ImportDeclaration[source.value=/^zustand(\\/|$)|(^@|\\.\\.)\\/services(\\/|$)/]',
        message: 'Pages hold no logic: no stores or services here; a feature screen reads the county.'
      },
      {
        selector:
          'ImportDeclaration[source.value=/(^@|\\.\\.)\\/features\\/[^/]+\\/(store|api|data|household|token-vault|use-[\\w-]+)$/]',
        message: "Pages hold no logic: no feature store internals; import the feature's screen from components/."
      }
    ]
  }
}

// ---------------------------------------------------------------- money
// Money arithmetic has one home, src/calculator; everything else uses its money entry
// (@/calculator/money: fen↔yuan, exact sums, insurancePaid, percentages).
const decimalOnlyInCalculator = {
  files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs', '**/*.cjs'],
  excludedFiles: ['src/calculator/**'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [
          {
            name: 'decimal.js',
            message: 'Only src/calculator imports decimal.js: use its money entry (@/calculator/money).'
          }
        ]
      }
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
    belowFeatures('components'),
    belowFeatures('services'),
    belowFeatures('shared', [sharedPurity]),
    // shared's tests may use test libraries; the layer rule still holds for them
    { ...belowFeatures('shared'), files: ['src/shared/**/*.test.ts'] },
    ...FEATURES.flatMap(featureBoundary),
    pagesHoldNoLogic,
    decimalOnlyInCalculator,
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
    // the county API's data port is asynchronous (issue 20): a missing await (a write that may
    // not have happened, a transaction whose statements run after it ended) is an error, found
    // with the types (tsconfig.json)
    {
      files: ['county-api/**/*.ts', 'bench/api*.ts', 'bench/soak-api.ts', 'bench/durability.ts'],
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: __dirname },
      rules: {
        '@typescript-eslint/no-floating-promises': 'error',
        '@typescript-eslint/no-misused-promises': 'error',
        // inTx(ctx, async (ctx) => …): inside a transaction the outer ctx/db is out of reach on purpose
        '@typescript-eslint/no-shadow': ['error', { allow: ['ctx', 'db'] }]
      }
    },
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
