// Drives the order screen: shows the last known state at once, asks the county, keeps
// asking while the money is on its way, and offers the next step. The county's order
// status is the only thing that can say "paid".
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { Order } from '@/contract'
import { isCountyDownError } from '@/services/errors'
import { onReconnect } from '@/services/network'
import { orderCache, pendingForOrder, usePay, type PaymentLaunch, type PayTarget } from './store'
import { pollDelay, screenForOrder, shouldPoll, type PayScreen } from './payment-state'
import { useQueuedStart } from './use-queued-start'

export const PAY_ROUTES = {
  quote: (householdId: string, year?: number) =>
    `/subpackages/pay/quote/index?householdId=${encodeURIComponent(householdId)}${year ? `&year=${year}` : ''}`,
  order: (orderId: string, extra = '') => `/subpackages/pay/order/index?orderId=${encodeURIComponent(orderId)}${extra}`,
  cashier: (orderId: string, amount: string) =>
    `/subpackages/pay/cashier/index?orderId=${encodeURIComponent(orderId)}&amount=${encodeURIComponent(amount)}`,
  receipt: (orderId: string) => `/subpackages/pay/receipt/index?orderId=${encodeURIComponent(orderId)}`,
  others: () => '/subpackages/pay/others/index'
}

/** h5: WeChat's H5 payment page, told to come back to this order's page (hash router). */
function goToWechatH5(url: string, orderId: string): void {
  const back = `${window.location.origin}${window.location.pathname}#${PAY_ROUTES.order(orderId)}`
  window.location.assign(`${url}${url.includes('?') ? '&' : '?'}redirect_url=${encodeURIComponent(back)}`)
}

/** After the order exists: open WeChat Pay (weapp, or its H5 page) or the simulated cashier (h5). */
export async function openPayment(orderId: string): Promise<PaymentLaunch> {
  const launch = await usePay.getState().launchPayment(orderId)
  if (launch.kind === 'wechat_h5' && process.env.TARO_ENV === 'h5') goToWechatH5(launch.url, orderId)
  if (launch.kind === 'cashier') {
    await Taro.navigateTo({ url: PAY_ROUTES.cashier(orderId, launch.cashier.amount) }).catch(() =>
      Taro.redirectTo({ url: PAY_ROUTES.cashier(orderId, launch.cashier.amount) })
    )
  }
  return launch
}

export const NOTES: Record<string, string> = {
  cancelled: '您取消了付款，钱没有扣',
  abandoned: '您没有付款，钱没有扣。订单到期前还可以付',
  notpaid: '微信支付没有完成，钱没有扣'
}

/**
 * The pay button: create (or find again) the order with the kept key, then open the
 * payment. A double tap joins the first request (see the store), so one order only.
 */
export async function startAndPay(target: PayTarget): Promise<{ ok: true } | { ok: false; screen: PayScreen }> {
  const r = await usePay.getState().startOrder(target)
  if (!r.ok) return r
  const orderId = r.order.orderId
  if (r.order.status === 'paid' || r.order.status === 'paid_not_matched') {
    await Taro.redirectTo({ url: PAY_ROUTES.order(orderId) })
    return { ok: true }
  }
  const launch = await openPayment(orderId)
  if (launch.kind === 'cashier' || launch.kind === 'wechat_h5') return { ok: true }
  if (launch.kind === 'error') return { ok: false, screen: { kind: 'trouble', error: launch.error, order: r.order } }
  const note =
    launch.kind === 'cancelled' ? (launch.message === NOTES.cancelled ? '&note=cancelled' : '&note=notpaid') : ''
  await Taro.redirectTo({ url: PAY_ROUTES.order(orderId, note) })
  return { ok: true }
}

export interface OrderFlow {
  screen: PayScreen | null
  order: Order | null
  busy: boolean
  note: string | null
  pay: () => void
  refresh: () => void
  newOrder: () => void
}

export function useOrderFlow(orderId: string | null, initialNote: string | null = null): OrderFlow {
  const owner = usePay((s) => s.owner)
  const live = usePay((s) => (orderId ? s.orders[orderId] : undefined))
  const cached = orderCache((s) => (orderId ? s.read(owner, orderId) : null))
  const order = live ?? cached?.data ?? null
  const submitted = usePay((s) =>
    orderId ? Object.values(s.pending).some((p) => p.orderId === orderId && p.submitted) : false
  )
  // paid from this screen: keep asking even when the phone kept no record of starting the order
  // (an order opened from a link or a WeChat message)
  const [paidHere, setPaidHere] = useState(false)
  const [override, setOverride] = useState<PayScreen | null>(null)
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<string | null>(initialNote)
  const attempt = useRef(0)
  const alive = useRef(true)
  useEffect(
    () => () => {
      alive.current = false
    },
    []
  )

  // 重新缴费: a new order, in the county's line when it is busy (use-queued-start.ts)
  const again = useQueuedStart(async () => {
    if (!order) return { ok: true }
    if (!order.payerIsHousehold) {
      // paying for another household needs the ID number again (it is never saved on the phone)
      await Taro.redirectTo({ url: PAY_ROUTES.others() })
      return { ok: true }
    }
    return startAndPay({ householdId: order.householdId, year: order.year })
  })
  const clearAgain = again.clear

  const refresh = useCallback(async () => {
    if (!orderId) return
    const r = await usePay.getState().refreshOrder(orderId)
    if (!alive.current) return
    if (r.ok) {
      setOverride(null)
      clearAgain()
    }
    // county down while we know the order: keep its last known state (never a false 已缴费 or
    // 失败) and keep asking; onReconnect below asks again when the county answers
    else if (!order || !isCountyDownError(r.error)) setOverride({ kind: 'trouble', error: r.error, order })
  }, [orderId, order, clearAgain])

  useEffect(() => {
    attempt.current = 0
    void refresh()
  }, [orderId]) // eslint-disable-line react-hooks/exhaustive-deps

  // keep asking while the money is on its way; slower and slower
  const polling = !!order && shouldPoll(order, { submitted: submitted || paidHere })
  const status = order?.status
  useEffect(() => {
    if (!polling) return
    const t = setTimeout(() => {
      attempt.current++
      void refresh()
    }, pollDelay(attempt.current))
    return () => clearTimeout(t)
  }, [polling, status, live, refresh])

  // the network came back: ask again
  useEffect(
    () =>
      onReconnect(() => {
        void refresh()
      }),
    [refresh]
  )

  const pay = useCallback(async () => {
    if (!orderId || busy) return
    setBusy(true)
    setNote(null)
    const launch = await openPayment(orderId)
    if (!alive.current) return
    setBusy(false)
    if (launch.kind === 'submitted') {
      attempt.current = 0
      setPaidHere(true)
      void refresh()
    } else if (launch.kind === 'cancelled') setNote(launch.message)
    else if (launch.kind === 'error') setOverride({ kind: 'trouble', error: launch.error, order })
  }, [orderId, busy, refresh, order])

  // (while it starts, the order's card stays with its button off)
  const againScreen = again.screen?.kind === 'starting' ? null : again.screen

  const screen: PayScreen | null =
    againScreen ??
    override ??
    (order ? screenForOrder(order, { submitted: submitted || !!pendingForOrder(order.orderId)?.submitted }) : null)
  return {
    screen,
    order,
    busy: busy || again.busy,
    note,
    pay: () => {
      void pay()
    },
    refresh: () => {
      attempt.current = 0
      void refresh()
    },
    newOrder: () => {
      if (order && !busy) again.start()
    }
  }
}
