// 交给县里保存: the opt-in under an estimate (a plain sentence first), and the estimates this
// member has kept with the county, each with 删除.
import { Button, Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import type { EstimateAnswers } from '@/calculator'
import type { Claim, KeptEstimate } from '@/contract'
import { Money } from '@/components/money'
import { formatDate } from '@/services/time'
import { toPlainWords } from '@/shared/plain-words'
import { deleteKeptEstimate, keepEstimate, KEEP_SENTENCE, listKeptEstimates } from '../kept'

export function KeptEstimates({
  personId,
  current
}: {
  personId: string
  /** the estimate on screen, if any: what 交给县里保存 would send */
  current: { answers: EstimateAnswers; date: string } | null
}) {
  const [kept, setKept] = useState<KeptEstimate[] | null>(null)
  const [said, setSaid] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [keptNow, setKeptNow] = useState<string | null>(null)

  const load = useCallback(async () => {
    const r = await listKeptEstimates(personId)
    if (r.ok) setKept(r.data.estimates)
  }, [personId])
  useEffect(() => {
    void load()
  }, [load])
  const currentKey = current ? JSON.stringify(current) : null
  useEffect(() => setKeptNow(null), [currentKey])

  return (
    <View className='card kept-estimates'>
      <Text className='er-h'>交给县里保存（自愿）</Text>
      <Text className='muted kept-estimates__what'>{KEEP_SENTENCE}</Text>
      {current && keptNow !== currentKey ? (
        <Button
          className='btn kept-estimates__keep'
          disabled={busy}
          onClick={async () => {
            setBusy(true)
            const r = await keepEstimate(personId, current.answers, current.date)
            setBusy(false)
            if (!r.ok) return setSaid(r.error.message)
            setKeptNow(currentKey)
            setSaid('已交给县里保存。')
            void load()
          }}
        >
          把这次估算交给县里保存
        </Button>
      ) : null}
      {(kept ?? []).map((k) => (
        <View key={k.estimateId} className='row kept-estimates__item'>
          <Text>
            {formatDate(k.admissionDate)}看病，估算医保报 <Money value={k.insurancePaid} />
          </Text>
          <Button
            className='btn kept-estimates__delete'
            disabled={busy}
            onClick={async () => {
              setBusy(true)
              const r = await deleteKeptEstimate(k.estimateId)
              setBusy(false)
              if (!r.ok) return setSaid(r.error.message)
              setSaid('已删除，县里不再保存这次估算。')
              void load()
            }}
          >
            删除
          </Button>
        </View>
      ))}
      {said ? (
        <View className='kept-estimates__said' ariaRole='status'>
          {said}
        </View>
      ) : null}
    </View>
  )
}

/** On the claim: the estimate kept with the county beside the settlement, as the county compared them. */
export function KeptComparison({ kept }: { kept: NonNullable<Claim['estimate']> }) {
  const c = kept.comparison
  return (
    <View className='card estimate-vs-actual estimate-vs-actual--kept'>
      <Text className='er-h'>和您交给县里保存的估算比</Text>
      <View className='row'>
        <Text>估算医保报（{formatDate(kept.keptAt.slice(0, 10))}保存）</Text>
        <Money value={c.estimated.basicFund} />
      </View>
      <View className='row'>
        <Text>实际医保报</Text>
        <Money value={c.actual.basicFund} />
      </View>
      {c.differences.length === 0 ? (
        <Text className='muted'>估算和实际一样。</Text>
      ) : (
        c.differences.map((d) => (
          <Text key={d.figure} className='er-assumption estimate-vs-actual__line'>
            · {toPlainWords(d.sentence)}
          </Text>
        ))
      )}
      <Text className='muted estimate-vs-actual__match'>怎么认出是这次看病的：{kept.match}</Text>
    </View>
  )
}
