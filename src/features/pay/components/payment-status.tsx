// One screen per payment state, each saying what happened to the money in plain words
// and offering the one next step. Driven only by PayScreen (see payment-state.ts).
import { View, Text, Button } from '@tarojs/components'
import type { Order } from '@/contract'
import { BenefitDates } from '@/components/benefit-dates'
import { Money } from '@/components/money'
import { formatInstant } from '@/services/time'
import { screenTitle, type PayScreen } from '../payment-state'
import { SERVICE_PHONE } from '../labels'
import './pay.scss'

export interface PaymentStatusProps {
  screen: PayScreen
  busy?: boolean
  /** a short note from the last action ("您取消了付款，钱没有扣") */
  note?: string | null
  onPay?: () => void
  onRetry?: () => void
  onRefresh?: () => void
  onReceipt?: () => void
  onNewOrder?: () => void
  onCall?: (phone: string) => void
}

function Persons({ order }: { order: Order }) {
  return (
    <View className='pay-persons'>
      {order.persons.map((p) => (
        <View key={p.personId} className='pay-persons__person' data-person={p.personId}>
          <View className='pay-persons__row'>
            <Text>{p.name}</Text>
            <Money value={p.due} />
          </View>
          {/* once the county has enrolled them: from which day claims are paid (its record) */}
          <BenefitDates
            start={p.benefitStart ?? null}
            end={p.benefitEnd}
            waiting={!!p.benefitStart && p.benefitStart > `${order.year}-01-01`}
          />
        </View>
      ))}
    </View>
  )
}

function Ref({ order }: { order: Order }) {
  return (
    <View className='pay-ref'>
      <Text className='muted'>订单号 {order.orderId}</Text>
      {order.paidAt ? <Text className='muted'>付款时间 {formatInstant(order.paidAt)}</Text> : null}
    </View>
  )
}

export function PaymentStatus({
  screen,
  busy,
  note,
  onPay,
  onRetry,
  onRefresh,
  onReceipt,
  onNewOrder,
  onCall
}: PaymentStatusProps) {
  const title = screenTitle(screen)
  const body = (() => {
    switch (screen.kind) {
      case 'ready':
        return null
      case 'starting':
        return <Text>正在和县里核对金额，请稍等，不要重复点。</Text>
      case 'queued':
        return (
          <>
            <Text>交费的人多，县里在一个一个办，您已经排上了。</Text>
            <Text className='pay-queue__count'>{screen.secondsLeft} 秒后</Text>
            <Text>不用关掉，到时自动再试。不会重复扣钱。</Text>
          </>
        )
      case 'awaiting_payment':
        return (
          <>
            <View className='pay-amount-line'>
              <Text>要付 </Text>
              <Money value={screen.order.amount} className='pay-big' />
            </View>
            <Text>钱还没有扣。请在 {formatInstant(screen.order.expiresAt)} 前付款，过时订单作废。</Text>
            <Persons order={screen.order} />
            <Button
              key={busy ? 'busy' : 'idle'}
              className='btn btn-primary pay-action'
              disabled={busy || undefined}
              onClick={onPay}
            >
              {busy ? '正在打开付款…' : '去付款'}
            </Button>
            <Ref order={screen.order} />
          </>
        )
      case 'confirming':
        return (
          <>
            <View className='pay-amount-line'>
              <Text>金额 </Text>
              <Money value={screen.order.amount} className='pay-big' />
            </View>
            <Text>
              {screen.countySawMoney ? '县里已经收到钱，正在给每个人登记参保。' : '付款已提交，正在等县里确认收到钱。'}
              一般几秒到几分钟。可以先离开，回来会接着查，不要再付一次。
            </Text>
            <Button
              key={busy ? 'busy' : 'idle'}
              className='btn pay-action'
              disabled={busy || undefined}
              onClick={onRefresh}
            >
              {busy ? '正在查…' : '刷新看看'}
            </Button>
            <Ref order={screen.order} />
          </>
        )
      case 'done':
        return (
          <>
            <Text>县里已确认收款，下面的人 {screen.order.year} 年参保了。每个人从哪天起看病能报销，写在名字下面：</Text>
            <Persons order={screen.order} />
            {screen.order.receiptNumber ? (
              <Text className='pay-receipt-no'>票据号 {screen.order.receiptNumber}</Text>
            ) : null}
            <Button className='btn btn-primary pay-action' onClick={onReceipt}>
              查看票据
            </Button>
          </>
        )
      case 'failed':
        return (
          <>
            <Text>原因：{screen.reason}。钱没有扣，可以重新缴费。</Text>
            <Button className='btn btn-primary pay-action' disabled={busy || undefined} onClick={onNewOrder}>
              重新缴费
            </Button>
            <Ref order={screen.order} />
          </>
        )
      case 'expired':
        return (
          <>
            <Text>这笔订单在 {formatInstant(screen.order.expiresAt)} 前没有付款，已经作废，钱没有扣。</Text>
            <Button className='btn btn-primary pay-action' disabled={busy || undefined} onClick={onNewOrder}>
              重新缴费
            </Button>
            <Ref order={screen.order} />
          </>
        )
      case 'not_matched':
        return (
          <>
            <View className='pay-amount-line'>
              <Text>已付 </Text>
              <Money value={screen.order.amount} className='pay-big' />
            </View>
            <Text>
              钱已经付了，不要再交。县里还没能把这笔钱记到参保名单上（{screen.reason}
              ），工作人员正在核对，核对好会自动入账；对不上的会原路退回。
            </Text>
            <View className='pay-ref pay-ref--strong'>
              <Text>付款凭据：订单号 {screen.order.orderId}</Text>
              {screen.order.paidAt ? <Text>付款时间 {formatInstant(screen.order.paidAt)}</Text> : null}
            </View>
            <Text>有疑问请拨打医保服务热线 {SERVICE_PHONE}，报上面的订单号。</Text>
            <Button className='btn pay-action' onClick={() => onCall?.(SERVICE_PHONE)}>
              拨打 {SERVICE_PHONE}
            </Button>
            <Button
              key={busy ? 'busy' : 'idle'}
              className='btn pay-action'
              disabled={busy || undefined}
              onClick={onRefresh}
            >
              {busy ? '正在查…' : '刷新看看'}
            </Button>
          </>
        )
      case 'blocked':
        return screen.reason === 'already_paid' ? (
          <>
            <Text>
              这一年的钱{screen.by ? `已由 ${screen.by} ` : ''}
              {screen.paidAt ? `在 ${formatInstant(screen.paidAt)} ` : '已经'}交过了，不用再交。
            </Text>
            <Button className='btn pay-action' onClick={onRefresh}>
              看参保情况
            </Button>
          </>
        ) : (
          <>
            <Text>
              {screen.by
                ? `${screen.by}${screen.at ? ` 在 ${formatInstant(screen.at)} ` : ' '}已经开始为这一年缴费`
                : '家里另一位亲人正在为这一年缴费'}
              。为了不重复扣钱，请等他付完；他没付的话，订单 30 分钟后作废，那时您再来交。
            </Text>
            <Button className='btn pay-action' disabled={busy || undefined} onClick={onRefresh}>
              刷新看看
            </Button>
          </>
        )
      case 'trouble':
        return (
          <>
            <Text>{screen.error.message}。</Text>
            <Text>这次缴费的记录存在手机上，重试不会重复扣钱。</Text>
            <Button
              key={busy ? 'busy' : 'idle'}
              className='btn btn-primary pay-action'
              disabled={busy || undefined}
              onClick={onRetry}
            >
              {busy ? '正在重试…' : '重试'}
            </Button>
          </>
        )
    }
  })()
  if (screen.kind === 'ready') return null
  return (
    <View key={screen.kind} className={`card pay-status pay-status--${screen.kind}`} ariaRole='status'>
      <Text className='pay-status__title'>{title}</Text>
      {note ? (
        <View className='pay-note'>
          <Text>{note}</Text>
        </View>
      ) : null}
      <View className='pay-status__body'>{body}</View>
    </View>
  )
}
