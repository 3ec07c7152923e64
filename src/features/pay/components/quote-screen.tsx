// 缴费明细: the county's quote, then one button to pay (the same order on every tap).
import { useEffect, useState } from 'react'
import { View, Button, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { OfflineBanner } from '@/components/offline-banner'
import { AsOf } from '@/components/as-of'
import { formatMoney } from '@/components/money'
import { useSession } from '@/features/session/store'
import { householdTopic } from '@/services/county-changes'
import { useCountyData } from '@/services/use-county-data'
import { todayShanghai } from '@/services/time'
import { payApi } from '../api'
import { quoteCache, usePay } from '../store'
import { QuoteBreakdown, allEnrolled } from './quote-breakdown'
import { ReceiptLink } from './pay-home'
import { PaymentStatus } from './payment-status'
import { ReminderCard, offerReminder } from './reminder-card'
import { TaxBureauCard, taxBureauIssue } from './tax-bureau-card'
import { loadPolicyFacts, deadlineOf, type PolicyFacts } from '../policy-facts'
import { PAY_ROUTES, startAndPay } from '../use-order-flow'
import { pendingSlot } from '../pending'
import { useQueuedStart } from '../use-queued-start'
import { isZero } from '../labels'

export function QuoteScreen() {
  const params = useRouter().params as { householdId?: string; year?: string }
  const householdId = params.householdId ?? null
  const year = params.year ? Number(params.year) : undefined
  const userId = useSession((s) => s.userId)
  useEffect(() => {
    usePay.getState().setOwner(userId)
  }, [userId])
  const q = useCountyData({
    cache: quoteCache,
    owner: userId,
    // another year than the one being collected (a newborn's birth year) is kept apart
    cacheKey: householdId && year ? `${householdId}:${year}` : householdId,
    load: () => payApi.getQuote(householdId as string, year),
    topics: householdId ? [householdTopic(householdId)] : undefined
  })
  const quote = q.data
  const [facts, setFacts] = useState<PolicyFacts | null>(null)
  useEffect(() => {
    if (!householdId || !quote) return
    let live = true
    void loadPolicyFacts(householdId, quote.year).then((f) => {
      if (live) setFacts(f)
    })
    return () => {
      live = false
    }
  }, [householdId, quote?.year]) // eslint-disable-line react-hooks/exhaustive-deps
  const pending = usePay((s) => (householdId && quote ? s.pending[pendingSlot(householdId, quote.year)] : undefined))
  // the pay button: one request at a time; a busy county puts it in line and it tries again by itself
  const {
    screen,
    busy,
    start: pay,
    clear
  } = useQueuedStart(() =>
    householdId && quote ? startAndPay({ householdId, year: quote.year }) : Promise.resolve({ ok: true as const })
  )

  const canPay = !!quote && quote.payable && !isZero(quote.total)
  // paid at the tax bureau: no pay button here, the card says where (and the reminder still helps)
  const atTaxBureau = !!quote && taxBureauIssue(quote) !== null
  const paidUp = !!quote && allEnrolled(quote)
  const today = todayShanghai()
  const deadline = quote ? deadlineOf(quote, facts) : null
  return (
    <>
      <OfflineBanner hasCachedData={!!quote} />
      {!quote ? (
        <View className='card'>
          <Text>{q.loading ? '正在向县里查询金额…' : q.error ? q.error.message : '没有找到要缴费的家庭'}</Text>
        </View>
      ) : null}
      {quote ? <QuoteBreakdown quote={quote} facts={facts} today={today} /> : null}
      {quote ? <AsOf at={q.asOf} source={q.source} /> : null}
      {pending?.orderId ? (
        <View className='card pay-banner'>
          <Text>这笔缴费已经开始了。接着付款不会重复扣钱。</Text>
          <Button
            className='btn pay-action'
            onClick={() => {
              void Taro.navigateTo({ url: PAY_ROUTES.order(pending.orderId as string) })
            }}
          >
            查看缴费进度
          </Button>
        </View>
      ) : null}
      {screen ? (
        <PaymentStatus
          screen={screen}
          busy={busy}
          onRetry={pay}
          onRefresh={() => {
            q.reload()
            clear()
          }}
        />
      ) : null}
      {quote && atTaxBureau && !paidUp ? <TaxBureauCard quote={quote} onRefresh={q.reload} /> : null}
      {quote && offerReminder(quote, deadline, today) ? (
        <ReminderCard
          householdId={quote.householdId}
          year={quote.year}
          total={quote.total}
          deadline={deadline}
          windowOpen={quote.collectionPeriod?.open ?? true}
        />
      ) : null}
      {quote && isZero(quote.total) && userId ? (
        <ReceiptLink owner={userId} householdId={quote.householdId} year={quote.year} />
      ) : null}
      {quote && !paidUp && !atTaxBureau && !isZero(quote.total) ? (
        <View className='pay-bar'>
          <Button
            key={busy ? 'busy' : canPay ? 'pay' : 'none'}
            className='btn btn-primary pay-action pay-confirm'
            disabled={!canPay || busy || undefined}
            onClick={pay}
          >
            {screen?.kind === 'queued'
              ? `排队中，${screen.secondsLeft} 秒后自动再试`
              : busy
                ? '正在准备付款…'
                : canPay
                  ? `确认无误，缴费 ¥${formatMoney(quote.total)}`
                  : '暂时不能缴费（见上面的说明）'}
          </Button>
        </View>
      ) : null}
    </>
  )
}
