// Reading and writing the CLI's files: text in UTF-8 or Excel's GBK/GB18030 (iconv-lite),
// read as a stream; CSV by RFC 4180 (quoted cells may hold commas, quotes and line breaks).
import { createReadStream } from 'fs'
import iconv from 'iconv-lite'

export type Encoding = 'utf8' | 'gb18030'

/** Thrown for a file that is not in the encoding asked for, or in none the CLI reads. */
export class EncodingError extends Error {}

/**
 * The file's text, chunk by chunk. `auto`: UTF-8 (with or without a BOM) when the bytes
 * are valid UTF-8, else GB18030 (which includes GBK, what Excel writes for Chinese CSV).
 */
export async function* readText(path: string, encoding: Encoding | 'auto'): AsyncGenerator<string> {
  const stream = createReadStream(path, { highWaterMark: 1 << 18 })
  let decode: ((b: Buffer) => string) | null = null
  let flush: () => string = () => ''
  let offset = 0
  const utf8 = () => {
    const d = new TextDecoder('utf-8', { fatal: true })
    decode = (b) => {
      try {
        return d.decode(b, { stream: true })
      } catch {
        throw new EncodingError(
          `文件从第 ${offset + 1} 个字节起不是有效的 UTF-8 文字${encoding === 'utf8' ? '（用了 --encoding utf8）' : ''}：请用 UTF-8 或 GBK（Excel「CSV（逗号分隔）」）保存`
        )
      }
    }
    flush = () => {
      try {
        return d.decode()
      } catch {
        throw new EncodingError('文件末尾的文字不完整（不是有效的 UTF-8）')
      }
    }
  }
  const gb = () => {
    const d = iconv.getDecoder('gb18030')
    decode = (b) => d.write(b)
    flush = () => d.end() ?? ''
  }
  let first = true
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let b = chunk
    if (first) {
      first = false
      if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
        b = b.subarray(3)
        if (encoding === 'gb18030') gb()
        else utf8()
      } else if (encoding === 'utf8') utf8()
      else if (encoding === 'gb18030') gb()
      else {
        // valid UTF-8 in the first chunk (ignoring a character cut at its end): UTF-8, else GB18030
        const probe = new TextDecoder('utf-8', { fatal: true })
        let ok = true
        try {
          probe.decode(b, { stream: true })
        } catch {
          ok = false
        }
        if (ok) utf8()
        else gb()
      }
    }
    const text = decode!(b)
    offset += chunk.length
    if (text) yield text
  }
  if (decode) {
    const rest = flush()
    if (rest) yield rest
  }
}

/** A CSV reader fed text chunk by chunk; each complete row is handed over with the line it starts on (1-based). */
export class CsvReader {
  private row: string[] = []
  private cell = ''
  private quoted = false
  /** a quote seen inside a quoted cell: either its end or the first of a doubled quote */
  private quote = false
  private cr = false
  private line = 1
  private rowLine = 1

  push(text: string, onRow: (cells: string[], line: number) => void): void {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i)
      if (this.cr) {
        this.cr = false
        if (ch === 10) continue
      }
      if (this.quoted) {
        if (this.quote) {
          this.quote = false
          if (ch === 34) {
            this.cell += '"'
            continue
          }
          this.quoted = false
          // fall through: the character after a closing quote
        } else if (ch === 34) {
          this.quote = true
          continue
        } else {
          if (ch === 10) this.line++
          this.cell += text[i]
          continue
        }
      }
      if (ch === 34 && this.cell === '') this.quoted = true
      else if (ch === 44) {
        this.row.push(this.cell)
        this.cell = ''
      } else if (ch === 10 || ch === 13) {
        this.row.push(this.cell)
        onRow(this.row, this.rowLine)
        this.row = []
        this.cell = ''
        if (ch === 13) this.cr = true
        this.line++
        this.rowLine = this.line
      } else this.cell += text[i]
    }
  }

  end(onRow: (cells: string[], line: number) => void): void {
    if (this.quote) {
      this.quote = false
      this.quoted = false
    }
    if (this.cell !== '' || this.row.length) {
      this.row.push(this.cell)
      onRow(this.row, this.rowLine)
    }
    this.row = []
    this.cell = ''
  }
}

/** A whole CSV text as rows (for small files and tests). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  const r = new CsvReader()
  const add = (cells: string[]) => rows.push(cells)
  r.push(text.replace(/^\uFEFF/, ''), add)
  r.end(add)
  return rows
}

function esc(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v)
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}
/** One CSV line (with its line break). */
export function csvLine(cells: readonly unknown[]): string {
  let out = ''
  for (let i = 0; i < cells.length; i++) out += (i ? ',' : '') + esc(cells[i])
  return `${out}\n`
}
