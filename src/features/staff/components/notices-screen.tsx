// Notices: write an announcement or a 公示 list (the county makes the list from the year's large
// inpatient payouts, names masked), publish it now or at a set time; the list shows what is
// scheduled and what is public. One not yet public may be changed; any may be withdrawn with a
// reason (a public notice is never changed under the villagers' eyes: withdraw and write again).
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import type { Notice, StaffNoticeItem } from '@/contract'
import { inputFor } from '@/components/control-label'
import { currentYear, formatInstant } from '@/services/time'
import { editNotice, loadNotices, publishTime, withdrawNotice, writeNotice } from '../api'
import { StaffGate } from './staff-gate'
import { Said } from './staff-bits'

type Kind = Notice['kind']
const KIND_TEXT: Record<Kind, string> = { announcement: '公告', payout_disclosure: '报销公示' }

function NoticeItem({ item, onDone }: { item: StaffNoticeItem; onDone: (said: string) => void }) {
  const { notice: n, scheduled, withdrawn } = item
  const [editing, setEditing] = useState(false)
  const [title, setTitle] = useState(n.title)
  const [body, setBody] = useState(n.body)
  const [when, setWhen] = useState('')
  const [reason, setReason] = useState('')
  // what went wrong is said beside the notice; what was done, at the top with the list reloaded
  const [problem, setProblem] = useState<string | null>(null)
  const save = async () => {
    if (!title.trim() || !body.trim()) return setProblem('请写标题和内容')
    const at = when.trim() ? publishTime(when) : undefined
    if (at === null) return setProblem('定时发布的时间请写成 2026-12-01 09:00')
    const r = await editNotice(n.noticeId, { title: title.trim(), body: body.trim(), ...(at ? { publishAt: at } : {}) })
    if (!r.ok) return setProblem(r.error.message)
    setProblem(null)
    setEditing(false)
    onDone(`已改好，${formatInstant(r.data.notice.publishedAt)} 发布`)
  }
  const withdraw = async () => {
    if (reason.trim().length < 2) return setProblem('撤回要写明原因')
    const r = await withdrawNotice(n.noticeId, reason)
    if (!r.ok) return setProblem(r.error.message)
    setProblem(null)
    onDone(`已撤回「${n.title}」，村民那里不再显示`)
  }
  return (
    <View className='staff-row notice-item' ariaRole='listitem'>
      <View className='staff-row__main'>
        <Text className='staff-row__kind'>
          {KIND_TEXT[n.kind]} · {n.title}
        </Text>
        <Text className='muted'>
          {withdrawn
            ? `${formatInstant(withdrawn.at)} 已撤回：${withdrawn.reason}`
            : scheduled
              ? `定时：${formatInstant(n.publishedAt)} 发布`
              : `${formatInstant(n.publishedAt)} 已发布`}
          {n.entries.length ? ` · 名单 ${n.entries.length} 人` : ''}
        </Text>
        {withdrawn ? null : editing ? (
          <>
            <Input
              className='field-input notice-edit-title'
              value={title}
              maxlength={60}
              {...inputFor('标题', 'text')}
              onInput={(e) => setTitle(e.detail.value)}
            />
            <Textarea
              className='field-input staff-decide__reason notice-edit-body'
              value={body}
              maxlength={2000}
              {...inputFor('内容', 'text')}
              onInput={(e) => setBody(e.detail.value)}
            />
            <Input
              className='field-input'
              value={when}
              placeholder={`发布时间，不改就不填（现定 ${formatInstant(n.publishedAt)}）`}
              {...inputFor('发布时间', 'text')}
              onInput={(e) => setWhen(e.detail.value)}
            />
            <View className='staff-decide__buttons'>
              <Button className='btn btn-primary notice-save' onClick={() => void save()}>
                保存
              </Button>
              <Button className='btn' onClick={() => setEditing(false)}>
                不改了
              </Button>
            </View>
          </>
        ) : (
          <>
            <Input
              className='field-input notice-withdraw-reason'
              value={reason}
              placeholder='撤回的原因（县里留底，村民看不到）'
              {...inputFor('撤回的原因', 'text')}
              onInput={(e) => setReason(e.detail.value)}
            />
            <View className='staff-decide__buttons'>
              {scheduled ? (
                <Button className='btn notice-edit' onClick={() => setEditing(true)}>
                  改
                </Button>
              ) : null}
              <Button className='btn notice-withdraw' onClick={() => void withdraw()}>
                撤回
              </Button>
            </View>
          </>
        )}
        {problem ? (
          <View className='form-message' ariaRole='alert'>
            {problem}
          </View>
        ) : null}
      </View>
    </View>
  )
}

function Notices() {
  const [list, setList] = useState<StaffNoticeItem[]>([])
  const [kind, setKind] = useState<Kind>('announcement')
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const [when, setWhen] = useState('')
  const [year, setYear] = useState(String(currentYear() - 1))
  const [said, setSaid] = useState<string | null>(null)
  const load = useCallback(async () => {
    const r = await loadNotices()
    if (r.ok) setList(r.data.notices)
  }, [])
  useEffect(() => {
    void load()
  }, [load])
  const publish = async () => {
    if (!title.trim() || !body.trim()) return setSaid('请写标题和内容')
    const at = when.trim() ? publishTime(when) : undefined
    if (at === null) return setSaid('定时发布的时间请写成 2026-12-01 09:00')
    const y = Number(year)
    const r = await writeNotice({
      kind,
      title: title.trim(),
      body: body.trim(),
      ...(at ? { publishAt: at } : {}),
      ...(kind === 'payout_disclosure' ? { disclosureYear: y } : {})
    })
    if (!r.ok) return setSaid(r.error.message)
    setSaid(at ? `已定好 ${formatInstant(r.data.publishedAt)} 发布` : '已发布，村民现在就能看到')
    setTitle('')
    setBody('')
    setWhen('')
    void load()
  }
  return (
    <View className='staff-notices'>
      <View className='card'>
        <View className='staff-detail__title' ariaRole='heading' aria-level={2}>
          写公告或公示
        </View>
        <View className='staff-filters' ariaRole='group' ariaLabel='种类'>
          {(Object.keys(KIND_TEXT) as Kind[]).map((k) => (
            <Button
              key={k}
              className={`btn chip${kind === k ? ' chip--on' : ''}`}
              aria-pressed={kind === k}
              onClick={() => setKind(k)}
            >
              {KIND_TEXT[k]}
            </Button>
          ))}
        </View>
        <Text className='field-label'>标题</Text>
        <Input
          className='field-input notice-title'
          value={title}
          maxlength={60}
          {...inputFor('标题', 'text')}
          onInput={(e) => setTitle(e.detail.value)}
        />
        <Text className='field-label'>内容</Text>
        <Textarea
          className='field-input staff-decide__reason notice-body'
          value={body}
          maxlength={2000}
          {...inputFor('内容', 'text')}
          onInput={(e) => setBody(e.detail.value)}
        />
        {kind === 'payout_disclosure' ? (
          <>
            <Text className='field-label'>公示哪一年的大额住院报销（名单由县里生成，姓名打码）</Text>
            <Input
              className='field-input'
              value={year}
              maxlength={4}
              {...inputFor('公示年份', 'count')}
              onInput={(e) => setYear(e.detail.value)}
            />
          </>
        ) : null}
        <Text className='field-label'>定时发布（不填就是现在发布），如 2026-12-01 09:00</Text>
        <Input
          className='field-input notice-when'
          value={when}
          {...inputFor('定时发布的时间', 'text')}
          onInput={(e) => setWhen(e.detail.value)}
        />
        <View className='staff-decide__buttons'>
          <Button className='btn btn-primary notice-publish' onClick={() => void publish()}>
            发布
          </Button>
        </View>
        <Said text={said} />
      </View>
      <View className='staff-table' ariaRole='list' ariaLabel='公告和公示'>
        {list.map((item) => (
          <NoticeItem
            key={item.notice.noticeId}
            item={item}
            onDone={(text) => {
              setSaid(text)
              void load()
            }}
          />
        ))}
      </View>
    </View>
  )
}

export function StaffNoticesScreen() {
  return (
    <StaffGate allow={['staff']} current='/subpackages/staff/notices/index'>
      {() => <Notices />}
    </StaffGate>
  )
}
