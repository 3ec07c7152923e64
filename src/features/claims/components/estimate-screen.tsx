// 算一算能报多少: the estimate runs here, on the phone, with the county's policy document
// (cached, so it works offline) and the same calculator the county settles with.
import { useMemo, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { AsOf } from '@/components/as-of'
import { OfflineBanner } from '@/components/offline-banner'
import { useNetwork } from '@/services/network'
import { todayShanghai } from '@/services/time'
import type { Person } from '@/contract'
import type { EstimateAnswers } from '@/calculator'
import { EstimateForm } from './estimate-form'
import { EstimateResult } from './estimate-result'
import { KeptEstimates } from './kept-estimates'
import { memberDefaults } from '../defaults'
import { policyFacts, type EstimateFormInput } from '../form'
import { compareLowerLevel, runEstimate, type Estimate, type LowerLevelComparison } from '../run'
import { saveEstimate } from '../saved'
import { routeParam, useInstitutions, useMemberAndPolicy } from '../use-claims-data'

/**
 * `whyNotCovered`: the household feature's answer to "can this member claim today?", passed in
 * by the page (a feature reads no other feature but session and settings).
 */
export function EstimateScreen({
  whyNotCovered
}: {
  whyNotCovered: (member: Pick<Person, 'enrolments'>, year: number, today: string) => string | null
}) {
  const personParam = routeParam('personId')
  const institutionParam = routeParam('institutionId')
  const { userId, member, list, policy, year } = useMemberAndPolicy(personParam)
  const institutions = useInstitutions()
  const connected = useNetwork((s) => s.online && s.reachable)
  const [result, setResult] = useState<{
    estimate: Estimate
    placeLabel: string
    lower: LowerLevelComparison | null
    answers: EstimateAnswers
    date: string
  } | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const doc = policy.data?.document
  const facts = useMemo(() => policyFacts(doc), [doc])
  const defaults = memberDefaults(member, year, list.data)
  // a member who cannot claim today (lapsed, unpaid, still waiting) is told so before any figure
  const notCovered = member ? whyNotCovered(member, year, todayShanghai()) : null
  const picked = institutionParam
    ? institutions.data?.institutions.find((i: { institutionId: string }) => i.institutionId === institutionParam)
    : undefined
  const initial: Partial<EstimateFormInput> | undefined = picked
    ? {
        institution: {
          institutionId: picked.institutionId,
          name: picked.name,
          level: picked.level,
          grade: picked.grade,
          ownership: picked.ownership
        }
      }
    : undefined

  if (!userId) {
    return (
      <>
        <View className='card'>
          <Text>请先在“我的”里登录，才能按您所在县的政策来算。</Text>
        </View>
      </>
    )
  }

  return (
    <>
      <OfflineBanner hasCachedData={!!doc} />
      {member ? (
        <Text className='muted'>给 {member.name} 算（年龄、人员类别、连续参保年数、今年住院次数按记录自动填好）</Text>
      ) : null}
      {member && notCovered ? (
        <View className='card estimate-not-covered' ariaRole='alert'>
          <Text>
            {member.name}现在看病不能报销：{notCovered}。下面算的是参保并过了等待期以后大约能报多少。
          </Text>
        </View>
      ) : null}
      {!doc ? (
        <View className='card'>
          <Text>
            {policy.loading
              ? '正在读取县里的报销政策……'
              : policy.error
                ? `${policy.error.message}。手机上还没有保存过报销政策，连上网络后再算。`
                : '正在准备……'}
          </Text>
        </View>
      ) : (
        <>
          <EstimateForm
            key={picked?.institutionId ?? 'none'}
            facts={facts}
            defaults={defaults}
            institutions={institutions.data?.institutions}
            initial={initial}
            onSubmit={(answers, placeLabel) => {
              const asOf = todayShanghai()
              const r = runEstimate(doc, answers, asOf)
              if (!r.ok) {
                setFailure(r.message)
                setResult(null)
                return
              }
              setFailure(null)
              const lower = compareLowerLevel(doc, answers, asOf, r.estimate)
              setResult({ estimate: r.estimate, placeLabel, lower, answers, date: answers.date ?? asOf })
              // the answer is below the form: bring it into view
              setTimeout(() => {
                Taro.pageScrollTo({ selector: '.estimate-result', duration: 200 }).catch(() => {})
              }, 50)
              if (member) saveEstimate(userId, member.personId, asOf, answers, placeLabel, r.estimate)
            }}
          />
          <AsOf at={policy.asOf} source={policy.source} />
          {failure ? (
            <View className='card estimate-failure' ariaRole='alert'>
              <Text>{failure}</Text>
            </View>
          ) : null}
          {result ? (
            <EstimateResult
              estimate={result.estimate}
              placeLabel={result.placeLabel}
              lower={result.lower}
              policyTitle={(doc as { title?: string }).title}
              offline={policy.source === 'cache' || !connected}
              notCovered={notCovered}
            />
          ) : null}
          {member && connected ? (
            <KeptEstimates
              personId={member.personId}
              current={result ? { answers: result.answers, date: result.date } : null}
            />
          ) : null}
        </>
      )}
    </>
  )
}
