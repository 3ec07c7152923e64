import crypto from 'node:crypto'

// Ids take their randomness from a pool filled 4 KiB at a time (the same CSPRNG as
// randomBytes, one system call per ~450 ids instead of one per id); every byte is used once.
const POOL_SIZE = 4096
const pool = Buffer.alloc(POOL_SIZE)
let poolUsed = POOL_SIZE

function pooledRandom(n: number, encoding: 'base64url' | 'hex'): string {
  if (poolUsed + n > POOL_SIZE) {
    crypto.randomFillSync(pool)
    poolUsed = 0
  }
  const s = pool.toString(encoding, poolUsed, poolUsed + n)
  pool.fill(0, poolUsed, poolUsed + n)
  poolUsed += n
  return s
}

/** `n` random bytes as hex (nonces, simulated transaction ids). */
export function randomHex(n: number): string {
  return pooledRandom(n, 'hex')
}

export function newId(prefix: string): string {
  return `${prefix}_${pooledRandom(9, 'base64url')}`
}

export function sha256(text: string | Buffer): string {
  return crypto.createHash('sha256').update(text).digest('hex')
}

export function randomToken(): string {
  return crypto.randomBytes(32).toString('base64url')
}

export function randomDigits(n: number): string {
  let s = ''
  while (s.length < n) s += crypto.randomInt(0, 10).toString()
  return s
}
