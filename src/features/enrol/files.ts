// Checks on a chosen photo or file BEFORE anything is sent: type (jpeg, png, pdf — what the
// county accepts) and size (≤ 5 MB after compression). A refused file never reaches the network.

/** The county API's limit per file (route uploadDocument). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024
/** Photos bigger than this are compressed on the phone first (weak rural networks). */
export const COMPRESS_ABOVE_BYTES = 300 * 1024

export type UploadType = 'image/jpeg' | 'image/png' | 'application/pdf'
export const ACCEPTED_TYPES: readonly UploadType[] = ['image/jpeg', 'image/png', 'application/pdf']

export type FileProblem = 'too_large' | 'wrong_type' | 'empty'

export interface FileCheckError {
  code: FileProblem
  message: string
}

export interface ChosenFile {
  /** local path (weapp temp file) or object URL (h5) */
  path: string
  size: number
  /** MIME type when the platform says it; otherwise guessed from the name */
  type?: string
  name?: string
}

const EXT_TYPES: Record<string, UploadType> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf'
}

/** The upload type of a file from its declared MIME type or, failing that, its name/path. */
export function uploadTypeOf(f: Pick<ChosenFile, 'path' | 'type' | 'name'>): UploadType | null {
  const declared = (f.type || '').toLowerCase()
  if ((ACCEPTED_TYPES as readonly string[]).includes(declared)) return declared as UploadType
  if (declared === 'image/jpg') return 'image/jpeg'
  if (declared && declared !== 'image' && declared !== 'application/octet-stream' && declared !== 'file') return null
  const m = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(f.name || f.path)
  return m ? (EXT_TYPES[m[1].toLowerCase()] ?? null) : null
}

/** "1.2 MB", "850 KB" */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}

export function checkFile(f: ChosenFile): { ok: true; type: UploadType } | { ok: false; error: FileCheckError } {
  const type = uploadTypeOf(f)
  if (!type)
    return {
      ok: false,
      error: { code: 'wrong_type', message: '只能上传照片（JPG、PNG）或 PDF 文件，这个文件不行，请换一个' }
    }
  if (!(f.size > 0)) return { ok: false, error: { code: 'empty', message: '这个文件是空的，请重新拍照或选择' } }
  if (f.size > MAX_UPLOAD_BYTES) {
    const what = type === 'application/pdf' ? '这个文件' : '这张照片'
    return {
      ok: false,
      error: {
        code: 'too_large',
        message:
          `${what}有 ${formatSize(f.size)}，超过了 ${formatSize(MAX_UPLOAD_BYTES)} 的上限，没有上传。` +
          (type === 'application/pdf'
            ? '请换一个小一点的文件，或者把纸拍成照片上传。'
            : '请重新拍一张，只拍证件那一块。')
      }
    }
  }
  return { ok: true, type }
}

export function needsCompression(f: ChosenFile, type: UploadType): boolean {
  return type !== 'application/pdf' && f.size > COMPRESS_ABOVE_BYTES
}

/** File name the county stores: the document id says which paper it is (birth-certificate-2.jpg). */
export function uploadFileName(documentId: string, n: number, type: UploadType): string {
  const ext = type === 'application/pdf' ? 'pdf' : type === 'image/png' ? 'png' : 'jpg'
  return `${documentId}-${n}.${ext}`
}
