// Out-of-area care filing (异地就医备案): who, where, from when to when, and why.
import { Button, Text, View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import type { Application } from '@/contract'
import { notifyError } from '@/services/errors'
import { filingDraft, submitFiling, useEnrol } from '../store'
import { errorsByField, FILING_REASONS, normaliseDateInput, type FilingDraft } from '../validation'
import { Chips, Field, FieldBlock } from './form-bits'
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
  const [d, setD] = useState<FilingDraft>(() => {
    const saved = filingDraft()
    return {
      ...saved,
      from: saved.from || defaults.from,
      to: saved.to || defaults.to,
      personId: saved.personId || defaults.personId || ''
    }
  })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [sending, setSending] = useState(false)
  const save = useEnrol((s) => s.saveFilingDraft)

  const update = (p: Partial<FilingDraft>) => {
    const next = { ...d, ...p }
    setD(next)
    save(next)
    const cleared = { ...errors }
    for (const k of Object.keys(p)) delete cleared[k]
    setErrors(cleared)
  }

  const submit = async () => {
    if (sending) return
    setSending(true)
    const r = await submitFiling(householdId, { ...d, from: normaliseDateInput(d.from), to: normaliseDateInput(d.to) })
    setSending(false)
    if (r.ok) return onSubmitted(r.application)
    if ('errors' in r) setErrors(errorsByField(r.errors))
    else notifyError(r.error)
  }

  return (
    <View className='card enrol-form enrol-form--filing'>
      <FieldBlock name='personId' label='给谁备案' error={errors.personId}>
        <Chips
          name='personId'
          options={members.map((m) => ({ id: m.personId, label: m.name }))}
          value={d.personId}
          onChange={(v) => update({ personId: v })}
        />
      </FieldBlock>
      <Field
        name='destination'
        label='在哪里看病（省、市）'
        value={d.destination}
        placeholder='例如 广东省东莞市'
        onInput={(v) => update({ destination: v })}
        error={errors.destination}
      />
      <Field
        name='from'
        label='从哪天开始'
        value={d.from}
        placeholder='例如 2026-12-01'
        onInput={(v) => update({ from: v })}
        error={errors.from}
      />
      <Field
        name='to'
        label='到哪天结束'
        value={d.to}
        placeholder='例如 2027-11-30'
        onInput={(v) => update({ to: v })}
        error={errors.to}
        hint='一般备案一年，到期前可以再办'
      />
      <FieldBlock name='reason' label='为什么在外地看病' error={errors.reason}>
        <Chips name='reason' options={FILING_REASONS} value={d.reason} onChange={(v) => update({ reason: v })} />
      </FieldBlock>
      {d.reason === 'other' ? (
        <Field name='note' label='写一句原因' value={d.note} onInput={(v) => update({ note: v })} error={errors.note} />
      ) : null}
      {worth}
      {Object.keys(errors).length ? (
        <Text className='enrol-error enrol-error--summary'>有 {Object.keys(errors).length} 处要改，请看上面红字</Text>
      ) : null}
      <Button
        className='btn btn-primary enrol-submit'
        disabled={sending}
        onClick={() => {
          void submit()
        }}
      >
        {sending ? '正在提交…' : '提交备案，下一步拍照上传'}
      </Button>
    </View>
  )
}
