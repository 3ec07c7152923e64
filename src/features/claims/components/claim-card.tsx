// One claim in the history: where, when, how much, who paid, and how far it has got
// (受理 → 审核 → 公示 → 拨付). The whole card is one large tap target to the detail.
import { View, Text } from '@tarojs/components'
import type { Claim } from '@/contract'
import { Money } from '@/components/money'
import { formatDate } from '@/services/time'
import { KIND_LABEL, STAGE_LABEL, timelineOf } from '../history'
import './claim-card.scss'

export function StageTimeline({ claim }: { claim: Claim }) {
  return (
    <View className='stage-timeline' aria-label={`进度：${STAGE_LABEL[claim.stage]}`}>
      {timelineOf(claim).map((t) => (
        <View key={t.stage} className={`stage${t.done ? ' stage--done' : ''}`} data-stage={t.stage}>
          <Text className='stage-dot'>{t.done ? '●' : '○'}</Text>
          <Text className='stage-label'>{t.label}</Text>
          <Text className='stage-date'>{t.date ? t.date.slice(5).replace('-', '/') : '—'}</Text>
        </View>
      ))}
    </View>
  )
}

export function ClaimCard({ claim, onOpen }: { claim: Claim; onOpen: (claimId: string) => void }) {
  const dates =
    claim.dischargeDate && claim.dischargeDate !== claim.admissionDate
      ? `${formatDate(claim.admissionDate)} 至 ${formatDate(claim.dischargeDate)}`
      : formatDate(claim.admissionDate)
  return (
    <View
      className='claim-card card'
      data-claim-id={claim.claimId}
      ariaRole='button'
      ariaLabel={`${claim.institutionName}${KIND_LABEL[claim.kind]}，查看明细`}
      onClick={() => onOpen(claim.claimId)}
    >
      <View className='cc-head'>
        <Text className='cc-kind'>{KIND_LABEL[claim.kind]}</Text>
        <Text className='cc-inst'>{claim.institutionName}</Text>
      </View>
      <Text className='cc-dates muted'>{dates}</Text>
      <View className='cc-figures'>
        <View className='cc-fig'>
          <Text className='cc-fig-label'>总费用</Text>
          <Money className='cc-total' value={claim.totalCost} />
        </View>
        <View className='cc-fig'>
          <Text className='cc-fig-label'>报销了</Text>
          <Money className='cc-payout' value={claim.payout} />
        </View>
        <View className='cc-fig'>
          <Text className='cc-fig-label'>自己付</Text>
          <Money className='cc-self' value={claim.selfPaid} />
        </View>
      </View>
      <StageTimeline claim={claim} />
      <Text className='cc-more'>看每一笔是怎么算的 ›</Text>
    </View>
  )
}
