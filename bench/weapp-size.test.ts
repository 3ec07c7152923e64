// Package budget, enforced on every `npm test` (npm test builds dist/weapp first):
// main package ≤ 500 KB, each subpackage ≤ 500 KB, total ≤ 1.5 MB. A failure names the
// largest files so the culprit is visible at once.
import { existsSync } from 'fs'
import path from 'path'
import { BUDGET, measureWeapp, type PackageSize } from './weapp-size'

const root = path.resolve(process.env.WEAPP_DIST || path.join(__dirname, '../dist/weapp'))

function explain(p: PackageSize): string {
  return (
    `${p.name} is ${(p.bytes / 1024).toFixed(1)} KB; largest files: ` +
    p.files
      .slice(0, 5)
      .map((f) => `${f.file} ${(f.bytes / 1024).toFixed(1)} KB`)
      .join(', ')
  )
}

describe('weapp package budget', () => {
  beforeAll(() => {
    if (!existsSync(path.join(root, 'app.json'))) throw new Error(`${root} is missing: run npm run build:weapp first`)
  })

  test("main package within budget (and far from WeChat's 2 MB cap)", () => {
    const { main } = measureWeapp(root)
    if (main.bytes > BUDGET.mainKB * 1024) throw new Error(explain(main))
    expect(main.bytes).toBeLessThanOrEqual(BUDGET.mainKB * 1024)
  })

  test('every subpackage within budget', () => {
    const { subpackages } = measureWeapp(root)
    const over = subpackages.filter((s) => s.bytes > BUDGET.subpackageKB * 1024)
    expect(over.map(explain)).toEqual([])
  })

  test('total within budget', () => {
    const { totalBytes } = measureWeapp(root)
    expect(totalBytes).toBeLessThanOrEqual(BUDGET.totalKB * 1024)
  })

  test('the measurement attributes subpackage files to their subpackage', () => {
    const { main, subpackages } = measureWeapp(root)
    for (const s of subpackages) {
      expect(s.files.length).toBeGreaterThan(0)
      expect(main.files.some((f) => f.file.startsWith(`${s.name}/`))).toBe(false)
    }
  })
})
