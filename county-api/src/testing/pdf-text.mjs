// Reads a PDF on standard input and prints its text, one line per text run, with Mozilla's
// PDF.js (what browsers use to show PDFs): tests check a PDF's words and figures as a reader
// would get them (copy, search, screen readers). Run as a child process: PDF.js is ESM only.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

const chunks = []
for await (const c of process.stdin) chunks.push(c)
const pdf = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), disableFontFace: true }).promise
const lines = []
for (let n = 1; n <= pdf.numPages; n++) {
  const page = await pdf.getPage(n)
  const content = await page.getTextContent()
  for (const item of content.items) if ('str' in item && item.str.trim() !== '') lines.push(item.str)
}
process.stdout.write(JSON.stringify({ pages: pdf.numPages, lines }))
