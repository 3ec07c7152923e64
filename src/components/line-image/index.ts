// A picture made of lines of text (a receipt, a yearly statement) to send to family: the lines
// are built by each feature (tested there); drawing works on any 2D canvas context (h5 <canvas>,
// weapp Canvas 2D).
export interface ImageLine {
  text: string
  size: number
  bold?: boolean
  color?: string
  /** extra space above, px */
  gap?: number
}

export const IMAGE_WIDTH = 600

/**
 * The app's own font list, CJK fonts first. A bare 'sans-serif' gives the Latin font for
 * punctuation, and the middle dot of minority names (阿依古丽·买买提) then looks like a
 * full stop down on the line; the CJK fonts draw it in the middle, as on the screen.
 */
export const IMAGE_FONT = '"PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif'

export function imageHeight(lines: ImageLine[]): number {
  return lines.reduce((h, l) => h + (l.gap ?? 0) + Math.round(l.size * 1.5), 48) + 32
}

/** Minimal 2D context shape shared by h5 and the mini-program's Canvas 2D. */
export interface Ctx2D {
  fillStyle: unknown
  font: string
  textBaseline: string
  fillRect: (x: number, y: number, w: number, h: number) => void
  fillText: (text: string, x: number, y: number) => void
  strokeRect?: (x: number, y: number, w: number, h: number) => void
  strokeStyle?: unknown
  lineWidth?: number
}

export function drawLines(ctx: Ctx2D, lines: ImageLine[], width = IMAGE_WIDTH): number {
  const height = imageHeight(lines)
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, width, height)
  if (ctx.strokeRect) {
    ctx.strokeStyle = '#1b7f4c'
    ctx.lineWidth = 4
    ctx.strokeRect(8, 8, width - 16, height - 16)
  }
  ctx.textBaseline = 'top'
  let y = 32
  for (const l of lines) {
    y += l.gap ?? 0
    ctx.font = `${l.bold ? 'bold ' : ''}${l.size}px ${IMAGE_FONT}`
    ctx.fillStyle = l.color ?? '#111111'
    ctx.fillText(l.text, 32, y)
    y += Math.round(l.size * 1.5)
  }
  return height
}
