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
