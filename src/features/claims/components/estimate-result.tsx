// The estimate: what the insurance pays and what the family pays, labelled 估算 with the
// policy version, the assumptions made, the same waterfall as a real claim, and what a
// township health centre would pay for the same stay.
import { View, Text } from '@tarojs/components'
import type { Estimate } from '@/calculator'
import { insurancePaid, subtractYuan } from '@/calculator/money'
import { Money } from '@/components/money'
import { buildWaterfall } from '../waterfall'
import { WaterfallView, WhoPaid } from './waterfall'
import { PLACE_LABEL } from '../form'
import type { LowerLevelComparison } from '../run'
import './estimate-result.scss'

/**
 * `notCovered`: why the member cannot claim today (lapsed, unpaid, waiting): the figures are then
 * what the policy would pay once covered, and the card says so first, never a plain promise.
 */
export function EstimateResult({
  estimate,
  placeLabel,
  lower,
  policyTitle,
  offline,
  notCovered
}: {
  estimate: Estimate
  placeLabel: string
  lower: LowerLevelComparison | null
  policyTitle?: string
  offline?: boolean
  notCovered?: string | null
}) {
  // the assumptions have their own card above; the waterfall starts at the policy line
  const w = buildWaterfall(estimate.steps.filter((s) => s.rule !== 'estimate.assumption'))
  // what insurance pays is the calculator's one definition; the family pays the rest (its
  // household account included), as on the 报销 tab
  const insured = insurancePaid(estimate)
  const family = subtractYuan(estimate.total, insured)
  return (
    <View className='estimate-result'>
      <View className='card er-summary' data-insured={insured} data-family={family} data-total={estimate.total}>
        <Text className='er-tag'>估算</Text>
        {notCovered ? (
          <Text className='er-not-covered'>✗ 现在看病不能报销：{notCovered}。下面是参保并过了等待期以后的估算。</Text>
        ) : null}
        <Text className='er-place'>
          在{placeLabel}，花 <Money value={estimate.total} />
        </Text>
        <View className='row er-big'>
          <Text>{notCovered ? '参保以后大约能报销' : '大约能报销'}</Text>
          <Money className='er-insured' value={insured} />
        </View>
        <View className='row er-big'>
          <Text>自己大约付</Text>
          <Money className='er-family' value={family} />
        </View>
        <Text className='muted er-policy'>
          按「{policyTitle ?? estimate.policyId}」{estimate.policyVersion}版估算
          {offline ? '（用的是手机上保存的政策）' : ''}。实际以医院结算为准。
        </Text>
      </View>
      {lower ? (
        <View className='card er-lower' data-more={lower.more}>
          <Text>
            如果{PLACE_LABEL[lower.tier]}能治这个病，在那里看估计医保能多报 <Money value={lower.more} />。
          </Text>
        </View>
      ) : null}
      {estimate.assumptions.length ? (
        <View className='card er-assumptions'>
          <Text className='er-h'>估算时的假设</Text>
          {estimate.assumptions.map((a, i) => (
            <Text key={i} className='er-assumption'>
              · {a.label.replace(/^估算假设：/, '')}
            </Text>
          ))}
        </View>
      ) : null}
      <WhoPaid data={w} />
      <Text className='er-h'>怎么算出来的</Text>
      <WaterfallView data={w} label='估算的计算过程' />
    </View>
  )
}
