// Home's way to the yearly statement (参保缴费证明): for someone who must show proof of cover
// and payment (a school, an employer, a hospital far away).
import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useActiveLink } from '@/features/session/store'
import './statement.scss'

export const STATEMENT_PAGE = '/subpackages/household/statement/index'

export function StatementEntry() {
  if (!useActiveLink()) return null
  return (
    <View className='card statement-entry'>
      <Text className='statement__title'>参保缴费证明</Text>
      <Text className='statement__sub'>一年里谁参了保、交了多少、报销了多少，可以发给别人或打印</Text>
      <Button className='btn' onClick={() => Taro.navigateTo({ url: STATEMENT_PAGE })}>
        开证明
      </Button>
    </View>
  )
}
