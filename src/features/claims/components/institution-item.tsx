// One designated institution: level, grade, public/private, instant settlement, agreement
// status (suspended is flagged), phone (tap to call), and what this member gets there.
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Institution } from '@/contract'
import { Money } from '@/components/money'
import { AGREEMENT_TEXT, LEVEL_LABEL } from '../institution-search'
import './institution-item.scss'

export interface Terms {
  /** inpatient deductible and ratio for this member (ratio "90%"), or an outpatient note */
  deductible: string | null
  ratio: string | null
  note?: string
}

export function InstitutionItem({
  inst,
  terms,
  onEstimate
}: {
  inst: Institution
  terms: Terms | null
  onEstimate?: (i: Institution) => void
}) {
  const status = inst.agreement.status
  return (
    <View className={`inst card inst--${status}`} data-institution-id={inst.institutionId} data-level={inst.level}>
      <View className='inst-head'>
        <Text className='inst-name'>{inst.name}</Text>
        <Text className={`inst-status inst-status--${status}`}>
          {status === 'active' ? '' : '⚠ '}
          {AGREEMENT_TEXT[status]}
        </Text>
      </View>
      <Text className='inst-meta'>
        {LEVEL_LABEL[inst.level]} · {inst.grade} · {inst.ownership === 'public' ? '公立' : '民营'} · {inst.township}
      </Text>
      <Text className='inst-meta'>
        {inst.instantSettlement ? '出院时直接结算，不用先垫钱' : '不能直接结算：先自己付，再拿票据回来报销'}
      </Text>
      {status === 'suspended' ? (
        <Text className='inst-warn'>这家医院的医保协议暂停了，在这里看病现在不能报销，请换一家。</Text>
      ) : null}
      {terms && status === 'active' ? (
        <View className='inst-terms' data-ratio={terms.ratio ?? ''} data-deductible={terms.deductible ?? ''}>
          {terms.ratio !== null ? <Text className='inst-ratio'>住院报销 {terms.ratio}</Text> : null}
          {terms.deductible !== null ? (
            <Text className='inst-ded'>
              起付线 <Money value={terms.deductible} />
            </Text>
          ) : null}
          {terms.note ? <Text className='inst-note'>{terms.note}</Text> : null}
        </View>
      ) : null}
      <View className='inst-actions'>
        {inst.phone ? (
          <View
            className='btn inst-call'
            ariaRole='button'
            ariaLabel={`打电话 ${inst.phone}`}
            onClick={() => {
              Taro.makePhoneCall({ phoneNumber: inst.phone }).catch(() => {})
            }}
          >
            <Text>打电话 {inst.phone}</Text>
          </View>
        ) : null}
        {onEstimate && status === 'active' ? (
          <View className='btn inst-estimate' ariaRole='button' onClick={() => onEstimate(inst)}>
            <Text>在这里看病能报多少</Text>
          </View>
        ) : null}
      </View>
    </View>
  )
}
