// The upload queue: photos and files for an application, sent one at a time with progress.
// Type and size are checked before anything is sent (a refused file never touches the
// network); photos are compressed on the phone first; a weak network is retried with growing
// pauses, and when the phone is offline the item waits and goes on by itself when the network
// is back. The queue is persisted, so closing the app does not lose what was chosen.
import { createStore, type StoreApi } from 'zustand/vanilla'
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware'
import type { Application } from '@/contract'
import { checkFile, needsCompression, uploadFileName, uploadTypeOf, type ChosenFile, type UploadType } from './files'

export type UploadStatus =
  | 'compressing' // making the photo smaller on the phone
  | 'waiting' // in line
  | 'uploading'
  | 'retrying' // the last try failed on the network; trying again shortly
  | 'waiting_network' // offline: goes on by itself when the network is back
  | 'done'
  | 'refused' // checked on the phone and not sent (too big, wrong type)
  | 'failed' // the county refused it, or tries ran out

export interface UploadItem {
  localId: string
  applicationId: string
  /** checklist document id (birth-certificate …) */
  documentId: string
  fileName: string
  path: string
  size: number
  type: UploadType
  status: UploadStatus
  /** 0–100 */
  progress: number
  attempts: number
  /** plain Chinese, shown under the item */
  message: string | null
  /** the county's id once stored */
  countyDocumentId: string | null
}

export interface SendError {
  code: string
  message: string
  retryable: boolean
}

export type SendResult = { ok: true; data: Application } | { ok: false; error: SendError }

export interface UploadDeps {
  /** smaller photo (new path and size); may give back the same file */
  compress: (file: {
    path: string
    size: number
    type: UploadType
  }) => Promise<{ path: string; size: number; type: UploadType }>
  send: (
    input: { applicationId: string; path: string; fileName: string; type: UploadType },
    onProgress: (percent: number) => void
  ) => Promise<SendResult>
  wait: (ms: number) => Promise<void>
  isOnline: () => boolean
  /** told when the county answered with the application after an upload */
  onUploaded?: (application: Application, item: UploadItem) => void
  storage?: StateStorage
}

export const MAX_ATTEMPTS = 4
/** pauses between tries: 2 s, 4 s, 8 s */
export const backoffMs = (attempt: number) => 1000 * 2 ** attempt

export interface QueueState {
  items: UploadItem[]
  /** adds chosen files; gives back the refused ones with their reason (nothing was sent for them) */
  add: (applicationId: string, documentId: string, files: ChosenFile[]) => Promise<UploadItem[]>
  /** sends everything waiting; resolves when the queue is idle */
  run: () => Promise<void>
  retry: (localId: string) => Promise<void>
  remove: (localId: string) => void
  /** network is back: everything that waited for it goes again */
  resume: () => Promise<void>
}

export type UploadQueue = StoreApi<QueueState>

const OFFLINE_MESSAGE = '现在没有网络，连上网络后会自动接着传'
const RETRY_MESSAGE = '网络不好，正在重新上传…'

let seq = 0
const newLocalId = () => `u${Date.now().toString(36)}${(seq++).toString(36)}`

export function createUploadQueue(deps: UploadDeps): UploadQueue {
  let running: Promise<void> | null = null

  const init = (set: StoreApi<QueueState>['setState'], get: StoreApi<QueueState>['getState']): QueueState => {
    const patch = (localId: string, p: Partial<UploadItem>) =>
      set({ items: get().items.map((i) => (i.localId === localId ? { ...i, ...p } : i)) })
    const item = (localId: string) => get().items.find((i) => i.localId === localId)

    async function sendOne(localId: string): Promise<void> {
      for (;;) {
        const it = item(localId)
        if (!it) return
        if (!deps.isOnline()) {
          patch(localId, { status: 'waiting_network', message: OFFLINE_MESSAGE, progress: 0 })
          return
        }
        patch(localId, { status: 'uploading', progress: 0, attempts: it.attempts + 1, message: null })
        const r = await deps.send(
          { applicationId: it.applicationId, path: it.path, fileName: it.fileName, type: it.type },
          (p) => {
            if (item(localId)?.status === 'uploading')
              patch(localId, { progress: Math.max(0, Math.min(100, Math.round(p))) })
          }
        )
        if (!item(localId)) return
        if (r.ok) {
          const before = new Set(
            get()
              .items.filter((i) => i.countyDocumentId)
              .map((i) => i.countyDocumentId)
          )
          const added = r.data.documents.filter((d) => !before.has(d.documentId)).pop()
          patch(localId, { status: 'done', progress: 100, message: null, countyDocumentId: added?.documentId ?? null })
          deps.onUploaded?.(r.data, item(localId)!)
          return
        }
        const attempts = item(localId)!.attempts
        if (!r.error.retryable) {
          patch(localId, { status: 'failed', progress: 0, message: r.error.message })
          return
        }
        if (!deps.isOnline() || r.error.code === 'OFFLINE') {
          patch(localId, { status: 'waiting_network', progress: 0, message: OFFLINE_MESSAGE })
          return
        }
        if (attempts >= MAX_ATTEMPTS) {
          // not lost: it goes again by itself when the county answers again (or on “重新上传”)
          patch(localId, {
            status: 'waiting_network',
            progress: 0,
            message: `${r.error.message}（已试了 ${attempts} 次，网络好了会自动接着传，也可以点“重新上传”）`
          })
          return
        }
        patch(localId, { status: 'retrying', progress: 0, message: RETRY_MESSAGE })
        await deps.wait(backoffMs(attempts))
      }
    }

    async function drain(): Promise<void> {
      for (;;) {
        const next = get().items.find((i) => i.status === 'waiting')
        if (!next) return
        await sendOne(next.localId)
      }
    }

    return {
      items: [],
      add: async (applicationId, documentId, files) => {
        const refused: UploadItem[] = []
        const n0 = get().items.filter((i) => i.applicationId === applicationId && i.documentId === documentId).length
        let n = n0
        for (const f of files) {
          n += 1
          const base = {
            localId: newLocalId(),
            applicationId,
            documentId,
            path: f.path,
            size: f.size,
            progress: 0,
            attempts: 0,
            countyDocumentId: null
          }
          // 1. type, and a PDF's size, before anything else
          const guessed = uploadTypeOf(f)
          const first = checkFile(f)
          // a photo over the limit may still get under it by compression; anything else stops here
          if (!first.ok && !(first.error.code === 'too_large' && guessed && guessed !== 'application/pdf')) {
            const r: UploadItem = {
              ...base,
              fileName: f.name || '',
              type: guessed ?? 'image/jpeg',
              status: 'refused',
              message: first.error.message
            }
            set({ items: [...get().items, r] })
            refused.push(r)
            continue
          }
          const type = guessed!
          const entry: UploadItem = {
            ...base,
            fileName: uploadFileName(documentId, n, type),
            type,
            status: 'compressing',
            message: null
          }
          set({ items: [...get().items, entry] })
          // 2. compress photos on the phone
          let file = { path: f.path, size: f.size, type }
          if (needsCompression(f, type)) {
            try {
              file = await deps.compress(file)
            } catch {
              // keep the original; the size check below decides
            }
          }
          // 3. size after compression: over the limit is refused here, nothing sent
          const second = checkFile({ path: file.path, size: file.size, type: file.type })
          if (!second.ok) {
            patch(entry.localId, { status: 'refused', message: second.error.message, size: file.size })
            refused.push(item(entry.localId)!)
            continue
          }
          patch(entry.localId, {
            status: 'waiting',
            path: file.path,
            size: file.size,
            type: second.type,
            fileName: uploadFileName(documentId, n, second.type)
          })
        }
        return refused
      },
      run: () => {
        if (!running)
          running = drain().finally(() => {
            running = null
          })
        return running
      },
      retry: async (localId) => {
        const it = item(localId)
        if (!it || (it.status !== 'failed' && it.status !== 'waiting_network')) return
        patch(localId, { status: 'waiting', attempts: 0, message: null })
        await get().run()
      },
      remove: (localId) => set({ items: get().items.filter((i) => i.localId !== localId) }),
      resume: async () => {
        set({
          items: get().items.map((i) =>
            i.status === 'waiting_network' || i.status === 'retrying' ? { ...i, status: 'waiting', message: null } : i
          )
        })
        await get().run()
      }
    }
  }

  if (!deps.storage) return createStore<QueueState>()((set, get) => init(set, get))
  return createStore<QueueState>()(
    persist((set, get) => init(set, get), {
      name: 'xqyb.enrol.uploads',
      version: 1,
      storage: createJSONStorage(() => deps.storage!),
      // unfinished and refused items are kept; a finished one is on the county's side already
      partialize: (s) =>
        ({
          items: s.items
            .filter((i) => i.status !== 'done')
            .map((i) =>
              i.status === 'uploading' || i.status === 'retrying' || i.status === 'compressing'
                ? { ...i, status: 'waiting' as const, progress: 0 }
                : i
            )
        }) as unknown as QueueState
    })
  )
}

/** Items of one application, newest last. */
export const STATUS_TEXT: Record<UploadStatus, string> = {
  compressing: '正在压缩照片…',
  waiting: '排队等待上传',
  uploading: '正在上传',
  retrying: '网络不好，马上重试',
  waiting_network: '等网络恢复后自动上传',
  done: '已上传',
  refused: '没有上传',
  failed: '上传失败'
}
