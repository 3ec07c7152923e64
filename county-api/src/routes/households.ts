// Tag `households`: binding the signed-in user to their person (ID number + name), and the
// household with its members and their enrolment by year.
import type { Ctx } from '../context'
import type { HouseholdRow, PersonRow } from '../db/rows'
import type { TagHandlers } from './handler'
import { requireHousehold } from '../access'
import { rateLimit } from '../auth'
import { ApiFailure } from '../errors'
import { householdView, meView } from '../views'
import { checkIdNumber } from '../../../src/shared/id-number'
import { normaliseName as normaliseDots } from '../../../src/shared/names'

/** Names are compared as the app's normaliser does (every look-alike of the middle dot is ·), on NFC text. */
function normaliseName(name: string): string {
  return normaliseDots(name.normalize('NFC'))
}

export const householdsRoutes = (ctx: Ctx): TagHandlers<'households'> => ({
  bindHousehold: ({ body, user }) => {
    rateLimit(ctx, `bind:${user.id}`, 10)
    const id = checkIdNumber(body.idNumber)
    if (!id.ok)
      throw new ApiFailure('BAD_REQUEST', { field: 'idNumber', problem: id.problem }, '身份证号不正确，请核对')
    const p = ctx.db
      .prepare(
        'SELECT p.*, h.household_number FROM persons p JOIN households h ON h.id = p.household_id WHERE p.id_number = ?'
      )
      .get(id.value) as (PersonRow & { household_number: string | null }) | undefined
    // One answer for "unknown number" and "wrong name", so the endpoint cannot be used to probe who is insured.
    if (!p || normaliseName(p.name) !== normaliseName(body.name)) throw new ApiFailure('BIND_MISMATCH')
    if (p.household_number && body.householdNumber !== undefined && body.householdNumber.trim() !== p.household_number)
      throw new ApiFailure('BIND_MISMATCH')
    if (user.person_id && user.person_id !== p.id)
      throw new ApiFailure('CONFLICT', undefined, '这个账号已经绑定了其他人')
    ctx.db.prepare('UPDATE users SET person_id = ? WHERE id = ?').run(p.id, user.id)
    return meView(ctx, { ...user, person_id: p.id })
  },

  getHousehold: ({ params, user }) => {
    const access = requireHousehold(ctx, user, params.householdId, 'status', 'view_household')
    const h = ctx.db.prepare('SELECT * FROM households WHERE id = ?').get(params.householdId) as HouseholdRow
    return householdView(ctx, h, user, access)
  }
})
