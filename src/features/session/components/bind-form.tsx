// First use: bind to the household. ID number and name are on many papers, so the county also
// wants the household booklet's number (户口簿户号), then a code sent to the phone it has for this
// person, or the head's approval from their own phone (issue 15). Checked on the phone first, so
// the most common typing mistakes get a precise sentence without a network round trip.
import { View, Text, Button, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { BindStart } from '@/contract'
import { controlLabel, inputFor } from '@/components/control-label'
import { checkBindingRequest, confirmBinding, startBinding } from '../store'
import { checkIdInput, checkNameInput } from '../bind-input'

const WAITING: Record<string, string> = {
  code_sent: '还在等您填验证码',
  waiting_for_head: '户主还没有确认，请让户主打开“乡亲医保”首页点“同意”',
  refused: '户主没有同意这次绑定。如果弄错了，请和户主商量后重新申请',
  expired: '这次申请已经过期了，请重新填写'
}

export function BindForm() {
  const [idNumber, setIdNumber] = useState('')
  const [name, setName] = useState('')
  const [booklet, setBooklet] = useState('')
  const [code, setCode] = useState('')
  const [idError, setIdError] = useState<string | null>(null)
  const [nameError, setNameError] = useState<string | null>(null)
  const [bookletError, setBookletError] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [start, setStart] = useState<BindStart | null>(null)

  const begin = async (method?: 'sms' | 'head_approval') => {
    setMessage(null)
    const id = checkIdInput(idNumber)
    const nm = checkNameInput(name)
    const householdNumber = booklet.replace(/\s+/g, '')
    setIdError(id.ok ? null : id.message)
    setNameError(nm.ok ? null : nm.message)
    setBookletError(householdNumber ? null : '请填户口簿首页上的户号')
    if (!id.ok || !nm.ok || !householdNumber) return
    const person = { idNumber: id.value, name: nm.value, householdNumber }
    setBusy(true)
    const r = await startBinding(person, method)
    setBusy(false)
    if (!r.ok) return setMessage(r.error.message)
    setCode('')
    setStart(r.start)
  }

  const confirm = async () => {
    if (!start?.requestId) return
    if (!/^\d{6}$/.test(code.trim())) return setMessage('请填短信里的6位数字验证码')
    setMessage(null)
    setBusy(true)
    const r = await confirmBinding(start.requestId, code.trim())
    setBusy(false)
    if (r.ok) Taro.switchTab({ url: '/pages/home/index' })
    else setMessage(r.error.message)
  }

  const checkHead = async () => {
    if (!start?.requestId) return
    setMessage(null)
    setBusy(true)
    const r = await checkBindingRequest(start.requestId)
    setBusy(false)
    if (!r.ok) return setMessage(r.error.message)
    if (r.status === 'bound') Taro.switchTab({ url: '/pages/home/index' })
    else setMessage(WAITING[r.status] ?? null)
  }

  const error = message ? (
    <View className='form-error bind-form__error' ariaRole='alert'>
      {message}
    </View>
  ) : null

  if (start && start.method === 'sms')
    return (
      <View className='card bind-form'>
        <Text className='bind-form__sent'>{start.message}</Text>
        <Text className='field-label'>验证码</Text>
        <Input
          className='field-input bind-form__code'
          type='number'
          maxlength={6}
          value={code}
          placeholder='6位数字'
          {...controlLabel('验证码')}
          onInput={(e) => setCode(e.detail.value)}
        />
        {error}
        <Button className='btn btn-primary bind-form__confirm' disabled={busy} onClick={confirm}>
          确认绑定
        </Button>
        <Button className='btn bind-form__ask-head' disabled={busy} onClick={() => void begin('head_approval')}>
          这个手机不在身边？请户主确认
        </Button>
      </View>
    )

  if (start && start.method === 'head_approval')
    return (
      <View className='card bind-form'>
        <Text className='bind-form__waiting'>{start.message}</Text>
        {error}
        <Button className='btn btn-primary bind-form__check' disabled={busy} onClick={checkHead}>
          户主确认了，进入
        </Button>
      </View>
    )

  if (start)
    return (
      <View className='card bind-form'>
        <View className='bind-form__assisted' ariaRole='alert'>
          {start.message}
        </View>
        <Button className='btn bind-form__back' onClick={() => setStart(null)}>
          返回
        </Button>
      </View>
    )

  return (
    <View className='card bind-form'>
      <Text className='muted'>
        填本人的身份证号、姓名和户口簿上的户号。验证码会发到县里登记的您的手机；没有登记手机的，请户主在他的手机上确认。身份证号只用来核对，不会显示给别人。
      </Text>
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
      <Text className='field-label'>户口簿户号</Text>
      <Input
        className='field-input bind-form__booklet'
        type='text'
        maxlength={40}
        value={booklet}
        placeholder='户口簿首页上的户号'
        {...controlLabel('户口簿户号')}
        onInput={(e) => {
          setBooklet(e.detail.value)
          setBookletError(null)
        }}
      />
      {bookletError ? (
        <View className='form-error bind-form__booklet-error' ariaRole='alert'>
          {bookletError}
        </View>
      ) : null}
      {error}
      <Button className='btn btn-primary bind-form__submit' disabled={busy} onClick={() => void begin()}>
        下一步
      </Button>
    </View>
  )
}
