// Fuzzes the county API's input validation: for every route in the contract, generated bad
// payloads (wrong types, missing fields, huge strings, negative/NaN/huge amounts, malformed
// JSON, junk path ids) sent by a signed-in user. Never a 500; every rejection carries the
// one documented error shape (code + Chinese message); schema-invalid input is a 400.
// `npx tsx bench/fuzz-api.ts [--rounds N] [--seed S]`; run by `npm run bench` and, with one
// round, by bench/fuzz-api.test.ts on every `npm test`.
import { spawnServer } from '../county-api/src/testing/spawn-server'
import { client } from '../county-api/src/testing/client'
import { routes } from '../src/contract/routes'
import { info, report } from './format'

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }
interface SchemaLike {
  type?: string
  properties?: Record<string, SchemaLike>
  required?: string[]
  anyOf?: SchemaLike[]
  enum?: unknown[]
  const?: unknown
}

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : d
}
const ROUNDS = arg('rounds', 1)
let seed = arg('seed', 20261123) >>> 0
const rand = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0
  return seed / 2 ** 32
}
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]

const JUNK_STRINGS = [
  '',
  ' ',
  'x'.repeat(100_000),
  '💥\u0000\uFFFF',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '-1.00',
  'NaN',
  'Infinity',
  '1e309',
  '12.345',
  '99999999999999999999.99',
  '１２３',
  '../../etc/passwd',
  '%00'
]
const JUNK_VALUES: Json[] = [null, true, -1, 0, 1e308, -1e308, 3.14159, [], [1, 2], {}, { $gt: '' }, ...JUNK_STRINGS]

function wrongFor(s: SchemaLike | undefined): Json[] {
  switch (s?.type) {
    case 'string':
      return [123, null, true, [], {}, pick(JUNK_STRINGS)]
    case 'integer':
    case 'number':
      return ['12', -1, 1e308, 1.5, null, 'NaN', []]
    case 'boolean':
      return ['true', 1, null]
    case 'array':
      return ['[]', {}, [null, { junk: 1 }], null]
    case 'object':
      return ['{}', [], 1, null]
    default:
      return [pick(JUNK_VALUES)]
  }
}

function validish(s: SchemaLike | undefined): Json {
  if (!s) return 'x'
  if (s.const !== undefined) return s.const as Json
  if (s.enum) return s.enum[0] as Json
  if (s.anyOf?.length) return validish(s.anyOf[0])
  switch (s.type) {
    case 'string':
      return 'abc'
    case 'integer':
    case 'number':
      return 1
    case 'boolean':
      return true
    case 'array':
      return []
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, validish(v)]))
    default:
      return 'x'
  }
}

/** Bad bodies for one object schema: each field wrong in turn, each required field missing, non-objects, junk. */
function badBodies(schema: SchemaLike | undefined): Array<Json | { raw: string }> {
  const out: Array<Json | { raw: string }> = [
    null,
    [],
    42,
    'text',
    { raw: '{"unterminated": ' },
    { raw: 'not json at all' }
  ]
  const props = schema?.properties ?? {}
  const base = validish(schema) as Record<string, Json>
  for (const [k, v] of Object.entries(props)) {
    for (const w of wrongFor(v)) out.push({ ...base, [k]: w })
  }
  for (const k of schema?.required ?? []) {
    const copy = { ...base }
    delete copy[k]
    out.push(copy)
  }
  for (let i = 0; i < 4; i++) out.push({ ...base, [pick(Object.keys(props).concat('extra'))]: pick(JUNK_VALUES) })
  return out
}

function fillPath(url: string, value: string): string {
  return url.replace(/:(\w+)/g, () => encodeURIComponent(value))
}

async function main() {
  const server = await spawnServer({ households: 20 })
  const c = client(server.url)
  const userToken = await c.wechat('head')
  const reviewerToken = await c.wechat('reviewer')
  let requests = 0
  let serverErrors = 0
  let badShape = 0
  let not400 = 0
  const problems: string[] = []
  const started = Date.now()

  const check = (label: string, status: number, body: unknown, expect400: boolean) => {
    requests++
    if (status >= 500) {
      serverErrors++
      problems.push(`${label} → ${status}`)
      return
    }
    if (status >= 400) {
      const b = body as { code?: unknown; message?: unknown }
      if (typeof b?.code !== 'string' || typeof b?.message !== 'string' || !/[\u4e00-\u9fff]/.test(b.message)) {
        badShape++
        problems.push(`${label} → ${status} without the error shape: ${JSON.stringify(body).slice(0, 120)}`)
      }
    }
    // 401/403/404/409/413/415 are right answers too when auth or the id fails first
    if (expect400 && status < 400) {
      not400++
      problems.push(`${label} accepted a bad payload (${status})`)
    }
  }

  for (let round = 0; round < ROUNDS; round++) {
    for (const [id, def] of Object.entries(routes) as Array<[string, (typeof routes)[keyof typeof routes]]>) {
      const token = def.auth === 'reviewer' ? reviewerToken : userToken
      const d = def as unknown as {
        method: string
        url: string
        body?: SchemaLike
        querystring?: SchemaLike
        params?: SchemaLike
        multipart?: boolean
      }
      const goodPath = fillPath(d.url, 'hh_0001')
      // junk path ids
      for (const junk of ['', "'; DROP TABLE orders; --", 'x'.repeat(5000), '💥', '..%2F..%2Fetc']) {
        if (!d.url.includes(':')) break
        const r = await c.raw(d.method, fillPath(d.url, junk), { token, body: d.body ? validish(d.body) : undefined })
        check(`${id} path=${junk.slice(0, 12)}`, r.status, r.body, false)
      }
      // bad bodies
      if (d.body || d.multipart) {
        for (const b of badBodies(d.body)) {
          const raw =
            b && typeof b === 'object' && !Array.isArray(b) && 'raw' in b ? (b as { raw: string }).raw : undefined
          const headers = { 'idempotency-key': `fuzz-${round}-${requests}` }
          const r =
            raw !== undefined
              ? await c.raw(d.method, goodPath, {
                  token,
                  headers,
                  json: raw
                })
              : await c.raw(d.method, goodPath, { token, headers, body: b as Json })
          check(`${id} body=${JSON.stringify(raw ?? b).slice(0, 60)}`, r.status, r.body, true)
        }
      }
      // bad query strings
      if (d.querystring?.properties) {
        for (const [k, v] of Object.entries(d.querystring.properties)) {
          for (const w of wrongFor(v).filter((x) => typeof x === 'string' || typeof x === 'number')) {
            const q = `${k}=${encodeURIComponent(String(w))}`
            const r = await c.raw(d.method, `${goodPath}?${q}`, { token })
            check(`${id} ?${q.slice(0, 40)}`, r.status, r.body, false)
          }
        }
      }
    }
  }
  const seconds = (Date.now() - started) / 1000
  await server.stop()
  console.log(info('api fuzz requests', requests, 'requests', 0))
  console.log(info('api fuzz rate', requests / seconds, 'requests/s'))
  const ok = report([
    { name: 'api fuzz 5xx answers', value: serverErrors, unit: 'answers', kind: 'max', target: 0, digits: 0 },
    {
      name: 'api fuzz errors without the error shape',
      value: badShape,
      unit: 'answers',
      kind: 'max',
      target: 0,
      digits: 0
    },
    { name: 'api fuzz bad payloads accepted', value: not400, unit: 'answers', kind: 'max', target: 0, digits: 0 }
  ])
  for (const p of problems.slice(0, 20)) console.log(`  ${p}`)
  process.exitCode = ok ? 0 : 1
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
