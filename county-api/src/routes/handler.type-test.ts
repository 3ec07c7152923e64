// Type-level tests of the handler typing (handler.ts), checked by tsc (npm run typecheck) and
// never run. Each @ts-expect-error marks a handler the contract must reject: if the typing ever
// lets one through, tsc fails here with "Unused '@ts-expect-error' directive".
import type { RouteId, Tag } from '../../../src/contract/routes'
import type { Ctx } from '../context'
import type { Handler, TagHandlers } from './handler'

function handles<K extends RouteId>(_handler: Handler<K>): void {}
function routeFile<T extends Tag>(_routes: (ctx: Ctx) => TagHandlers<T>): void {}
const unreachable = (): never => {
  throw new Error('type test: not run')
}

// The right answer compiles, sync or async.
handles<'signOut'>(() => ({ ok: true }))
handles<'signOut'>(async () => ({ ok: true }))

// @ts-expect-error an order is more than its id
handles<'getOrder'>(() => ({ orderId: 'ord_1' }))

handles<'listClaims'>(() => ({
  personId: 'p_1',
  year: 2026,
  cap: null,
  // @ts-expect-error money is a two-decimal string, never a number
  capUsed: 0,
  capRemaining: null,
  summary: null,
  claims: []
}))

// @ts-expect-error an async handler is checked too
handles<'signOut'>(async () => ({ ok: 'yes' }))

handles<'createOrder'>(({ body }) => {
  // @ts-expect-error the handler sees the route's body as validated: an order is asked for by year, not amount
  void body.amount
  return unreachable()
})

// A route file answers for its tag's routes: all of them…
routeFile<'policy'>(() => ({
  getPolicy: unreachable
}))
// @ts-expect-error …not fewer…
routeFile<'households'>(() => ({
  getHousehold: unreachable
}))
routeFile<'policy'>(() => ({
  getPolicy: unreachable,
  // @ts-expect-error …and no route of another tag
  getHousehold: unreachable
}))
