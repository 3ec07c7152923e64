// One application in the workspace: what was asked, the household's members, the documents
// (viewable, zoomable), and the decision: approve, ask for material with a reason, or refuse with
// a reason. The decision reaches the household's home screen (and, where subscribed, a message).
import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import type { ApplicationFields, StaffApplication } from '@/contract'
import { inputFor } from '@/components/control-label'
import { formatInstant } from '@/services/time'
import { decide, loadApplication } from '../api'
import { kindLabel, STATUS_LABEL } from '../labels'
import { DocumentViewer } from './document-viewer'
import { SettlePanel } from './settle-panel'
import { StaffGate } from './staff-gate'

type ApplicationDocument = StaffApplication['application']['documents'][number]

/** What the county adds to a 手工报销's fields (the card only masked; the claim once settled). */
const SHOWN_LABEL: Record<string, string> = { accountNumberMasked: '银行卡号', claimId: '报销单号' }

const FIELD_LABEL: Record<keyof ApplicationFields, string> = {
  name: '姓名',
  idNumber: '身份证号',
  birthCertificateNumber: '出生医学证明编号',
  birthDate: '出生日期',
  sex: '性别',
  relation: '与户主关系',
  personId: '哪位成员',
  year: '年份',
  destination: '去哪里',
  reason: '说明',
  from: '从',
  to: '到',
  diseaseCode: '认定的病种',
  hospital: '诊断医院',
  diagnosisDate: '诊断日期',
  careKind: '住院还是门诊',
  institutionLevel: '医院级别',
  outOfCounty: '在县外看的',
  referred: '办了转诊或备案',
  admissionDate: '入院（看病）日期',
  dischargeDate: '出院日期',
  totalCost: '总费用',
  selfPayCost: '其中自费',
  bankName: '开户银行',
  accountName: '户名',
  accountNumber: '银行卡号'
}

const DECISIONS = [
  { id: 'approve', label: '通过', needsReason: false, done: '已通过，这户的首页会显示结果' },
  { id: 'needs_more', label: '退回补材料', needsReason: true, done: '已退回，这户会看到要补什么' },
  { id: 'reject', label: '驳回', needsReason: true, done: '已驳回，这户会看到原因' }
] as const

function Detail({ id }: { id: string }) {
  const [data, setData] = useState<StaffApplication | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [said, setSaid] = useState<string | null>(null)
  const [open, setOpen] = useState<ApplicationDocument | null>(null)
  const [settledHere, setSettledHere] = useState(false)

  const load = useCallback(async () => {
    const r = await loadApplication(id)
    if (!r.ok) return setError(r.error.message)
    setData(r.data)
  }, [id])
  useEffect(() => {
    void load()
  }, [load])

  if (error)
    return (
      <View className='form-error' ariaRole='alert'>
        {error}
      </View>
    )
  if (!data) return <Text className='muted'>正在读取…</Text>
  const a = data.application
  const fields = a.fields as ApplicationFields
  const members = new Map(data.household.members.map((m) => [m.personId, m.name]))
  return (
    <View className='staff-detail'>
      <View className='card staff-detail__request'>
        <View className='staff-detail__title' ariaRole='heading' aria-level={2}>
          {kindLabel(a.kind)} · {STATUS_LABEL[a.status] ?? a.status}
        </View>
        <Text className='muted'>
          {data.household.township} {data.household.village} · 户主 {data.household.headNameMasked} ·{' '}
          {formatInstant(a.submittedAt)} 提交
        </Text>
        <View className='staff-fields'>
          {(Object.entries(fields) as [keyof ApplicationFields, string | number | boolean | null | object][])
            .filter(([, v]) => v !== null && typeof v !== 'object')
            .map(([k, v]) => (
              <View key={k} className='staff-fields__row'>
                <Text className='staff-fields__name'>{FIELD_LABEL[k] ?? SHOWN_LABEL[k] ?? k}</Text>
                <Text>
                  {k === 'personId'
                    ? (members.get(String(v)) ?? String(v))
                    : k === 'sex'
                      ? v === 'male'
                        ? '男'
                        : '女'
                      : k === 'diseaseCode' && data.diseaseName
                        ? `${data.diseaseName}（${String(v)}）`
                        : typeof v === 'boolean'
                          ? v
                            ? '是'
                            : '否'
                          : String(v)}
                </Text>
              </View>
            ))}
        </View>
        {a.reason ? <Text className='muted'>上次的意见：{a.reason}</Text> : null}
      </View>

      <View className='card'>
        <View className='staff-detail__title' ariaRole='heading' aria-level={2}>
          上传的材料（{a.documents.length} 份）
        </View>
        {a.documents.length === 0 ? <Text className='muted'>还没有上传材料。</Text> : null}
        {a.documents.map((d) => (
          <Button key={d.documentId} className='btn staff-doc' onClick={() => setOpen(d)}>
            看 {d.fileName}（{formatInstant(d.uploadedAt)}）
          </Button>
        ))}
        {open ? <DocumentViewer doc={open} onClose={() => setOpen(null)} /> : null}
      </View>

      <View className='card'>
        <View className='staff-detail__title' ariaRole='heading' aria-level={2}>
          这户的成员
        </View>
        {data.household.members.map((m) => (
          <Text key={m.personId} className='staff-member'>
            {m.name} · {m.relation} · {m.birthDate} · {m.idNumberMasked ?? '无证件号'}
          </Text>
        ))}
      </View>

      {a.kind === 'reimbursement' && (a.status === 'submitted' || settledHere) ? (
        <SettlePanel
          applicationId={a.applicationId}
          onSettled={() => {
            // the panel stays to show where to pay; the request above shows it settled
            setSettledHere(true)
            void load()
          }}
        />
      ) : null}
      {a.status === 'submitted' ? (
        <View className='card staff-decide'>
          <View className='staff-detail__title' ariaRole='heading' aria-level={2}>
            审核意见
          </View>
          <Text className='field-label'>原因（退回或驳回时必填，这户会看到）</Text>
          <Textarea
            className='field-input staff-decide__reason'
            value={reason}
            maxlength={200}
            {...inputFor('原因', 'text')}
            onInput={(e) => setReason(e.detail.value)}
          />
          <View className='staff-decide__buttons'>
            {DECISIONS.filter((d) => d.id !== 'approve' || a.kind !== 'reimbursement').map((d) => (
              <Button
                key={d.id}
                className={`btn ${d.id === 'approve' ? 'btn-primary' : ''} staff-decide__${d.id}`}
                disabled={busy}
                onClick={async () => {
                  if (d.needsReason && !reason.trim()) return setSaid('请写明原因，这户才知道要怎么办')
                  setBusy(true)
                  const r = await decide(a.applicationId, d.id, reason)
                  setBusy(false)
                  if (!r.ok) return setSaid(r.error.message)
                  setSaid(d.done)
                  setReason('')
                  void load()
                }}
              >
                {d.label}
              </Button>
            ))}
          </View>
        </View>
      ) : null}
      {said ? (
        <View className='form-message staff-said' ariaRole='status'>
          {said}
        </View>
      ) : null}
      <Button className='btn' onClick={() => Taro.redirectTo({ url: '/subpackages/staff/queue/index' })}>
        回到待办队列
      </Button>
    </View>
  )
}

export function StaffApplicationScreen() {
  const id = useRouter().params.id ?? ''
  return (
    <StaffGate allow={['staff']} current={`/subpackages/staff/application/index?id=${id}`}>
      {() => <Detail id={id} />}
    </StaffGate>
  )
}
