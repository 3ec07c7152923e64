// The architecture's import boundaries are enforced by lint; these fixtures prove each
// rule rejects a violation (and that the calculator's allowed imports still pass).
import { readFileSync } from 'fs'
import path from 'path'
import { ESLint } from 'eslint'

const root = path.resolve(__dirname, '..')
const eslint = new ESLint({ cwd: root })

async function lintAs(fixture: string, pretendPath: string) {
  const code = readFileSync(path.join(__dirname, '__fixtures__/lint', fixture), 'utf8')
  const [result] = await eslint.lintText(code, { filePath: path.join(root, pretendPath) })
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`)
}

describe('lint import boundaries', () => {
  jest.setTimeout(30000)

  test('calculator importing Taro is rejected', async () => {
    const msgs = await lintAs('calculator-imports-taro.ts', 'src/calculator/bad-import.ts')
    expect(msgs.some((m) => m.startsWith('no-restricted-syntax') && m.includes('decimal.js'))).toBe(true)
  })

  test('calculator reading the clock is rejected', async () => {
    const msgs = await lintAs('calculator-reads-clock.ts', 'src/calculator/bad-clock.ts')
    expect(msgs.filter((m) => m.includes('No clock'))).toHaveLength(2)
  })

  test('calculator importing decimal.js and itself passes', async () => {
    const msgs = await lintAs('calculator-good.ts', 'src/calculator/good.ts')
    expect(msgs).toEqual([])
  })

  test('contract importing calculator runtime is rejected', async () => {
    const msgs = await lintAs('contract-imports-calculator-runtime.ts', 'src/contract/bad.ts')
    expect(msgs.some((m) => m.includes('calculator types'))).toBe(true)
  })

  test('a page calling Taro.request is rejected, the transport may', async () => {
    const page = await lintAs('page-calls-request.tsx', 'src/pages/home/bad.tsx')
    expect(page.some((m) => m.startsWith('no-restricted-properties'))).toBe(true)
    const transport = await lintAs('page-calls-request.tsx', 'src/services/transport.ts')
    expect(transport.filter((m) => m.startsWith('no-restricted-properties'))).toEqual([])
  })

  test('app importing contract runtime is rejected', async () => {
    const msgs = await lintAs('page-imports-contract-runtime.ts', 'src/features/x/bad.ts')
    expect(msgs.some((m) => m.includes('types only'))).toBe(true)
  })
})

describe('lint app layers', () => {
  jest.setTimeout(30000)
  const layer = (msgs: string[], text: string) =>
    msgs.filter((m) => m.startsWith('no-restricted-syntax') && m.includes(text))

  test('components/ import no feature or shell (by alias or by climbing)', async () => {
    const msgs = await lintAs('component-imports-feature.tsx', 'src/components/bad/index.tsx')
    expect(layer(msgs, 'components/ sits below the features')).toHaveLength(2)
  })

  test('services/ import no shell or page', async () => {
    const msgs = await lintAs('service-imports-shell.ts', 'src/services/bad.ts')
    expect(layer(msgs, 'services/ sits below the features')).toHaveLength(2)
  })

  test('shared/ imports only itself and contract types: no Taro, no services', async () => {
    const msgs = await lintAs('shared-imports-app.ts', 'src/shared/bad.ts')
    expect(layer(msgs, 'shared/ is pure TypeScript')).toHaveLength(2)
  })

  test('a feature imports from other features only session and settings, and no shell', async () => {
    const msgs = await lintAs('feature-imports.ts', 'src/features/claims/bad.ts')
    // enrol and the shell are rejected; session, settings and its own folder pass
    expect(layer(msgs, 'only session and settings')).toHaveLength(1)
    expect(layer(msgs, 'no shell, page or subpackage')).toHaveLength(1)
    expect(msgs.filter((m) => m.startsWith('no-restricted-syntax'))).toHaveLength(2)
  })

  test('a feature cannot reach another by climbing out of its folder (style imports too)', async () => {
    const msgs = await lintAs('feature-climbs-out.tsx', 'src/features/claims/components/bad.tsx')
    expect(layer(msgs, 'leaves its own folder only through')).toHaveLength(2)
  })

  test('pages and subpackages hold no logic: no calculator, stores, services or store internals', async () => {
    for (const page of ['src/pages/claims/index.tsx', 'src/subpackages/enrol/status/index.tsx']) {
      const msgs = await lintAs('page-holds-logic.tsx', page)
      expect(layer(msgs, 'no calculator')).toHaveLength(2)
      expect(layer(msgs, 'no stores or services')).toHaveLength(2)
      expect(layer(msgs, 'no feature store internals')).toHaveLength(4)
    }
  })

  test('outside src/calculator nothing imports decimal.js', async () => {
    for (const where of [
      'src/features/claims/bad.ts',
      'src/shared/bad.ts',
      'e2e/browser/bad.test.ts',
      'bench/bad.ts'
    ]) {
      const msgs = await lintAs('imports-decimal.ts', where)
      expect(
        msgs.filter((m) => m.startsWith('no-restricted-imports') && m.includes('Only src/calculator'))
      ).toHaveLength(1)
    }
    const inside = await lintAs('imports-decimal.ts', 'src/calculator/sum.ts')
    expect(inside).toEqual([])
  })

  test("a page that composes a feature screen and another feature's answer passes", async () => {
    const msgs = await lintAs('page-good.tsx', 'src/subpackages/claims/estimate/index.tsx')
    expect(msgs).toEqual([])
  })
})
