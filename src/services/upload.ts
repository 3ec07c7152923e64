// Multipart uploads to the county API (route uploadDocument) and the phone-side work before
// them: choosing photos or files, and compressing photos. Uploads go through Taro.uploadFile
// (Taro.request cannot send files); the answer is turned into the same { ok, data } |
// { ok: false, error } shape as the county client, with the same error sentences.
import Taro from '@tarojs/taro'
import type { Application } from '@/contract'
import { appError, isKnownCode, type AppError } from './errors'
import { useNetwork } from './network'
import { applicationCheck } from './responses'

export interface PickedFile {
  path: string
  size: number
  type?: string
  name?: string
}

export type UploadResult = { ok: true; data: Application } | { ok: false; error: AppError }

interface UploadConfig {
  baseUrl: string
  token: () => string | null
  timeoutMs: number
}

const config: UploadConfig = {
  baseUrl: process.env.COUNTY_API_URL || '/county',
  token: () => null,
  timeoutMs: 60000
}

/** The session feature plugs in the token (same as configureCountyClient). */
export function configureUpload(c: Partial<UploadConfig>): void {
  Object.assign(config, c)
}

function parse(data: unknown): unknown {
  if (typeof data !== 'string') return data
  try {
    return JSON.parse(data)
  } catch {
    return null
  }
}

const FILE_GONE = '这张照片在手机上找不到了（网页关掉后会清掉），请重新拍照或选择'

/** h5 keeps chosen files as blob: URLs, which die with the page: check before sending. */
async function fileStillThere(path: string): Promise<boolean> {
  if (process.env.TARO_ENV !== 'h5' || !path.startsWith('blob:')) return true
  try {
    await fetch(path, { method: 'GET' })
    return true
  } catch {
    return false
  }
}

/** Sends one file; `onProgress` gets 0–100 while the bytes go out. */
export async function uploadDocument(
  input: { applicationId: string; path: string; fileName: string },
  onProgress?: (percent: number) => void
): Promise<UploadResult> {
  if (!(await fileStillThere(input.path)))
    return { ok: false, error: appError('INVALID_INPUT', { message: FILE_GONE }) }
  return send(input, onProgress)
}

function send(
  input: { applicationId: string; path: string; fileName: string },
  onProgress?: (percent: number) => void
): Promise<UploadResult> {
  const token = config.token()
  const header: Record<string, string> = {}
  if (token) header.authorization = `Bearer ${token}`
  return new Promise<UploadResult>((resolve) => {
    let settled = false
    const done = (r: UploadResult) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve(r)
    }
    // our own timer as well: some clients never call back on a dead network
    const timer = setTimeout(() => done({ ok: false, error: appError('TIMEOUT') }), config.timeoutMs + 2000)
    const task = Taro.uploadFile({
      url: `${config.baseUrl}/v1/applications/${encodeURIComponent(input.applicationId)}/documents`,
      filePath: input.path,
      name: 'file',
      fileName: input.fileName,
      header,
      timeout: config.timeoutMs,
      success: (res) => {
        const body = parse(res.data) as {
          code?: unknown
          message?: unknown
          details?: unknown
          applicationId?: unknown
        } | null
        if (res.statusCode >= 200 && res.statusCode < 300) {
          useNetwork.getState().setReachable(true)
          if (applicationCheck(body) === null) done({ ok: true, data: body as unknown as Application })
          else done({ ok: false, error: appError('BAD_RESPONSE', { status: res.statusCode }) })
          return
        }
        if (body && isKnownCode(body.code)) {
          useNetwork.getState().setReachable(true)
          const message =
            typeof body.message === 'string' && body.message.length > 0 && body.message.length <= 80
              ? body.message
              : undefined
          done({ ok: false, error: appError(body.code, { status: res.statusCode, message, details: body.details }) })
        } else if (res.statusCode === 413) {
          done({ ok: false, error: appError('PAYLOAD_TOO_LARGE', { status: 413 }) })
        } else if (res.statusCode === 502 || res.statusCode === 503 || res.statusCode === 504) {
          useNetwork.getState().setReachable(false)
          done({ ok: false, error: appError('UNREACHABLE', { status: res.statusCode }) })
        } else {
          done({ ok: false, error: appError('SERVER_ERROR', { status: res.statusCode }) })
        }
      },
      fail: (err) => {
        const msg = String((err as { errMsg?: string })?.errMsg || '')
        // weapp: the temp file was cleaned up (app closed long ago)
        if (/no such file|not found|file not exist/i.test(msg))
          done({ ok: false, error: appError('INVALID_INPUT', { message: FILE_GONE }) })
        else if (/timeout/i.test(msg)) done({ ok: false, error: appError('TIMEOUT') })
        else if (!useNetwork.getState().online) done({ ok: false, error: appError('OFFLINE') })
        else done({ ok: false, error: appError('UNREACHABLE') })
      }
    }) as unknown as { onProgressUpdate?: (cb: (r: { progress: number }) => void) => void } | undefined
    task?.onProgressUpdate?.((r) => onProgress?.(r.progress))
  })
}

// ---------------------------------------------------------------- choosing

export type PhotoSource = 'camera' | 'album'

/** Photos from the camera or the album (Taro.chooseMedia). Cancelling gives []. */
export async function choosePhotos(source: PhotoSource, count = 3): Promise<PickedFile[]> {
  try {
    const r = await Taro.chooseMedia({ count, mediaType: ['image'], sourceType: [source], sizeType: ['compressed'] })
    return (r.tempFiles || []).map((f) => {
      const orig = (f as unknown as { originalFileObj?: { name?: string; type?: string } }).originalFileObj
      return { path: f.tempFilePath, size: f.size, type: orig?.type || f.fileType, name: orig?.name }
    })
  } catch {
    return []
  }
}

/** A PDF or photo file: from a WeChat chat on weapp, from the file picker on h5. */
export async function chooseFile(): Promise<PickedFile[]> {
  if (process.env.TARO_ENV === 'h5') return chooseFileH5()
  try {
    const r = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['pdf', 'jpg', 'jpeg', 'png'] })
    return (r.tempFiles || []).map((f) => ({
      path: f.path,
      size: f.size,
      name: f.name,
      type: f.type === 'file' ? undefined : f.type
    }))
  } catch {
    return []
  }
}

function chooseFileH5(): Promise<PickedFile[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = 'application/pdf,image/jpeg,image/png'
    input.style.cssText = 'position:fixed;top:-4000px;left:-4000px'
    input.className = 'enrol-file-input'
    input.onchange = () => {
      const files = Array.from(input.files || [])
      input.remove()
      resolve(files.map((f) => ({ path: URL.createObjectURL(f), size: f.size, type: f.type, name: f.name })))
    }
    document.body.appendChild(input)
    input.click()
  })
}

// ---------------------------------------------------------------- compressing

const MAX_EDGE = 1600

/** A smaller JPEG of a photo (long edge ≤ 1600 px). Throws when the phone cannot do it. */
export async function compressPhoto(file: {
  path: string
  size: number
}): Promise<{ path: string; size: number; type: 'image/jpeg' }> {
  if (process.env.TARO_ENV === 'h5') return compressH5(file.path)
  const r = await Taro.compressImage({ src: file.path, quality: 60, compressedWidth: MAX_EDGE } as Parameters<
    typeof Taro.compressImage
  >[0])
  const size = await new Promise<number>((resolve, reject) => {
    Taro.getFileSystemManager().getFileInfo({
      filePath: r.tempFilePath,
      success: (i) => resolve(i.size),
      fail: reject
    })
  })
  return { path: r.tempFilePath, size, type: 'image/jpeg' }
}

function compressH5(src: string): Promise<{ path: string; size: number; type: 'image/jpeg' }> {
  return new Promise((resolve, reject) => {
    const img = new window.Image()
    img.onload = () => {
      const scale = Math.min(1, MAX_EDGE / Math.max(img.naturalWidth, img.naturalHeight))
      const canvas = document.createElement('canvas')
      canvas.width = Math.max(1, Math.round(img.naturalWidth * scale))
      canvas.height = Math.max(1, Math.round(img.naturalHeight * scale))
      const ctx = canvas.getContext('2d')
      if (!ctx) return reject(new Error('no canvas'))
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height)
      canvas.toBlob(
        (blob) => {
          if (!blob) return reject(new Error('no blob'))
          resolve({ path: URL.createObjectURL(blob), size: blob.size, type: 'image/jpeg' })
        },
        'image/jpeg',
        0.7
      )
    }
    img.onerror = () => reject(new Error('not an image'))
    img.src = src
  })
}
