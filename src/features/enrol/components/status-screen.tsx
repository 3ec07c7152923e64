// One application: where it is, what the county asked for, photos to add, and what's next.
import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { Application } from '@/contract'
import { OfflineBanner } from '@/components/offline-banner'
import { AsOf } from '@/components/as-of'
import { notifyError } from '@/services/errors'
import { showPageMessage } from '@/services/page-message'
import { todayShanghai } from '@/services/time'
import { useSession } from '@/features/session/store'
import { NotifyMe } from '@/features/settings/components/notify-me'
import { activeFiling, fieldsOf, newbornBirthYearToPay, resubmit } from '../store'
import { ApplicationStatusView } from './status-view'
import { UploadPanel } from './upload-panel'
import { useApplication, useHousehold } from '../data'
import { FilingWorthCard, SignInNeeded, useFilingWorth } from './shared'
import { ChronicWorthCard, useChronicPolicy } from './chronic-worth-card'

const HUB = 'subpackages/enrol/index/index'
const ASSIST = 'subpackages/staff/assist/index'

/** Back to the hub already open below (it refreshes when shown), else open it. */
function backToHub() {
  const pages = Taro.getCurrentPages()
  const at = pages.map((p) => String(p.route ?? '')).findIndex((r) => r.includes(HUB))
  if (at >= 0 && at < pages.length - 1) void Taro.navigateBack({ delta: pages.length - 1 - at })
  else void Taro.redirectTo({ url: `/${HUB}` })
}

/** The 缴费 page for a year (a link to another feature's page is its URL, not an import). */
const payQuoteUrl = (householdId: string, year?: number) =>
  `/subpackages/pay/quote/index?householdId=${encodeURIComponent(householdId)}${year ? `&year=${year}` : ''}`

export function StatusScreen() {
  const id = useRouter().params.id ?? null
  const userId = useSession((s) => s.userId)
  const q = useApplication(id)
  const household = useHousehold()
  const worth = useFilingWorth(household.data?.regionCode ?? null)
  const [sending, setSending] = useState(false)
  // approved: the household changed at the county (a new member, a filing): read it again
  const status = q.data?.status
  useEffect(() => {
    if (status === 'approved') household.reload()
  }, [status]) // eslint-disable-line react-hooks/exhaustive-deps
  if (!userId) {
    return (
      <>
        <SignInNeeded />
      </>
    )
  }
  const app = q.data
  const birthYear = app ? newbornBirthYearToPay(app, household.data, todayShanghai()) : null
  const again = async () => {
    if (!app || sending) return
    setSending(true)
    const r = await resubmit(app.applicationId)
    setSending(false)
    if (r.ok) {
      q.reload()
      showPageMessage('已重新提交，县医保局会再看一遍')
    } else notifyError(r.error)
  }
  return (
    <>
      <OfflineBanner hasCachedData={!!app} />
      {!app ? (
        <View className='card'>
          <Text>{q.loading ? '正在读取…' : q.error ? q.error.message : '没有找到这份申请'}</Text>
        </View>
      ) : null}
      {app ? <ApplicationStatusView app={app} /> : null}
      {app && (app.status === 'submitted' || app.status === 'needs_more') ? <UploadPanel app={app} /> : null}
      {app && app.status === 'needs_more' ? (
        <Button
          className='btn btn-primary enrol-resubmit'
          disabled={sending}
          onClick={() => {
            void again()
          }}
        >
          {sending ? '正在提交…' : '补好了，重新提交'}
        </Button>
      ) : null}
      {app && app.kind === 'out_of_area_care' ? (
        <FilingWorthCard worth={worth} filed={!!activeFiling([app], fieldsOf(app).personId ?? '', todayShanghai())} />
      ) : null}
      {app && app.kind === 'chronic_disease' && app.status !== 'rejected' ? (
        <ChronicStatusWorth app={app} regionCode={household.data?.regionCode ?? null} />
      ) : null}
      {app && app.kind === 'renew_remote' && app.status !== 'rejected' ? (
        <Button
          className='btn btn-primary enrol-pay'
          onClick={() => {
            void Taro.navigateTo({ url: payQuoteUrl(app.householdId, fieldsOf(app).year) })
          }}
        >
          去缴{fieldsOf(app).year ?? ''}年的费用
        </Button>
      ) : null}
      {app && birthYear ? (
        <View className='card enrol-newborn-pay'>
          <Text className='enrol-line'>
            {fieldsOf(app).name}出生不久就参保了：按县里的政策，现在交上{birthYear}
            年的费，孩子从出生那天起看病就能报销。要交多少、从哪天起报销，点下面看缴费明细。
          </Text>
          <Button
            className='btn btn-primary enrol-pay enrol-pay--birth-year'
            onClick={() => {
              void Taro.navigateTo({ url: payQuoteUrl(app.householdId, birthYear) })
            }}
          >
            去缴{birthYear}年的费用
          </Button>
        </View>
      ) : null}
      {app && (app.status === 'submitted' || app.status === 'needs_more') ? (
        <NotifyMe householdId={app.householdId} kinds={['decision']} label='审核有结果时，微信通知我' />
      ) : null}
      <Button className='btn enrol-refresh' onClick={() => q.reload()}>
        刷新进度
      </Button>
      {app?.kind === 'assist_consent' ? (
        // the 村医's consent form: back to their 代办 page in the county's workspace
        <Button className='btn enrol-back-home' onClick={() => void Taro.redirectTo({ url: `/${ASSIST}` })}>
          回到代办
        </Button>
      ) : (
        <Button className='btn enrol-back-home' onClick={backToHub}>
          回到“在外地办参保”
        </Button>
      )}
      <AsOf at={q.asOf} source={q.source} />
    </>
  )
}

/** What the applied-for disease's certification is worth a year, and whether it is certified yet. */
function ChronicStatusWorth({ app, regionCode }: { app: Application; regionCode: string | null }) {
  const { diseases, worthOf } = useChronicPolicy(regionCode)
  const code = fieldsOf(app).diseaseCode ?? ''
  const label = diseases.find((x) => x.code === code)?.label ?? code
  return <ChronicWorthCard worth={worthOf(code)} disease={label} certified={app.status === 'approved'} />
}
