// Draws lines of text into a picture: on h5 a PNG data URL from a canvas of its own; on weapp
// the page's Canvas 2D node (`canvasId`), saved to a temporary file and offered to share.
import Taro from '@tarojs/taro'
import { drawLines, imageHeight, IMAGE_WIDTH, type ImageLine } from '.'

interface CanvasNode {
  getContext: (k: '2d') => unknown
  width: number
  height: number
}

async function makeWeapp(lines: ImageLine[], canvasId: string): Promise<string> {
  const node = await new Promise<CanvasNode>((resolve, reject) => {
    Taro.createSelectorQuery()
      .select(`#${canvasId}`)
      .fields({ node: true, size: true })
      .exec((res: Array<{ node?: unknown }>) => {
        const n = res?.[0]?.node as CanvasNode | undefined
        if (n) resolve(n)
        else reject(new Error('no canvas'))
      })
  })
  node.width = IMAGE_WIDTH
  node.height = imageHeight(lines)
  drawLines(node.getContext('2d') as never, lines)
  const out = await Taro.canvasToTempFilePath({ canvas: node as never } as never)
  await Taro.showShareImageMenu({ path: out.tempFilePath }).catch(() => undefined)
  return out.tempFilePath
}

function makeH5(lines: ImageLine[]): string {
  const canvas = document.createElement('canvas')
  canvas.width = IMAGE_WIDTH
  canvas.height = imageHeight(lines)
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('no 2d context')
  drawLines(ctx as unknown as Parameters<typeof drawLines>[0], lines)
  return canvas.toDataURL('image/png')
}

/** The picture's address: a data URL on h5, a temporary file on weapp (after the share menu). */
export async function makeLineImage(lines: ImageLine[], canvasId: string): Promise<string> {
  return process.env.TARO_ENV === 'h5' ? makeH5(lines) : makeWeapp(lines, canvasId)
}
