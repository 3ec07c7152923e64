// The streaming CSV reader: rows split across chunks anywhere, quoted cells with commas,
// quotes and line breaks, CRLF, and 1-based line numbers of where each row starts.
import { CsvReader, csvLine, parseCsv } from './csv'

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
