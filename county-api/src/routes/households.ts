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

  confirmBinding: async ({ body, user }) => {
    await confirmBinding(ctx, user, body.requestId, body.code)
    const personId = (await ctx.db.get<{ person_id: string }>('SELECT person_id FROM users WHERE id = ?', user.id))!
      .person_id
    return await meView(ctx, { ...user, person_id: personId })
  },

  getBindingRequest: async ({ params, user }) => await ownRequest(ctx, user, params.requestId),

  listBindings: async ({ params, user }) => await listBindings(ctx, user, params.householdId),

  approveBindingRequest: async ({ params, user }) => await decideRequest(ctx, user, params.requestId, true),

  refuseBindingRequest: async ({ params, user }) => await decideRequest(ctx, user, params.requestId, false),

  removeBinding: async ({ params, user }) => await removeBinding(ctx, user, params.bindingId),

  getHousehold: async ({ params, user }) => {
    const access = await requireHousehold(ctx, user, params.householdId, 'status', 'view_household')
    const h = (await ctx.db.get<HouseholdRow>('SELECT * FROM households WHERE id = ?', params.householdId))!
    return await householdView(ctx, h, user, access)
  }
})
