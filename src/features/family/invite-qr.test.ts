// The QR the head shows must scan back to exactly the invite code: the module matrix is
// rasterised and read with an independent decoder (jsQR), and the GIF is the size we draw.
import jsQR from 'jsqr'
import { inviteQr } from './invite-qr'

function read(code: string): string | null {
  const q = inviteQr(code)
  const cell = 4
  const margin = 4
  const side = (q.modules + 2 * margin) * cell
  const px = new Uint8ClampedArray(side * side * 4).fill(255)
  for (let r = 0; r < q.modules; r++) {
    for (let c = 0; c < q.modules; c++) {
      if (!q.isDark(r, c)) continue
      for (let y = 0; y < cell; y++) {
        for (let x = 0; x < cell; x++) {
          const i = (((margin + r) * cell + y) * side + (margin + c) * cell + x) * 4
          px[i] = px[i + 1] = px[i + 2] = 0
        }
      }
    }
  }
  return jsQR(px, side, side)?.data ?? null
}

test.each(['K7Q4-9XPM', 'inv_0001_ab12cd34ef56', 'A'.repeat(64)])('%s scans back to itself', (code) => {
  expect(read(code)).toBe(code)
})

test('the picture is a GIF of (modules + 2 margins) × cell pixels', () => {
  const q = inviteQr('K7Q4-9XPM', 8, 4)
  expect(q.src.startsWith('data:image/gif;base64,')).toBe(true)
  const gif = Buffer.from(q.src.split(',')[1], 'base64')
  expect(gif.subarray(0, 6).toString('ascii')).toBe('GIF87a')
  const side = (q.modules + 8) * 8
  expect(gif.readUInt16LE(6)).toBe(side)
  expect(gif.readUInt16LE(8)).toBe(side)
})
