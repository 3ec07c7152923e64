// The simulator's request and answer, and a route (its own tiny router over node:http).
import type http from 'node:http'

export interface SimRequest {
  method: string
  /** path and query, as signed */
  url: string
  path: string
  query: URLSearchParams
  headers: http.IncomingHttpHeaders
  body: string
}

export interface SimAnswer {
  status: number
  body?: unknown
  /** sent as is (HTML, a bill file); otherwise JSON */
  raw?: { contentType: string; text: string }
  headers?: Record<string, string>
  /** sign the answer as WeChat Pay does (its API answers); not the mini-program API, bills or pages */
  signed?: boolean
}

export type Route = (req: SimRequest, params: string[]) => SimAnswer | Promise<SimAnswer>
