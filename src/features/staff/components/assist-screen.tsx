// The assistant's page (村医, 协管员): the household in front of them consents then and there (a
// code to its roster phone, read out to the assistant), then for two hours the assistant may look
// up its status, pay for it (the receipt is the household's) or start a newborn's enrolment.
// The household sees every step in 谁替我办过事 and can take the consent back. A household with no
// phone signs a consent form on paper: its photo goes to the county, whose confirmation starts it.
import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { AssistConsent, Household } from '@/contract'
import { inputFor, type FieldKind } from '@/components/control-label'
import { newIdempotencyKey } from '@/services/county-client'
import { formatInstant } from '@/services/time'
import { actionLabel } from '@/shared/access-actions'
import { confirmAssist, householdFor, myAssists, payFor, startAssist } from '../api'
import { StaffGate } from './staff-gate'
import { Said } from './staff-bits'

const HERE = '/subpackages/staff/assist/index'

function Field(props: { label: string; value: string; onInput: (v: string) => void; kind?: FieldKind }) {
  return (
    <View>
      <Text className='field-label'>{props.label}</Text>
      <Input
        className='field-input'
        value={props.value}
        {...inputFor(props.label, props.kind ?? 'text')}
        onInput={(e) => props.onInput(e.detail.value)}
      />
    </View>
  )
}

function ActiveConsent({ consent }: { consent: AssistConsent }) {
  const [household, setHousehold] = useState<Household | null>(null)
  const [said, setSaid] = useState<string | null>(null)
  const [payKey] = useState(newIdempotencyKey)
  useEffect(() => {
    void householdFor(consent.householdId).then((r) => (r.ok ? setHousehold(r.data) : setSaid(r.error.message)))
  }, [consent.householdId])
  const year = household ? Math.max(...household.members.flatMap((m) => m.enrolments.map((e) => e.year))) : null
  return (
    <View className='card assist-active'>
      <View className='staff-detail__title' ariaRole='heading' aria-level={2}>
        正在替 {consent.village} {consent.headNameMasked} 家办事（到 {formatInstant(consent.expiresAt)}）
      </View>
      {household?.members.map((m) => {
        const e = m.enrolments.find((x) => x.year === year)
        return (
          <Text key={m.personId} className='staff-member'>
            {m.name} · {year}年{' '}
            {e?.status === 'enrolled' ? '已参保' : e?.status === 'unpaid' ? '还没交' : (e?.status ?? '—')}
          </Text>
        )
      })}
      <View className='staff-decide__buttons'>
        <Button
          className='btn btn-primary assist-pay'
          disabled={!household || year === null}
          onClick={async () => {
            const r = await payFor(consent.householdId, year as number, payKey)
            if (!r.ok) return setSaid(r.error.message)
            void Taro.navigateTo({ url: `/subpackages/pay/order/index?orderId=${encodeURIComponent(r.data.orderId)}` })
          }}
        >
          替这户交{year}年的医保费
        </Button>
        {consent.scopes.includes('enrol') ? (
          <Button
            className='btn assist-newborn'
            onClick={() =>
              void Taro.navigateTo({
                url: `/subpackages/enrol/add-member/index?kind=add_newborn&householdId=${encodeURIComponent(consent.householdId)}`
              })
            }
          >
            替这户申请新生儿参保
          </Button>
        ) : null}
      </View>
      {said ? (
        <View className='form-error' ariaRole='alert'>
          {said}
        </View>
      ) : null}
      <Text className='muted'>办过的事：{consent.actions.map((a) => actionLabel(a.action)).join('；')}</Text>
    </View>
  )
}

function Assist() {
  const [who, setWho] = useState({ idNumber: '', name: '', householdNumber: '' })
  const [asked, setAsked] = useState<AssistConsent | null>(null)
  const [code, setCode] = useState('')
  const [consents, setConsents] = useState<AssistConsent[]>([])
  const [said, setSaid] = useState<string | null>(null)
  const refresh = () => void myAssists().then((r) => r.ok && setConsents(r.data.consents))
  useEffect(refresh, [])
  const active = consents.filter((c) => c.status === 'active')
  const waiting = consents.filter((c) => c.status === 'form_pending')
  const formPage = (c: AssistConsent) =>
    void Taro.navigateTo({ url: `/subpackages/enrol/status/index?id=${encodeURIComponent(c.applicationId ?? '')}` })
  return (
    <View className='assist'>
      {active.map((c) => (
        <ActiveConsent key={c.consentId} consent={c} />
      ))}
      {waiting.map((c) => (
        <View key={c.consentId} className='card assist-waiting'>
          <Text>
            {c.village} {c.headNameMasked} 家的代办同意书：等县里确认（交于 {formatInstant(c.createdAt)}）
          </Text>
          <Button className='btn assist-form-photos' onClick={() => formPage(c)}>
            看同意书照片、补拍
          </Button>
        </View>
      ))}
      <View className='card'>
        <View className='staff-detail__title' ariaRole='heading' aria-level={2}>
          请这户当场同意
        </View>
        <Text className='muted'>
          填户里一个人的身份证号、姓名和户口簿户号，验证码会发到县里登记的这户手机上，请他念给您听。
        </Text>
        {asked === null ? (
          <>
            <Field
              label='身份证号'
              kind='id-number'
              value={who.idNumber}
              onInput={(v) => setWho({ ...who, idNumber: v })}
            />
            <Field label='姓名' value={who.name} onInput={(v) => setWho({ ...who, name: v })} />
            <Field
              label='户口簿户号'
              value={who.householdNumber}
              onInput={(v) => setWho({ ...who, householdNumber: v })}
            />
            <Button
              className='btn btn-primary assist-ask'
              onClick={async () => {
                const r = await startAssist({
                  idNumber: who.idNumber.trim(),
                  name: who.name.trim(),
                  householdNumber: who.householdNumber.trim()
                })
                if (!r.ok) return setSaid(r.error.message)
                setSaid(`验证码已发到这户的手机 ${r.data.phoneMasked ?? ''}`)
                setAsked(r.data)
              }}
            >
              发验证码给这户
            </Button>
            <Text className='muted'>
              这户没有手机，或收不到验证码：请户主在代办同意书上签字或按手印，拍照交县里确认。
            </Text>
            <Button
              className='btn assist-form'
              onClick={async () => {
                const r = await startAssist({
                  idNumber: who.idNumber.trim(),
                  name: who.name.trim(),
                  householdNumber: who.householdNumber.trim(),
                  method: 'form'
                })
                if (!r.ok) return setSaid(r.error.message)
                refresh()
                formPage(r.data)
              }}
            >
              拍代办同意书
            </Button>
          </>
        ) : (
          <>
            <Field label='这户念给您的验证码' kind='code' value={code} onInput={setCode} />
            <Button
              className='btn btn-primary assist-confirm'
              onClick={async () => {
                const r = await confirmAssist(asked.consentId, code)
                if (!r.ok) return setSaid(r.error.message)
                setSaid('这户已同意，两小时内可以替他办')
                setAsked(null)
                setCode('')
                refresh()
              }}
            >
              确认
            </Button>
          </>
        )}
        <Said text={said} />
      </View>
    </View>
  )
}

export function AssistScreen() {
  return (
    <StaffGate allow={['assistant']} current={HERE}>
      {() => <Assist />}
    </StaffGate>
  )
}
