// Tag `statements` (issue 19): the household's yearly statement (参保缴费证明) as JSON (the app
// draws its picture from it) and as a PDF, and the public check of a verification code.
// A statement shows enrolment, payments and claims, so a grantee needs all three scopes; every
// grantee's look is in the household's access log. Issuing is limited per account, checking per
// address (in memory, limits.ts).
import type { Ctx } from '../context'
import type { UserRow } from '../db/rows'
import type { TagHandlers } from './handler'
import { relationTo, requireHousehold } from '../access'
import { ApiFailure } from '../errors'
import { yearOf } from '../clock'
import { checkStatement, issueStatement } from '../statements/statement'
import { statementPdf } from '../statements/pdf'
import { sendBytes } from './handler'

async function statementFor(ctx: Ctx, user: UserRow, householdId: string, year: number | undefined, action: string) {
  const access = await relationTo(ctx, user, householdId)
  if (!access) throw new ApiFailure('NOT_FOUND')
  const missing = (['status', 'pay', 'claims'] as const).find((s) => !access.scopes.includes(s))
  if (missing) throw new ApiFailure('FORBIDDEN', { needs: missing })
  await requireHousehold(ctx, user, householdId, 'status', action, access)
  return await issueStatement(ctx, householdId, year ?? yearOf(ctx.clock.now()))
}

export const statementsRoutes = (ctx: Ctx): TagHandlers<'statements'> => ({
  getStatement: async ({ params, query, user }) =>
    await statementFor(ctx, user, params.householdId, query.year, 'view_statement'),

  getStatementPdf: async ({ params, query, user, reply }) => {
    const s = await statementFor(ctx, user, params.householdId, query.year, 'download_statement')
    const base = ctx.config.publicUrl ?? ctx.url()
    const pdf = await statementPdf(s, `${base}/v1/statements/verify/${s.verificationCode}`)
    void reply
      .type('application/pdf')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="statement-${s.year}.pdf"`)
    return sendBytes(reply.status(200), pdf)
  },

  verifyStatement: async ({ params }) => await checkStatement(ctx, params.code)
})
