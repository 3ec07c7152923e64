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
  const stream = createReadStream(path, { highWaterMark: 1 << 16 })
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

/**
 * A CSV reader fed text chunk by chunk; each complete row is handed over with the line it
 * starts on (1-based). A line without quotes is split as it is (most rows of a county's
 * file); a row with quotes is read character by character and may run over several lines.
 */
export class CsvReader {
  private buf = ''
  private line = 1

  push(text: string, onRow: (cells: string[], line: number) => void): void {
    this.buf = this.buf.length ? this.buf + text : text
    this.drain(onRow, false)
  }

  end(onRow: (cells: string[], line: number) => void): void {
    this.drain(onRow, true)
    this.buf = ''
  }

  private drain(onRow: (cells: string[], line: number) => void, final: boolean): void {
    const b = this.buf
    let start = 0
    // the next quote, found once and again only when passed (no rescanning: files with few quotes stay linear)
    let q = b.indexOf('"')
    for (;;) {
      let nl = b.indexOf('\n', start)
      if (nl < 0) {
        if (!final || start >= b.length) break
        nl = b.length
      }
      if (q >= 0 && q < start) q = b.indexOf('"', start)
      if (q < 0 || q > nl) {
        const end = nl > start && b.charCodeAt(nl - 1) === 13 ? nl - 1 : nl
        onRow(plainCells(b, start, end), this.line)
        this.line++
        start = nl + 1
        continue
      }
      const r = quoted(b, start, final)
      if (r === null) break // the row goes on in the next chunk
      onRow(r.cells, this.line)
      this.line += r.lines
      start = r.next
    }
    this.buf = start >= b.length ? '' : b.slice(start)
  }
}

/** The cells of a row without quotes, b[start, end), cut straight out of the chunk (no line string to split first). */
function plainCells(b: string, start: number, end: number): string[] {
  const cells: string[] = []
  let from = start
  for (;;) {
    const comma = b.indexOf(',', from)
    if (comma < 0 || comma >= end) break
    cells.push(b.slice(from, comma))
    from = comma + 1
  }
  cells.push(b.slice(from, end))
  return cells
}

/** One row with quoted cells from `start`: its cells, the lines it spans, where the next row starts; null if it is not complete yet. */
function quoted(b: string, start: number, final: boolean): { cells: string[]; lines: number; next: number } | null {
  const cells: string[] = []
  let cell = ''
  let inQuotes = false
  let lines = 1
  for (let i = start; i < b.length; i++) {
    const ch = b.charCodeAt(i)
    if (inQuotes) {
      if (ch === 34) {
        if (i + 1 >= b.length && !final) return null
        if (b.charCodeAt(i + 1) === 34) {
          cell += '"'
          i++
        } else inQuotes = false
      } else {
        if (ch === 10) lines++
        cell += b[i]
      }
    } else if (ch === 34 && cell === '') inQuotes = true
    else if (ch === 44) {
      cells.push(cell)
      cell = ''
    } else if (ch === 10 || ch === 13) {
      cells.push(cell)
      let next = i + 1
      if (ch === 13) {
        if (next >= b.length && !final) return null
        if (b.charCodeAt(next) === 10) next++
      }
      return { cells, lines, next }
    } else cell += b[i]
  }
  if (!final) return null
  cells.push(cell)
  return { cells, lines, next: b.length }
}

/** A whole CSV text as rows (for small files and tests). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  const r = new CsvReader()
  const add = (cells: string[]) => {
    if (!(cells.length === 1 && cells[0] === '')) rows.push(cells)
  }
  r.push(text.replace(/^\uFEFF/, ''), add)
  r.end(add)
  return rows
}

/** A CSV cell: quoted when it holds a comma, a quote or a line break. */
export function esc(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v)
  // read by character (a batch writes four cells a row through here): a quote, a comma or a line break
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 34 || c === 44 || c === 10 || c === 13) return `"${s.replace(/"/g, '""')}"`
  }
  return s
}
/** One CSV line (with its line break). */
export function csvLine(cells: readonly unknown[]): string {
  let out = ''
  for (let i = 0; i < cells.length; i++) out += (i ? ',' : '') + esc(cells[i])
  return `${out}\n`
}
