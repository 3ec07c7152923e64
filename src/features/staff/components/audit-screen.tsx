// The supervisor's audit: who looked at which household and document, who decided what, what an
// assistant did under which consent; newest first, a page at a time, by household if asked.
import { Button, Input, Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import type { StaffAuditEntry } from '@/contract'
import { inputFor } from '@/components/control-label'
import { formatInstant } from '@/services/time'
import { actionLabel } from '@/shared/access-actions'
import { loadAudit } from '../api'
import { StaffGate } from './staff-gate'

const ROLE_LABEL: Record<StaffAuditEntry['actorRole'], string> = {
  villager: '村民',
  reviewer: '审核员',
  supervisor: '科长',
  assistant: '代办人'
}

function Audit() {
  const [household, setHousehold] = useState('')
  const [asked, setAsked] = useState<string | undefined>(undefined)
  const [entries, setEntries] = useState<StaffAuditEntry[]>([])
  const [next, setNext] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const load = useCallback(
    async (after?: string) => {
      const r = await loadAudit(after, asked)
      if (!r.ok) return setError(r.error.message)
      setError(null)
      setEntries(after ? (e) => [...e, ...r.data.entries] : r.data.entries)
      setNext(r.data.next)
    },
    [asked]
  )
  useEffect(() => {
    void load()
  }, [load])
  return (
    <View className='staff-audit'>
      <View className='staff-filters'>
        <Input
          className='field-input staff-filters__township'
          value={household}
          placeholder='户编号，如 hh_0001'
          {...inputFor('只看这一户', 'text')}
          onInput={(e) => setHousehold(e.detail.value)}
        />
        <Button className='btn' onClick={() => setAsked(household.trim() || undefined)}>
          只看这一户
        </Button>
      </View>
      {error ? (
        <View className='form-error' ariaRole='alert'>
          {error}
        </View>
      ) : null}
      <View className='staff-table' ariaRole='list' ariaLabel='查看记录'>
        {entries.map((e, i) => (
          <View key={`${e.at}-${i}`} className='staff-row' ariaRole='listitem'>
            <View className='staff-row__main'>
              <Text>
                {formatInstant(e.at)} · {ROLE_LABEL[e.actorRole]} {e.actorName}
              </Text>
              <Text>
                {actionLabel(e.action)} · {e.householdId}
                {e.subject ? ` · ${e.subject}` : ''}
              </Text>
            </View>
          </View>
        ))}
      </View>
      {next ? (
        <Button className='btn' onClick={() => void load(next)}>
          再往前看
        </Button>
      ) : null}
    </View>
  )
}

export function StaffAuditScreen() {
  return (
    <StaffGate allow={['supervisor']} current='/subpackages/staff/audit/index'>
      {() => <Audit />}
    </StaffGate>
  )
}
