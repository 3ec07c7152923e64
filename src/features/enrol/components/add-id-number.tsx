// A child enrolled by birth certificate has no ID number on record: once the family has it
// (上了户口), it is added here, checked against her birth date and sex before anything is sent.
import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { Application, Person } from '@/contract'
import { maskBirthCertificate } from '@/shared/mask'
import { notifyError } from '@/services/errors'
import { submitIdNumber } from '../store'
import { Field } from './form-bits'

interface Props {
  householdId: string
  child: Pick<Person, 'personId' | 'name' | 'birthDate' | 'sex' | 'birthCertificateNumber'>
  /** an application for this already under way: show it instead of the form */
  pending?: Application | null
  onSubmitted: (app: Application) => void
  onOpen?: (app: Application) => void
}

export function AddIdNumberCard({ householdId, child, pending, onSubmitted, onOpen }: Props) {
  const [idNumber, setIdNumber] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [sending, setSending] = useState(false)
  const submit = async () => {
    if (sending) return
    setSending(true)
    const r = await submitIdNumber(householdId, child, idNumber)
    setSending(false)
    if (r.ok) {
      setError(undefined)
      onSubmitted(r.application)
      return
    }
    if ('errors' in r) setError(r.errors.find((e) => e.field === 'idNumber')?.message ?? r.errors[0]?.message)
    else notifyError(r.error)
  }
  return (
    <View className='card enrol-add-id' data-person={child.personId}>
      <Text className='enrol-doc__label'>{child.name} 还没有身份证号</Text>
      <Text className='enrol-hint'>
        现在凭出生医学证明
        {child.birthCertificateNumber ? `（${maskBirthCertificate(child.birthCertificateNumber)}）` : ''}
        参保。上了户口以后，在这里补登身份证号，再拍一张孩子的户口本页。
      </Text>
      {pending ? (
        <Button className='btn enrol-add-id__open' onClick={() => onOpen?.(pending)}>
          补登申请已提交，看进度
        </Button>
      ) : (
        <View>
          <Field
            name='idNumber'
            label='孩子的身份证号'
            kind='id-number'
            maxlength={18}
            value={idNumber}
            onInput={setIdNumber}
            error={error}
            hint='户口本上孩子那一页的18位号码'
          />
          <Button
            className='btn btn-primary enrol-add-id__submit'
            disabled={sending || undefined}
            onClick={() => {
              void submit()
            }}
          >
            {sending ? '正在提交…' : '提交，下一步拍户口本'}
          </Button>
        </View>
      )}
    </View>
  )
}
