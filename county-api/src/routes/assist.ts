// Tag `assist`: a 村医 or 协管员 acting for a household with its consent (assist.ts); the household's
// list of who acted for it, and taking a consent back. What the assistant then does goes through the
// household's own routes (status, pay, a newborn's application), allowed by access.ts and logged.
import type { Ctx } from '../context'
import type { TagHandlers } from './handler'
import { confirmAssist, householdAssists, myAssists, revokeAssist, startAssist } from '../assist'

export const assistRoutes = (ctx: Ctx): TagHandlers<'assist'> => ({
  startAssist: async ({ body, user, reply }) => {
    const consent = await startAssist(ctx, user, body)
    void reply.status(201)
    return consent
  },
  confirmAssist: async ({ params, body, user }) => await confirmAssist(ctx, user, params.consentId, body.code),
  listMyAssists: async ({ user }) => ({ consents: await myAssists(ctx, user) }),
  listHouseholdAssists: async ({ params, user }) => ({
    consents: await householdAssists(ctx, user, params.householdId)
  }),
  revokeAssist: async ({ params, user }) => await revokeAssist(ctx, user, params.consentId)
})
