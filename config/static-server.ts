// Serves the h5 build (dist/h5) and proxies /county/* to the county API, so one h5 build
// works against any API port. Used by `npm start`, the browser tests and bench:h5.
// No dependencies: node's http + zlib. Compresses text assets with brotli (or gzip for clients
// without it) like a real CDN would.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'http'
import { promises as fs } from 'fs'
import path from 'path'
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'zlib'
import type { AddressInfo } from 'net'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8'
}

/**
 * Fault injection on the /county proxy (quality gates): the county API made slow, failing,
 * cut off mid-response, answering garbage, or answering 304 to a stale ETag.
 */
export type Fault =
  | { kind: 'none' }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'error500' }
  | { kind: 'drop' }
  | { kind: 'garbage' }
  | { kind: 'stale-etag' }

export interface StaticServerOptions {
  root: string
  /** current fault for /county requests; read on every request */
  fault?: () => Fault
  /** sees every proxied request's headers and body, and every response body (privacy checks) */
  observe?: (headers: IncomingMessage['headers'], body: string) => void
  /** county API base URL, e.g. http://127.0.0.1:8787; read on every request so tests can stop/start the API */
  apiUrl?: () => string | undefined
  port?: number
  host?: string
}

export interface RunningStatic {
  url: string
  close: () => Promise<void>
}

const API_PREFIX = '/county'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function proxy(
  req: IncomingMessage,
  res: ServerResponse,
  apiUrl: string | undefined,
  fault: Fault,
  observe?: StaticServerOptions['observe']
) {
  if (fault.kind === 'slow') await sleep(fault.delayMs)
  if (fault.kind === 'error500') {
    req.resume()
    res.writeHead(500, { 'content-type': 'text/html' })
    res.end('<html><body>500 Internal Server Error</body></html>')
    return
  }
  if (fault.kind === 'garbage') {
    req.resume()
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
    res.end('{"household": {"members": [1, 2,, oops')
    return
  }
  if (fault.kind === 'stale-etag') {
    // answers "not modified" whatever the app has cached (a cache that lies)
    req.resume()
    res.writeHead(304, { etag: '"stale"' })
    res.end()
    return
  }
  if (!apiUrl) {
    res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' })
    res.end(JSON.stringify({ code: 'UPSTREAM_UNAVAILABLE', message: '县里的系统暂时连不上' }))
    return
  }
  const target = new URL(apiUrl)
  const upstream = httpRequest(
    {
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path: (req.url || '/').slice(API_PREFIX.length) || '/',
      headers: { ...req.headers, host: target.host }
    },
    (up) => {
      if (observe) {
        const chunks: Buffer[] = []
        up.on('data', (c: Buffer) => chunks.push(c))
        up.on('end', () => observe({}, Buffer.concat(chunks).toString('utf8')))
      }
      if (fault.kind === 'drop') {
        // send the headers and half the body, then cut the connection
        const chunks: Buffer[] = []
        up.on('data', (c: Buffer) => chunks.push(c))
        up.on('end', () => {
          const body = Buffer.concat(chunks)
          const headers = { ...up.headers }
          delete headers['content-length']
          delete headers['content-encoding']
          res.writeHead(up.statusCode || 200, headers)
          res.flushHeaders()
          res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy())
        })
        return
      }
      res.writeHead(up.statusCode || 502, up.headers)
      up.pipe(res)
    }
  )
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' })
    res.end(JSON.stringify({ code: 'UPSTREAM_UNAVAILABLE', message: '县里的系统暂时连不上' }))
  })
  if (observe) {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => observe(req.headers, Buffer.concat(chunks).toString('utf8')))
  }
  req.pipe(upstream)
}

export async function startStaticServer(opts: StaticServerOptions): Promise<RunningStatic> {
  const root = path.resolve(opts.root)
  const packedCache = new Map<string, Buffer>()
  const server = createServer(async (req, res) => {
    try {
      const url = req.url || '/'
      if (url === API_PREFIX || url.startsWith(`${API_PREFIX}/`))
        return await proxy(req, res, opts.apiUrl?.(), opts.fault?.() ?? { kind: 'none' }, opts.observe)
      let file = path.join(root, decodeURIComponent(url.split('?')[0]))
      if (!file.startsWith(root)) {
        res.writeHead(403)
        res.end()
        return
      }
      const stat = await fs.stat(file).catch(() => null)
      if (!stat || stat.isDirectory()) file = path.join(root, 'index.html') // SPA fallback
      const ext = path.extname(file)
      const type = TYPES[ext] || 'application/octet-stream'
      const [body, served] = await Promise.all([fs.readFile(file), fs.stat(file)])
      const headers: Record<string, string> = {
        'content-type': type,
        // hashed assets are immutable; index.html must always be revalidated
        'cache-control': ext === '.html' ? 'no-cache' : 'public, max-age=31536000, immutable'
      }
      // brotli when the client takes it (~15% smaller than gzip on our JS: less to wait for on 3G)
      const accepts = String(req.headers['accept-encoding'] || '')
      const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null
      if (encoding && /^(text|application\/(javascript|json))/.test(type)) {
        // keyed by modification time too: a rebuild under a running server is served fresh
        const key = `${encoding} ${file} ${served.mtimeMs}`
        let packed = packedCache.get(key)
        if (!packed) {
          packed =
            encoding === 'br'
              ? brotliCompressSync(body, {
                  params: {
                    [zlibConstants.BROTLI_PARAM_QUALITY]: 11,
                    [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length
                  }
                })
              : gzipSync(body, { level: 9 })
          packedCache.set(key, packed)
        }
        headers['content-encoding'] = encoding
        headers.vary = 'accept-encoding'
        res.writeHead(200, headers)
        res.end(packed)
        return
      }
      res.writeHead(200, headers)
      res.end(body)
    } catch (err) {
      res.writeHead(500)
      res.end(String((err as Error).message))
    }
  })
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
