import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Static, TSchema } from 'typebox'
import type { RouteDef } from '../../src/contract/routes'
import type { Clock } from './clock'
import type { Config } from './config'
import type { DB } from './db'
import type { Logger } from './log'
import type { CalculatorPort } from './settlement/port'
import type { PaymentProvider } from './payment/provider'

export interface UserRow {
  id: string
  role: 'villager' | 'reviewer'
  openid: string | null
  phone: string | null
  person_id: string | null
  display_name: string
}

export interface Ctx {
  db: DB
  clock: Clock
  config: Config
  log: Logger
  calc: CalculatorPort
  payments: PaymentProvider
  /** Base URL the server listens on (known after listen). */
  url: () => string
  app: () => FastifyInstance
}

type In<T> = T extends TSchema ? Static<T> : undefined

export interface Call<R extends RouteDef> {
  body: In<R['body']>
  params: In<R['params']>
  query: In<R['querystring']>
  user: UserRow
  req: FastifyRequest
  reply: FastifyReply
}

export type Handler<R extends RouteDef> = (call: Call<R>) => unknown
