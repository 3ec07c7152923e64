// 门诊慢特病认定: who, which of the county's listed diseases (in plain words), which hospital
// diagnosed it and when; the yearly worth of the chosen disease is shown before submitting.
import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { Application } from '@/contract'
import { submitChronic } from '../store'
import { normaliseDateInput, type ChronicDraft } from '../validation'
import type { ListedDisease } from '../chronic-worth'
import { DateField, PersonPicker, SubmitBlock, useApplicationForm } from './application-fields'
import { ChoiceField, Field } from './form-bits'
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
  const f = useApplicationForm<ChronicDraft>(
    { personId: defaultPersonId ?? '', diseaseCode: '', hospital: '', diagnosisDate: '' },
    {
      send: (d) =>
        submitChronic(
          householdId,
          { ...d, diagnosisDate: normaliseDateInput(d.diagnosisDate) },
          diseases.map((x) => x.code)
        ),
      onSubmitted
    }
  )

  const chosen = diseases.find((x) => x.code === f.d.diseaseCode)
  return (
    <View className='card enrol-form enrol-form--chronic'>
      <PersonPicker label='给谁申请' members={members} {...f.choice('personId')} />
      <ChoiceField
        label='得的是什么病'
        hint={diseases.length ? '只能选县里名单上的病' : '暂时拿不到县里的病种名单，请稍后再试'}
        options={diseases.map((x) => ({ id: x.code, label: x.label }))}
        {...f.choice('diseaseCode')}
      />
      <Field label='哪家医院诊断的' placeholder='例如 县人民医院' {...f.text('hospital')} />
      <DateField label='诊断日期（诊断证明上的日期）' example='2026-03-15' {...f.text('diagnosisDate')} />
      {chosen ? worthFor(chosen) : null}
      <SubmitBlock label='提交申请，下一步拍诊断证明' form={f} />
    </View>
  )
}
