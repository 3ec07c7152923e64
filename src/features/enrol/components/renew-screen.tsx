// Renew from afar: confirm the household as the county has it, report changes, then pay.
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { OfflineBanner } from '@/components/offline-banner'
import { AsOf } from '@/components/as-of'
import { notifyError } from '@/services/errors'
import { currentYear } from '@/services/time'
import { useSession } from '@/features/session/store'
import { relationText } from '@/shared/names'
import { submitRenew } from '../store'
import { errorsByField, LEAVE_REASONS, type RenewDraft } from '../validation'
import { Chips } from './form-bits'
import './enrol.scss'
import { useHousehold, useHouseholdId } from '../data'
import { SignInNeeded } from './shared'

export function RenewScreen() {
  const userId = useSession((s) => s.userId)
  const me = useSession((s) => s.me)
  const householdId = useHouseholdId()
  const household = useHousehold()
  const year = currentYear() + 1
  const [members, setMembers] = useState<RenewDraft['members']>({})
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [sending, setSending] = useState(false)
  if (!userId || !householdId) {
    return (
      <>
        <SignInNeeded />
      </>
    )
  }
  const people = household.data?.members ?? []
  const entry = (id: string) => members[id] ?? { change: 'same' as const, leaveReason: '' }
  const set = (id: string, p: Partial<RenewDraft['members'][string]>) => {
    setMembers({ ...members, [id]: { ...entry(id), ...p } })
    setErrors({})
  }
  const submit = async () => {
    if (sending) return
    setSending(true)
    const all = Object.fromEntries(people.map((p) => [p.personId, entry(p.personId)]))
    const names = Object.fromEntries(people.map((p) => [p.personId, p.name]))
    const r = await submitRenew(householdId, me?.personId ?? null, { year, members: all }, names)
    setSending(false)
    if (r.ok) return void Taro.redirectTo({ url: `/subpackages/enrol/status/index?id=${r.application.applicationId}` })
    if ('errors' in r) setErrors(errorsByField(r.errors))
    else notifyError(r.error)
  }
  return (
    <>
      <OfflineBanner hasCachedData={!!household.data} />
      <View className='card'>
        <Text className='enrol-section-title'>{year}年参保：核对家里的人</Text>
        <Text className='muted'>
          下面是县里登记的您家户口上的人。居民医保要全家一起参保。有人不再一起参保的（参加了职工医保、户口迁走等），请说明。
        </Text>
      </View>
      {people.map((p) => {
        const e = entry(p.personId)
        return (
          <View
            key={p.personId}
            className={`card enrol-renew-member${errors[`members.${p.personId}`] ? ' enrol-field--error' : ''}`}
          >
            <Text className='enrol-doc__label'>
              {p.name}（{relationText(p.relation)}）
            </Text>
            <Chips
              name={`change-${p.personId}`}
              options={[
                { id: 'same', label: '继续参保' },
                { id: 'left', label: '不再一起参保' }
              ]}
              value={e.change}
              onChange={(v) => set(p.personId, { change: v })}
            />
            {e.change === 'left' ? (
              <Chips
                name={`reason-${p.personId}`}
                options={LEAVE_REASONS.map((r) => ({ id: r, label: r }))}
                value={e.leaveReason as (typeof LEAVE_REASONS)[number]}
                onChange={(v) => set(p.personId, { leaveReason: v })}
              />
            ) : null}
            {errors[`members.${p.personId}`] ? (
              <Text className='enrol-error'>{errors[`members.${p.personId}`]}</Text>
            ) : null}
          </View>
        )
      })}
      {errors.members ? <Text className='enrol-error'>{errors.members}</Text> : null}
      <AsOf at={household.asOf} source={household.source} />
      <Button
        className='btn btn-primary enrol-submit'
        disabled={sending || people.length === 0}
        onClick={() => {
          void submit()
        }}
      >
        {sending ? '正在提交…' : '核对好了，提交'}
      </Button>
    </>
  )
}
