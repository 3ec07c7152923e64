// 参保缴费证明 (issue 19): choose a year; the county's statement with every member's cover,
// the payments with receipt numbers, the claims with what insurance paid, the totals and the
// verification code; saved as a picture for family, or as the county's PDF to print.
import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Button, Canvas, Image } from '@tarojs/components'
import type { Statement } from '@/contract'
import { OfflineBanner } from '@/components/offline-banner'
import { AsOf } from '@/components/as-of'
import { Money } from '@/components/money'
import { makeLineImage } from '@/components/line-image/make'
import { currentYear } from '@/services/time'
import { useCountyData } from '@/services/use-county-data'
import { useActiveLink, useSession } from '@/features/session/store'
import {
  downloadStatementPdf,
  loadStatement,
  STATUS_TEXT,
  statementCache,
  statementKey,
  statementLines,
  statementYears
} from '../statement'
import './statement.scss'

const CANVAS_ID = 'statement-canvas'
const KIND: Record<string, string> = { inpatient: '住院', outpatient: '门诊', chronic: '门诊慢特病' }

export function StatementScreen() {
  const userId = useSession((s) => s.userId)
  const householdId = useActiveLink()?.householdId ?? null
  const [year, setYear] = useState(() => currentYear())
  const load = useCallback(() => loadStatement(householdId as string, year), [householdId, year])
  const s = useCountyData({
    cache: statementCache,
    owner: userId,
    cacheKey: householdId ? statementKey(householdId, year) : null,
    load
  })
  return (
    <>
      <View className='card statement-years' ariaRole='group' ariaLabel='开哪一年的证明'>
        <Text className='statement-years__label'>开哪一年的证明</Text>
        <View className='statement-years__chips'>
          {statementYears(currentYear()).map((y) => (
            <Button
              key={y}
              className={`btn statement-years__chip${y === year ? ' btn-primary' : ''}`}
              aria-pressed={y === year ? 'true' : 'false'}
              onClick={() => setYear(y)}
            >
              {y}年
            </Button>
          ))}
        </View>
      </View>
      <OfflineBanner hasCachedData={!!s.data} />
      {s.data && s.data.year === year ? (
        <>
          <AsOf at={s.asOf} source={s.source} />
          <StatementView statement={s.data} />
          <StatementActions statement={s.data} householdId={householdId as string} />
        </>
      ) : (
        <View className='card'>
          <Text>{s.loading ? '正在开证明…' : s.error ? s.error.message : '请先绑定您家，才能开证明'}</Text>
        </View>
      )}
    </>
  )
}

function StatementView({ statement: s }: { statement: Statement }) {
  return (
    <View className='card statement' ariaRole='region' ariaLabel={`${s.year}年度参保缴费证明`}>
      <Text className='statement__title'>{s.year}年度城乡居民医保参保缴费证明</Text>
      <Text className='statement__who'>
        {s.township}
        {s.village}　户主 {s.headName}
      </Text>
      <Text className='statement__section'>家里人参保</Text>
      {s.members.map((m) => (
        <View key={m.personId} className='statement__row'>
          <Text className='statement__name'>{m.name}</Text>
          <Text>{m.status ? (STATUS_TEXT[m.status] ?? m.status) : '没有记录'}</Text>
          {m.benefitStart && m.benefitEnd ? (
            <Text className='statement__sub'>
              {m.benefitStart} 至 {m.benefitEnd} 看病能报销
            </Text>
          ) : null}
        </View>
      ))}
      <Text className='statement__section'>缴费（{s.payments.length}笔）</Text>
      {s.payments.length === 0 ? <Text className='statement__sub'>这一年没有在这里交过费</Text> : null}
      {s.payments.map((p) => (
        <View key={p.receiptNumber} className='statement__row'>
          <Text className='statement__sub'>票据号 {p.receiptNumber}</Text>
          <Money value={p.amount} />
        </View>
      ))}
      <Text className='statement__section'>看病报销（{s.totals.claims}次）</Text>
      {s.claims.map((c) => (
        <View key={c.claimId} className='statement__row'>
          <Text>
            {c.personName}　{KIND[c.kind] ?? c.kind}　{c.admissionDate}
          </Text>
          <View className='statement__sub'>
            <Text>总费用 </Text>
            <Money value={c.totalCost} />
            <Text>　医保付了 </Text>
            <Money value={c.insurancePaid} />
          </View>
        </View>
      ))}
      <Text className='statement__section'>全年合计</Text>
      <View className='statement__total'>
        <Text>交费</Text>
        <Money value={s.totals.contributions} />
      </View>
      <View className='statement__total'>
        <Text>看病总费用</Text>
        <Money value={s.totals.totalCost} />
      </View>
      <View className='statement__total'>
        <Text>医保付了</Text>
        <Money value={s.totals.insurancePaid} />
      </View>
      <View className='statement__total'>
        <Text>自己付了</Text>
        <Money value={s.totals.patientPays} />
      </View>
      <Text className='statement__code'>核验码 {s.verificationCode}</Text>
      <Text className='statement__sub'>别人可以拿核验码向县医保经办机构查这份证明是不是真的。</Text>
    </View>
  )
}

function StatementActions({ statement, householdId }: { statement: Statement; householdId: string }) {
  const [image, setImage] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const picture = async () => {
    setMessage(null)
    try {
      setImage(await makeLineImage(statementLines(statement), CANVAS_ID))
    } catch {
      setMessage('图片没有生成成功，可以截屏发给家人')
    }
  }
  const pdf = async () => {
    if (busy) return
    setBusy(true)
    setMessage(null)
    const r = await downloadStatementPdf(householdId, statement.year)
    setBusy(false)
    if (!r.ok) return setMessage(r.error.message)
    if (process.env.TARO_ENV === 'h5') {
      const a = document.createElement('a')
      a.href = r.data
      a.download = `参保缴费证明-${statement.year}.pdf`
      a.click()
      setMessage('PDF已下载，可以打印')
    } else {
      await Taro.openDocument({ filePath: r.data, fileType: 'pdf', showMenu: true }).catch(() =>
        setMessage('PDF没有打开，请再点一次')
      )
    }
  }
  return (
    <View className='statement-actions'>
      <Button className='btn btn-primary' onClick={picture}>
        存成图片，发给家人
      </Button>
      <Button className='btn' loading={busy} disabled={busy} onClick={pdf}>
        下载PDF（可以打印）
      </Button>
      {message ? (
        <View className='statement-actions__note' ariaRole='status'>
          {message}
        </View>
      ) : null}
      {image ? (
        <View className='card'>
          <Text className='muted'>{process.env.TARO_ENV === 'h5' ? '长按图片可以保存或发送给家人' : '已生成图片'}</Text>
          <Image className='statement-image' src={image} mode='widthFix' ariaLabel='参保缴费证明的图片' />
        </View>
      ) : null}
      {process.env.TARO_ENV !== 'h5' ? <Canvas type='2d' id={CANVAS_ID} className='statement-canvas' /> : null}
    </View>
  )
}
