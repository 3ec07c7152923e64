// 多收钱了吗 and disputes: what villagers reported on a claim, by status; start checking, or answer
// (final: the household reads it under its tracking number).
import { Button, Text, Textarea, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import type { ClaimConcern } from '@/contract'
import { inputFor } from '@/components/control-label'
import { formatInstant } from '@/services/time'
import { answerConcern, loadConcerns } from '../api'
import { StaffGate } from './staff-gate'
import { Said, StaffList } from './staff-bits'

type Status = ClaimConcern['status']
const STATUS_TEXT: Record<Status, string> = { received: '新收到', investigating: '正在核查', resolved: '已答复' }

function ConcernItem({ c, onDone }: { c: ClaimConcern; onDone: (said: string) => void }) {
  const [answer, setAnswer] = useState('')
  return (
    <View className='staff-row concern-item' ariaRole='listitem'>
      <View className='staff-row__main'>
        <Text className='staff-row__kind'>
          {c.trackingNumber} · {c.kind === 'paid-extra' ? `医院多收了 ${c.amount ?? '—'} 元` : '对报销有疑问'}
        </Text>
        {c.note ? <Text>村民说：{c.note}</Text> : null}
        <Text className='muted'>
          {formatInstant(c.createdAt)} · 报销 {c.claimId} · {STATUS_TEXT[c.status]}
        </Text>
        {c.resolution ? <Text>答复：{c.resolution}</Text> : null}
        {c.status !== 'resolved' ? (
          <>
            <Textarea
              className='field-input staff-decide__reason'
              value={answer}
              maxlength={200}
              {...inputFor('给村民的答复', 'text')}
              onInput={(e) => setAnswer(e.detail.value)}
            />
            <View className='staff-decide__buttons'>
              {c.status === 'received' ? (
                <Button
                  className='btn'
                  onClick={async () => {
                    const r = await answerConcern(c.concernId, 'investigating', '')
                    onDone(r.ok ? '已标为正在核查，村民能看到' : r.error.message)
                  }}
                >
                  开始核查
                </Button>
              ) : null}
              <Button
                className='btn btn-primary'
                onClick={async () => {
                  if (!answer.trim()) return onDone('请写给村民的答复')
                  const r = await answerConcern(c.concernId, 'resolved', answer)
                  onDone(r.ok ? '已答复，村民在受理号下面能看到' : r.error.message)
                }}
              >
                答复并结束
              </Button>
            </View>
          </>
        ) : null}
      </View>
    </View>
  )
}

function Concerns() {
  const [status, setStatus] = useState<Status>('received')
  const [items, setItems] = useState<ClaimConcern[]>([])
  const [said, setSaid] = useState<string | null>(null)
  const load = useCallback(async () => {
    const r = await loadConcerns(status)
    if (!r.ok) return setSaid(r.error.message)
    setItems(r.data.concerns)
  }, [status])
  useEffect(() => {
    void load()
  }, [load])
  return (
    <View className='staff-concerns'>
      <View className='staff-filters' ariaRole='group' ariaLabel='按状态'>
        {(Object.keys(STATUS_TEXT) as Status[]).map((s) => (
          <Button
            key={s}
            className={`btn chip${status === s ? ' chip--on' : ''}`}
            aria-pressed={status === s}
            onClick={() => setStatus(s)}
          >
            {STATUS_TEXT[s]}
          </Button>
        ))}
      </View>
      <Said text={said} />
      <StaffList label='村民反映的问题' empty='这里没有反映的问题。'>
        {items.map((c) => (
          <ConcernItem
            key={c.concernId}
            c={c}
            onDone={(s) => {
              setSaid(s)
              void load()
            }}
          />
        ))}
      </StaffList>
    </View>
  )
}

export function StaffConcernsScreen() {
  return (
    <StaffGate allow={['staff']} current='/subpackages/staff/concerns/index'>
      {() => <Concerns />}
    </StaffGate>
  )
}
