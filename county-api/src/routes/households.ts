// Tag `households`: binding the signed-in user to their person with proof (bindings.ts: ID number,
// name and booklet number, then a code to the roster phone or the head's approval), the head's
// list of bound accounts and requests, and the household with its members and enrolment by year.
import type { Ctx } from '../context'
import type { HouseholdRow } from '../db/rows'
import type { TagHandlers } from './handler'
import { requireHousehold } from '../access'
import { householdView, meView } from '../views'
import { confirmBinding, decideRequest, listBindings, ownRequest, removeBinding, startBinding } from '../bindings'

export const householdsRoutes = (ctx: Ctx): TagHandlers<'households'> => ({
  startBinding: ({ body, user, req }) => startBinding(ctx, { user, ip: req.ip }, body),

  confirmBinding: ({ body, user }) => {
    confirmBinding(ctx, user, body.requestId, body.code)
    const personId = (ctx.db.prepare('SELECT person_id FROM users WHERE id = ?').get(user.id) as { person_id: string })
      .person_id
    return meView(ctx, { ...user, person_id: personId })
  },

  getBindingRequest: ({ params, user }) => ownRequest(ctx, user, params.requestId),

  listBindings: ({ params, user }) => listBindings(ctx, user, params.householdId),

  approveBindingRequest: ({ params, user }) => decideRequest(ctx, user, params.requestId, true),

  refuseBindingRequest: ({ params, user }) => decideRequest(ctx, user, params.requestId, false),

  removeBinding: ({ params, user }) => removeBinding(ctx, user, params.bindingId),

  getHousehold: ({ params, user }) => {
    const access = requireHousehold(ctx, user, params.householdId, 'status', 'view_household')
    const h = ctx.db.prepare('SELECT * FROM households WHERE id = ?').get(params.householdId) as HouseholdRow
    return householdView(ctx, h, user, access)
  }
})
