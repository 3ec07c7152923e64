// 手工报销: who was treated, where and when, what the bill says, and the bank card the county pays
// into. Checked on the phone as the county checks it; the card number is sent once and shown
// masked ever after.
import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { Application } from '@/contract'
import { CARE_LABEL, LEVEL_LABEL, LEVELS as INSTITUTION_LEVELS } from '@/shared/care-labels'
import { notifyError } from '@/services/errors'
import { submitReimburse } from '../store'
import { emptyReimburse, errorsByField, type CareLevel, type ReimburseDraft } from '../validation'
import { Chips, Field, FieldBlock } from './form-bits'
import './enrol.scss'

interface Props {
  householdId: string
  members: { personId: string; name: string }[]
  defaultPersonId?: string
  onSubmitted: (app: Application) => void
}

const CARE = [
  { id: 'inpatient', label: CARE_LABEL.inpatient },
  { id: 'outpatient', label: CARE_LABEL.outpatient }
] as const
const LEVELS: readonly { id: CareLevel; label: string }[] = INSTITUTION_LEVELS.map((l) => ({
  id: l,
  label: LEVEL_LABEL[l]
}))
const WHERE = [
  { id: 'no', label: '在本县' },
  { id: 'yes', label: '在县外' }
] as const
const YES_NO = [
  { id: 'yes', label: '办了' },
  { id: 'no', label: '没办' }
] as const

export function ReimburseForm({ householdId, members, defaultPersonId, onSubmitted }: Props) {
  const [d, setD] = useState<ReimburseDraft>(emptyReimburse(defaultPersonId))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [sending, setSending] = useState(false)

  const update = (p: Partial<ReimburseDraft>) => {
    setD({ ...d, ...p })
    const cleared = { ...errors }
    for (const k of Object.keys(p)) delete cleared[k]
    setErrors(cleared)
  }

  const submit = async () => {
    if (sending) return
    setSending(true)
    const r = await submitReimburse(householdId, d)
    setSending(false)
    if (r.ok) return onSubmitted(r.application)
    if ('errors' in r) setErrors(errorsByField(r.errors))
    else notifyError(r.error)
  }

  const inpatient = d.careKind === 'inpatient'
  return (
    <View className='card enrol-form enrol-form--reimburse'>
      <FieldBlock name='personId' label='给谁报销（看病的人）' error={errors.personId}>
        <Chips
          name='personId'
          options={members.map((m) => ({ id: m.personId, label: m.name }))}
          value={d.personId}
          onChange={(v) => update({ personId: v })}
        />
      </FieldBlock>
      <FieldBlock name='careKind' label='住院还是门诊' error={errors.careKind}>
        <Chips name='careKind' options={CARE} value={d.careKind} onChange={(v) => update({ careKind: v })} />
      </FieldBlock>
      <Field
        name='hospital'
        label='在哪家医院看的'
        value={d.hospital}
        placeholder='例如 省人民医院'
        onInput={(v) => update({ hospital: v })}
        error={errors.hospital}
      />
      <FieldBlock name='institutionLevel' label='医院是哪一级' error={errors.institutionLevel}>
        <Chips
          name='institutionLevel'
          options={LEVELS}
          value={d.institutionLevel}
          onChange={(v) => update({ institutionLevel: v })}
        />
      </FieldBlock>
      <FieldBlock name='outOfCounty' label='在县里还是县外' error={errors.outOfCounty}>
        <Chips name='outOfCounty' options={WHERE} value={d.outOfCounty} onChange={(v) => update({ outOfCounty: v })} />
      </FieldBlock>
      {d.outOfCounty === 'yes' ? (
        <FieldBlock
          name='referred'
          label='去之前办了转诊或异地备案吗'
          hint='办了的报得多；没办的也能报，比例低一些'
          error={errors.referred}
        >
          <Chips name='referred' options={YES_NO} value={d.referred} onChange={(v) => update({ referred: v })} />
        </FieldBlock>
      ) : null}
      <Field
        name='admissionDate'
        label={inpatient ? '入院日期' : '看病日期'}
        value={d.admissionDate}
        placeholder='例如 2026-10-08'
        onInput={(v) => update({ admissionDate: v })}
        error={errors.admissionDate}
      />
      {inpatient ? (
        <Field
          name='dischargeDate'
          label='出院日期'
          value={d.dischargeDate}
          placeholder='例如 2026-10-15'
          onInput={(v) => update({ dischargeDate: v })}
          error={errors.dischargeDate}
        />
      ) : null}
      <Field
        name='totalCost'
        label='总费用（元，发票上的合计）'
        kind='amount'
        value={d.totalCost}
        placeholder='例如 12000.00'
        onInput={(v) => update({ totalCost: v })}
        error={errors.totalCost}
      />
      <Field
        name='selfPayCost'
        label='其中自费的（元，不知道就不填）'
        kind='amount'
        value={d.selfPayCost}
        hint='费用清单上写着“自费”或“丙类”的加起来；县里会再核对'
        onInput={(v) => update({ selfPayCost: v })}
        error={errors.selfPayCost}
      />
      <Text className='enrol-section-title'>报销的钱打到哪里</Text>
      <Field
        name='bankName'
        label='开户银行'
        value={d.bankName}
        placeholder='例如 农村信用社'
        onInput={(v) => update({ bankName: v })}
        error={errors.bankName}
      />
      <Field
        name='accountName'
        label='户名（卡是谁的名字）'
        value={d.accountName}
        onInput={(v) => update({ accountName: v })}
        error={errors.accountName}
      />
      <Field
        name='accountNumber'
        label='银行卡号'
        kind='count'
        value={d.accountNumber}
        maxlength={30}
        hint='照着卡上的号码填。提交以后只显示前4位和后4位，别人看不到完整卡号'
        onInput={(v) => update({ accountNumber: v })}
        error={errors.accountNumber}
      />
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
        {sending ? '正在提交…' : '提交申请，下一步拍票据'}
      </Button>
    </View>
  )
}
