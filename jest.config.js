// Five jest projects, all run by `npm test` (through .ci/test-all.mjs):
//   node     pure TypeScript: calculator, contract, county API server (real HTTP + sqlite)
//   node-pg  the county API tests again on PostgreSQL (a throwaway cluster for the run, issue 20)
//   app      Taro components and features rendered in jsdom with Taro API mocks
//   weapp    the BUILT mini-program (dist/weapp) rendered with miniprogram-simulate
//   browser  the BUILT h5 app (dist/h5) + county API, driven in Debian chromium by playwright-core
const base = {
  transform: { '^.+\\.[jt]sx?$': 'babel-jest' },
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tmp/'],
  clearMocks: true
}

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...base,
      displayName: 'node',
      testEnvironment: 'node',
      testMatch: [
        '<rootDir>/src/calculator/**/*.test.ts',
        '<rootDir>/src/contract/**/*.test.ts',
        '<rootDir>/county-api/**/*.test.ts',
        '<rootDir>/config/**/*.test.ts',
        '<rootDir>/bench/**/*.test.ts'
      ]
    },
    {
      ...base,
      displayName: 'node-pg',
      testEnvironment: 'node',
      // every county API test, each test file on a database of its own in the run's cluster
      testMatch: ['<rootDir>/county-api/**/*.test.ts'],
      globalSetup: '<rootDir>/config/jest/pg-global-setup.ts',
      globalTeardown: '<rootDir>/config/jest/pg-global-teardown.ts',
      setupFiles: ['<rootDir>/config/jest/setup-pg.ts']
    },
    {
      ...base,
      displayName: 'app',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/src/**/*.test.ts?(x)'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/src/calculator/', '<rootDir>/src/contract/'],
      // first match wins: styles before '@/…', so '@/x/index.scss' is mocked, not parsed as JS
      moduleNameMapper: {
        '\\.(css|scss|sass|less|styl)$': '<rootDir>/config/jest/style-mock.js',
        ...base.moduleNameMapper,
        '^@tarojs/components$': '<rootDir>/config/jest/taro-components.tsx',
        '^@tarojs/taro$': '<rootDir>/config/jest/taro-mock.ts'
      },
      setupFilesAfterEnv: ['<rootDir>/config/jest/setup-app.ts']
    },
    {
      ...base,
      displayName: 'weapp',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/e2e/weapp/**/*.test.js'],
      transform: {}
    },
    {
      ...base,
      displayName: 'browser',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/e2e/browser/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/config/jest/setup-browser.ts']
    }
  ]
}
