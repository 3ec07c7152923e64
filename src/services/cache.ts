// The offline cache convention. Each feature keeps what it last read from the county in
// its own zustand store persisted through Taro storage:
//   - versioned, with `migrate` (old shapes are upgraded or dropped, never crash the app)
//   - owned by one user: entries of another user are never shown, and sign-out clears all
//     caches (shared phones)
//   - every entry carries `asOf` (when the county sent it); the screen shows it with the
//     source: "县医保系统" when fresh from the network, "手机里存的" when read from here
//   - `scrub` runs before anything is written to storage: full ID numbers are masked there
//     (the in-memory copy of the current session keeps what the county sent)
import { create, type Mutate, type StoreApi, type UseBoundStore } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'
import { taroStorage } from './storage'
import { nowIso } from './time'

export type DataSource = 'county' | 'cache'

export interface CacheEntry<T> {
  data: T
  /** ISO time (+08:00) the county answered */
  asOf: string
}

export interface CacheState<T> {
  owner: string | null
  entries: Record<string, CacheEntry<T>>
  /** saves an answer for `owner`; a different owner's entries are dropped first */
  put: (owner: string, key: string, data: T, asOf?: string) => void
  /** the entry for `owner`, or null (never another user's) */
  read: (owner: string | null, key: string) => CacheEntry<T> | null
  remove: (key: string) => void
  clear: () => void
}

export interface UserCacheOptions<T> {
  /** storage key becomes `xqyb.cache.<name>` */
  name: string
  version: number
  /** upgrade a persisted state from `version`; return null to drop it */
  migrate?: (
    persisted: unknown,
    version: number
  ) => { owner: string | null; entries: Record<string, CacheEntry<T>> } | null
  /** makes data safe for storage (mask ID numbers, drop what must not stay on the phone) */
  scrub?: (data: T) => T
  /** at most this many entries are kept (oldest dropped); default 20 */
  maxEntries?: number
}

export type UserCache<T> = UseBoundStore<Mutate<StoreApi<CacheState<T>>, [['zustand/persist', unknown]]>>

const registry = new Set<UserCache<never>>()

export function createUserCache<T>(opts: UserCacheOptions<T>): UserCache<T> {
  const max = opts.maxEntries ?? 20
  const store = create<CacheState<T>>()(
    persist(
      (set, get) => ({
        owner: null,
        entries: {},
        put: (owner, key, data, asOf = nowIso()) => {
          const base = get().owner === owner ? { ...get().entries } : {}
          delete base[key]
          base[key] = { data, asOf }
          const keys = Object.keys(base)
          for (const k of keys.slice(0, Math.max(0, keys.length - max))) delete base[k]
          set({ owner, entries: base })
        },
        read: (owner, key) => {
          const s = get()
          if (!owner || s.owner !== owner) return null
          return s.entries[key] ?? null
        },
        remove: (key) => {
          const entries = { ...get().entries }
          delete entries[key]
          set({ entries })
        },
        clear: () => set({ owner: null, entries: {} })
      }),
      {
        name: `xqyb.cache.${opts.name}`,
        version: opts.version,
        storage: createJSONStorage(() => taroStorage),
        partialize: (s) => ({
          owner: s.owner,
          entries: opts.scrub
            ? Object.fromEntries(
                Object.entries(s.entries).map(([k, e]) => [k, { asOf: e.asOf, data: opts.scrub!(e.data) }])
              )
            : s.entries
        }),
        migrate: (persisted, version) => {
          const next = opts.migrate ? opts.migrate(persisted, version) : null
          // unknown old shapes are dropped: an empty cache is safe, a misread one is not
          return (next ?? { owner: null, entries: {} }) as CacheState<T>
        }
      }
    )
  )
  registry.add(store as unknown as UserCache<never>)
  return store
}

/** Sign-out and user switch: forget every user's cached data on this phone. */
export function clearAllUserCaches(): void {
  registry.forEach((s) => s.getState().clear())
}
