// One uploaded document, decrypted by the county for this reviewer (the read is logged there):
// a photo can be zoomed (放大, 缩小, 原样) and scrolled; a PDF opens in its own tab.
import { Button, Image, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { StaffApplication } from '@/contract'
import { imageLabel } from '@/components/control-label'
import { loadDocument } from '../api'

type ApplicationDocument = StaffApplication['application']['documents'][number]

// a scrolling region keyboard users can reach (Taro's View types name no tabIndex; h5 passes it on)
const KEYBOARD_SCROLLABLE = { tabIndex: 0 } as object

const ZOOMS = [0.5, 0.75, 1, 1.5, 2, 3]

export function DocumentViewer({ doc, onClose }: { doc: ApplicationDocument; onClose: () => void }) {
  const [url, setUrl] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [zoom, setZoom] = useState(2) // index into ZOOMS: 1×
  useEffect(() => {
    let live = true
    let made: string | null = null
    void loadDocument(doc.documentId).then((r) => {
      if (!r.ok) return live && setError(r.error.message)
      made = r.url
      if (live) setUrl(r.url)
      else URL.revokeObjectURL(r.url)
    })
    return () => {
      live = false
      if (made) URL.revokeObjectURL(made)
    }
  }, [doc.documentId])
  const pdf = doc.contentType === 'application/pdf'
  return (
    <View className='staff-viewer' ariaRole='region' ariaLabel={`材料：${doc.fileName}`}>
      <View className='staff-viewer__tools'>
        <Text className='staff-viewer__name'>{doc.fileName}</Text>
        {!pdf ? (
          <>
            <Button className='btn' disabled={zoom === 0} onClick={() => setZoom(zoom - 1)}>
              缩小
            </Button>
            <Button className='btn' onClick={() => setZoom(2)}>
              原样（{Math.round(ZOOMS[zoom] * 100)}%）
            </Button>
            <Button className='btn' disabled={zoom === ZOOMS.length - 1} onClick={() => setZoom(zoom + 1)}>
              放大
            </Button>
          </>
        ) : null}
        <Button className='btn' onClick={onClose}>
          关上
        </Button>
      </View>
      {error ? (
        <View className='form-error' ariaRole='alert'>
          {error}
        </View>
      ) : null}
      {url && pdf ? (
        <Button className='btn' onClick={() => window.open(url, '_blank', 'noopener')}>
          在新窗口打开 PDF
        </Button>
      ) : null}
      {url && !pdf ? (
        <View className='staff-viewer__stage' ariaLabel='材料照片，可滚动查看' {...KEYBOARD_SCROLLABLE}>
          <View style={{ width: `${ZOOMS[zoom] * 100}%` }} className='staff-viewer__frame'>
            <Image
              className='staff-viewer__image'
              src={url}
              mode='widthFix'
              {...imageLabel(`上传的材料：${doc.fileName}`)}
            />
          </View>
        </View>
      ) : null}
    </View>
  )
}
