// The settlement line by line: total → what is not covered → deductible → ratio → fund →
// 大病保险 → 救助 → what the family paid. Each line says why, and which document says so.
// Rendered from the steps only (see ../waterfall.ts); nothing is computed here.
import { View, Text } from '@tarojs/components'
import { Money, formatMoney } from '@/components/money'
import { ratePercent } from '@/calculator/money'
import type { Waterfall as WaterfallData, WaterfallLine } from '../waterfall'
import './waterfall.scss'

const SIGN: Partial<Record<WaterfallLine['kind'], string>> = {
  minus: '−',
  subtotal: '=',
  times: '×',
  payer: '',
  start: '',
  result: ''
}

function Line({ line }: { line: WaterfallLine }) {
  const sign = SIGN[line.kind]
  return (
    <View
      className={`wf-line wf-${line.kind}`}
      data-rule={line.ruleId}
      data-kind={line.kind}
      data-amount={line.amount ?? ''}
    >
      <View className='wf-head'>
        <Text className='wf-title'>{line.title}</Text>
        {line.rate ? <Text className='wf-amount'>× {line.rate}</Text> : null}
        {line.amount !== undefined && !line.rate && line.kind !== 'why' && line.kind !== 'note' ? (
          <View className='wf-amount'>
            {sign ? <Text className='wf-sign'>{sign} </Text> : null}
            <Money value={line.amount} />
          </View>
        ) : null}
      </View>
      <Text className='wf-reason'>{line.reason}</Text>
      {line.bands && line.bands.length ? (
        <View className='wf-bands'>
          {line.bands.map((b, i) => (
            <Text key={i} className='wf-band'>
              {b.upTo ? `累计超出起付线后 ${formatMoney(b.upTo)} 元以内的部分` : '再往上的部分'}报 {ratePercent(b.rate)}
            </Text>
          ))}
        </View>
      ) : null}
      {line.source ? <Text className='wf-source'>依据：{line.source}</Text> : null}
    </View>
  )
}

export function WaterfallView({ data, label }: { data: WaterfallData; label?: string }) {
  return (
    <View className='waterfall' aria-label={label ?? '报销计算过程'}>
      {data.lines.map((l) => (
        <Line key={l.key} line={l} />
      ))}
    </View>
  )
}

/** "谁付了多少": every payer plus the family; together they are the total. */
export function WhoPaid({ data }: { data: WaterfallData }) {
  if (data.total === null) return null
  return (
    <View className='who-paid card'>
      <View className='row'>
        <Text className='wp-title'>总费用</Text>
        <Money className='wp-total' value={data.total} />
      </View>
      {data.payers.map((p) => (
        <View className='row wp-row' key={p.ruleId} data-payer={p.ruleId} data-amount={p.amount}>
          <Text>{p.title}付</Text>
          <Money className='wp-paid' value={p.amount} />
        </View>
      ))}
      {data.familyPays !== null ? (
        <View className='row wp-row wp-family' data-payer='family' data-amount={data.familyPays}>
          <Text>您家自己付</Text>
          <Money className='wp-family-amount' value={data.familyPays} />
        </View>
      ) : null}
    </View>
  )
}
