// Helpers for the remote-enrolment browser tests: signing in demo users through the county
// API (the h5 app is then opened with that session, as after an OTP sign-in), acting as the
// county reviewer, and making real image files in the browser.
import os from 'os'
import path from 'path'
import { mkdtempSync } from 'fs'
import type { BrowserContext, Page } from 'playwright-core'
import type { Application, Me } from '../../src/contract'
import { startProduct, type RunningProduct } from '../../config/product'

export const DEV_OTP = '123456'
export const MIGRANT_PHONE = '13800000003'
export const REVIEWER_PHONE = '13800000009'

export async function startEnrolProduct(): Promise<RunningProduct> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xqyb-enrol-'))
  return startProduct({ dbPath: path.join(dir, 'county.sqlite'), households: 12, env: { DEV_OTP } })
}

export interface SignedIn {
  token: string
  me: Me
  expiresAt: string
}

export async function api<T = unknown>(p: RunningProduct, method: string, url: string, body?: unknown, token?: string): Promise<{ status: number; body: T }> {
  const r = await fetch(`${p.api!.url}${url}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined
  })
  return { status: r.status, body: (await r.json()) as T }
}

export async function signIn(p: RunningProduct, phone: string): Promise<SignedIn> {
  const sent = await api(p, 'POST', '/v1/auth/otp/request', { phone })
  if (sent.status !== 200) throw new Error(`otp request ${sent.status}`)
  const s = await api<SignedIn>(p, 'POST', '/v1/auth/otp/verify', { phone, code: DEV_OTP })
  if (s.status !== 200) throw new Error(`otp verify ${s.status}`)
  return s.body
}

/** Opens the app with this session, as the app itself stores it after sign-in (Taro h5 storage format). */
export async function useSessionInBrowser(context: BrowserContext, s: SignedIn, opts: { elderly?: boolean } = {}): Promise<void> {
  const session = JSON.stringify({
    state: { userId: s.me.userId, me: s.me, expiresAt: s.expiresAt, activeHouseholdId: s.me.households[0]?.householdId ?? null },
    version: 1
  })
  const settings = JSON.stringify({ state: { elderlyChoice: opts.elderly ? 'on' : 'off' }, version: 1 })
  await context.addInitScript(([sessionJson, settingsJson, token]) => {
    window.localStorage.setItem('xqyb.session', JSON.stringify({ data: sessionJson }))
    window.localStorage.setItem('xqyb.settings', JSON.stringify({ data: settingsJson }))
    window.sessionStorage.setItem('xqyb.session-token', token)
  }, [session, settings, s.token] as const)
}

/** The reviewer's decision on the newest application of a household with `status`. */
export async function review(p: RunningProduct, reviewerToken: string, applicationId: string, decision: 'approve' | 'reject' | 'needs_more', reason?: string): Promise<Application> {
  const r = await api<Application>(p, 'POST', `/v1/review/applications/${applicationId}/decision`, { decision, ...(reason ? { reason } : {}) }, reviewerToken)
  if (r.status !== 200) throw new Error(`review ${r.status}: ${JSON.stringify(r.body)}`)
  return r.body
}

export async function pendingFor(p: RunningProduct, reviewerToken: string, householdId: string): Promise<Application[]> {
  const r = await api<{ applications: Application[] }>(p, 'GET', '/v1/review/applications?status=submitted', undefined, reviewerToken)
  return r.body.applications.filter((a) => a.householdId === householdId)
}

/** A real JPEG drawn by the browser (so the h5 image loader can decode it). */
export async function makeJpeg(page: Page, label: string, size = 800): Promise<Buffer> {
  const dataUrl = await page.evaluate(([text, w]) => {
    const c = document.createElement('canvas')
    c.width = w
    c.height = Math.round(w * 0.7)
    const x = c.getContext('2d')!
    x.fillStyle = '#f5f0e6'
    x.fillRect(0, 0, c.width, c.height)
    x.fillStyle = '#8c1d18'
    x.font = '36px sans-serif'
    x.fillText(text, 30, 80)
    return c.toDataURL('image/jpeg', 0.85)
  }, [label, size] as const)
  return Buffer.from(dataUrl.split(',')[1], 'base64')
}

/** Clicks a button that opens the file chooser and gives it these files. */
export async function chooseFiles(page: Page, buttonSelector: string, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator(buttonSelector).first().click()])
  await chooser.setFiles(files)
}

export function uploadRequests(page: Page): string[] {
  const seen: string[] = []
  page.on('request', (r) => { if (/\/documents$/.test(new URL(r.url()).pathname)) seen.push(`${r.method()} ${r.url()}`) })
  return seen
}
