// "What to prepare": the papers an application needs, shown before the user starts.
import { Text, View } from '@tarojs/components'
import type { Checklist } from '../documents'
import './enrol.scss'

export function DocumentChecklist({ list, uploaded = [] }: { list: Checklist; uploaded?: readonly string[] }) {
  return (
    <View className={`card enrol-checklist enrol-checklist--${list.kind}`}>
      <Text className='enrol-section-title'>{list.title}：要准备的材料</Text>
      <Text className='muted'>{list.purpose}</Text>
      {list.documents.length === 0 ? <Text>不用准备材料。</Text> : null}
      {list.documents.map((d, i) => {
        const done = uploaded.includes(d.id)
        return (
          <View key={d.id} className='enrol-doc'>
            <View className='enrol-doc__head'>
              <Text className='enrol-doc__label'>
                {i + 1}. {d.label}
              </Text>
              <Text
                className={`enrol-doc__tag enrol-doc__tag--${done ? 'done' : d.required ? 'required' : 'optional'}`}
              >
                {done ? '已上传' : d.required ? '必须' : `需要时（${d.when ?? '看情况'}）`}
              </Text>
            </View>
            {d.hint ? <Text className='enrol-hint'>{d.hint}</Text> : null}
          </View>
        )
      })}
      <Text className='enrol-hint'>都用手机拍照上传，不用寄原件、不用回村。照片要拍清楚、拍完整。</Text>
      {list.source ? <Text className='enrol-hint'>来源：{list.source}</Text> : null}
    </View>
  )
}
