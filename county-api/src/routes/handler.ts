// A route handler, typed by its route in the contract (src/contract/routes.ts): what it is handed
// (params, query and body as validated) and what it must answer (the route's response schema),
// so tsc rejects a handler that answers with the wrong shape. Each contract tag has one route
// file, routes/<tag>.ts, which returns exactly that tag's handlers (TagHandlers).
import type { FastifyReply, FastifyRequest } from 'fastify'
import type {
  RouteAnswer,
  RouteBody,
  RouteId,
  RouteParams,
  RouteQuery,
  RoutesOfTag,
  Tag
} from '../../../src/contract/routes'
import type { UserRow } from '../db/rows'

export interface Call<K extends RouteId> {
  body: RouteBody<K>
  params: RouteParams<K>
  query: RouteQuery<K>
  /** The signed-in user (routes with auth user or reviewer; checked before the handler runs). */
  user: UserRow
  req: FastifyRequest
  reply: FastifyReply
}

declare const sentAlready: unique symbol
/** The handler sent the answer itself (304 Not Modified, or bytes); only notModified() and sendBytes() make one. */
interface NotModified {
  readonly [sentAlready]: true
}

/** Answers 304 with no body (the client's copy is current). */
export function notModified(reply: FastifyReply): NotModified {
  void reply.status(304).send()
  return reply as unknown as NotModified
}

/** Answers with bytes that are no JSON (a reviewer's document), the status and type already set on `reply`. */
export function sendBytes(reply: FastifyReply, body: Buffer): NotModified {
  void reply.send(body)
  return reply as unknown as NotModified
}

type Out<K extends RouteId> = RouteAnswer<K> | NotModified

/** Synchronous where it can be: the server sends a plain value without a promise per request. */
export type Handler<K extends RouteId> = (call: Call<K>) => Out<K> | Promise<Out<K>>

/** What routes/<tag>.ts returns: a handler for every route of the tag, and none of another tag's. */
export type TagHandlers<T extends Tag> = { [K in RoutesOfTag<T>]: Handler<K> } & {
  [K in Exclude<RouteId, RoutesOfTag<T>>]?: never
}
