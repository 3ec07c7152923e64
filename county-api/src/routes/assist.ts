// Tag `assist`: a 村医 or 协管员 acting for a household with its consent (assist.ts); the household's
// list of who acted for it, and taking a consent back. What the assistant then does goes through the
// household's own routes (status, pay, a newborn's application), allowed by access.ts and logged.
import type { Ctx } from '../context'
import type { TagHandlers } from './handler'
import { confirmAssist, householdAssists, myAssists, revokeAssist, startAssist } from '../assist'

export const assistRoutes = (ctx: Ctx): TagHandlers<'assist'> => ({
  startAssist: async ({ body, user, reply }) => {
    const consent = await startAssist(ctx, user, body)
    reply.status(201)
    return consent
  },
  confirmAssist: ({ params, body, user }) => confirmAssist(ctx, user, params.consentId, body.code),
  listMyAssists: ({ user }) => ({ consents: myAssists(ctx, user) }),
  listHouseholdAssists: ({ params, user }) => ({ consents: householdAssists(ctx, user, params.householdId) }),
  revokeAssist: ({ params, user }) => revokeAssist(ctx, user, params.consentId)
})
