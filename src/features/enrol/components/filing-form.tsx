// Out-of-area care filing (异地就医备案): who, where, from when to when, and why.
import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { Application } from '@/contract'
import { filingDraft, submitFiling, useEnrol } from '../store'
import { FILING_REASONS, normaliseDateInput, type FilingDraft } from '../validation'
import { DateField, PersonPicker, SubmitBlock, useApplicationForm } from './application-fields'
import { ChoiceField, Field } from './form-bits'
import './enrol.scss'

interface Props {
  householdId: string
  members: { personId: string; name: string }[]
  /** today and one year on, as the starting dates */
  defaults: { from: string; to: string; personId?: string }
  /** what filing is worth, from the calculator (rendered by the page) */
  worth?: ReactNode
  onSubmitted: (app: Application) => void
}

export function FilingForm({ householdId, members, defaults, worth, onSubmitted }: Props) {
  const save = useEnrol((s) => s.saveFilingDraft)
  const f = useApplicationForm<FilingDraft>(
    () => {
      const saved = filingDraft()
      return {
        ...saved,
        from: saved.from || defaults.from,
        to: saved.to || defaults.to,
        personId: saved.personId || defaults.personId || ''
      }
    },
    {
      save,
      send: (d) => submitFiling(householdId, { ...d, from: normaliseDateInput(d.from), to: normaliseDateInput(d.to) }),
      onSubmitted
    }
  )

  return (
    <View className='card enrol-form enrol-form--filing'>
      <PersonPicker label='给谁备案' members={members} {...f.choice('personId')} />
      <Field label='在哪里看病（省、市）' placeholder='例如 广东省东莞市' {...f.text('destination')} />
      <DateField label='从哪天开始' example='2026-12-01' {...f.text('from')} />
      <DateField label='到哪天结束' example='2027-11-30' hint='一般备案一年，到期前可以再办' {...f.text('to')} />
      <ChoiceField label='为什么在外地看病' options={FILING_REASONS} {...f.choice('reason')} />
      {f.d.reason === 'other' ? <Field label='写一句原因' {...f.text('note')} /> : null}
      {worth}
      <SubmitBlock label='提交备案，下一步拍照上传' form={f} />
    </View>
  )
}
