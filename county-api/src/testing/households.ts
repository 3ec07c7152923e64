// Households for tests and benchmarks to pay for: read from a test server's database, bound the way
// a villager binds (ID number, name and booklet number, then the code sent to the roster phone).
import type { Client } from './client'
import { peek } from './db-peek'

export interface UnboundHead {
  household_id: string
  id_number: string
  name: string
  household_number: string
}

/**
 * Heads with a phone on the roster and no account bound yet, whose household has nothing paid,
 * pending or ordered for `year` (generated households only: after the demo stories).
 */
export function unboundHeads(dbPath: string, year: number, order: 'asc' | 'desc' = 'asc'): UnboundHead[] {
  return peek<UnboundHead>(
    dbPath,
    `
    SELECT h.id AS household_id, p.id_number, p.name, h.household_number FROM households h JOIN persons p ON p.id = h.head_person_id
    WHERE h.id > 'hh_0010' AND p.phone IS NOT NULL AND h.household_number IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.household_id = h.id AND o.year = ?)
      AND NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = p.id)
      AND NOT EXISTS (SELECT 1 FROM enrolments e JOIN persons q ON q.id = e.person_id WHERE q.household_id = h.id AND e.year = ? AND e.status != 'lapsed')
    ORDER BY h.id ${order === 'asc' ? 'ASC' : 'DESC'}`,
    year,
    year
  )
}

/** A new account bound to the head of a household with nothing paid or open for `year`. */
export async function freshHousehold(
  api: Client,
  dbPath: string,
  label: string,
  opts: { year?: number; order?: 'asc' | 'desc' } = {}
): Promise<{ householdId: string; token: string; head: UnboundHead }> {
  const [head] = unboundHeads(dbPath, opts.year ?? 2027, opts.order)
  if (!head) throw new Error('no household left to pay for')
  const token = await api.wechat(`${label}-${head.household_id.replace(/_/g, '-')}`)
  await api.bind(token, { idNumber: head.id_number, name: head.name, householdNumber: head.household_number })
  return { householdId: head.household_id, token, head }
}
