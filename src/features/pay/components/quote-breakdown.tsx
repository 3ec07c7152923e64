// The quote as the county computed it: who pays how much and why, the household total,
// the collection window and what paying late costs. Nothing is recomputed here.
import { View, Text } from '@tarojs/components'
import type { Quote, QuoteLine } from '@/contract'
import { BenefitDates } from '@/components/benefit-dates'
import { Money } from '@/components/money'
import { formatDate } from '@/services/time'
import { toPlainWords } from '@/shared/plain-words'
import { CATEGORY_TEXT, PAYER_TEXT, isZero } from '../labels'
import { collectionWindow, deadlineOf, waitingText, type PolicyFacts } from '../policy-facts'
import './pay.scss'

interface Props {
  quote: Quote
  facts: PolicyFacts | null
  /** YYYY-MM-DD, Beijing */
  today: string
  /** pay-for-others hides member details the payer may not see */
  compact?: boolean
}

function zeroReason(l: QuoteLine): string | null {
  // a department pays the whole share (资助参保): say which, and for what, enrolled or not yet
  const who = l.categories
    .filter((c) => c !== 'ordinary' && c !== 'elderly' && c !== 'student')
    .map((c) => CATEGORY_TEXT[c])
  const byOthers =
    l.payer !== 'self' ? `${PAYER_TEXT[l.payer]}${who.length ? `（${who.join('、')}）` : ''}，个人不用交` : null
  if (l.alreadyEnrolled) return byOthers ? `已经参保：${byOthers}` : '已经参保，这次不用交'
  if (!isZero(l.due)) return null
  return byOthers ?? '个人不用交'
}

/** The calculator applied the policy's newborn rule to this member (covered from birth, no waiting period). */
function coveredFromBirth(quote: Quote, personId: string): boolean {
  const m = quote.calculation?.members.find((x) => x.memberId === personId)
  return !!m && m.steps.some((st) => st.rule === 'contribution.newborn')
}

/** Every member is already enrolled for the year: nothing is charged, the year is paid up. */
export function allEnrolled(quote: Quote): boolean {
  return quote.lines.length > 0 && quote.lines.every((l) => l.alreadyEnrolled)
}

/** Everyone still to pay is a newborn the policy covers from birth: the collection deadline does not apply to them. */
function onlyNewbornsFromBirth(quote: Quote): boolean {
  const due = quote.lines.filter((l) => !l.alreadyEnrolled)
  return due.length > 0 && due.every((l) => coveredFromBirth(quote, l.personId))
}

/** A member already enrolled for the year: the name and 已参保 (the county's label for such a line says the same). */
function EnrolledRow({ line, note }: { line: QuoteLine; note?: string | null }) {
  return (
    <View className='pay-member pay-member--enrolled' data-person={line.personId}>
      <View className='pay-member__head'>
        <View className='pay-member__who'>
          <Text className='pay-member__name'>{line.name}</Text>
        </View>
        <View className='pay-member__due'>
          {/* a department paid the whole share (资助参保): the family's part is 0, said so */}
          {line.payer !== 'self' ? (
            <Text className='pay-label'>
              个人交 <Money value='0.00' className='pay-member__amount' /> ·{' '}
            </Text>
          ) : null}
          <Text className='pay-member__enrolled'>已参保</Text>
        </View>
      </View>
      {note ? (
        <View className='pay-member__reason'>
          <Text>{note}</Text>
        </View>
      ) : null}
    </View>
  )
}

function MemberRow({ line, year, fromBirth }: { line: QuoteLine; year: number; fromBirth: boolean }) {
  // no standard/subsidy figures for someone not charged this time (the county sends zeros)
  if (line.alreadyEnrolled) return <EnrolledRow line={line} note={zeroReason(line)} />
  const reason = zeroReason(line)
  const lateStart = !fromBirth && line.benefitStart && line.benefitStart > `${year}-01-01` ? line.benefitStart : null
  return (
    <View className='pay-member' data-person={line.personId} data-benefit-start={line.benefitStart ?? ''}>
      <View className='pay-member__head'>
        <View className='pay-member__who'>
          <Text className='pay-member__name'>{line.name}</Text>
          <Text className='pay-member__cat'>{line.categoryLabel}</Text>
        </View>
        <View className='pay-member__due'>
          <Text className='pay-label'>应交 </Text>
          <Money value={line.due} className='pay-member__amount' />
        </View>
      </View>
      <View className='pay-member__detail'>
        {/* plain words for 筹资标准 / 财政补助: what a year costs per person, and what the state pays of it */}
        <Text>
          一年每人共 <Money value={line.standard} />
          ，国家补贴 <Money value={line.subsidy} />
        </Text>
        {!isZero(line.paidByOthers) ? (
          <Text>
            ，{line.payer === 'self' ? '有关部门资助' : PAYER_TEXT[line.payer]} <Money value={line.paidByOthers} />
          </Text>
        ) : null}
        {!isZero(line.arrears) ? (
          <Text>
            ，补缴往年 <Money value={line.arrears} />
          </Text>
        ) : null}
      </View>
      {reason ? (
        <View className='pay-member__reason'>
          <Text>{reason}</Text>
        </View>
      ) : null}
      {/* from which day claims are paid: the calculator's date, the one the county will record */}
      {!fromBirth && line.benefitStart ? (
        <BenefitDates start={line.benefitStart} end={line.benefitEnd} waiting={!!lateStart} />
      ) : null}
      {lateStart ? (
        <View className='pay-member__wait'>
          <Text>补交往年或晚交的，要先等一段时间才能报销，这段时间看病的钱不能报</Text>
        </View>
      ) : null}
      {fromBirth && line.benefitStart ? (
        <View className='pay-member__from-birth'>
          <Text>新生儿及时参保：从出生那天（{formatDate(line.benefitStart)}）起就能报销</Text>
        </View>
      ) : null}
    </View>
  )
}

export function CollectionWindowLine({ quote, facts, today }: Pick<Props, 'quote' | 'facts' | 'today'>) {
  // nothing left to pay (paid up, or paid for by others): no deadline to count down to
  if (allEnrolled(quote) || isZero(quote.total)) return null
  const w = collectionWindow(quote, today, facts)
  const start = quote.collectionPeriod?.start
  const end = deadlineOf(quote, facts)
  if (!w || !end) return null
  const newborns = w.kind !== 'open' && w.kind !== 'before' && onlyNewbornsFromBirth(quote)
  return (
    <View className={`pay-window pay-window--${newborns ? 'newborn' : w.kind}`}>
      <Text className='pay-window__range'>
        缴费时间：{start ? `${formatDate(start)} 至 ` : ''}
        {formatDate(end)}
      </Text>
      <Text className='pay-window__left'>
        {w.kind === 'open'
          ? w.daysLeft === 0
            ? '今天是最后一天'
            : `离截止还有 ${w.daysLeft} 天`
          : w.kind === 'before'
            ? `还有 ${w.daysToStart} 天开始缴费`
            : newborns
              ? '新生儿出生后及时参保，不受这个期限限制'
              : `已过截止日期 ${w.daysLate} 天`}
      </Text>
    </View>
  )
}

function LateRules({ quote, facts }: { quote: Quote; facts: PolicyFacts | null }) {
  const waiting = waitingText(facts)
  // only members charged this time: an already enrolled line carries no figures
  const standards = Array.from(
    new Set(quote.lines.filter((l) => !l.alreadyEnrolled && !isZero(l.standard)).map((l) => l.standard))
  )
  return (
    <View className='card pay-rules' ariaRole='region' ariaLabel='晚交的后果'>
      <Text className='pay-section-title'>晚交会怎样</Text>
      {waiting ? (
        <View className='pay-rule'>
          <Text>
            {facts?.waitingOnlyWhenLate === false ? '交钱以后' : '过了截止日期再交'}：从交钱的月份起，要等 {waiting}{' '}
            才能报销，这段时间看病的钱不能报。
          </Text>
        </View>
      ) : null}
      {facts?.arrearsSubsidised === false ? (
        <View className='pay-rule'>
          <Text>
            断保后再补交往年的钱，没有国家补贴，每人每年按全额
            {standards.length > 0 ? (
              <>
                {standards.map((s, i) => (
                  <Text key={s}>
                    {i > 0 ? ' 或 ' : ' '}
                    <Money value={s} />
                  </Text>
                ))}{' '}
              </>
            ) : null}
            交{facts.arrearsWaitingMonths !== null ? `，补交后还要等 ${facts.arrearsWaitingMonths} 个月才能报销` : ''}。
          </Text>
        </View>
      ) : null}
      {!waiting && facts?.arrearsSubsidised !== false ? (
        <View className='pay-rule'>
          <Text>按时交，明年1月1日起就能报销。晚交的规定以县医保局公告为准。</Text>
        </View>
      ) : null}
    </View>
  )
}

function PaidUp({ quote }: { quote: Quote }) {
  return (
    <View className='pay-quote pay-quote--paid'>
      <View className='card pay-total pay-paid' ariaRole='region' ariaLabel='已交清'>
        <Text className='pay-paid__title'>{quote.year}年全家都已交清</Text>
        <Text className='pay-total__note'>这一年全家都已经参保，不用再交钱了。</Text>
      </View>
      <View className='card'>
        <Text className='pay-section-title'>参保的家人</Text>
        {quote.lines.map((l) => (
          <EnrolledRow key={l.personId} line={l} note={l.payer !== 'self' ? zeroReason(l) : null} />
        ))}
      </View>
    </View>
  )
}

export function QuoteBreakdown({ quote, facts, today, compact }: Props) {
  if (allEnrolled(quote)) return <PaidUp quote={quote} />
  const allZero = isZero(quote.total)
  return (
    <View className='pay-quote'>
      <View className='card pay-total' ariaRole='region' ariaLabel='全家应交'>
        <Text className='pay-total__label'>{quote.year}年 全家一共要交</Text>
        <Money value={quote.total} className='pay-total__amount' />
        <CollectionWindowLine quote={quote} facts={facts} today={today} />
        {allZero ? <Text className='pay-total__note'>这一年不用再交钱了。</Text> : null}
      </View>

      {quote.issues.length > 0 ? (
        <View className='card pay-issues' ariaRole='alert'>
          {quote.issues.map((i) => (
            <View key={i.code} className='pay-issue'>
              <Text>{i.message}</Text>
            </View>
          ))}
        </View>
      ) : null}

      <View className='card'>
        <Text className='pay-section-title'>每个人交多少</Text>
        {quote.lines.map((l) => (
          <MemberRow key={l.personId} line={l} year={quote.year} fromBirth={coveredFromBirth(quote, l.personId)} />
        ))}
        <View className='pay-sum'>
          <Text>合计</Text>
          <Money value={quote.total} className='pay-sum__amount' />
        </View>
      </View>

      {!compact ? (
        <View className='card pay-rules'>
          <Text className='pay-section-title'>全家一起参保</Text>
          <View className='pay-rule'>
            <Text>
              {facts?.householdUnit === false
                ? '本县可以按人参保，每个人单独交。'
                : '户口本上的家人要一起参保、一起交钱。已经在别处参保的（比如参加了职工医保，或学生在学校参保）不用在这里交。'}
            </Text>
          </View>
        </View>
      ) : null}

      {/* what paying late costs matters only while there is something to pay */}
      {!compact && !allZero ? <LateRules quote={quote} facts={facts} /> : null}

      {quote.steps.length > 0 ? (
        <View className='card pay-steps'>
          <Text className='pay-section-title'>县里是怎么算的</Text>
          {quote.steps.map((s, i) => (
            <View key={`${s.rule}-${i}`} className='pay-step'>
              <Text>
                {i + 1}. {toPlainWords(s.label)}
              </Text>
            </View>
          ))}
          <Text className='muted'>政策版本 {quote.policyVersion}</Text>
        </View>
      ) : null}
    </View>
  )
}
