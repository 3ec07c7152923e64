// A tiny fetch client for tests and the benchmark (Node 20 fetch).
export interface Res<T = any> {
  status: number
  body: T
  headers: Headers
}

export function client(base: string) {
  async function call<T = any>(
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}
  ): Promise<Res<T>> {
    const headers: Record<string, string> = { ...opts.headers }
    if (opts.token) headers.authorization = `Bearer ${opts.token}`
    let body: string | undefined
    if (opts.body !== undefined) {
      headers['content-type'] = 'application/json'
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body)
    }
    const res = await fetch(base + path, { method, headers, body })
    const text = await res.text()
    let parsed: unknown = text
    try {
      parsed = text ? JSON.parse(text) : undefined
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T, headers: res.headers }
  }
  return {
    call,
    get: <T = any>(path: string, token?: string, headers?: Record<string, string>) =>
      call<T>('GET', path, { token, headers }),
    post: <T = any>(path: string, body: unknown, token?: string, headers?: Record<string, string>) =>
      call<T>('POST', path, { token, body, headers }),
    del: <T = any>(path: string, token?: string) => call<T>('DELETE', path, { token }),
    /** The county's clock (TEST_HOOKS only), epoch ms: tests run on a pinned clock, not the machine's. */
    async now(): Promise<number> {
      const r = await call('GET', '/__test/clock')
      if (r.status !== 200) throw new Error(`clock hook refused: ${r.status}`)
      return Date.parse(r.body.now as string)
    },
    /** Moves the county's clock (TEST_HOOKS only). */
    async setNow(at: number | string): Promise<void> {
      const r = await call('POST', '/__test/clock', {
        body: { now: typeof at === 'number' ? new Date(at).toISOString() : at }
      })
      if (r.status !== 200) throw new Error(`clock hook refused: ${r.status}`)
    },
    /** Signs in with a dev WeChat code (demo-head, demo-elder, … or any demo-<name> for a new user). */
    async wechat(name: string): Promise<string> {
      const r = await call('POST', '/v1/auth/wechat', { body: { code: `demo-${name}` } })
      if (r.status !== 200) throw new Error(`sign-in failed: ${r.status} ${JSON.stringify(r.body)}`)
      return r.body.token as string
    }
  }
}

export type Client = ReturnType<typeof client>
