// Add a member to the household from afar: a newborn (with or without an ID number yet),
// someone who married in, or someone whose household registration came back to the village.
import { Button, Picker, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { Application } from '@/contract'
import { notifyError } from '@/services/errors'
import { todayShanghai } from '@/services/time'
import { relationText } from '@/shared/names'
import { toPlainWords } from '@/shared/plain-words'
import { addDraft, submitAddMember, useEnrol } from '../store'
import {
  errorsByField,
  NEWBORN_RELATIONS,
  normaliseDateInput,
  RELATIONS,
  type AddKind,
  type AddMemberDraft,
  type FieldError
} from '../validation'
import { Chips, Field, FieldBlock } from './form-bits'
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
  const [d, setD] = useState<AddMemberDraft>(() => addDraft(kind))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [sending, setSending] = useState(false)
  const save = useEnrol((s) => s.saveAddDraft)

  const update = (p: Partial<AddMemberDraft>) => {
    const next = { ...d, ...p }
    setD(next)
    save(next)
    const cleared = { ...errors }
    for (const k of Object.keys(p)) delete cleared[k]
    setErrors(cleared)
  }
  const switchKind = (k: AddKind) => {
    if (k !== d.kind) {
      setD(addDraft(k))
      setErrors({})
    }
  }

  const submit = async () => {
    if (sending) return
    setSending(true)
    const r = await submitAddMember(
      householdId,
      { ...d, birthDate: normaliseDateInput(d.birthDate) },
      existingIdNumbers
    )
    setSending(false)
    if (r.ok) return onSubmitted(r.application)
    if ('errors' in r) setErrors(errorsByField(r.errors as FieldError[]))
    else notifyError(r.error)
  }

  const newborn = d.kind === 'add_newborn'
  const today = todayShanghai()
  const errorCount = Object.keys(errors).length
  return (
    <View className='card enrol-form enrol-form--add'>
      {kinds?.length === 1 ? null : (
        <FieldBlock name='kind' label='添加的是'>
          <Chips
            name='kind'
            options={kinds ? KINDS.filter((k) => kinds.includes(k.id)) : KINDS}
            value={d.kind}
            onChange={switchKind}
          />
        </FieldBlock>
      )}
      {newborn && newbornNote ? (
        <Text className='enrol-hint enrol-newborn-note'>政策：{toPlainWords(newbornNote)}</Text>
      ) : null}
      <Field
        name='name'
        label={newborn ? '孩子姓名' : '姓名'}
        value={d.name}
        onInput={(v) => update({ name: v })}
        error={errors.name}
        hint='照户口本或出生证写。少数民族姓名中间的点可以直接打“.”，例如 阿依古丽.买买提；生僻字可以手写输入'
      />
      {newborn ? (
        <FieldBlock name='hasIdNumber' label='孩子有身份证号了吗'>
          <Chips
            name='hasIdNumber'
            options={[
              { id: 'no', label: '还没有' },
              { id: 'yes', label: '已经有了' }
            ]}
            value={d.hasIdNumber ? 'yes' : 'no'}
            onChange={(v) => update({ hasIdNumber: v === 'yes' })}
          />
        </FieldBlock>
      ) : null}
      {!newborn || d.hasIdNumber ? (
        <Field
          name='idNumber'
          label='身份证号'
          kind='id-number'
          maxlength={18}
          value={d.idNumber}
          onInput={(v) => update({ idNumber: v })}
          error={errors.idNumber}
          hint='18位，上了户口就有。只用来办理参保，不会显示给别人'
        />
      ) : null}
      {newborn ? (
        <Field
          name='birthCertificateNumber'
          label='出生医学证明编号'
          value={d.birthCertificateNumber}
          maxlength={12}
          onInput={(v) => update({ birthCertificateNumber: v })}
          error={errors.birthCertificateNumber}
          hint='证上右上角红色的编号，1个字母加9位数字'
        />
      ) : null}
      {newborn && !d.hasIdNumber ? (
        <>
          <Field
            name='birthDate'
            label='出生日期'
            value={d.birthDate}
            placeholder='例如 2026-10-01'
            onInput={(v) => update({ birthDate: v })}
            error={errors.birthDate}
          />
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
          <FieldBlock name='sex' label='性别' error={errors.sex}>
            <Chips
              name='sex'
              options={[
                { id: 'male', label: '男孩' },
                { id: 'female', label: '女孩' }
              ]}
              value={d.sex}
              onChange={(v) => update({ sex: v })}
            />
          </FieldBlock>
        </>
      ) : null}
      <FieldBlock name='relation' label='和户主的关系' error={errors.relation}>
        <Chips
          name='relation'
          options={(newborn ? NEWBORN_RELATIONS : RELATIONS).map((r) => ({ id: r, label: relationText(r) }))}
          value={d.relation as (typeof RELATIONS)[number]}
          onChange={(v) => update({ relation: v })}
        />
      </FieldBlock>
      {errorCount ? (
        <Text className='enrol-error enrol-error--summary'>有 {errorCount} 处要改，请看上面红字</Text>
      ) : null}
      <Button
        className='btn btn-primary enrol-submit'
        disabled={sending}
        onClick={() => {
          void submit()
        }}
      >
        {sending ? '正在提交…' : '提交申请，下一步拍照上传'}
      </Button>
    </View>
  )
}
