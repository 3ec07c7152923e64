// First use: bind to the household by ID number and name. Checked on the phone first, so
// the most common typing mistakes get a precise sentence without a network round trip.
import { View, Text, Button, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { controlLabel, inputFor } from '@/components/control-label'
import { bindHousehold } from '../store'
import { checkIdInput, checkNameInput } from '../bind-input'

export function BindForm() {
  const [idNumber, setIdNumber] = useState('')
  const [name, setName] = useState('')
  const [idError, setIdError] = useState<string | null>(null)
  const [nameError, setNameError] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    setMessage(null)
    const id = checkIdInput(idNumber)
    const nm = checkNameInput(name)
    setIdError(id.ok ? null : id.message)
    setNameError(nm.ok ? null : nm.message)
    if (!id.ok || !nm.ok) return
    setBusy(true)
    const r = await bindHousehold(id.value, nm.value)
    setBusy(false)
    if (r.ok) Taro.switchTab({ url: '/pages/home/index' })
    else setMessage(r.error.message)
  }

  return (
    <View className='card bind-form'>
      <Text className='muted'>填本人的身份证号和姓名，找到您家的参保信息。身份证号只用来核对，不会显示给别人。</Text>
      <Text className='field-label'>身份证号</Text>
      <Input
        className='field-input bind-form__id'
        maxlength={18}
        value={idNumber}
        placeholder='18位身份证号'
        {...inputFor('身份证号', 'id-number')}
        onInput={(e) => {
          setIdNumber(e.detail.value)
          setIdError(null)
        }}
      />
      {idError ? (
        <View className='form-error bind-form__id-error' ariaRole='alert'>
          {idError}
        </View>
      ) : null}
      <Text className='field-label'>姓名</Text>
      <Input
        className='field-input bind-form__name'
        type='text'
        maxlength={40}
        value={name}
        placeholder='和身份证上一样'
        {...controlLabel('姓名')}
        onInput={(e) => {
          setName(e.detail.value)
          setNameError(null)
        }}
      />
      {nameError ? (
        <View className='form-error bind-form__name-error' ariaRole='alert'>
          {nameError}
        </View>
      ) : null}
      {message ? (
        <View className='form-error' ariaRole='alert'>
          {message}
        </View>
      ) : null}
      <Button className='btn btn-primary bind-form__submit' disabled={busy} onClick={submit}>
        绑定
      </Button>
    </View>
  )
}
