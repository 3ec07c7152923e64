// The glossary: each banned term has plain words, county sentences are put into them, and no
// screen's source writes a banned term (the browser suite checks what pages really show).
import { readdirSync, readFileSync, statSync } from 'fs'
import path from 'path'
import { bannedTermsIn, PLAIN_WORDS, toPlainWords } from './plain-words'

test('every banned term has plain words that are not themselves banned', () => {
  expect(PLAIN_WORDS.length).toBeGreaterThanOrEqual(6)
  for (const w of PLAIN_WORDS) {
    expect(w.plain.trim()).not.toBe('')
    expect(bannedTermsIn(w.plain)).toEqual([])
  }
})

test("the calculator's staff words in a quote step read plainly", () => {
  const step = '全家 3 人，筹资标准合计 3,300.00 元：财政补助 2,140.00 元，个人缴费 780.00 元'
  expect(toPlainWords(step)).toBe('全家 3 人，一年的医保钱合计 3,300.00 元：国家补贴 2,140.00 元，个人缴费 780.00 元')
  expect(toPlainWords('补缴后满 3 个月，2027-03-01 起享受待遇')).toBe('补缴后满 3 个月，2027-03-01 起看病能报销')
  expect(toPlainWords('学生按学年参保，待遇期 2026-09-01 至 2027-08-31')).toBe(
    '学生按学年参保，看病能报销的日子 2026-09-01 至 2027-08-31'
  )
  expect(bannedTermsIn(toPlainWords(PLAIN_WORDS.map((w) => w.term).join('，')))).toEqual([])
})

/** Every .ts/.tsx of the app's screens, without its comments. */
function screenSources(dir: string): { file: string; code: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return screenSources(full)
    if (!/\.tsx?$/.test(name) || /\.test\.tsx?$|__fixtures__/.test(full)) return []
    const code = readFileSync(full, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|[^:])\/\/.*$/gm, '$1')
    return [{ file: path.relative(path.resolve(__dirname, '..'), full), code }]
  })
}

test('no screen, component or feature writes a banned term', () => {
  const src = path.resolve(__dirname, '..')
  const found = ['features', 'components', 'shell', 'pages', 'subpackages', 'services']
    .flatMap((d) => screenSources(path.join(src, d)))
    .flatMap(({ file, code }) => bannedTermsIn(code).map((t) => `${file}: ${t}`))
  expect(found).toEqual([])
})
