import type { RouteId } from '../../../src/contract/routes'
import type { Ctx, Handler } from '../context'
import { authHandlers } from './auth'
import { householdHandlers } from './households'
import { orderHandlers } from './orders'
import { claimHandlers } from './claims'
import { publicHandlers } from './public'
import { familyHandlers } from './family'
import { applicationHandlers } from './applications'
import { concernHandlers } from './concerns'
import { notificationHandlers } from './notifications'

export function makeHandlers(ctx: Ctx): Record<RouteId, Handler<never>> {
  return {
    ...authHandlers(ctx),
    ...householdHandlers(ctx),
    ...orderHandlers(ctx),
    ...claimHandlers(ctx),
    ...publicHandlers(ctx),
    ...familyHandlers(ctx),
    ...applicationHandlers(ctx),
    ...concernHandlers(ctx),
    ...notificationHandlers(ctx)
  } as Record<RouteId, Handler<never>>
}
