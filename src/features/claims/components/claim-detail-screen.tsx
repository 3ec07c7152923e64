// One claim, line by line: the waterfall from the settlement's steps (never recomputed
// here), who paid what, its progress, the earlier estimate next to it, and
// "多收钱了吗？".
import { View, Text } from '@tarojs/components'
import { AsOf } from '@/components/as-of'
import { Money } from '@/components/money'
import { OfflineBanner } from '@/components/offline-banner'
import { useSession } from '@/features/session/store'
import { useCountyData } from '@/services/use-county-data'
import { formatDate } from '@/services/time'
import { claimCache, loadClaim } from '../api'
import { explainDifference } from '../compare'
import { concernCache } from '../concerns'
import { KIND_LABEL } from '../history'
import { buildWaterfall } from '../waterfall'
import { StageTimeline } from './claim-card'
import { ConcernBox } from './concern-box'
import { KeptComparison } from './kept-estimates'
import { WaterfallView, WhoPaid } from './waterfall'
import { estimateForClaim, savedEstimatesCache } from '../saved'
import './claim-card.scss'
import './chips.scss'
import './estimate-result.scss'
import './estimate-form.scss'
import { routeParam } from '../use-claims-data'

export function ClaimDetailScreen() {
  const claimId = routeParam('claimId')
  const userId = useSession((s) => s.userId)
  const q = useCountyData({
    cache: claimCache,
    owner: userId,
    cacheKey: claimId,
    load: () => loadClaim(claimId as string)
  })
  const claim = q.data
  const saved = savedEstimatesCache((s) => (claim ? s.read(userId, claim.personId) : null))
  const reports = concernCache((s) => (claimId ? s.read(userId, claimId) : null))

  if (!claim) {
    return (
      <>
        <OfflineBanner hasCachedData={false} />
        <View className='card'>
          <Text>{q.loading ? '正在读取……' : q.error ? q.error.message : '没有找到这笔报销。'}</Text>
        </View>
      </>
    )
  }
  const w = buildWaterfall(claim.steps)
  // an estimate kept with the county is compared by the county's calculator; otherwise the
  // phone's own earlier estimate, as before
  const kept = claim.estimate ?? null
  const earlier = kept ? null : estimateForClaim(saved?.data, claim)
  const diff = earlier ? explainDifference(earlier.result.steps, claim.steps) : null

  return (
    <>
      <OfflineBanner hasCachedData />
      <View className='card claim-head' data-person={claim.personId}>
        {/* whose stay it was, first: a screenshot sent to family says it too */}
        <Text className='claim-head__who'>
          {claim.personName}的{KIND_LABEL[claim.kind]}报销
        </Text>
        <Text className='cc-inst'>{claim.institutionName}</Text>
        <Text className='muted' style={{ display: 'block' }}>
          {formatDate(claim.admissionDate)}
          {claim.dischargeDate && claim.dischargeDate !== claim.admissionDate
            ? ` 至 ${formatDate(claim.dischargeDate)}`
            : ''}
        </Text>
        <StageTimeline claim={claim} />
        <AsOf at={q.asOf} source={q.source} />
      </View>
      <WhoPaid data={w} />
      {kept ? <KeptComparison kept={kept} /> : null}
      {diff && earlier ? (
        <View className='card estimate-vs-actual'>
          <Text className='er-h'>和您之前的估算比</Text>
          <View className='row'>
            <Text>
              估算医保报（{earlier.asOf}，{earlier.placeLabel}）
            </Text>
            <Money value={diff.estimated.basicFund} />
          </View>
          <View className='row'>
            <Text>实际医保报</Text>
            <Money value={diff.actual.basicFund} />
          </View>
          {diff.differences.length === 0 ? (
            <Text className='muted'>估算和实际一样。</Text>
          ) : (
            diff.differences.map((d) => (
              <Text key={d.key} className='er-assumption'>
                · {d.sentence}
              </Text>
            ))
          )}
        </View>
      ) : null}
      <Text className='er-h'>每一笔是怎么算的</Text>
      <Text className='muted claim-policy' data-version={claim.policyVersion}>
        按县里结算这一笔时用的政策（{claim.policyVersion}版）逐条列出，每一条都写了依据。
      </Text>
      <WaterfallView data={w} />
      {userId && claimId ? <ConcernBox owner={userId} claimId={claimId} reports={reports?.data ?? []} /> : null}
    </>
  )
}
