// The 缴费 tab: unfinished payments first (so an interrupted payment is resumed, not
// repeated), then each household the user may pay for, paying for someone else, receipts.
import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { HouseholdLink } from '@/contract'
import { Money } from '@/components/money'
import { AsOf } from '@/components/as-of'
import { householdTopic, useCountyChanges } from '@/services/county-changes'
import { useCountyData } from '@/services/use-county-data'
import { formatInstant } from '@/services/time'
import { payApi } from '../api'
import { quoteCache, receiptCache, usePay } from '../store'
import { PAY_ROUTES } from '../use-order-flow'
import { isZero } from '../labels'
import type { PendingPayment } from '../pending'
import './pay.scss'

const go = (url: string) => {
  void Taro.navigateTo({ url })
}

function PendingBanner({ p }: { p: PendingPayment }) {
  const order = usePay((s) => (p.orderId ? s.orders[p.orderId] : undefined))
  const money = order?.status === 'paid' || order?.status === 'paid_not_matched'
  return (
    <View className='card pay-banner pay-pending' data-order={p.orderId ?? ''}>
      <Text className='pay-section-title'>{money ? '您的缴费正在入账' : '上次的缴费还没有完成'}</Text>
      <Text>
        {p.year}年{p.payeeIdMasked ? `（替身份证 ${p.payeeIdMasked} 的家庭）` : ''}
        {p.amount ? (
          <Text>
            ，金额 <Money value={p.amount} />
          </Text>
        ) : null}
        ，开始于 {formatInstant(p.startedAt)}。
      </Text>
      <Text>接着上次的办，不会重复扣钱。</Text>
      <Button
        className='btn btn-primary pay-action pay-pending__go'
        onClick={() =>
          go(
            p.orderId
              ? PAY_ROUTES.order(p.orderId)
              : p.payeeIdMasked
                ? PAY_ROUTES.others()
                : PAY_ROUTES.quote(p.householdId, p.year)
          )
        }
      >
        接着办
      </Button>
    </View>
  )
}

/** The receipt this phone already has for a household's year, if any (the newest). */
function useReceiptFor(
  owner: string,
  householdId: string,
  year: number | undefined
): { orderId: string; receiptNumber: string } | null {
  const entryOwner = receiptCache((s) => s.owner)
  const entries = receiptCache((s) => s.entries)
  if (year === undefined || entryOwner !== owner) return null
  const found = Object.entries(entries)
    .filter(([, e]) => e.data.householdId === householdId && e.data.year === year)
    .sort(([, a], [, b]) => (a.data.issuedAt < b.data.issuedAt ? 1 : -1))[0]
  return found ? { orderId: found[0], receiptNumber: found[1].data.receiptNumber } : null
}

/** The county's confirmed order for a household's year (its receipt), asked only when the phone has none. */
function useConfirmedOrder(householdId: string, year: number, skip: boolean): string | null {
  const [orderId, setOrderId] = useState<string | null>(null)
  const changes = useCountyChanges([householdTopic(householdId)]) // paid meanwhile: ask again
  useEffect(() => {
    if (skip) return
    let alive = true
    void payApi.listOrders(householdId).then((r) => {
      if (!alive || !r.ok) return
      const paid = r.data.orders
        .filter((o) => o.year === year && o.status === 'confirmed' && o.receiptNumber)
        .sort((a, b) => ((a.confirmedAt ?? '') < (b.confirmedAt ?? '') ? 1 : -1))[0]
      setOrderId(paid ? paid.orderId : null)
    })
    return () => {
      alive = false
    }
  }, [householdId, year, skip, changes])
  return orderId
}

/**
 * 看缴费票据 for a paid-up year: the receipt this phone has, else the county's (paid on another
 * phone, or signed in again: the 缴费 tab said 已交清 with nowhere to find the receipt).
 */
export function ReceiptLink({ owner, householdId, year }: { owner: string; householdId: string; year: number }) {
  const cached = useReceiptFor(owner, householdId, year)
  const fromCounty = useConfirmedOrder(householdId, year, !!cached)
  const orderId = cached?.orderId ?? fromCounty
  if (!orderId) return null
  return (
    <Button className='btn pay-action pay-receipt-link' onClick={() => go(PAY_ROUTES.receipt(orderId))}>
      看{year}年缴费票据
    </Button>
  )
}

function HouseholdCard({ link, owner }: { link: HouseholdLink; owner: string }) {
  const q = useCountyData({
    cache: quoteCache,
    owner,
    cacheKey: link.householdId,
    load: () => payApi.getQuote(link.householdId),
    topics: [householdTopic(link.householdId)]
  })
  const quote = q.data
  const paidUp = !!quote && quote.lines.length > 0 && quote.lines.every((l) => l.alreadyEnrolled)
  const nothingDue = !!quote && !paidUp && isZero(quote.total)
  return (
    <View className='card pay-household' data-household={link.householdId}>
      <Text className='pay-section-title'>
        {link.relation === 'grantee'
          ? `${link.headNameMasked}家（${link.village}，家人授权）`
          : `我家（${link.village}）`}
      </Text>
      {quote && paidUp ? (
        <>
          <Text className='pay-paid__title pay-household__paid'>{quote.year}年已交清</Text>
          <AsOf at={q.asOf} source={q.source} />
          <ReceiptLink owner={owner} householdId={link.householdId} year={quote.year} />
        </>
      ) : quote && nothingDue ? (
        <>
          <Text className='pay-paid__title pay-household__paid'>{quote.year}年您家不用再交钱</Text>
          <AsOf at={q.asOf} source={q.source} />
          <ReceiptLink owner={owner} householdId={link.householdId} year={quote.year} />
        </>
      ) : quote ? (
        <>
          <View className='pay-amount-line'>
            <Text>{quote.year}年全家要交 </Text>
            <Money value={quote.total} className='pay-big pay-household__total' />
          </View>
          <AsOf at={q.asOf} source={q.source} />
        </>
      ) : (
        <Text className='muted'>{q.loading ? '正在向县里查询金额…' : q.error ? q.error.message : ''}</Text>
      )}
      {paidUp ? null : (
        <Button
          className={`btn ${nothingDue ? '' : 'btn-primary '}pay-action pay-household__go`}
          onClick={() => go(PAY_ROUTES.quote(link.householdId, quote?.year))}
        >
          {nothingDue ? '看明细' : '看明细，去缴费'}
        </Button>
      )}
    </View>
  )
}

interface Props {
  owner: string | null
  households: HouseholdLink[]
  onSignIn: () => void
}

export function PayHome({ owner, households, onSignIn }: Props) {
  const pendingOwner = usePay((s) => s.owner)
  const pendingMap = usePay((s) => s.pending)
  const receiptOwner = receiptCache((s) => s.owner)
  const receiptMap = receiptCache((s) => s.entries)
  const pending = pendingOwner === owner ? Object.values(pendingMap) : []
  const receipts = owner && receiptOwner === owner ? Object.entries(receiptMap) : []
  if (!owner) {
    return (
      <View className='card'>
        <Text>登录后，可以给自己家、给父母家缴纳医保费。在外打工也能交，不用回村。</Text>
        <Button className='btn btn-primary pay-action' onClick={onSignIn}>
          去登录
        </Button>
      </View>
    )
  }
  const payable = households.filter((h) => h.relation !== 'grantee' || h.scopes.includes('pay'))
  return (
    <View className='pay-home'>
      {pending.map((p) => (
        <PendingBanner key={`${p.householdId}:${p.year}`} p={p} />
      ))}
      {payable.map((h) => (
        <HouseholdCard key={h.householdId} link={h} owner={owner} />
      ))}
      {payable.length === 0 ? (
        <View className='card'>
          <Text>还没有绑定自己的家庭。可以先替父母等家人缴费，或到“我的”里绑定家庭。</Text>
        </View>
      ) : null}
      <View className='card pay-others-entry'>
        <Text className='pay-section-title'>替别人家缴费</Text>
        <Text>给父母或亲戚家交，只要知道他家一个人的身份证号。</Text>
        <Button className='btn pay-action pay-others-entry__go' onClick={() => go(PAY_ROUTES.others())}>
          按身份证号缴费
        </Button>
      </View>
      {receipts.length > 0 ? (
        <View className='card pay-receipts'>
          <Text className='pay-section-title'>我的缴费票据</Text>
          {receipts.map(([orderId, e]) => (
            <View
              key={orderId}
              className='pay-persons__row pay-receipts__item'
              onClick={() => go(PAY_ROUTES.receipt(orderId))}
            >
              <Text className='pay-link'>
                {e.data.year}年 票据 {e.data.receiptNumber}
              </Text>
              <Money value={e.data.amount} />
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
