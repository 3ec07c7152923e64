// Search and labels for the designated institutions list.
import type { Institution } from '@/contract'

import { LEVELS, type Level } from '@/shared/care-labels'

export { LEVEL_LABEL, LEVELS, type Level } from '@/shared/care-labels'

export const AGREEMENT_TEXT: Record<Institution['agreement']['status'], string> = {
  active: '可以用医保',
  suspended: '暂停医保结算',
  terminated: '已不是定点医院'
}

export interface InstitutionQuery {
  text: string
  township: string | 'all'
  level: Level | 'all'
}

const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase()

export function searchInstitutions(list: readonly Institution[], q: InstitutionQuery): Institution[] {
  const t = norm(q.text)
  return (
    list
      .filter(
        (i) =>
          (q.township === 'all' || i.township === q.township) &&
          (q.level === 'all' || i.level === q.level) &&
          (t === '' || norm(i.name).includes(t) || norm(i.township).includes(t) || norm(i.address).includes(t))
      )
      // usable ones first, then by level (nearest care first) and name
      .sort(
        (a, b) =>
          Number(a.agreement.status !== 'active') - Number(b.agreement.status !== 'active') ||
          LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) ||
          a.name.localeCompare(b.name, 'zh')
      )
  )
}

export function townshipsOf(list: readonly Institution[]): string[] {
  return Array.from(new Set(list.map((i) => i.township))).sort((a, b) => a.localeCompare(b, 'zh'))
}
