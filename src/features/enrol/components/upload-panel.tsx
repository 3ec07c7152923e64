// Photos for an application, per paper: take a photo, choose from the album, or choose a
// PDF. Each file shows its progress, a weak-network retry, or why it was not sent.
import { Button, Text, View } from '@tarojs/components'
import { useEffect } from 'react'
import type { Application, ApplicationKind } from '@/contract'
import { choosePhotos, chooseFile, type PickedFile } from '@/services/upload'
import { checklistFor, type DocumentNeed } from '../documents'
import { formatSize } from '../files'
import { uploadQueue, useEnrol, useUploads } from '../store'
import { STATUS_TEXT, type UploadItem } from '../upload-queue'
import './enrol.scss'

async function addFiles(applicationId: string, documentId: string, files: PickedFile[]) {
  if (!files.length) return
  // a refused file says why on its own row, beside the paper it was for (read out as an alert)
  await uploadQueue.getState().add(applicationId, documentId, files)
  await uploadQueue.getState().run()
}

function UploadRow({ item }: { item: UploadItem }) {
  const q = uploadQueue.getState()
  const pct = item.status === 'done' ? 100 : item.progress
  const showBar = item.status === 'uploading' || item.status === 'done' || item.status === 'retrying'
  return (
    <View className={`enrol-upload enrol-upload--${item.status}`} data-status={item.status}>
      <View className='enrol-upload__row'>
        <Text>
          {STATUS_TEXT[item.status]}
          {item.status === 'uploading' ? ` ${pct}%` : ''}
        </Text>
        <Text className='muted'>{formatSize(item.size)}</Text>
      </View>
      {showBar ? (
        <View className='enrol-upload__bar' ariaRole='progressbar' ariaLabel={`上传进度 ${pct}%`}>
          <View className='enrol-upload__fill' style={{ width: `${pct}%` }} />
        </View>
      ) : null}
      {item.message ? (
        <View className='enrol-upload__msg' ariaRole={item.status === 'refused' ? 'alert' : undefined}>
          {item.message}
        </View>
      ) : null}
      {item.status === 'failed' || item.status === 'waiting_network' ? (
        <Button
          className='btn enrol-upload__retry'
          onClick={() => {
            void q.retry(item.localId)
          }}
        >
          重新上传
        </Button>
      ) : null}
      {item.status === 'refused' || item.status === 'failed' ? (
        <Button className='btn enrol-upload__remove' onClick={() => q.remove(item.localId)}>
          不要这个文件
        </Button>
      ) : null}
    </View>
  )
}

function DocumentUpload({ app, need }: { app: Application; need: DocumentNeed }) {
  const items = useUploads((s) => s.items).filter(
    (i) => i.applicationId === app.applicationId && i.documentId === need.id && i.status !== 'done'
  )
  const docTypes = useEnrol((s) => s.docTypes)
  const uploaded = app.documents.filter((d) => docTypes[d.documentId] === need.id || d.fileName.startsWith(need.id))
  return (
    <View className={`enrol-doc enrol-doc--${need.id}`}>
      <View className='enrol-doc__head'>
        <Text className='enrol-doc__label'>{need.label}</Text>
        <Text
          className={`enrol-doc__tag enrol-doc__tag--${uploaded.length ? 'done' : need.required ? 'required' : 'optional'}`}
        >
          {uploaded.length ? `已上传 ${uploaded.length} 张` : need.required ? '必须' : '需要时'}
        </Text>
      </View>
      {need.hint ? <Text className='enrol-hint'>{need.hint}</Text> : null}
      {items.map((i) => (
        <UploadRow key={i.localId} item={i} />
      ))}
      <View className='enrol-pick'>
        <Button
          className='btn btn-primary enrol-pick__camera'
          onClick={() => {
            void choosePhotos('camera').then((f) => addFiles(app.applicationId, need.id, f))
          }}
        >
          拍照
        </Button>
        <Button
          className='btn enrol-pick__album'
          onClick={() => {
            void choosePhotos('album').then((f) => addFiles(app.applicationId, need.id, f))
          }}
        >
          从相册选
        </Button>
        <Button
          className='btn enrol-pick__file'
          onClick={() => {
            void chooseFile().then((f) => addFiles(app.applicationId, need.id, f))
          }}
        >
          选手机里的文件
        </Button>
      </View>
    </View>
  )
}

export function UploadPanel({ app }: { app: Application }) {
  // files chosen before the app was closed (or the network dropped) go on by themselves
  useEffect(() => {
    void uploadQueue.getState().resume()
  }, [])
  const kind: ApplicationKind = app.kind
  const list = checklistFor(kind)
  const extra: DocumentNeed = { id: 'extra', label: '县里要求补充的材料', hint: '按县里说的补拍', required: false }
  const needs = app.status === 'needs_more' ? [extra, ...list.documents] : list.documents
  return (
    <View className='card enrol-upload-panel'>
      <Text className='enrol-section-title'>上传材料照片</Text>
      <Text className='muted'>
        照片会先在手机上压缩再上传，省流量。网络不好会自动重试，断网了连上后接着传。单个文件不超过 5 MB。
      </Text>
      {needs.map((n) => (
        <DocumentUpload key={n.id} app={app} need={n} />
      ))}
    </View>
  )
}
