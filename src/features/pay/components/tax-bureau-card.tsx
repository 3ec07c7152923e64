// Where the county collects through the tax bureau (税务部门征收), nothing is paid in the app: this
// card says how much to pay there, what to keep, and that 已参保 shows here once the bureau has
// passed the payment to the county (the county API enrols each person from the bureau's list).
import { View, Text, Button } from '@tarojs/components'
import type { Quote } from '@/contract'
import { Money } from '@/components/money'
import { TAX_BUREAU_ISSUE } from '@/shared/quote-issues'

/** The county's words on where to pay, when this quote is to be paid at the tax bureau. */
export function taxBureauIssue(quote: Quote): string | null {
  return quote.issues.find((i) => i.code === TAX_BUREAU_ISSUE)?.message ?? null
}

export function TaxBureauCard({ quote, onRefresh }: { quote: Quote; onRefresh: () => void }) {
  const where = taxBureauIssue(quote)
  if (!where) return null
  const toPay = quote.lines.filter((l) => !l.alreadyEnrolled && l.due !== '0.00')
  return (
    <View className='card pay-tax-bureau' ariaRole='region' ariaLabel='到税务部门缴费'>
      <Text className='pay-section-title'>本县在税务部门交医保费</Text>
      <Text>
        {quote.year}年要交 <Money value={quote.total} />（{toPay.map((l) => l.name).join('、')}）。
      </Text>
      {[
        where.replace(/^本县的医保费由税务部门收，这里不能交。/, ''),
        '交好后，留好税务部门给的缴费凭证（截个图就行）。',
        '税务部门把结果交给县医保局后，这里会显示“已参保”和看病能报销的日期，一般要过几天。'
      ].map((step, i) => (
        <View key={i} className='pay-step'>
          <Text>
            {i + 1}. {step}
          </Text>
        </View>
      ))}
      <Button className='btn pay-action pay-tax-bureau__refresh' onClick={onRefresh}>
        我已经交了，看看登记了没有
      </Button>
    </View>
  )
}
