// Every route's handler, by contract tag: one file per tag (routes/<tag>.ts), each returning
// exactly its tag's handlers, so a route added to the contract fails tsc until its tag's file
// handles it.
import type { RouteId, Tag } from '../../../src/contract/routes'
import type { Ctx } from '../context'
import type { Handler, TagHandlers } from './handler'
import { authRoutes } from './auth'
import { householdsRoutes } from './households'
import { policyRoutes } from './policy'
import { payRoutes } from './pay'
import { simulatedCashierRoutes } from './simulated-cashier'
import { claimsRoutes } from './claims'
import { institutionsRoutes } from './institutions'
import { familyRoutes } from './family'
import { enrolRoutes } from './enrol'
import { noticesRoutes } from './notices'
import { notificationsRoutes } from './notifications'
import { speechRoutes } from './speech'
import { statementsRoutes } from './statements'
import { staffRoutes } from './staff'
import { assistRoutes } from './assist'

const byTag: { [T in Tag]: (ctx: Ctx) => TagHandlers<T> } = {
  auth: authRoutes,
  households: householdsRoutes,
  policy: policyRoutes,
  pay: payRoutes,
  'simulated-cashier': simulatedCashierRoutes,
  claims: claimsRoutes,
  institutions: institutionsRoutes,
  family: familyRoutes,
  enrol: enrolRoutes,
  notices: noticesRoutes,
  notifications: notificationsRoutes,
  speech: speechRoutes,
  statements: statementsRoutes,
  staff: staffRoutes,
  assist: assistRoutes
}

export function makeHandlers(ctx: Ctx): { [K in RouteId]: Handler<K> } {
  return Object.assign({}, ...Object.values(byTag).map((routesOf) => routesOf(ctx)))
}
