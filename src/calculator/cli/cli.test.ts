// The CLI on the documented examples in docs/examples (they must run as they are).
import { mkdtempSync, readFileSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import { join, resolve } from 'path'
import { runCli } from './main'
import { parseCsv } from './csv'

const root = resolve(__dirname, '../../..')
function run(args: string[], cwd = root) {
  const out: string[] = []
  const err: string[] = []
  const code = runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s), cwd })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('xqyb-calc', () => {
  it('validates shipped policies and files, and lists every problem of a broken one', () => {
    expect(run(['validate', 'demo-county-2026', 'src/calculator/policies/ganzhou-ncms-2015.json']).code).toBe(0)
    const dir = mkdtempSync(join(tmpdir(), 'xqyb-'))
    const bad = JSON.parse(readFileSync(join(root, 'src/calculator/policies/demo-county-2026.json'), 'utf8'))
    bad.annualCap.amount = '20万'
    bad.inpatient.ratio.rows[0].rate = '90%'
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad))
    const r = run(['validate', join(dir, 'bad.json')])
    expect(r.code).toBe(1)
    expect(r.out).toContain('$.annualCap.amount')
    expect(r.out).toContain('$.inpatient.ratio.rows[0].rate')
  })

  it('settles one claim with history (docs/examples/claim.json)', () => {
    const r = run([
      'settle',
      '--policy',
      'demo-county-2026',
      '--claim',
      'docs/examples/claim.json',
      '--history',
      'docs/examples/history.json',
      '--as-of',
      '2026-03-20'
    ])
    expect(r.code).toBe(0)
    const s = JSON.parse(r.out)
    // eligible 12000 + (4800 × 0.9) = 16320; second admission at county: 500; ratio 80% + 5 years = 85%
    expect(s.eligible).toBe('16320.00')
    expect(s.deductible).toBe('500.00')
    expect(s.basicFund).toBe('13447.00')
    expect(s.assistance).toBe('2011.10')
    expect(s.patientPays).toBe('3141.90')
  })

  it('quotes a household (docs/examples/household.json)', () => {
    const r = run([
      'quote',
      '--policy',
      'demo-county-2026',
      '--household',
      'docs/examples/household.json',
      '--as-of',
      '2025-10-20',
      '--year',
      '2026'
    ])
    expect(r.code).toBe(0)
    const q = JSON.parse(r.out)
    expect(q.payable).toBe(true)
    expect(q.due).toBe('890.00') // 380 senior + 110 dibao senior (64 at 31 Dec) + 400 student; m4 exempt
  })

  it('settles a JSON Lines batch: bad lines are named and the rest go on, history accumulates per person', () => {
    const r = run([
      'settle',
      '--policy',
      'demo-county-2026',
      '--batch',
      'docs/examples/claims.jsonl',
      '--as-of',
      '2026-12-31'
    ])
    expect(r.code).toBe(1)
    const rows = r.out.split('\n').map((l) => JSON.parse(l))
    expect(rows.map((x) => x.ok)).toEqual([true, true, true, false, false, true])
    expect(rows[1].deductible).toBe('900.00') // second admission of P-1
    expect(rows[3].error.code).toBe('INVALID_AMOUNT')
    expect(rows[4].line).toBe(5)
    expect(rows[5].exclusion).toBe('EXCLUDED_AREA')
    expect(r.err).toContain('第 4 行')
    expect(r.err).toContain('第 5 行')
  })

  it('settles a CSV batch and writes CSV', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xqyb-'))
    const out = join(dir, 'results.csv')
    const r = run([
      'settle',
      '--policy',
      'demo-county-2026',
      '--batch',
      'docs/examples/claims.csv',
      '--out',
      out,
      '--as-of',
      '2026-12-31'
    ])
    expect(r.code).toBe(1)
    const table = parseCsv(readFileSync(out, 'utf8'))
    const h = table[0]
    const col = (row: string[], name: string) => row[h.indexOf(name)]
    expect(table.length).toBe(5)
    expect(col(table[1], 'basicFund')).toBe('9462.00')
    expect(col(table[2], 'deductible')).toBe('1600.00')
    expect(col(table[2], 'catastrophic')).toBe('5834.40')
    expect(col(table[3], 'assistance')).toBe('884.00')
    expect(col(table[4], 'ok')).toBe('false')
    expect(col(table[4], 'errorCode')).toBe('INVALID_AMOUNT')
    expect(col(table[1], 'steps')).toContain('起付线 600.00 元')
  })

  it('explains a missing policy and shows usage', () => {
    const r = run(['settle', '--policy', 'no-such-policy', '--claim', 'docs/examples/claim.json'])
    expect(r.code).toBe(1)
    expect(r.err).toContain('POLICY_NOT_FOUND')
    expect(run([]).out).toContain('用法')
  })
})
