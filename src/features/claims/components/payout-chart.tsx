// Payouts per year as plain bars (no chart library: nothing to add to the package).
// Each bar is the whole bill of that year, split into 医保报 and 自己付.
import { View, Text } from '@tarojs/components'
import { compareYuan, percentOf } from '@/calculator/money'
import { Money } from '@/components/money'
import type { Totals } from '../history'
import './payout-chart.scss'

export function PayoutChart({ years }: { years: { year: number; totals: Totals | null }[] }) {
  // bar widths: each year's bill against the largest, what insurance paid against the bill
  const max = years.reduce(
    (m, y) => (y.totals && compareYuan(y.totals.totalCost, m) > 0 ? y.totals.totalCost : m),
    '0.00'
  )
  const width = (part: string, whole: string) => percentOf(part, whole) ?? '0%'
  return (
    <View className='payout-chart card' aria-label='每年报销情况'>
      <Text className='pc-title'>每年看病花费和报销</Text>
      {years.map(({ year, totals }) => (
        <View key={year} className='pc-year' data-year={year}>
          <View className='row pc-row'>
            <Text className='pc-label'>{year}年</Text>
            {totals ? (
              <Text className='pc-sum'>
                报了 <Money value={totals.payout} />
              </Text>
            ) : (
              <Text className='muted'>没有数据</Text>
            )}
          </View>
          {totals && compareYuan(max, '0.00') > 0 ? (
            <View className='pc-bar' style={{ width: width(totals.totalCost, max) }}>
              <View className='pc-paid' style={{ width: width(totals.payout, totals.totalCost) }} />
            </View>
          ) : null}
        </View>
      ))}
      <View className='pc-legend'>
        <View className='pc-key pc-key--paid' />
        <Text className='pc-legend-text'>医保报的</Text>
        <View className='pc-key pc-key--self' />
        <Text className='pc-legend-text'>自己付的</Text>
      </View>
    </View>
  )
}
