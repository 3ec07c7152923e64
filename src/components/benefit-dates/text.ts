import { formatDate } from '@/services/time'

/** 2027年4月1日起看病能报销，到2027年12月31日 (the county's dates, in words) */
export function benefitText(start: string, end?: string | null): string {
  return `${formatDate(start)}起看病能报销${end ? `，到${formatDate(end)}` : ''}`
}
