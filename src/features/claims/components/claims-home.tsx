// The 报销 tab: pick a family member and a year, see this year's protection, payouts per
// year, totals, and every claim with its progress. Opens on the phone's saved copy.
import { useMemo, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ClaimList } from '@/contract'
import { AsOf } from '@/components/as-of'
import { Money } from '@/components/money'
import { OfflineBanner } from '@/components/offline-banner'
import { useSession } from '@/features/session/store'
import { useHousehold } from '@/features/session/household'
import { useCountyData } from '@/services/use-county-data'
import { currentYear, todayShanghai } from '@/services/time'
import { NotifyMe } from '@/features/settings/components/notify-me'
import { policyCache, loadPolicy, claimListCache, listKey, loadClaimList } from '../api'
import {
  actualRatio,
  filterClaims,
  protectionOf,
  sortClaims,
  totalsOf,
  type KindFilter,
  type StageFilter
} from '../history'
import { ClaimCard } from './claim-card'
import { PayoutChart } from './payout-chart'
import { ProtectionMeter } from './protection-meter'
import './chips.scss'
import './claims-home.scss'

const KIND_FILTERS: { id: KindFilter; label: string }[] = [
  { id: 'all', label: '全部' },
  { id: 'inpatient', label: '住院' },
  { id: 'outpatient', label: '门诊' },
  { id: 'chronic', label: '慢病' }
]
const STAGE_FILTERS: { id: StageFilter; label: string }[] = [
  { id: 'all', label: '全部' },
  { id: 'in-progress', label: '还没拨付' },
  { id: 'paid_out', label: '已拨付' }
]

const CLAIMS_SUB = '/subpackages/claims'

function go(url: string) {
  Taro.navigateTo({ url }).catch(() => {})
}

function Chips<T extends string | number>({
  items,
  value,
  onChange,
  className
}: {
  items: { id: T; label: string }[]
  value: T
  onChange: (v: T) => void
  className: string
}) {
  return (
    <View className={`chips ${className}`}>
      {items.map((i) => (
        <View
          key={String(i.id)}
          className={`chip${i.id === value ? ' chip--on' : ''}`}
          ariaRole='button'
          ariaLabel={i.label}
          data-value={String(i.id)}
          onClick={() => onChange(i.id)}
        >
          <Text>{i.label}</Text>
        </View>
      ))}
    </View>
  )
}

function Entries({ personId }: { personId: string | null }) {
  const q = personId ? `?personId=${personId}` : ''
  return (
    <View className='claims-entries'>
      <View
        className='btn btn-primary entry-estimate'
        ariaRole='button'
        onClick={() => go(`${CLAIMS_SUB}/estimate/index${q}`)}
      >
        <Text>算一算看病能报多少</Text>
      </View>
      <View
        className='btn entry-institutions'
        ariaRole='button'
        onClick={() => go(`${CLAIMS_SUB}/institutions/index${q}`)}
      >
        <Text>查定点医院（能报销的医院）</Text>
      </View>
      <View
        className='btn entry-reimburse'
        ariaRole='button'
        onClick={() => go('/subpackages/enrol/checklist/index?kind=reimbursement')}
      >
        <Text>自己垫付了钱？申请手工报销</Text>
      </View>
    </View>
  )
}

export function ClaimsHome() {
  const userId = useSession((s) => s.userId)
  const householdId = useSession((s) => s.activeHouseholdId)
  const myPersonId = useSession((s) => s.me?.personId ?? null)
  const hh = useHousehold(householdId)
  const members = hh.data?.members ?? []
  // the county's policy, saved on the phone so the estimate works offline even if it was
  // never opened online (the figures on this tab are the county's year summary)
  const region = hh.data?.regionCode ?? null
  useCountyData({
    cache: policyCache,
    owner: userId,
    cacheKey: region,
    load: () => loadPolicy(region as string, todayShanghai())
  })
  const [chosen, setChosen] = useState<string | null>(null)
  const personId =
    chosen && members.some((m) => m.personId === chosen)
      ? chosen
      : ((members.find((m) => m.personId === myPersonId) ?? members[0])?.personId ?? null)

  const thisYear = currentYear()
  const years = [thisYear, thisYear - 1, thisYear - 2]
  const [year, setYear] = useState(thisYear)
  const [kind, setKind] = useState<KindFilter>('all')
  const [stage, setStage] = useState<StageFilter>('all')
  const l0 = useCountyData({
    cache: claimListCache,
    owner: userId,
    cacheKey: personId ? listKey(personId, years[0]) : null,
    load: () => loadClaimList(personId as string, years[0])
  })
  const l1 = useCountyData({
    cache: claimListCache,
    owner: userId,
    cacheKey: personId ? listKey(personId, years[1]) : null,
    load: () => loadClaimList(personId as string, years[1])
  })
  const l2 = useCountyData({
    cache: claimListCache,
    owner: userId,
    cacheKey: personId ? listKey(personId, years[2]) : null,
    load: () => loadClaimList(personId as string, years[2])
  })
  const byYear: Record<number, typeof l0> = { [years[0]]: l0, [years[1]]: l1, [years[2]]: l2 }
  const current = byYear[year] ?? l0
  const list: ClaimList | null = current.data
  const shown = useMemo(() => (list ? sortClaims(filterClaims(list.claims, { kind, stage })) : []), [list, kind, stage])
  const totals = totalsOf(list)
  const member = members.find((m) => m.personId === personId)

  if (!userId) {
    return (
      <View className='claims-home'>
        <View className='card claims-signin'>
          <Text>
            登录后，这里显示全家每个人的看病报销记录：花了多少、医保报了多少、自己付了多少，每一笔是怎么算的。
          </Text>
          <View
            className='btn btn-primary'
            ariaRole='button'
            onClick={() => Taro.switchTab({ url: '/pages/me/index' }).catch(() => {})}
          >
            <Text>去登录</Text>
          </View>
        </View>
        <Entries personId={null} />
      </View>
    )
  }

  return (
    <View className='claims-home'>
      <OfflineBanner hasCachedData={!!list} />
      {members.length > 1 ? (
        <Chips
          className='member-chips'
          items={members.map((m) => ({ id: m.personId, label: m.name }))}
          value={personId ?? ''}
          onChange={setChosen}
        />
      ) : null}
      <Chips
        className='year-chips'
        items={years.map((y) => ({ id: y, label: `${y}年` }))}
        value={year}
        onChange={setYear}
      />

      {householdId ? <NotifyMe householdId={householdId} kinds={['claim']} label='报销款到账时，微信通知我' /> : null}
      {list?.summary && year === thisYear ? (
        <ProtectionMeter data={protectionOf(year, list.summary)} name={member?.name} />
      ) : null}

      {totals ? (
        <View
          className='card year-totals'
          data-year={year}
          data-total={totals.totalCost}
          data-paid={totals.payout}
          data-self={totals.patientPays}
          data-account={totals.householdAccount}
        >
          <Text className='yt-title'>
            {member ? `${member.name} ` : ''}
            {year}年 看病 {totals.count} 次
          </Text>
          <View className='row'>
            <Text>总费用</Text>
            <Money value={totals.totalCost} />
          </View>
          <View className='row'>
            <Text>共报销（含大病保险、医疗救助）</Text>
            <Money className='yt-payout' value={totals.payout} />
          </View>
          <View className='row'>
            <Text>自己掏钱付了</Text>
            <Money value={totals.patientPays} />
          </View>
          {totals.householdAccount !== '0.00' ? (
            <View className='row yt-account'>
              <Text>家庭账户里的钱付了</Text>
              <Money value={totals.householdAccount} />
            </View>
          ) : null}
          {actualRatio(totals) ? (
            <Text className='muted'>
              按总费用算，实际报了 {actualRatio(totals)}
              。政策里的比例只对“政策范围内”的费用；医疗救助、大病保险另外再报。所以实际比例和政策比例不一样，点开每一笔能看到原因。
            </Text>
          ) : null}
          <AsOf at={current.asOf} source={current.source} />
        </View>
      ) : current.loading ? (
        <View className='card'>
          <Text>正在读取报销记录……</Text>
        </View>
      ) : current.error ? (
        <View className='card'>
          <Text>{current.error.message}</Text>
          <View className='btn' ariaRole='button' onClick={current.reload}>
            <Text>再试一次</Text>
          </View>
        </View>
      ) : null}

      <PayoutChart years={[...years].reverse().map((y) => ({ year: y, totals: totalsOf(byYear[y].data) }))} />

      <Entries personId={personId} />

      {list ? (
        <View className='claims-list'>
          <Text className='muted filter-label'>看病类型</Text>
          <Chips className='kind-chips' items={KIND_FILTERS} value={kind} onChange={setKind} />
          <Text className='muted filter-label'>报销进度</Text>
          <Chips className='stage-chips' items={STAGE_FILTERS} value={stage} onChange={setStage} />
          {shown.length === 0 ? (
            <View className='card'>
              <Text>{list.claims.length === 0 ? `${year}年没有报销记录。` : '没有符合条件的记录。'}</Text>
            </View>
          ) : null}
          {shown.map((c) => (
            <ClaimCard key={c.claimId} claim={c} onOpen={(id) => go(`${CLAIMS_SUB}/detail/index?claimId=${id}`)} />
          ))}
        </View>
      ) : null}
    </View>
  )
}
