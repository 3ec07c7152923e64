// The static server serves the h5 build (gzip, SPA fallback) and proxies /county/* to the
// county API, with injectable faults for the quality-gate tests.
import { createServer, type Server } from 'http'
import { mkdtempSync, writeFileSync, mkdirSync } from 'fs'
import os from 'os'
import path from 'path'
import type { AddressInfo } from 'net'
import { brotliDecompressSync, gunzipSync } from 'zlib'
import { request } from 'http'
import { startStaticServer, type Fault, type RunningStatic } from './static-server'

let upstream: Server
let upstreamUrl: string
let web: RunningStatic
let fault: Fault = { kind: 'none' }
const seen: string[] = []

function get(
  url: string,
  headers: Record<string, string> = {}
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer; aborted: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = []
      let aborted = false
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('aborted', () => {
        aborted = true
      })
      res.on('error', () => {
        aborted = true
      })
      res.on('close', () =>
        resolve({
          status: res.statusCode || 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
          aborted: aborted || !res.complete
        })
      )
    })
    req.on('error', reject)
    req.end()
  })
}

beforeAll(async () => {
  upstream = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`)
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ ok: true, path: req.url, padding: 'x'.repeat(2000) }))
  })
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r))
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`
  const root = mkdtempSync(path.join(os.tmpdir(), 'xqyb-static-'))
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><div id="app"></div>')
  mkdirSync(path.join(root, 'js'))
  writeFileSync(path.join(root, 'js', 'app.12345678.js'), 'console.log("' + 'a'.repeat(5000) + '")')
  web = await startStaticServer({ root, apiUrl: () => upstreamUrl, fault: () => fault })
})

afterAll(async () => {
  await web.close()
  await new Promise((r) => upstream.close(r))
})

beforeEach(() => {
  fault = { kind: 'none' }
})

test('serves assets brotli-compressed to clients that take it, else gzip', async () => {
  const br = await get(`${web.url}/js/app.12345678.js`, { 'accept-encoding': 'gzip, deflate, br, zstd' })
  expect(br.headers['content-encoding']).toBe('br')
  expect(br.headers.vary).toBe('accept-encoding')
  expect(brotliDecompressSync(br.body).toString()).toBe('console.log("' + 'a'.repeat(5000) + '")')
  const plain = await get(`${web.url}/js/app.12345678.js`, {})
  expect(plain.headers['content-encoding']).toBeUndefined()
})

test('serves assets gzipped and immutable, index.html revalidated, unknown paths fall back to index.html', async () => {
  const js = await get(`${web.url}/js/app.12345678.js`, { 'accept-encoding': 'gzip' })
  expect(js.headers['content-encoding']).toBe('gzip')
  expect(js.headers['cache-control']).toContain('immutable')
  expect(gunzipSync(js.body).toString()).toContain('aaaa')
  expect(js.body.length).toBeLessThan(500)
  const spa = await get(`${web.url}/pages/home/index`)
  expect(spa.status).toBe(200)
  expect(spa.body.toString()).toContain('<div id="app">')
  expect(spa.headers['cache-control']).toBe('no-cache')
})

test('proxies /county/* to the API with the prefix stripped', async () => {
  const r = await get(`${web.url}/county/v1/policy?region=1`)
  expect(JSON.parse(r.body.toString()).path).toBe('/v1/policy?region=1')
  expect(seen).toContain('GET /v1/policy?region=1')
})

test('API down: 502 with the one error shape, in Chinese', async () => {
  const down = await startStaticServer({ root: os.tmpdir(), apiUrl: () => undefined })
  const r = await get(`${down.url}/county/v1/me`)
  await down.close()
  expect(r.status).toBe(502)
  expect(JSON.parse(r.body.toString())).toEqual({
    code: 'UPSTREAM_UNAVAILABLE',
    message: expect.stringMatching(/连不上/)
  })
})

test('faults: 500, garbage, stale ETag, dropped mid-response', async () => {
  fault = { kind: 'error500' }
  expect((await get(`${web.url}/county/v1/me`)).status).toBe(500)
  fault = { kind: 'garbage' }
  const g = await get(`${web.url}/county/v1/me`)
  expect(() => JSON.parse(g.body.toString())).toThrow()
  fault = { kind: 'stale-etag' }
  expect((await get(`${web.url}/county/v1/policy`)).status).toBe(304)
  fault = { kind: 'drop' }
  const d = await get(`${web.url}/county/v1/me`).catch((e: Error) => ({ error: e.message }))
  if ('error' in d) {
    expect(d.error).toMatch(/hang up|ECONNRESET|aborted/)
  } else {
    expect(d.status).toBe(200)
    expect(d.aborted).toBe(true)
    expect(() => JSON.parse(d.body.toString())).toThrow()
  }
})

test('fault: slow delays the answer but still answers', async () => {
  fault = { kind: 'slow', delayMs: 150 }
  const started = process.hrtime.bigint()
  const r = await get(`${web.url}/county/v1/me`)
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6
  expect(r.status).toBe(200)
  // a lower bound only (not a timing budget): the delay was actually applied
  expect(elapsedMs).toBeGreaterThanOrEqual(140)
})
