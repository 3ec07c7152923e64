// "从哪天起看病能报销": one sentence for the day a member's cover starts paying, shown the same way
// on the quote, the payment's confirmation, the receipt (and its picture) and home. The dates are
// always the county's (its enrolment record, or the quote's from the same calculator rule):
// nothing here works them out.
import { Text } from '@tarojs/components'
import { benefitText } from './text'
import './index.scss'

export { benefitText }

export function BenefitDates({
  start,
  end,
  waiting,
  className
}: {
  start: string | null
  end?: string | null
  /** the start is later than the year's first day (a waiting period): shown stronger */
  waiting?: boolean
  className?: string
}) {
  if (!start) return null
  return (
    <Text
      className={`benefit-dates${waiting ? ' benefit-dates--waiting' : ''}${className ? ` ${className}` : ''}`}
      data-benefit-start={start}
    >
      {benefitText(start, end)}
    </Text>
  )
}
