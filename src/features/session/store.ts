// Who is signed in, which households they may see and which one is on screen.
// Persisted: user id, the Me answer (masked phone, no ID numbers) and the chosen household,
// so the app can open on cached data without a network. The token is kept by token-vault
// (never persisted in plain form). Signing out, or a different user signing in, clears
// every user cache on the phone: a shared phone never shows the previous user's household.
import Taro from '@tarojs/taro'
import { create } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'
import type { BindingRequest, BindStart, DemoAccountList, HouseholdLink, Me, Scope, Session } from '@/contract'
import { call, configureCountyClient, forgetPrefetched, prefetch, sessionStarted } from '@/services/county-client'
import { clearAllUserCaches } from '@/services/cache'
import { onForeground } from '@/services/network'
import { taroStorage } from '@/services/storage'
import { appError, type AppError } from '@/services/errors'
import { readToken, writeToken } from './token-vault'

export type Result = { ok: true } | { ok: false; error: AppError }

interface SessionState {
  userId: string | null
  me: Me | null
  expiresAt: string | null
  activeHouseholdId: string | null
  /** true while the token is known good for this app run */
  hasToken: boolean
  adopt: (s: Session) => void
  setMe: (me: Me) => void
  selectHousehold: (householdId: string) => void
  forget: () => void
}

function pickHousehold(me: Me, current: string | null): string | null {
  if (current && me.households.some((h) => h.householdId === current)) return current
  const own = me.households.find((h) => h.relation !== 'grantee')
  return (own ?? me.households[0])?.householdId ?? null
}

export const useSession = create<SessionState>()(
  persist(
    (set, get) => ({
      userId: null,
      me: null,
      expiresAt: null,
      activeHouseholdId: null,
      hasToken: !!readToken(), // h5: a session kept by this tab (reload) counts from the first screen
      adopt: (s) => {
        const previous = get().userId
        if (previous && previous !== s.me.userId) clearAllUserCaches()
        writeToken(s.token)
        set({
          userId: s.me.userId,
          me: s.me,
          expiresAt: s.expiresAt,
          hasToken: true,
          activeHouseholdId: pickHousehold(s.me, previous === s.me.userId ? get().activeHouseholdId : null)
        })
      },
      setMe: (me) => set({ me, activeHouseholdId: pickHousehold(me, get().activeHouseholdId) }),
      selectHousehold: (householdId) => set({ activeHouseholdId: householdId }),
      forget: () => {
        writeToken(null)
        clearAllUserCaches()
        set({ userId: null, me: null, expiresAt: null, activeHouseholdId: null, hasToken: false })
      }
    }),
    {
      name: 'xqyb.session',
      version: 1,
      storage: createJSONStorage(() => taroStorage),
      partialize: (s) => ({
        userId: s.userId,
        me: s.me,
        expiresAt: s.expiresAt,
        activeHouseholdId: s.activeHouseholdId
      }),
      migrate: () => ({ userId: null, me: null, expiresAt: null, activeHouseholdId: null })
    }
  )
)

let silentSignIn: Promise<Result> | null = null

configureCountyClient({
  token: () => readToken(),
  pendingSignIn: () => silentSignIn,
  // The county ended the session (expired, or signed out elsewhere): keep the user and the
  // cached data on screen, but ask for sign-in before the next county call.
  onSessionLost: () => {
    writeToken(null)
    useSession.setState({ hasToken: false })
  }
})

// Back in the foreground: households may have changed meanwhile (a grant given or taken back,
// a binding) — every tab's list of households follows the county's answer.
onForeground(() => {
  if (readToken()) void refreshMe()
})

export const selectActiveLink = (s: Pick<SessionState, 'me' | 'activeHouseholdId'>): HouseholdLink | null =>
  s.me?.households.find((h) => h.householdId === s.activeHouseholdId) ?? null

export const useActiveLink = () => useSession(selectActiveLink)

/** Mini-program sign-in: wx.login's one-time code is exchanged by the county for a session. */
/** `demoCode`: a demo account's `demo-<name>` (WeChat DevTools against a county in development). */
export async function signInWithWechat(demoCode?: string): Promise<Result> {
  let code: string
  try {
    code = demoCode ?? (await Taro.login()).code
  } catch {
    return { ok: false, error: appError('WECHAT_CODE_INVALID') }
  }
  if (!code) return { ok: false, error: appError('WECHAT_CODE_INVALID') }
  const r = await call('signInWechat', { body: { code } })
  if (!r.ok) return r
  useSession.getState().adopt(r.data)
  if (!silentSignIn) sessionStarted() // a tap on 登录: screens showing saved data ask again
  return { ok: true }
}

/**
 * The demo county's accounts, when the county runs in development (production has no such
 * route: a 404, or no answer, is an empty list and the page shows nothing of it).
 */
export async function demoAccounts(): Promise<DemoAccountList['accounts']> {
  const r = await call('listDemoAccounts', {})
  return r.ok ? r.data.accounts : []
}

export const PHONE_RE = /^1\d{10}$/
export const OTP_RE = /^\d{6}$/

export async function requestOtp(
  phone: string
): Promise<{ ok: true; expiresInSeconds: number } | { ok: false; error: AppError }> {
  const p = phone.replace(/\s+/g, '')
  if (!PHONE_RE.test(p)) return { ok: false, error: appError('INVALID_INPUT', { message: '请输入11位手机号' }) }
  const r = await call('requestOtp', { body: { phone: p } })
  return r.ok ? { ok: true, expiresInSeconds: r.data.expiresInSeconds } : r
}

export async function signInWithOtp(phone: string, code: string): Promise<Result> {
  const p = phone.replace(/\s+/g, '')
  const c = code.trim()
  if (!PHONE_RE.test(p)) return { ok: false, error: appError('INVALID_INPUT', { message: '请输入11位手机号' }) }
  if (!OTP_RE.test(c)) return { ok: false, error: appError('INVALID_INPUT', { message: '验证码是6位数字' }) }
  const r = await call('verifyOtp', { body: { phone: p, code: c } })
  if (!r.ok) return r
  useSession.getState().adopt(r.data)
  sessionStarted() // screens showing saved data ask the county again
  return { ok: true }
}

/** Re-reads who I am and my households (after binding, accepting an invite, or a revoke). */
export async function refreshMe(): Promise<Result> {
  const r = await call('me', {})
  if (!r.ok) return r
  useSession.getState().setMe(r.data)
  return { ok: true }
}

/**
 * At launch: with a token (h5 tab still open) nothing to do; on weapp, sign in silently
 * again when a user was signed in before (wx.login needs no tap).
 */
export async function resumeSession(): Promise<void> {
  if (readToken()) {
    useSession.setState({ hasToken: true })
  } else if (process.env.TARO_ENV === 'weapp' && useSession.getState().userId) {
    silentSignIn = signInWithWechat().finally(() => {
      silentSignIn = null
    })
    await silentSignIn
  }
  if (!readToken()) return
  // the household is what the first screen shows: ask for it now, alongside /me, instead of
  // after the page's own code has downloaded (one round trip less on a weak network)
  const householdId = useSession.getState().activeHouseholdId
  if (householdId) prefetch('getHousehold', { params: { householdId } })
  // households may have changed while the app was closed (a grant revoked, a new binding)
  await refreshMe()
}

/** Sign out: end the session at the county (best effort) and clear this user's data here. */
export async function signOut(): Promise<void> {
  if (readToken()) await call('signOut', { timeoutMs: 4000, retries: 0 })
  forgetPrefetched()
  useSession.getState().forget()
}

/** What a viewer may see: household members see everything, grantees only their scopes. */
export function hasScope(link: Pick<HouseholdLink, 'relation' | 'scopes'> | null, scope: Scope): boolean {
  if (!link) return false
  return link.relation !== 'grantee' || link.scopes.includes(scope)
}

/** "Sign out on every phone": every session of this account ends at the county, then this phone forgets it. */
export async function signOutEverywhere(): Promise<Result> {
  const r = await call('signOutEverywhere', { timeoutMs: 8000, retries: 0 })
  if (!r.ok) return r
  forgetPrefetched()
  useSession.getState().forget()
  return { ok: true }
}

/**
 * Binding, step 1 (issue 15): ID number, name and the booklet's number; the county sends a code to
 * the phone it has for that person, asks the head to approve, or says where to go (assisted).
 */
export async function startBinding(
  who: { idNumber: string; name: string; householdNumber: string },
  method?: 'sms' | 'head_approval'
): Promise<{ ok: true; start: BindStart } | { ok: false; error: AppError }> {
  const r = await call('startBinding', { body: { ...who, ...(method ? { method } : {}) } })
  return r.ok ? { ok: true, start: r.data } : r
}

/** Binding, step 2: the code from the roster phone; bound, the household shows. */
export async function confirmBinding(requestId: string, code: string): Promise<Result> {
  const r = await call('confirmBinding', { body: { requestId, code } })
  if (!r.ok) return r
  useSession.getState().setMe(r.data)
  return { ok: true }
}

/** Waiting for the head: has the request been approved? Bound, the household shows. */
export async function checkBindingRequest(
  requestId: string
): Promise<{ ok: true; status: BindingRequest['status'] } | { ok: false; error: AppError }> {
  const r = await call('getBindingRequest', { params: { requestId } })
  if (!r.ok) return r
  if (r.data.status === 'bound') await refreshMe()
  return { ok: true, status: r.data.status }
}
