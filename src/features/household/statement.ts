// The household's yearly statement (参保缴费证明, issue 19): the county's figures for a year
// with its verification code, kept on the phone like every answer; its picture's lines (drawn by
// components/line-image) and the PDF the county prints (downloaded as a file).
import type { Statement } from '@/contract'
import type { ImageLine } from '@/components/line-image'
import { formatMoney } from '@/components/money/format'
import { createUserCache } from '@/services/cache'
import { call, download, type CallResult } from '@/services/county-client'

export const statementCache = createUserCache<Statement>({ name: 'statement', version: 1, maxEntries: 3 })

export const statementKey = (householdId: string, year: number) => `${householdId}.${year}`

export function loadStatement(householdId: string, year: number): Promise<CallResult<Statement>> {
  return call('getStatement', { params: { householdId }, query: { year } })
}

export function downloadStatementPdf(householdId: string, year: number): Promise<CallResult<string>> {
  return download('getStatementPdf', { params: { householdId }, query: { year } })
}

/** This year and the two before: the years a household is asked to prove. */
export function statementYears(thisYear: number): number[] {
  return [thisYear, thisYear - 1, thisYear - 2]
}

export const STATUS_TEXT: Record<string, string> = {
  enrolled: '已参保',
  unpaid: '没交费',
  lapsed: '断保了',
  pending_review: '审核中'
}

const yuan = (v: string) => `¥${formatMoney(v) ?? '—'}`

/** The picture to send to family: who is covered from when, what was paid, what insurance paid. */
export function statementLines(s: Statement): ImageLine[] {
  const lines: ImageLine[] = [
    { text: `${s.year}年度城乡居民医保参保缴费证明`, size: 32, bold: true },
    { text: `${s.township}${s.village}  户主 ${s.headName}`, size: 24, color: '#333', gap: 8 },
    { text: '家里人参保', size: 28, bold: true, gap: 20 }
  ]
  for (const m of s.members) {
    const status = m.status ? (STATUS_TEXT[m.status] ?? m.status) : '没有记录'
    const dates = m.benefitStart && m.benefitEnd ? `  ${m.benefitStart}至${m.benefitEnd}能报销` : ''
    lines.push({ text: `${m.name}  ${status}${dates}`, size: 22, gap: 6 })
  }
  lines.push({
    text: `缴费 ${s.payments.length}笔  合计 ${yuan(s.totals.contributions)}`,
    size: 28,
    bold: true,
    gap: 20
  })
  for (const p of s.payments) lines.push({ text: `票据号 ${p.receiptNumber}  ${yuan(p.amount)}`, size: 22, gap: 6 })
  lines.push({ text: `看病报销 ${s.totals.claims}次`, size: 28, bold: true, gap: 20 })
  lines.push({ text: `总费用 ${yuan(s.totals.totalCost)}  医保付了 ${yuan(s.totals.insurancePaid)}`, size: 22, gap: 6 })
  lines.push({ text: `自己付了 ${yuan(s.totals.patientPays)}`, size: 22 })
  lines.push({ text: `核验码 ${s.verificationCode}`, size: 26, bold: true, color: '#0b6b3a', gap: 20 })
  lines.push({ text: `开具 ${s.issuer}`, size: 22, color: '#333' })
  return lines
}
