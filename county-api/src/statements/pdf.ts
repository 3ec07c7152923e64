// The statement as a PDF (A4, Chinese text): pdfkit with the shipped Noto Sans SC subset
// (county-api/assets/fonts, SIL OFL), of which each file embeds only the glyphs it uses. The
// figures are the statement's as they are (yuan strings): nothing is added up here.
import path from 'node:path'
import PDFDocument from 'pdfkit'
import type { Statement } from '../../../src/contract'

const FONT = path.resolve(__dirname, '../../assets/fonts/NotoSansSC-GBK.otf')

const STATUS: Record<string, string> = {
  enrolled: '已参保',
  unpaid: '未缴费',
  lapsed: '已断保',
  pending_review: '审核中'
}
const PAYER: Record<string, string> = {
  self: '自己交',
  civil_affairs: '民政代缴',
  family_planning: '计生代缴',
  employer: '单位代缴',
  disabled_federation: '残联代缴',
  veterans_affairs: '退役军人事务部门代缴'
}
const KIND: Record<string, string> = { inpatient: '住院', outpatient: '门诊', chronic: '门诊慢特病' }

/** 2026-11-20T09:30:00.000+08:00 → 2026年11月20日 (the county's own local date, as sent) */
function day(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-')
  return `${y}年${Number(m)}月${Number(d)}日`
}

type Row = string[]

export function statementPdf(s: Statement, verifyUrl: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: { Title: `${s.year}年度城乡居民医保参保缴费证明`, Author: s.issuer, Subject: s.verificationCode }
  })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  doc.registerFont('cjk', FONT)
  doc.font('cjk')
  const left = doc.page.margins.left
  const width = doc.page.width - left - doc.page.margins.right

  const table = (title: string, cols: { head: string; width: number }[], rows: Row[]) => {
    doc.moveDown(0.8).fontSize(13).fillColor('#0b6b3a').text(title, left)
    doc.fontSize(9.5).fillColor('#555')
    const line = (cells: Row) => {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 30) doc.addPage()
      const y = doc.y + 3
      let x = left
      let bottom = y
      cells.forEach((text, i) => {
        const w = cols[i].width * width
        doc.text(text, x, y, { width: w - 4 })
        bottom = Math.max(bottom, doc.y)
        x += w
      })
      doc.y = bottom
    }
    line(cols.map((c) => c.head))
    doc.fillColor('#111')
    if (rows.length === 0) doc.text('（无）', left, doc.y + 3)
    rows.forEach(line)
  }

  doc.fontSize(18).fillColor('#111').text(`${s.year}年度城乡居民医保参保缴费证明`, { align: 'center' })
  doc.moveDown(0.3).fontSize(10.5).fillColor('#333')
  doc.text(`${s.township}${s.village}  户主 ${s.headName}    开具：${s.issuer}  ${day(s.issuedAt)}`, {
    align: 'center'
  })

  table(
    '家庭成员参保情况',
    [
      { head: '姓名', width: 0.14 },
      { head: '关系', width: 0.09 },
      { head: '身份证号', width: 0.23 },
      { head: '参保', width: 0.1 },
      { head: '谁交的', width: 0.12 },
      { head: '个人缴费(元)', width: 0.12 },
      { head: '看病能报销的日期', width: 0.2 }
    ],
    s.members.map((m) => [
      m.name,
      m.relation,
      m.idNumberMasked ?? '（还没有）',
      m.status ? (STATUS[m.status] ?? m.status) : '没有记录',
      m.payer ? (PAYER[m.payer] ?? m.payer) : '—',
      m.amountPaid ?? '—',
      m.benefitStart && m.benefitEnd ? `${m.benefitStart} 至 ${m.benefitEnd}` : '—'
    ])
  )
  table(
    '缴费和票据',
    [
      { head: '票据号', width: 0.26 },
      { head: '缴费时间', width: 0.18 },
      { head: '金额(元)', width: 0.12 },
      { head: '缴费人', width: 0.14 },
      { head: '为谁交', width: 0.3 }
    ],
    s.payments.map((p) => [p.receiptNumber, day(p.paidAt), p.amount, p.payerNameMasked, p.members.join('、')])
  )
  table(
    '看病报销',
    [
      { head: '看病的人', width: 0.12 },
      { head: '类别', width: 0.09 },
      { head: '医院', width: 0.2 },
      { head: '日期', width: 0.12 },
      { head: '总费用', width: 0.1 },
      { head: '统筹基金', width: 0.1 },
      { head: '大病保险', width: 0.09 },
      { head: '医疗救助', width: 0.09 },
      { head: '自己付', width: 0.09 }
    ],
    s.claims.map((c) => [
      c.personName,
      KIND[c.kind] ?? c.kind,
      c.institutionName,
      c.admissionDate,
      c.totalCost,
      c.basicFund,
      c.catastrophic,
      c.assistance,
      c.patientPays
    ])
  )

  const t = s.totals
  doc.moveDown(0.8).fontSize(13).fillColor('#0b6b3a').text('全年合计', left)
  doc.fontSize(10.5).fillColor('#111')
  doc.text(`缴费合计 ${t.contributions} 元；报销 ${t.claims} 次，看病总费用 ${t.totalCost} 元。`)
  doc.text(
    `统筹基金付 ${t.basicFund} 元，大病保险付 ${t.catastrophic} 元，医疗救助付 ${t.assistance} 元，医保共付 ${t.insurancePaid} 元；家庭账户付 ${t.householdAccount} 元，自己付 ${t.patientPays} 元。`
  )

  doc.moveDown(1).fontSize(12).fillColor('#111').text(`核验码：${s.verificationCode}`)
  doc.fontSize(9.5).fillColor('#555').text(`核验地址：${verifyUrl}`)
  doc.text('本证明由县医保经办机构的系统开具。看到这份证明的人可以用核验码向县医保经办机构查验真假。')
  doc.end()
  return done
}
