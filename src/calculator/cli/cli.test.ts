// The CLI on the documented examples in docs/examples (they must run as they are), and its
// rules: every option and column known or refused, nothing that changes money defaulted,
// Chinese columns and values, Excel's GBK, coverage years in a batch, the parallel run.
import iconv from 'iconv-lite'
import { mkdtempSync, readFileSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import { join, resolve } from 'path'
import { parseCsv } from './csv'
import { runCli } from './main'

const root = resolve(__dirname, '../../..')
async function run(args: string[], cwd = root, now?: () => number) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s), cwd, now })
  return { code, out: out.join('\n'), err: err.join('\n') }
}
const tmp = () => mkdtempSync(join(tmpdir(), 'xqyb-'))
const HEADER =
  '编号,参保人编号,类型,就医地点,出生日期,学生,人员类别,连续参保年数,参保状态,定点,医院层级,入院日期,出院日期,就诊日期,总费用,已办转诊,就医原因,使用家庭账户'
/** a CSV of rows under HEADER, written to a temp file */
function csvFile(rows: string[], encode?: (s: string) => Buffer): string {
  const path = join(tmp(), 'claims.csv')
  const text = [HEADER, ...rows].join('\r\n') + '\r\n'
  writeFileSync(path, encode ? encode(text) : text)
  return path
}
/** the demo policy and a 2027 version of it (the same rules), as one series */
function demoSeries(): string {
  const path = join(tmp(), 'demo-county-2027.json')
  writeFileSync(
    path,
    JSON.stringify({
      id: 'demo-county-2027',
      extends: 'demo-county-2026',
      version: '2027.1',
      effectiveFrom: '2027-01-01',
      effectiveTo: '2027-12-31'
    })
  )
  return `demo-county-2026,${path}`
}
async function batch(path: string, extra: string[] = []) {
  const out = join(tmp(), 'results.csv')
  const r = await run([
    'settle',
    '--policy',
    demoSeries(),
    '--batch',
    path,
    '--out',
    out,
    '--as-of',
    '2027-12-31',
    ...extra
  ])
  const table = parseCsv(readFileSync(out, 'utf8'))
  const h = table[0]
  return { ...r, rows: table.slice(1).map((row) => Object.fromEntries(h.map((k, i) => [k, row[i]]))) }
}

describe('xqyb-calc', () => {
  it('validates shipped policies and files, and lists every problem of a broken one in Chinese, rows from 1 with their label', async () => {
    expect((await run(['validate', 'demo-county-2026', 'src/calculator/policies/ganzhou-ncms-2015.json'])).code).toBe(0)
    const dir = tmp()
    const bad = JSON.parse(readFileSync(join(root, 'src/calculator/policies/demo-county-2026.json'), 'utf8'))
    bad.annualCap.amount = '20万'
    bad.inpatient.deductible.rows[2].amount = '1000.005'
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad))
    const r = await run(['validate', join(dir, 'bad.json')])
    expect(r.code).toBe(1)
    expect(r.out).toContain('年度封顶线 › 封顶线：金额必须是最多两位小数的字符串')
    expect(r.out).toContain('住院 › 起付线 › 各行 › 第 3 行（市级医院） › 起付线')
    expect(r.out).toContain('[$.inpatient.deductible.rows[2].amount]')
  })

  it('says where a JSON file is broken, in Chinese with the line and column', async () => {
    const dir = tmp()
    writeFileSync(
      join(dir, 'claim.json'),
      '{\n  "kind": "inpatient",\n  "person": { "birthDate": "1970-01-01" }\n  "area": "local"\n}'
    )
    const r = await run([
      'settle',
      '--policy',
      'demo-county-2026',
      '--claim',
      join(dir, 'claim.json'),
      '--as-of',
      '2026-12-31'
    ])
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/不是有效的 JSON：第 4 行第 \d+ 列附近有错/)
  })

  it('settles one claim with history (docs/examples/claim.json)', async () => {
    const r = await run([
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

  it('quotes a household for the year asked (--year is required), and its enrolment record settles a claim', async () => {
    const args = [
      'quote',
      '--policy',
      'demo-county-2026',
      '--household',
      'docs/examples/household.json',
      '--as-of',
      '2025-10-20'
    ]
    const missing = await run(args)
    expect([missing.code, missing.err]).toEqual([2, expect.stringContaining('--year')])
    const r = await run([...args, '--year', '2026'])
    expect(r.code).toBe(0)
    const q = JSON.parse(r.out)
    expect(q.payable).toBe(true)
    expect(q.due).toBe('890.00') // 380 senior + 110 dibao senior (64 at 31 Dec) + 400 student; m4 exempt
    const dir = tmp()
    writeFileSync(join(dir, 'quote.json'), r.out)
    const s = await run([
      'settle',
      '--policy',
      'demo-county-2026',
      '--claim',
      'docs/examples/claim.json',
      '--enrolment',
      join(dir, 'quote.json'),
      '--member',
      'm1',
      '--as-of',
      '2026-12-31'
    ])
    expect(s.code).toBe(0)
    expect(JSON.parse(s.out).steps.find((x: { rule: string }) => x.rule === 'enrolment.paid').params).toMatchObject({
      benefitStart: '2026-01-01'
    })
  })

  it('refuses an unknown or misspelled option, naming the nearest one; every command has --help', async () => {
    const r = await run([
      'settle',
      '--policy',
      'demo-county-2026',
      '--claim',
      'docs/examples/claim.json',
      '--histroy',
      'x.json'
    ])
    expect(r.code).toBe(2)
    expect(r.err).toContain('不认识的选项 --histroy，是不是 --history？')
    for (const cmd of ['policies', 'validate', 'quote', 'settle', 'compare']) {
      const h = await run([cmd, '--help'])
      expect([cmd, h.code, h.out.split('\n')[0]]).toEqual([cmd, 0, expect.stringContaining(`xqyb-calc ${cmd}：`)])
    }
    expect((await run(['settle', '--help'])).out).toContain('--no-steps')
    expect((await run(['settle', '--help', 'columns'])).out).toContain('就医地点 / 就医地 / area')
    expect((await run([])).out).toContain('用法')
  })

  it('settles a JSON Lines batch: bad lines are named (1-based) and the rest go on, history accumulates per person', async () => {
    const r = await run([
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
    expect(r.err).toContain('第 4 行（编号 B-4，参保人 P-3）')
    expect(r.err).toContain('第 5 行')
  })

  it('settles a Chinese CSV batch (docs/examples/claims.csv) and writes a CSV with Chinese headers', async () => {
    const { code, rows } = await batch(join(root, 'docs/examples/claims.csv'))
    expect(code).toBe(1)
    expect(rows).toHaveLength(4)
    expect(rows[0]['统筹基金']).toBe('9462.00')
    expect(rows[1]['起付线']).toBe('1600.00')
    expect(rows[1]['大病保险']).toBe('5834.40')
    expect(rows[2]['医疗救助']).toBe('884.00')
    expect(rows[3]['成功']).toBe('否')
    expect(rows[3]['错误代码']).toBe('INVALID_AMOUNT')
    expect(rows[3]['错误说明']).toContain('（列「总费用」）')
    expect(rows[0]['计算过程']).toContain('起付线 600.00 元')
  })

  it('reads Excel’s GBK file the same as UTF-8', async () => {
    const text = readFileSync(join(root, 'docs/examples/claims.csv'), 'utf8')
    const dir = tmp()
    writeFileSync(join(dir, 'gbk.csv'), iconv.encode(text, 'gbk'))
    const gbk = await batch(join(dir, 'gbk.csv'))
    const utf8 = await batch(join(root, 'docs/examples/claims.csv'))
    expect(gbk.rows).toEqual(utf8.rows)
    // forced as UTF-8, the GBK bytes are refused with a clear message, not read as mojibake
    const forced = await run([
      'settle',
      '--policy',
      'demo-county-2026',
      '--batch',
      join(dir, 'gbk.csv'),
      '--encoding',
      'utf8'
    ])
    expect([forced.code, forced.err]).toEqual([1, expect.stringContaining('不是有效的 UTF-8')])
  })

  it('a required value left blank is a row error naming the row and the column, never a default', async () => {
    const ok = 'A,P1,住院,本地,1970-01-01,否,无,0,已参保,是,县,2027-03-01,2027-03-05,,5000.00,,疾病,'
    const cases: [string, string][] = [
      [ok.replace(',是,县,', ',,县,'), '「定点」没有填'],
      [ok.replace(',本地,', ',,'), '「就医地点」没有填'],
      [ok.replace(',县,', ',市,'), '是否办理了转诊'],
      [ok.replace(',疾病,', ',,'), '就医原因'],
      [ok.replace(',0,已参保', ',,已参保'), '连续参保年数'],
      [ok.replace(',无,', ',,'), '人员类别'],
      [ok.replace(',住院,', ',住宿,'), '「类型」填的「住宿」不认识'],
      [ok.replace('已参保', ''), '参保状态']
    ]
    const { rows, err } = await batch(csvFile(cases.map(([row]) => row)))
    cases.forEach(([, msg], i) => {
      expect([i, rows[i]['成功'], rows[i]['错误说明']]).toEqual([i, '否', expect.stringContaining(msg)])
      expect(err).toContain(`第 ${i + 2} 行（编号 A，参保人 P1）`)
    })
    // the same row with everything given settles
    expect((await batch(csvFile([ok]))).rows[0]['统筹基金']).toBe('3520.00')
  })

  it('refuses a column it does not know, naming the nearest', async () => {
    const dir = tmp()
    writeFileSync(join(dir, 'x.csv'), '编号,参保人编号,类形\nA,P1,住院\n')
    const r = await run([
      'settle',
      '--policy',
      'demo-county-2026',
      '--batch',
      join(dir, 'x.csv'),
      '--as-of',
      '2027-12-31'
    ])
    expect(r.code).toBe(1)
    expect(r.err).toContain('不认识的列名「类形」，是不是「类型」？')
  })

  it('a batch spanning two coverage years: the January stay is the first admission of the new year', async () => {
    const row = (id: string, tier: string, from: string, to: string, total: string) =>
      `${id},P1,住院,本地,1970-01-01,否,无,0,已参保,是,${tier},${from},${to},,${total},,疾病,`
    const { rows } = await batch(
      csvFile([
        row('DEC', '县', '2026-12-20', '2026-12-28', '300000.00'),
        row('JAN', '县', '2027-01-03', '2027-01-05', '5000.00'),
        // a late row of the earlier year settles in that year: its second admission
        row('DEC2', '县', '2026-12-29', '2026-12-30', '5000.00')
      ])
    )
    // December: 200,000 cap reached. January: a fresh year, 600 deductible, (5000 − 600) × 80% = 3520
    expect(rows.map((r) => [r['编号'], r['参保年度'], r['起付线'], r['统筹基金']])).toEqual([
      ['DEC', '2026-01-01', '600.00', '200000.00'],
      ['JAN', '2027-01-01', '600.00', '3520.00'],
      ['DEC2', '2026-01-01', '500.00', '0.00']
    ])
  })

  it('--no-steps is honoured in a batch, and progress goes to stderr on a long run', async () => {
    const path = csvFile(['A,P1,住院,本地,1970-01-01,否,无,0,已参保,是,县,2027-03-01,2027-03-05,,5000.00,,疾病,'])
    const out = join(tmp(), 'r.csv')
    let t = 0
    const r = await run(
      ['settle', '--policy', demoSeries(), '--batch', path, '--out', out, '--no-steps', '--as-of', '2027-12-31'],
      root,
      () => (t += 5000)
    )
    expect(r.code).toBe(0)
    expect(readFileSync(out, 'utf8').split('\n')[0]).not.toContain('计算过程')
    expect(r.err).toMatch(/已处理 1 行/)
  })

  it('compare: a parallel run against past settlements, by part and by rule', async () => {
    const dir = tmp()
    const head = `${HEADER},实际统筹基金,实际个人负担`
    const row = (id: string, total: string, fund: string, self: string) =>
      `${id},P-${id},住院,本地,1970-01-01,否,无,0,已参保,是,县,2026-03-01,2026-03-05,,${total},,疾病,,${fund},${self}`
    writeFileSync(
      join(dir, 'past.csv'),
      [
        head,
        row('A', '5000.00', '3520.00', '1480.00'), // as the calculator
        row('B', '5000.00', '3600.00', '1400.00'), // the county paid 80 more
        row('C', '10000.00', '7520.00', '2480.00') // 7520 = (10000 − 600) × 80%: agrees
      ].join('\n')
    )
    const r = await run([
      'compare',
      '--policy',
      'demo-county-2026',
      '--batch',
      join(dir, 'past.csv'),
      '--as-of',
      '2026-12-31'
    ])
    expect(r.code).toBe(1)
    expect(r.out).toContain('比对 3 条理赔（共 3 行，0 行无法比对）：2 条完全一致，1 条有差异')
    expect(r.out).toContain('统筹基金：1 条不同，差额合计 -80.00 元')
    expect(r.out).toContain('inpatient.ratio：1 项不同')
    expect(r.out).toContain('第 3 行（编号 B，参保人 P-B）')
    const none = await run(['compare', '--policy', 'demo-county-2026', '--batch', csvFile([]), '--as-of', '2026-12-31'])
    expect([none.code, none.err]).toEqual([1, expect.stringContaining('实际支付的列')])
  })

  it('explains a missing policy', async () => {
    const r = await run(['settle', '--policy', 'no-such-policy', '--claim', 'docs/examples/claim.json'])
    expect(r.code).toBe(1)
    expect(r.err).toContain('POLICY_NOT_FOUND')
  })
})
