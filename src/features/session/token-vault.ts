// Where the session token lives. Tokens are never written to persistent storage:
//   weapp: memory only. Signing in again is silent and free (Taro.login → county API), so
//          each app launch gets a fresh token and nothing usable sits in wx storage.
//   h5:    sessionStorage (dies with the tab): a page reload keeps the user signed in,
//          closing the browser signs them out; localStorage never sees it.
// The county stores only the token's SHA-256 and ends it on sign-out.
let memoryToken: string | null = null

const KEY = 'xqyb.session-token'

function tabStorage(): Storage | null {
  if (process.env.TARO_ENV !== 'h5') return null
  try {
    return typeof window !== 'undefined' ? window.sessionStorage : null
  } catch {
    return null
  }
}

export function readToken(): string | null {
  if (memoryToken) return memoryToken
  const s = tabStorage()
  memoryToken = s ? s.getItem(KEY) : null
  return memoryToken
}

export function writeToken(token: string | null): void {
  memoryToken = token
  const s = tabStorage()
  if (!s) return
  if (token) s.setItem(KEY, token)
  else s.removeItem(KEY)
}
