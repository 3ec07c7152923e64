// Data at rest (issue 15): what the server writes is readable by the server's own user only
// (files 0600, folders 0700: the process's umask, and existing files tightened at start), and
// documents (ID-card photos, certificates) are encrypted with AES-256-GCM under DOCUMENT_KEY
// before they touch the disk. A stored document is `XQD1` + 12-byte nonce + ciphertext + 16-byte
// tag; the document's id is bound in as additional data, so a file moved to another id does not open.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Config } from './config'
import { keyBytes } from './config/kinds'

const MAGIC = Buffer.from('XQD1')
const NONCE = 12
const TAG = 16

/** Every file and folder this process creates is private to its user from now on. */
export function keepPrivate(): void {
  process.umask(0o077)
}

/** Tightens what an earlier start (or an older version) left readable by others: the database and its folders. */
export function tightenExisting(dbPath: string, uploadDir: string): void {
  if (dbPath === ':memory:') return
  const chmod = (p: string, mode: number) => {
    try {
      fs.chmodSync(p, mode)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
    }
  }
  for (const suffix of ['', '-wal', '-shm', '.key']) chmod(`${dbPath}${suffix}`, 0o600)
  chmod(path.dirname(path.resolve(dbPath)), 0o700)
  chmod(uploadDir, 0o700)
  if (fs.existsSync(uploadDir)) for (const f of fs.readdirSync(uploadDir)) chmod(path.join(uploadDir, f), 0o600)
}

/**
 * The documents' key: DOCUMENT_KEY, or in development a key of its own kept beside the database
 * (`<db>.key`, 0600), made on first start, so documents stay readable across restarts without a
 * key in the repository. Production refuses to start without DOCUMENT_KEY (config/production.ts).
 */
export function documentKey(config: Config): Buffer {
  if (config.documentKey) return keyBytes(config.documentKey)
  if (config.mode === 'production') throw new Error('production encrypts documents with DOCUMENT_KEY: set it')
  if (config.dbPath === ':memory:') return crypto.randomBytes(32)
  const file = `${config.dbPath}.key`
  if (!fs.existsSync(file))
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' })
  return keyBytes(fs.readFileSync(file, 'utf8').trim())
}

export function encryptDocument(key: Buffer, documentId: string, plain: Buffer): Buffer {
  const nonce = crypto.randomBytes(NONCE)
  const c = crypto.createCipheriv('aes-256-gcm', key, nonce)
  c.setAAD(Buffer.from(documentId))
  const body = Buffer.concat([c.update(plain), c.final()])
  return Buffer.concat([MAGIC, nonce, body, c.getAuthTag()])
}

/** The document's bytes; throws if the file was altered, moved to another id, or sealed with another key. */
export function decryptDocument(key: Buffer, documentId: string, sealed: Buffer): Buffer {
  if (sealed.length < MAGIC.length + NONCE + TAG || !sealed.subarray(0, MAGIC.length).equals(MAGIC))
    throw new Error('not an encrypted document')
  const nonce = sealed.subarray(MAGIC.length, MAGIC.length + NONCE)
  const tag = sealed.subarray(sealed.length - TAG)
  const d = crypto.createDecipheriv('aes-256-gcm', key, nonce)
  d.setAAD(Buffer.from(documentId))
  d.setAuthTag(tag)
  return Buffer.concat([d.update(sealed.subarray(MAGIC.length + NONCE, sealed.length - TAG)), d.final()])
}
