// Payments needing attention: money the county could not book (an unknown order, a second payment,
// an amount that does not match) and differences found by the daily reconciliation, oldest first,
// each with what the county allows: refund it, attach it to the right order, or close it with a note;
// below, each day's reconciliation with the provider's bill, and running a past day again.
import { Button, Input, Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import type { Reconciliation, UnbookedMoney } from '@/contract'
import { inputFor } from '@/components/control-label'
import { formatDate, formatInstant, todayShanghai } from '@/services/time'
import { attachMoney, loadMoney, loadReconciliations, refundMoney, resolveMoney, runReconciliation } from '../api'
import { StaffGate } from './staff-gate'
import { Said, StaffList } from './staff-bits'

const KIND_TEXT: Record<UnbookedMoney['kind'], string> = {
  unknown_order: '不明订单的钱',
  second_payment: '重复付款',
  not_matched: '没能入账',
  missing_in_county: '微信有、县里没有',
  missing_in_bill: '县里有、微信账单没有',
  amount_differs: '金额不符',
  refund_missing_in_county: '退款：县里没有记录',
  refund_missing_in_bill: '退款：微信账单没有'
}
const STATUS_TEXT: Record<UnbookedMoney['status'], string> = {
  open: '待处理',
  refunding: '退款中',
  refunded: '已退回',
  attached: '已入账',
  resolved: '已核实关闭'
}

function MoneyItem({ m, onDone }: { m: UnbookedMoney; onDone: (said: string) => void }) {
  const [text, setText] = useState('')
  const act = async (what: 'refund' | 'attach' | 'resolve') => {
    if (!text.trim()) return onDone(what === 'attach' ? '请填要记到的订单号' : '请写明原因或处理情况')
    const r =
      what === 'refund'
        ? await refundMoney(m.moneyId, text)
        : what === 'attach'
          ? await attachMoney(m.moneyId, text)
          : await resolveMoney(m.moneyId, text)
    onDone(r.ok ? '已处理' : r.error.message)
  }
  return (
    <View className='staff-row money-item' ariaRole='listitem'>
      <View className='staff-row__main'>
        <Text className='staff-row__kind'>
          {KIND_TEXT[m.kind]} · {m.amount ?? '—'} 元{m.countyAmount ? `（县里记的 ${m.countyAmount} 元）` : ''}
        </Text>
        <Text>{m.detail}</Text>
        <Text className='muted'>
          {formatInstant(m.at)} · 订单 {m.orderId ?? '—'} · {STATUS_TEXT[m.status]}
        </Text>
        {m.actions.length > 0 ? (
          <>
            <Input
              className='field-input'
              value={text}
              placeholder='原因、处理情况，或要记到的订单号'
              {...inputFor('原因、处理情况或订单号', 'text')}
              onInput={(e) => setText(e.detail.value)}
            />
            <View className='staff-decide__buttons'>
              {m.actions.includes('refund') ? (
                <Button className='btn' onClick={() => void act('refund')}>
                  原路退回
                </Button>
              ) : null}
              {m.actions.includes('attach') ? (
                <Button className='btn' onClick={() => void act('attach')}>
                  记到这个订单
                </Button>
              ) : null}
              {m.actions.includes('resolve') ? (
                <Button className='btn' onClick={() => void act('resolve')}>
                  核实后关闭
                </Button>
              ) : null}
            </View>
          </>
        ) : null}
      </View>
    </View>
  )
}

const RECONCILED_TEXT: Record<Reconciliation['status'], (d: Reconciliation) => string> = {
  matched: () => '全部对上',
  differences: (d) => `有 ${d.differences} 处对不上（见上面的单子）`,
  no_bill: () => '微信支付还没有这天的账单'
}

/** Each past day's reconciliation; a day can be run again (after a fix, or when the bill came late). */
function Reconciliations({ onRun }: { onRun: () => void }) {
  const [days, setDays] = useState<Reconciliation[]>([])
  const [date, setDate] = useState('')
  const [said, setSaid] = useState<string | null>(null)
  const load = useCallback(async () => {
    const r = await loadReconciliations()
    if (r.ok) setDays(r.data.days)
  }, [])
  useEffect(() => {
    void load()
  }, [load])
  const run = async () => {
    const day = date.trim()
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return setSaid('日期请写成 2026-12-01')
    if (day >= todayShanghai()) return setSaid('只能对已经过去的日子对账')
    const r = await runReconciliation(day)
    if (!r.ok) return setSaid(r.error.message)
    setSaid(`${formatDate(day)}：${RECONCILED_TEXT[r.data.status](r.data)}`)
    void load()
    onRun()
  }
  return (
    <View className='card staff-reconciliations'>
      <View className='staff-detail__title' ariaRole='heading' aria-level={2}>
        每日对账
      </View>
      <Text className='muted'>每天凌晨自动和微信支付的账单对一遍；对不上的钱会列在上面。</Text>
      <View className='staff-filters'>
        <Input
          className='field-input reconcile-date'
          value={date}
          placeholder='重新对哪一天，如 2026-12-01'
          {...inputFor('重新对账的日期', 'text')}
          onInput={(e) => setDate(e.detail.value)}
        />
        <Button className='btn reconcile-run' onClick={() => void run()}>
          重新对账
        </Button>
      </View>
      <Said text={said} />
      <StaffList label='每日对账' empty='还没有对过账。'>
        {days.map((d) => (
          <View key={d.billDate} className='staff-row reconcile-day' ariaRole='listitem'>
            <View className='staff-row__main'>
              <Text className='staff-row__kind'>
                {formatDate(d.billDate)} · {RECONCILED_TEXT[d.status](d)}
              </Text>
              <Text className='muted'>
                微信账单 {d.billLines} 笔 · 县里 {d.countyLines} 笔 · {formatInstant(d.runAt)} 对的
              </Text>
            </View>
          </View>
        ))}
      </StaffList>
    </View>
  )
}

function Money() {
  const [all, setAll] = useState(false)
  const [items, setItems] = useState<UnbookedMoney[]>([])
  const [said, setSaid] = useState<string | null>(null)
  const load = useCallback(async () => {
    const r = await loadMoney(all)
    if (!r.ok) return setSaid(r.error.message)
    setItems(r.data.items)
  }, [all])
  useEffect(() => {
    void load()
  }, [load])
  return (
    <View className='staff-money'>
      <View className='staff-filters'>
        <Button className={`btn chip${!all ? ' chip--on' : ''}`} aria-pressed={!all} onClick={() => setAll(false)}>
          待处理
        </Button>
        <Button className={`btn chip${all ? ' chip--on' : ''}`} aria-pressed={all} onClick={() => setAll(true)}>
          全部
        </Button>
      </View>
      <Said text={said} />
      <StaffList label='要处理的钱' empty='没有要处理的钱。'>
        {items.map((m) => (
          <MoneyItem
            key={m.moneyId}
            m={m}
            onDone={(s) => {
              setSaid(s)
              void load()
            }}
          />
        ))}
      </StaffList>
      <Reconciliations onRun={() => void load()} />
    </View>
  )
}

export function StaffMoneyScreen() {
  return (
    <StaffGate allow={['staff']} current='/subpackages/staff/money/index'>
      {() => <Money />}
    </StaffGate>
  )
}
