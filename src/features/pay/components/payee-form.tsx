// Pay for parents or any household by ID number. The payer sees the village, masked names and
// the total only: no per-member amounts (an amount gives away a category such as 低保), no
// medical data, no full names, no ID numbers.
import { useState } from 'react'
import { View, Text, Button, Input } from '@tarojs/components'
import type { PayeeLookup } from '@/contract'
import { Money } from '@/components/money'
import { inputFor } from '@/components/control-label'
import { isZero } from '../labels'
import { checkPayeeId } from '../payee'
import './pay.scss'

interface Props {
  lookup: PayeeLookup | null
  busy?: boolean
  error?: string | null
  onLookup: (idNumber: string) => void
  onConfirm: (idNumber: string) => void
}

export function PayeeForm({ lookup, busy, error, onLookup, onConfirm }: Props) {
  const [idNumber, setIdNumber] = useState('')
  const [inputError, setInputError] = useState<string | null>(null)
  const submit = () => {
    const r = checkPayeeId(idNumber)
    if (!r.ok) {
      setInputError(r.error.message)
      return
    }
    setInputError(null)
    onLookup(r.value)
  }
  const confirm = () => {
    const r = checkPayeeId(idNumber)
    if (r.ok) onConfirm(r.value)
  }
  return (
    <View className='payee'>
      <View className='card'>
        <Text className='pay-section-title'>要给谁家交？</Text>
        <Text>输入这家任何一位家人的身份证号，比如父母的。</Text>
        <Input
          className='pay-input payee__id'
          maxlength={18}
          value={idNumber}
          placeholder='18位身份证号'
          {...inputFor('要交费这家人的身份证号', 'id-number')}
          onInput={(e) => {
            setIdNumber(e.detail.value)
            setInputError(null)
          }}
        />
        {inputError ? (
          <View className='pay-error' ariaRole='alert'>
            <Text>{inputError}</Text>
          </View>
        ) : null}
        {error ? (
          <View className='pay-error' ariaRole='alert'>
            <Text>{error}</Text>
          </View>
        ) : null}
        <Button
          key={busy && !lookup ? 'finding' : 'find'}
          className='btn pay-action payee__find'
          disabled={busy || undefined}
          onClick={submit}
        >
          {busy && !lookup ? '正在查找…' : '查找这家人'}
        </Button>
      </View>
      {lookup && isZero(lookup.total) ? (
        // nothing to pay: said plainly, no ¥0.00 and no button that only then says 已经缴过了
        <View className='card payee__result payee__paid-up' ariaRole='region' ariaLabel='查到的家庭'>
          <Text className='pay-section-title'>{lookup.year}年这家已经交清了</Text>
          <Text>这一年这家人都已经参保，不用再交钱。</Text>
          <Family lookup={lookup} />
        </View>
      ) : lookup ? (
        <View className='card payee__result' ariaRole='region' ariaLabel='查到的家庭'>
          <Text className='pay-section-title'>{lookup.year}年 这家要交</Text>
          <Family lookup={lookup} />
          <View className='pay-sum'>
            <Text>合计</Text>
            <Money value={lookup.total} className='pay-sum__amount' />
          </View>
          <Text className='muted'>
            为保护隐私，姓名只显示部分，也不显示每个人交多少。交完后票据给您，这家人在县里的参保记录上能看到已缴费。您看不到这家人的看病和报销信息。
          </Text>
          <Button
            key={busy ? 'busy' : 'idle'}
            className='btn btn-primary pay-action payee__confirm'
            disabled={busy || undefined}
            onClick={confirm}
          >
            {busy ? '正在准备…' : '确认，替这家缴费'}
          </Button>
        </View>
      ) : null}
    </View>
  )
}

/** Enough to confirm it is the right family: the village and the names, masked. */
function Family({ lookup }: { lookup: PayeeLookup }) {
  return (
    <View className='payee__family'>
      <Text className='payee__village'>{lookup.village}</Text>
      {lookup.membersMasked.map((name, i) => (
        <View key={`${name}-${i}`} className='pay-persons__row'>
          <Text className='payee__name'>{name}</Text>
        </View>
      ))}
    </View>
  )
}
