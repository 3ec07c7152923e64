// 门诊慢特病认定: who, which of the county's listed diseases (in plain words), which hospital
// diagnosed it and when; the yearly worth of the chosen disease is shown before submitting.
import { Button, Text, View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import type { Application } from '@/contract'
import { notifyError } from '@/services/errors'
import { submitChronic } from '../store'
import { errorsByField, normaliseDateInput, type ChronicDraft } from '../validation'
import type { ListedDisease } from '../chronic-worth'
import { Chips, Field, FieldBlock } from './form-bits'
import './enrol.scss'

interface Props {
  householdId: string
  members: { personId: string; name: string }[]
  diseases: ListedDisease[]
  defaultPersonId?: string
  /** what certifying the chosen disease is worth, from the calculator (rendered by the page) */
  worthFor: (disease: ListedDisease) => ReactNode
  onSubmitted: (app: Application) => void
}

export function ChronicForm({ householdId, members, diseases, defaultPersonId, worthFor, onSubmitted }: Props) {
  const [d, setD] = useState<ChronicDraft>({
    personId: defaultPersonId ?? '',
    diseaseCode: '',
    hospital: '',
    diagnosisDate: ''
  })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [sending, setSending] = useState(false)

  const update = (p: Partial<ChronicDraft>) => {
    setD({ ...d, ...p })
    const cleared = { ...errors }
    for (const k of Object.keys(p)) delete cleared[k]
    setErrors(cleared)
  }

  const submit = async () => {
    if (sending) return
    setSending(true)
    const r = await submitChronic(
      householdId,
      { ...d, diagnosisDate: normaliseDateInput(d.diagnosisDate) },
      diseases.map((x) => x.code)
    )
    setSending(false)
    if (r.ok) return onSubmitted(r.application)
    if ('errors' in r) setErrors(errorsByField(r.errors))
    else notifyError(r.error)
  }

  const chosen = diseases.find((x) => x.code === d.diseaseCode)
  return (
    <View className='card enrol-form enrol-form--chronic'>
      <FieldBlock name='personId' label='给谁申请' error={errors.personId}>
        <Chips
          name='personId'
          options={members.map((m) => ({ id: m.personId, label: m.name }))}
          value={d.personId}
          onChange={(v) => update({ personId: v })}
        />
      </FieldBlock>
      <FieldBlock
        name='diseaseCode'
        label='得的是什么病'
        error={errors.diseaseCode}
        hint={diseases.length ? '只能选县里名单上的病' : '暂时拿不到县里的病种名单，请稍后再试'}
      >
        <Chips
          name='diseaseCode'
          options={diseases.map((x) => ({ id: x.code, label: x.label }))}
          value={d.diseaseCode}
          onChange={(v) => update({ diseaseCode: v })}
        />
      </FieldBlock>
      <Field
        name='hospital'
        label='哪家医院诊断的'
        value={d.hospital}
        placeholder='例如 县人民医院'
        onInput={(v) => update({ hospital: v })}
        error={errors.hospital}
      />
      <Field
        name='diagnosisDate'
        label='诊断日期（诊断证明上的日期）'
        value={d.diagnosisDate}
        placeholder='例如 2026-03-15'
        onInput={(v) => update({ diagnosisDate: v })}
        error={errors.diagnosisDate}
      />
      {chosen ? worthFor(chosen) : null}
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
        {sending ? '正在提交…' : '提交申请，下一步拍诊断证明'}
      </Button>
    </View>
  )
}
