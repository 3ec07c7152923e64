import { View, Text } from '@tarojs/components'
import type { Person } from '@/contract'
import { BenefitDates } from '@/components/benefit-dates'
import { StatusBadge, STATUS_TEXT } from '@/components/status-badge'
import { memberIdText } from '@/shared/mask'
import { ageOn, formatDate } from '@/services/time'
import { relationText } from '@/shared/names'
import { ReadAloudButton } from '@/components/read-aloud'
import { useSettings } from '@/features/settings/store'
import { CATEGORY_TEXT, PAYER_TEXT } from '../labels'
import { careToday, careWhy, enrolmentFor } from '../status'
import './member-card.scss'

interface Props {
  person: Person
  year: number
  today: string
  elderly?: boolean
}

/** A year's status as spoken, with who paid when it was not the member (民政代缴 …). */
function spokenYear(person: Person, year: number): string {
  const e = enrolmentFor(person, year)
  if (!e) return `${year}年还没缴费`
  return `${year}年${STATUS_TEXT[e.status]}${e.payer && e.payer !== 'self' ? `，${PAYER_TEXT[e.payer]}` : ''}`
}

/** The sentence read aloud: name, this year's status, whether care is covered today and why, next year. */
export function spokenStatus(person: Person, year: number, today: string): string {
  const e = enrolmentFor(person, year)
  const care = careToday(e, today)
  const reason = careWhy(care)
  return (
    `${person.name}，${e ? spokenYear(person, year) : `${year}年没有参保记录`}。今天看病${care.yes ? '可以' : '不能'}报销${reason ? `，${reason}` : ''}。` +
    `${spokenYear(person, year + 1)}。`
  )
}

export function MemberCard({ person, year, today, elderly }: Props) {
  const e = enrolmentFor(person, year)
  const next = enrolmentFor(person, year + 1)
  const care = careToday(e, today)
  const voice = useSettings((s) => s.voice)
  const categories = person.categories.filter((c) => c !== 'ordinary' || person.categories.length === 1)
  return (
    <View
      className={`card member-card member-card--${care.yes ? 'covered' : 'not-covered'}`}
      data-person={person.personId}
    >
      <View className='member-card__head'>
        <Text className='member-card__name'>{person.name}</Text>
        <Text className='member-card__relation'>
          {relationText(person.relation)} · {ageOn(person.birthDate, today)}岁
        </Text>
      </View>
      {!elderly ? (
        <View className='member-card__meta muted'>
          <Text>{categories.map((c) => CATEGORY_TEXT[c]).join('、')}</Text>
          <Text className='member-card__id'>{memberIdText(person)}</Text>
        </View>
      ) : null}
      <View className={`member-card__care member-card__care--${care.yes ? 'yes' : 'no'}`}>
        <Text className='member-card__care-answer'>{care.yes ? '✓ 今天看病能报销' : '✗ 今天看病不能报销'}</Text>
        <Text className='member-card__care-reason'>{care.reason}</Text>
      </View>
      <View className='member-card__years'>
        <View className='member-card__year'>
          <Text>{year}年</Text>
          <StatusBadge status={e ? e.status : 'none'} />
          {e?.payer ? <Text className='muted'>{PAYER_TEXT[e.payer]}</Text> : null}
        </View>
        <View className='member-card__year'>
          <Text>{year + 1}年</Text>
          <StatusBadge status={next ? next.status : 'unpaid'} />
          {next?.payer ? <Text className='muted'>{PAYER_TEXT[next.payer]}</Text> : null}
        </View>
      </View>
      {/* next year paid: from which day claims are paid, the county's record (as on the receipt) */}
      {next?.status === 'enrolled' ? (
        <BenefitDates
          className='member-card__next-benefit'
          start={next.benefitStart}
          end={next.benefitEnd}
          waiting={!!next.benefitStart && next.benefitStart > `${year + 1}-01-01`}
        />
      ) : null}
      {care.from && !care.yes && !elderly ? <Text className='muted'>保障开始：{formatDate(care.from)}</Text> : null}
      <View className='member-card__speak'>
        <ReadAloudButton
          readKey={person.personId}
          text={spokenStatus(person, year, today)}
          voice={voice}
          label={`${person.name}的参保情况`}
        />
      </View>
    </View>
  )
}
