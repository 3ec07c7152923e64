// Idempotency-Key, one way for every route that creates something (orders, applications,
// uploaded documents): the same key with the same request answers as the first time did and
// creates nothing more; the same key with a different request is IDEMPOTENCY_KEY_REUSED.
// Keys belong to the user who sent them: two users can never collide.
import type { Ctx } from './context'
import { ApiFailure } from './errors'
import { sha256 } from './ids'
import { inTx } from './db'

/** What identifies "the same request": the parts that decide what gets created. */
export function requestHash(parts: unknown): string {
  return sha256(JSON.stringify(parts))
}

/** The first request made with this key, if any; a different request with it is refused. */
export function sameRequest<T extends { request_hash: string }>(first: T | undefined, hash: string): T | undefined {
  if (first && first.request_hash !== hash) throw new ApiFailure('IDEMPOTENCY_KEY_REUSED')
  return first
}

/**
 * Runs `create` (which returns the new object's id; it gets the transaction's ctx and uses only that) at most once per user, route and key, in one
 * transaction with the key's record. A repeat gets the first id and `replayed: true`. Without a
 * key the request is simply carried out. (Orders keep their key on the order row itself.)
 */
export async function once(
  ctx: Ctx,
  userId: string,
  route: string,
  key: string | undefined,
  hash: string,
  create: (ctx: Ctx) => Promise<string>
): Promise<{ id: string; replayed: boolean }> {
  if (key === undefined) return { id: await create(ctx), replayed: false }
  return await inTx(ctx, async (ctx) => {
    const first = sameRequest(
      await ctx.db.get<{ request_hash: string; resource_id: string }>(
        'SELECT request_hash, resource_id FROM idempotency_keys WHERE user_id = ? AND route = ? AND key = ?',
        userId,
        route,
        key
      ),
      hash
    )
    if (first) return { id: first.resource_id, replayed: true }
    const id = await create(ctx)
    await ctx.db.run(
      'INSERT INTO idempotency_keys (user_id, route, key, request_hash, resource_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      userId,
      route,
      key,
      hash,
      id,
      ctx.clock.now()
    )
    return { id, replayed: false }
  })
}
