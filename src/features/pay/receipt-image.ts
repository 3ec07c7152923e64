// The receipt as a picture to send to family (WeChat chat, photo album). The lines are
// built here (tested); drawing works on any 2D canvas context (h5 <canvas>, weapp Canvas 2D).
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import type { Receipt } from '@/contract'
import { formatMoney } from '@/components/money'
import { memberIdText } from '@/shared/mask'
import { benefitText } from '@/components/benefit-dates/text'
import type { ImageLine } from '@/components/line-image'

dayjs.extend(utc)

/**
 * A receipt's time always with the year, in Beijing time: 2025年11月24日 10:03. (The app's
 * formatInstant leaves the year out for this year; a receipt is kept and shown years later.)
 */
export function receiptTime(iso: string): string {
  const d = dayjs(iso)
  return d.isValid() ? d.utcOffset(8 * 60).format('YYYY年M月D日 HH:mm') : '—'
}

export function receiptLines(r: Receipt, payerText: string | null): ImageLine[] {
  const lines: ImageLine[] = [
    { text: '城乡居民医保缴费电子票据', size: 34, bold: true },
    { text: `票据号 ${r.receiptNumber}`, size: 24, color: '#333', gap: 8 },
    { text: `${r.year}年度  合计 ¥${formatMoney(r.amount) ?? '—'}`, size: 32, bold: true, color: '#0b6b3a', gap: 20 },
    { text: `付款时间 ${receiptTime(r.paidAt)}`, size: 24, gap: 8 },
    { text: `入账时间 ${receiptTime(r.issuedAt)}`, size: 24 }
  ]
  if (payerText) lines.push({ text: `缴费人 ${payerText}`, size: 24 })
  lines.push({ text: '参保人员', size: 28, bold: true, gap: 20 })
  for (const p of r.persons) {
    lines.push({ text: `${p.name}  ¥${formatMoney(p.amount) ?? '—'}`, size: 28, bold: true, gap: 10 })
    lines.push({ text: memberIdText(p), size: 22, color: '#444' })
    lines.push({ text: benefitText(p.benefitStart, p.benefitEnd), size: 22, color: '#444' })
  }
  lines.push({ text: `开票单位 ${r.issuer}`, size: 22, color: '#333', gap: 20 })
  return lines
}
