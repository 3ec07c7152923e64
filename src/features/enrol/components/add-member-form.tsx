// Add a member to the household from afar: a newborn (with or without an ID number yet),
// someone who married in, or someone whose household registration came back to the village.
import { Picker, Text, View } from '@tarojs/components'
import type { Application } from '@/contract'
import { todayShanghai } from '@/services/time'
import { relationText } from '@/shared/names'
import { toPlainWords } from '@/shared/plain-words'
import { addDraft, submitAddMember, useEnrol } from '../store'
import { NEWBORN_RELATIONS, normaliseDateInput, RELATIONS, type AddKind, type AddMemberDraft } from '../validation'
import { DateField, SubmitBlock, useApplicationForm } from './application-fields'
import { ChoiceField, Field } from './form-bits'
import './enrol.scss'

const KINDS: { id: AddKind; label: string }[] = [
  { id: 'add_newborn', label: '新生儿' },
  { id: 'add_marriage', label: '结婚嫁入' },
  { id: 'add_return', label: '回乡落户' }
]

interface Props {
  householdId: string
  kind: AddKind
  /** ID numbers already in the household (to catch adding someone twice) */
  existingIdNumbers: string[]
  /** the policy's newborn rule in plain words, when known */
  newbornNote?: string | null
  /** which kinds may be chosen (a 村医 acting for a household may start a newborn's only) */
  kinds?: AddKind[]
  onSubmitted: (app: Application) => void
}

const yearBefore = (day: string) =>
  `${Number(day.slice(0, 4)) - 1}${day.slice(4) === '-02-29' ? '-02-28' : day.slice(4)}`

/** Where the wheel opens: the date typed so far when it is a whole date in range, else today. */
function pickerStart(typed: string, today: string): string {
  const d = normaliseDateInput(typed)
  return /^\d{4}-\d{2}-\d{2}$/.test(d) && d >= yearBefore(today) && d <= today ? d : today
}

export function AddMemberForm({ householdId, kind, existingIdNumbers, newbornNote, kinds, onSubmitted }: Props) {
  const save = useEnrol((s) => s.saveAddDraft)
  const f = useApplicationForm<AddMemberDraft>(() => addDraft(kind), {
    save,
    send: (d) => submitAddMember(householdId, { ...d, birthDate: normaliseDateInput(d.birthDate) }, existingIdNumbers),
    onSubmitted
  })
  const { d, update } = f
  const switchKind = (k: AddKind) => {
    if (k !== d.kind) f.reset(addDraft(k))
  }

  const newborn = d.kind === 'add_newborn'
  const today = todayShanghai()
  return (
    <View className='card enrol-form enrol-form--add'>
      {kinds?.length === 1 ? null : (
        <ChoiceField
          name='kind'
          label='添加的是'
          options={kinds ? KINDS.filter((k) => kinds.includes(k.id)) : KINDS}
          value={d.kind}
          onChange={switchKind}
        />
      )}
      {newborn && newbornNote ? (
        <Text className='enrol-hint enrol-newborn-note'>政策：{toPlainWords(newbornNote)}</Text>
      ) : null}
      <Field
        label={newborn ? '孩子姓名' : '姓名'}
        hint='照户口本或出生证写。少数民族姓名中间的点可以直接打“.”，例如 阿依古丽.买买提；生僻字可以手写输入'
        {...f.text('name')}
      />
      {newborn ? (
        <ChoiceField
          name='hasIdNumber'
          label='孩子有身份证号了吗'
          options={[
            { id: 'no', label: '还没有' },
            { id: 'yes', label: '已经有了' }
          ]}
          value={d.hasIdNumber ? 'yes' : 'no'}
          onChange={(v) => update({ hasIdNumber: v === 'yes' })}
        />
      ) : null}
      {!newborn || d.hasIdNumber ? (
        <Field
          label='身份证号'
          kind='id-number'
          maxlength={18}
          hint='18位，上了户口就有。只用来办理参保，不会显示给别人'
          {...f.text('idNumber')}
        />
      ) : null}
      {newborn ? (
        <Field
          label='出生医学证明编号'
          maxlength={12}
          hint='证上右上角红色的编号，1个字母加9位数字'
          {...f.text('birthCertificateNumber')}
        />
      ) : null}
      {newborn && !d.hasIdNumber ? (
        <>
          <DateField label='出生日期' example='2026-10-01' {...f.text('birthDate')} />
          {/* typing a date is hard for many: a calendar wheel fills the box (a newborn: within the last year) */}
          <Picker
            mode='date'
            value={pickerStart(d.birthDate, today)}
            start={yearBefore(today)}
            end={today}
            onChange={(e) => update({ birthDate: String(e.detail.value) })}
          >
            <View className='btn enrol-pick-date' ariaRole='button'>
              📅 在日历上选出生日期
            </View>
          </Picker>
          <ChoiceField
            label='性别'
            options={[
              { id: 'male', label: '男孩' },
              { id: 'female', label: '女孩' }
            ]}
            {...f.choice('sex')}
          />
        </>
      ) : null}
      <ChoiceField
        label='和户主的关系'
        options={(newborn ? NEWBORN_RELATIONS : RELATIONS).map((r) => ({ id: r, label: relationText(r) }))}
        {...f.choice('relation')}
      />
      <SubmitBlock label='提交申请，下一步拍照上传' form={f} />
    </View>
  )
}
