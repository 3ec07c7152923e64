// The invite as a QR code the head shows in person; the family member scans it with
// 扫一扫 (Taro.scanCode on the mini-program), which yields exactly the invite code.
// A GIF data URL: the <Image> component shows it on both builds, no canvas needed.
import qrcode from 'qrcode-generator'

export interface InviteQr {
  /** data:image/gif;base64,… */
  src: string
  /** modules per side (the QR "version" size), for tests */
  modules: number
  isDark: (row: number, col: number) => boolean
}

/** Error correction M: survives a cracked screen or glare while staying a small code.
 *  `margin` is the quiet zone in modules (the standard asks for 4), `cellSize` in pixels. */
export function inviteQr(code: string, cellSize = 8, margin = 4): InviteQr {
  const qr = qrcode(0, 'M')
  qr.addData(code, 'Byte')
  qr.make()
  return {
    src: qr.createDataURL(cellSize, margin * cellSize) /* the library's margin is in pixels */,
    modules: qr.getModuleCount(),
    isDark: (r, c) => qr.isDark(r, c)
  }
}
