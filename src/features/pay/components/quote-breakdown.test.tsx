import { render, screen as view, within } from '@testing-library/react'
import demoPolicy from '@/calculator/policies/demo-county-2026.json'
import { quoteContribution, type PolicyDocument } from '@/calculator'
import { QuoteBreakdown } from './quote-breakdown'
import { line, quote } from '../__fixtures__/data'
import { policyFacts } from '../policy-facts'

const facts = policyFacts(demoPolicy)

function member(personId: string) {
  const el = document.querySelector(`[data-person="${personId}"]`)
  if (!el) throw new Error(`no row for ${personId}`)
  return within(el as HTMLElement)
}

test('each member: category, standard, subsidy and what they pay; the household total', () => {
  render(<QuoteBreakdown quote={quote()} facts={facts} today='2025-11-23' />)
  const p1 = member('p1')
  expect(p1.getByText('张建华')).toBeInTheDocument()
  expect(p1.getByText('18至59周岁居民')).toBeInTheDocument()
  expect(p1.getByText('¥1,100.00')).toBeInTheDocument()
  expect(p1.getByText('¥700.00')).toBeInTheDocument()
  expect(p1.getByText('¥400.00')).toBeInTheDocument()
  expect(view.getByText('2026年 全家一共要交')).toBeInTheDocument()
  expect(view.getAllByText('¥780.00').length).toBe(2) // headline and the sum line
})

test('a member paid for by civil affairs shows 0 and why', () => {
  render(<QuoteBreakdown quote={quote()} facts={facts} today='2025-11-23' />)
  const p3 = member('p3')
  expect(p3.getByText('¥0.00')).toBeInTheDocument()
  expect(p3.getByText('民政部门代缴（五保户），个人不用交')).toBeInTheDocument()
  // a self-paying member has no such line
  expect(member('p1').queryByText(/个人不用交/)).toBeNull()
})

/** A member already enrolled for the year: the county sends zeros for every figure. */
const enrolled = (personId: string, name: string) =>
  line({
    personId,
    name,
    categoryLabel: '本年度已参保',
    standard: '0.00',
    subsidy: '0.00',
    paidByOthers: '0.00',
    due: '0.00',
    alreadyEnrolled: true,
    benefitStart: null,
    benefitEnd: null
  })

test('a member the department already enrolled (资助参保): 已参保, which department and why, no zero figures', () => {
  const byCivilAffairs = {
    ...enrolled('p3', '张德福'),
    payer: 'civil_affairs' as const,
    categories: ['elderly' as const, 'wubao' as const]
  }
  const q = quote({ lines: [line({ personId: 'p1', name: '张建华' }), byCivilAffairs], total: '400.00' })
  render(<QuoteBreakdown quote={q} facts={facts} today='2025-11-23' />)
  const p3 = member('p3')
  expect(p3.getByText('已参保')).toBeInTheDocument()
  expect(p3.getByText('已经参保：民政部门代缴（五保户），个人不用交')).toBeInTheDocument()
  expect(p3.getByText('¥0.00')).toBeInTheDocument() // the family's part, said once
  expect(p3.queryByText(/一年每人共|国家补贴/)).toBeNull()
})

test('an already enrolled member among others still to pay: 已经参保, no zero figures', () => {
  const q = quote({ lines: [line({ personId: 'p1', name: '张建华' }), enrolled('p9', '王浩然')], total: '400.00' })
  render(<QuoteBreakdown quote={q} facts={facts} today='2025-11-23' />)
  const p9 = member('p9')
  expect(p9.getByText('已经参保，这次不用交')).toBeInTheDocument()
  expect(p9.getByText('已参保')).toBeInTheDocument()
  expect(p9.queryByText(/一年每人共|国家补贴|应交/)).toBeNull()
  expect(p9.queryByText('¥0.00')).toBeNull()
  // the one still to pay keeps the county's figures, and the late-payment rule quotes only his standard
  expect(member('p1').getByText(/一年每人共/)).toBeInTheDocument()
  const arrears = view.getByText(/断保后再补交往年的钱/)
  expect(within(arrears).getByText('¥1,100.00')).toBeInTheDocument()
  expect(within(arrears).queryByText('¥0.00')).toBeNull()
  expect(view.getByText('离截止还有 38 天')).toBeInTheDocument()
})

test('a year the whole household has paid: 已交清, each name with 已参保, no countdown, no rules, no zero figures', () => {
  const q = quote({
    year: 2027,
    collectionPeriod: { start: '2026-09-01', end: '2026-12-31', open: true },
    lines: [enrolled('p1', '张建华'), enrolled('p2', '阿依古丽·买买提')],
    total: '0.00',
    payable: false
  })
  const { container } = render(<QuoteBreakdown quote={q} facts={facts} today='2026-11-24' />)
  expect(view.getByText('2027年全家都已交清')).toBeInTheDocument()
  expect(member('p1').getByText('张建华')).toBeInTheDocument()
  expect(member('p1').getByText('已参保')).toBeInTheDocument()
  expect(member('p2').getByText('阿依古丽·买买提')).toBeInTheDocument()
  expect(member('p2').getByText('已参保')).toBeInTheDocument()
  const text = container.textContent ?? ''
  expect(text).not.toMatch(/离截止|缴费时间|已过截止/)
  expect(text).not.toMatch(/晚交会怎样|断保后再补交|每人每年按全额/)
  expect(text).not.toMatch(/一年每人共|国家补贴|全家一共要交/)
  expect(text).not.toContain('¥0.00')
})

test('nothing left for the household to pay (one enrolled, one paid by civil affairs): no countdown, no late rules; figures kept', () => {
  const q = quote({
    lines: [
      line({
        personId: 'p3',
        name: '张德福',
        payer: 'civil_affairs',
        categories: ['wubao'],
        paidByOthers: '400.00',
        due: '0.00'
      }),
      enrolled('p9', '李秀英')
    ],
    total: '0.00',
    payable: false
  })
  const { container } = render(<QuoteBreakdown quote={q} facts={facts} today='2025-11-23' />)
  expect(view.getByText('这一年不用再交钱了。')).toBeInTheDocument()
  expect(member('p3').getByText(/个人不用交/)).toBeInTheDocument()
  expect(member('p3').getByText(/一年每人共/)).toBeInTheDocument()
  expect(member('p9').getByText('已经参保，这次不用交')).toBeInTheDocument()
  expect(container.textContent).not.toMatch(/离截止|晚交会怎样|断保后再补交/)
})

test('late-payment rules without a standard to quote leave the figures out rather than show ¥0.00', () => {
  const q = quote({
    lines: [
      line({ personId: 'p1', standard: '0.00', due: '20.00', subsidy: '0.00', arrears: '20.00' }),
      enrolled('p9', '王浩然')
    ],
    total: '20.00'
  })
  render(<QuoteBreakdown quote={q} facts={facts} today='2025-11-23' />)
  const arrears = view.getByText(/断保后再补交往年的钱/)
  expect(arrears.textContent).not.toContain('¥')
  expect(arrears.textContent).toContain('每人每年按全额交')
})

test('arrears for a lapsed member are shown on their line, with the date benefits start', () => {
  const q = quote({
    lines: [line({ personId: 'p5', name: '王志强', arrears: '1100.00', due: '1500.00', benefitStart: '2026-04-01' })],
    total: '1500.00'
  })
  render(<QuoteBreakdown quote={q} facts={facts} today='2025-11-23' />)
  expect(member('p5').getByText('¥1,500.00')).toBeInTheDocument()
  expect(member('p5').getByText(/补缴往年/)).toBeInTheDocument()
  expect(member('p5').getByText(/^2026年4月1日起看病能报销/)).toBeInTheDocument()
  expect(member('p5').getByText(/要先等一段时间才能报销/)).toBeInTheDocument()
  // members covered from 1 January have no such line
  render(<QuoteBreakdown quote={quote()} facts={facts} today='2025-11-23' />)
  expect(member('p1').queryByText(/要先等/)).toBeNull()
})

test('a newborn covered from birth by the policy is told so, not given a waiting period', () => {
  // the real calculator's answer for a baby born 2026-10-02, paid on 2026-11-23 (within 90 days)
  const calc = quoteContribution(
    demoPolicy as unknown as PolicyDocument,
    { members: [{ id: 'p7', birthDate: '2026-10-02' }], paymentDate: '2026-11-23' },
    '2026-11-23',
    { coverageYear: 2026 }
  )
  expect(calc.members[0].benefitStart).toBe('2026-10-02')
  const q = quote({
    lines: [line({ personId: 'p7', name: '王小满', benefitStart: '2026-10-02', due: calc.members[0].due })],
    total: calc.due,
    calculation: calc
  })
  render(<QuoteBreakdown quote={q} facts={facts} today='2026-11-23' />)
  expect(member('p7').getByText('新生儿及时参保：从出生那天（2026年10月2日）起就能报销')).toBeInTheDocument()
  expect(member('p7').queryByText(/要先等/)).toBeNull()
  expect(view.getByText('新生儿出生后及时参保，不受这个期限限制')).toBeInTheDocument()
  expect(view.queryByText(/已过截止日期/)).toBeNull()
})

test('collection window and days left before the deadline', () => {
  render(<QuoteBreakdown quote={quote()} facts={facts} today='2025-11-23' />)
  expect(view.getByText('缴费时间：2025年9月1日 至 2025年12月31日')).toBeInTheDocument()
  expect(view.getByText('离截止还有 38 天')).toBeInTheDocument()
})

test('after the deadline the window says how late', () => {
  render(<QuoteBreakdown quote={quote()} facts={facts} today='2026-01-10' />)
  expect(view.getByText('已过截止日期 10 天')).toBeInTheDocument()
})

test('paying late: waiting period in months and days, arrears without subsidy in yuan', () => {
  render(<QuoteBreakdown quote={quote()} facts={facts} today='2025-11-23' />)
  expect(view.getByText(/过了截止日期再交：从交钱的月份起，要等 3 个月（约 90 天） 才能报销/)).toBeInTheDocument()
  const arrears = view.getByText(/断保后再补交往年的钱，没有国家补贴/)
  expect(within(arrears).getByText('¥1,100.00')).toBeInTheDocument()
  expect(arrears.textContent).toContain('补交后还要等 3 个月才能报销')
})

test('the household enrols as a unit, with the exceptions', () => {
  render(<QuoteBreakdown quote={quote()} facts={facts} today='2025-11-23' />)
  expect(view.getByText(/户口本上的家人要一起参保/)).toBeInTheDocument()
  expect(view.getByText(/职工医保/)).toBeInTheDocument()
})

test("the county's issues are shown as it wrote them, its steps in plain words", () => {
  const q = quote({
    payable: false,
    issues: [{ code: 'HOUSEHOLD_INCOMPLETE', message: '王志强 还没有一起参保，全家要一起交' }]
  })
  render(<QuoteBreakdown quote={q} facts={facts} today='2025-11-23' />)
  expect(view.getByText('王志强 还没有一起参保，全家要一起交')).toBeInTheDocument()
  // the calculator's step says 筹资标准 / 财政补助 (staff words): villagers read what they mean
  expect(view.getByText(/1\. 全家 3 人，一年的医保钱合计 3,300\.00 元：国家补贴 2,140\.00 元/)).toBeInTheDocument()
  expect(document.body.textContent).not.toMatch(/筹资标准|财政补助/)
  expect(view.getByText('政策版本 2026.1')).toBeInTheDocument()
})

test('without policy facts the late-payment sentence falls back to plain words, no invented figures', () => {
  render(<QuoteBreakdown quote={quote()} facts={null} today='2025-11-23' />)
  expect(view.queryByText(/个月（约/)).toBeNull()
  expect(view.getByText(/晚交的规定以县医保局公告为准/)).toBeInTheDocument()
})
