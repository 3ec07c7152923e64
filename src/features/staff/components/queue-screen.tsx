// The queue: every reviewable request, oldest first, filtered by status, kind and township, a page
// at a time; each opens its application. Reading the list is written to each household's log.
import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import type { QueueItem } from '@/contract'
import { inputFor } from '@/components/control-label'
import { APPLICATION_KIND_LABEL } from '@/shared/application-kinds'
import { formatInstant } from '@/services/time'
import { loadQueue, type QueueFilter } from '../api'
import { kindLabel, STATUS_LABEL } from '../labels'
import { StaffGate } from './staff-gate'

const HERE = '/subpackages/staff/queue/index'

function Queue() {
  const [filter, setFilter] = useState<QueueFilter>({ status: 'submitted' })
  const [township, setTownship] = useState('')
  const [items, setItems] = useState<QueueItem[]>([])
  const [counts, setCounts] = useState<Record<string, number>>({})
  const [next, setNext] = useState<string | null>(null)
  const [pages, setPages] = useState<string[]>([])
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)

  const load = useCallback(
    async (after?: string) => {
      setLoading(true)
      const r = await loadQueue(filter, after)
      setLoading(false)
      if (!r.ok) return setError(r.error.message)
      setError(null)
      setItems(r.data.items)
      setCounts(r.data.counts)
      setNext(r.data.next)
    },
    [filter]
  )
  useEffect(() => {
    setPages([])
    void load()
  }, [load])

  return (
    <View className='staff-queue'>
      <View className='staff-filters' ariaRole='group' ariaLabel='按状态'>
        {Object.entries(STATUS_LABEL).map(([status, label]) => (
          <Button
            key={status}
            className={`btn chip${filter.status === status ? ' chip--on' : ''}`}
            aria-pressed={filter.status === status}
            onClick={() => setFilter({ ...filter, status })}
          >
            {label}（{counts[status] ?? 0}）
          </Button>
        ))}
      </View>
      <View className='staff-filters' ariaRole='group' ariaLabel='按种类'>
        {[['', '全部种类'] as const, ...Object.entries(APPLICATION_KIND_LABEL)].map(([kind, label]) => (
          <Button
            key={kind || 'all'}
            className={`btn chip${(filter.kind ?? '') === kind ? ' chip--on' : ''}`}
            aria-pressed={(filter.kind ?? '') === kind}
            onClick={() => setFilter({ ...filter, kind: kind || undefined })}
          >
            {label}
          </Button>
        ))}
      </View>
      <View className='staff-filters'>
        <Input
          className='field-input staff-filters__township'
          value={township}
          placeholder='乡镇（如 石桥镇）'
          {...inputFor('按乡镇找', 'text')}
          onInput={(e) => setTownship(e.detail.value)}
          onConfirm={() => setFilter({ ...filter, township: township.trim() || undefined })}
        />
        <Button className='btn' onClick={() => setFilter({ ...filter, township: township.trim() || undefined })}>
          按乡镇找
        </Button>
      </View>
      {error ? (
        <View className='form-error' ariaRole='alert'>
          {error}
        </View>
      ) : null}
      {!loading && items.length === 0 && !error ? <Text className='muted'>这里没有要办的事。</Text> : null}
      <View className='staff-table' ariaRole='list' ariaLabel='待办'>
        {items.map((it) => (
          <View key={it.itemId} className='staff-row' ariaRole='listitem'>
            <View className='staff-row__main'>
              <Text className='staff-row__kind'>{kindLabel(it.kind)}</Text>
              <Text>
                {it.township} {it.village} · 户主 {it.headNameMasked}
              </Text>
              <Text className='muted'>
                {formatInstant(it.submittedAt)} 提交 · 材料 {it.documentCount} 份 ·{' '}
                {STATUS_LABEL[it.status] ?? it.status}
              </Text>
              {it.reason ? <Text className='muted'>原因：{it.reason}</Text> : null}
            </View>
            <Button
              className='btn btn-primary staff-row__open'
              onClick={() => Taro.navigateTo({ url: `/subpackages/staff/application/index?id=${it.itemId}` })}
            >
              打开
            </Button>
          </View>
        ))}
      </View>
      <View className='staff-pager'>
        {pages.length > 0 ? (
          <Button
            className='btn'
            onClick={() => {
              const prev = pages.slice(0, -1)
              setPages(prev)
              void load(prev[prev.length - 1])
            }}
          >
            上一页
          </Button>
        ) : null}
        {next ? (
          <Button
            className='btn'
            onClick={() => {
              setPages([...pages, next])
              void load(next)
            }}
          >
            下一页
          </Button>
        ) : null}
      </View>
    </View>
  )
}

export function StaffQueueScreen() {
  return (
    <StaffGate allow={['staff']} current={HERE}>
      {() => <Queue />}
    </StaffGate>
  )
}
