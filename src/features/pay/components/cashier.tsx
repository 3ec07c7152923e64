// h5 only: the reference server's simulated cashier, standing in for WeChat Pay. The buttons
// tell the simulated payment provider what happened; the county learns it from the
// provider's signed notice, exactly like a real payment.
import { View, Text, Button } from '@tarojs/components'
import { Money } from '@/components/money'
import './pay.scss'

interface Props {
  amount: string | null
  busy?: boolean
  error?: string | null
  onPay: () => void
  onFail: () => void
  onAbandon: () => void
}

export function CashierSim({ amount, busy, error, onPay, onFail, onAbandon }: Props) {
  return (
    <View className='card cashier'>
      <Text className='cashier__sim'>模拟收银台（演示用，不会真的扣钱）</Text>
      <Text>城乡居民医保缴费</Text>
      <Money value={amount} className='cashier__amount' />
      {error ? (
        <View className='pay-error' ariaRole='alert'>
          <Text>{error}</Text>
        </View>
      ) : null}
      <Button className='btn btn-primary pay-action cashier__pay' disabled={busy || undefined} onClick={onPay}>
        确认付款
      </Button>
      <Button className='btn pay-action cashier__fail' disabled={busy || undefined} onClick={onFail}>
        模拟付款失败
      </Button>
      <Button className='btn pay-action cashier__abandon' disabled={busy || undefined} onClick={onAbandon}>
        不付了，返回
      </Button>
    </View>
  )
}
