// 手工报销: who was treated, where and when, what the bill says, and the bank card the county pays
// into. Checked on the phone as the county checks it; the card number is sent once and shown
// masked ever after.
import { Text, View } from '@tarojs/components'
import type { Application } from '@/contract'
import { CARE_LABEL, LEVEL_LABEL, LEVELS as INSTITUTION_LEVELS } from '@/shared/care-labels'
import { submitReimburse } from '../store'
import { emptyReimburse, type CareLevel, type ReimburseDraft } from '../validation'
import { DateField, PersonPicker, SubmitBlock, useApplicationForm } from './application-fields'
import { ChoiceField, Field } from './form-bits'
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
  const f = useApplicationForm<ReimburseDraft>(emptyReimburse(defaultPersonId), {
    send: (d) => submitReimburse(householdId, d),
    onSubmitted
  })

  const inpatient = f.d.careKind === 'inpatient'
  return (
    <View className='card enrol-form enrol-form--reimburse'>
      <PersonPicker label='给谁报销（看病的人）' members={members} {...f.choice('personId')} />
      <ChoiceField label='住院还是门诊' options={CARE} {...f.choice('careKind')} />
      <Field label='在哪家医院看的' placeholder='例如 省人民医院' {...f.text('hospital')} />
      <ChoiceField label='医院是哪一级' options={LEVELS} {...f.choice('institutionLevel')} />
      <ChoiceField label='在县里还是县外' options={WHERE} {...f.choice('outOfCounty')} />
      {f.d.outOfCounty === 'yes' ? (
        <ChoiceField
          label='去之前办了转诊或异地备案吗'
          hint='办了的报得多；没办的也能报，比例低一些'
          options={YES_NO}
          {...f.choice('referred')}
        />
      ) : null}
      <DateField label={inpatient ? '入院日期' : '看病日期'} example='2026-10-08' {...f.text('admissionDate')} />
      {inpatient ? <DateField label='出院日期' example='2026-10-15' {...f.text('dischargeDate')} /> : null}
      <Field label='总费用（元，发票上的合计）' kind='amount' placeholder='例如 12000.00' {...f.text('totalCost')} />
      <Field
        label='其中自费的（元，不知道就不填）'
        kind='amount'
        hint='费用清单上写着“自费”或“丙类”的加起来；县里会再核对'
        {...f.text('selfPayCost')}
      />
      <Text className='enrol-section-title'>报销的钱打到哪里</Text>
      <Field label='开户银行' placeholder='例如 农村信用社' {...f.text('bankName')} />
      <Field label='户名（卡是谁的名字）' {...f.text('accountName')} />
      <Field
        label='银行卡号'
        kind='count'
        maxlength={30}
        hint='照着卡上的号码填。提交以后只显示前4位和后4位，别人看不到完整卡号'
        {...f.text('accountNumber')}
      />
      <SubmitBlock label='提交申请，下一步拍票据' form={f} />
    </View>
  )
}
