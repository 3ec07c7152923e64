// The streaming CSV reader: rows split across chunks anywhere, quoted cells with commas,
// quotes and line breaks, CRLF, and 1-based line numbers of where each row starts.
import { mkdtempSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { CsvReader, csvLine, esc, parseCsv, readText } from './csv'

function readInChunks(text: string, size: number): [string[], number][] {
  const rows: [string[], number][] = []
  const r = new CsvReader()
  const add = (cells: string[], line: number) => rows.push([cells, line])
  for (let i = 0; i < text.length; i += size) r.push(text.slice(i, i + size), add)
  r.end(add)
  return rows
}

describe('CsvReader', () => {
  const text = 'a,b,c\r\n1,"x, ""y""\r\nz",3\r\n4,5,6\n"",7,\n8,9,"end"'
  const want: [string[], number][] = [
    [['a', 'b', 'c'], 1],
    [['1', 'x, "y"\r\nz', '3'], 2],
    [['4', '5', '6'], 4],
    [['', '7', ''], 5],
    [['8', '9', 'end'], 6]
  ]
  it.each([1, 2, 3, 5, 7, 64])('reads the same rows whatever the chunk size (%i)', (size) => {
    expect(readInChunks(text, size)).toEqual(want)
  })
  it('writes what it reads', () => {
    const rows = [['编号', 'a,b', 'say "hi"', 'two\nlines', '']]
    expect(parseCsv(rows.map(csvLine).join(''))).toEqual(rows)
  })
})

describe('the cells people write', () => {
  it('keeps names with ·, rare characters and accents as written, drops a BOM, reads CRLF', () => {
    const text = '\uFEFF姓名,备注\r\n买买提·艾力,𠀾𪚥 é\r\n"阿依古丽·吐尔逊, 二组","说 ""是"""\r\n'
    expect(parseCsv(text)).toEqual([
      ['姓名', '备注'],
      ['买买提·艾力', '𠀾𪚥 é'],
      ['阿依古丽·吐尔逊, 二组', '说 "是"']
    ])
  })
  it.each([
    ['买买提·艾力', '买买提·艾力'],
    ['𠀾𪚥', '𠀾𪚥'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"']
  ])('writes %j as %j (quoted only for a quote, a comma or a line break)', (cell, written) => {
    expect(esc(cell)).toBe(written)
    expect(parseCsv(`${written}\n`)).toEqual([[cell]])
  })
})

describe('readText', () => {
  it('reads UTF-8 with a BOM and a four-byte character cut between two chunks of the file', async () => {
    // the reader takes 256 KiB at a time: 𠀾 (4 bytes) starts two bytes before the first chunk ends
    const head = 'a,' + 'x'.repeat((1 << 18) - 3 - 2 - 2)
    const text = `${head}𠀾·\r\nb,买买提·艾力\r\n`
    const path = join(mkdtempSync(join(tmpdir(), 'xqyb-csv-')), 'cut.csv')
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))
    let read = ''
    let chunks = 0
    for await (const t of readText(path, 'auto')) {
      read += t
      chunks++
    }
    expect(chunks).toBeGreaterThan(1)
    expect(read).toBe(text)
    expect(parseCsv(read)[0][1].endsWith('x𠀾·')).toBe(true)
    expect(parseCsv(read)[1]).toEqual(['b', '买买提·艾力'])
  })
})
