// 手工报销 in the workspace: the shared calculator's steps for what the household entered; the
// reviewer may change an input (each change needs a reason, kept and audited) and sees the steps
// again; 结算 makes the claim the household follows (once). The full card number is shown only in
// the answer to settling, to pay into.
import { Button, Input, Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import type { ReimbursementInput, ReimbursementPreview, ReimbursementSettled } from '@/contract'
import { inputFor } from '@/components/control-label'
import { CARE_LABEL, LEVEL_LABEL, LEVELS } from '@/shared/care-labels'
import { previewReimbursement, settleReimbursement, type InputChange } from '../api'

const INPUT_LABEL: Record<ReimbursementInput, string> = {
  totalCost: '总费用',
  selfPayCost: '自费部分',
  admissionDate: '入院日期',
  dischargeDate: '出院日期',
  careKind: '住院或门诊',
  institutionLevel: '医院级别',
  outOfCounty: '县内或县外',
  referred: '转诊备案'
}
const FIELDS = Object.keys(INPUT_LABEL) as ReimbursementInput[]

/** The inputs that take one of a few values: chosen, never typed (the county reads the code). */
const CHOICES: Partial<Record<ReimbursementInput, { value: string; label: string }[]>> = {
  careKind: [
    { value: 'inpatient', label: CARE_LABEL.inpatient },
    { value: 'outpatient', label: CARE_LABEL.outpatient }
  ],
  institutionLevel: LEVELS.map((l) => ({ value: l, label: LEVEL_LABEL[l] })),
  outOfCounty: [
    { value: 'false', label: '在本县' },
    { value: 'true', label: '在县外' }
  ],
  referred: [
    { value: 'true', label: '办了' },
    { value: 'false', label: '没办' }
  ]
}
const PLACEHOLDER: Partial<Record<ReimbursementInput, string>> = {
  totalCost: '金额，如 3000.00',
  selfPayCost: '金额，如 200.00',
  admissionDate: '日期，如 2026-10-08',
  dischargeDate: '日期，如 2026-10-15'
}

/** A value as the reviewer reads it: the choice's name, or what was typed. */
const shown = (field: ReimbursementInput, value: string) =>
  CHOICES[field]?.find((c) => c.value === value)?.label ?? value

const yuan = (v: string) => `¥${v}`

export function SettlePanel({ applicationId, onSettled }: { applicationId: string; onSettled: () => void }) {
  const [changes, setChanges] = useState<InputChange[]>([])
  const [preview, setPreview] = useState<ReimbursementPreview | null>(null)
  const [settled, setSettled] = useState<ReimbursementSettled | null>(null)
  const [field, setField] = useState<ReimbursementInput>('totalCost')
  const [value, setValue] = useState('')
  const [reason, setReason] = useState('')
  const [said, setSaid] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const run = useCallback(
    async (next: InputChange[]) => {
      const r = await previewReimbursement(applicationId, next)
      if (!r.ok) return setSaid(r.error.message)
      setSaid(null)
      setChanges(next)
      setPreview(r.data)
    },
    [applicationId]
  )
  useEffect(() => {
    void run([])
  }, [run])

  if (settled)
    return (
      <View className='card staff-settle staff-settle--done' ariaRole='status'>
        <View className='staff-detail__title' ariaRole='heading' aria-level={2}>
          已结算：报销 {yuan(settled.claim.payout)}
        </View>
        <Text>这户在“报销记录”里能看到这笔报销和每一步。</Text>
        <Text className='staff-settle__pay-to'>
          请打款到：{settled.payTo.bankName} {settled.payTo.accountName} {settled.payTo.accountNumber}
        </Text>
        <Text className='muted'>完整卡号只在这里显示这一次，已记入审核记录。</Text>
      </View>
    )
  return (
    <View className='card staff-settle'>
      <View className='staff-detail__title' ariaRole='heading' aria-level={2}>
        用计算器结算
      </View>
      {preview ? (
        <>
          <Text className='staff-settle__figures'>
            总费用 {yuan(preview.inputs.totalCost)} · 政策范围内 {yuan(preview.eligibleCost)} · 报销{' '}
            {yuan(preview.payout)} · 自付 {yuan(preview.selfPaid)}（政策 {preview.policyVersion}）
          </Text>
          <Text className='muted'>收款卡号：{preview.accountNumberMasked}</Text>
          <View className='staff-settle__steps' ariaRole='list'>
            {preview.steps.map((s, i) => (
              <View key={i} className='staff-settle__step' ariaRole='listitem'>
                {i + 1}. {s.label}
                {s.after ? ` → ${s.after}` : ''}
              </View>
            ))}
          </View>
          {preview.adjustments.map((a, i) => (
            <View key={a.field} className='staff-settle__change'>
              <Text>
                改了{INPUT_LABEL[a.field]}：{shown(a.field, a.from)} → {shown(a.field, a.to)}（{a.reason}）
              </Text>
              <Button className='btn' onClick={() => void run(changes.filter((_, j) => j !== i))}>
                撤销这项
              </Button>
            </View>
          ))}
        </>
      ) : (
        <Text className='muted'>正在试算…</Text>
      )}
      <Text className='field-label'>要改的输入</Text>
      <View className='staff-settle__fields'>
        {FIELDS.map((f) => (
          <Button
            key={f}
            className={`btn chip${f === field ? ' chip--on' : ''} staff-settle__field--${f}`}
            aria-pressed={f === field}
            onClick={() => {
              setField(f)
              setValue('')
            }}
          >
            {INPUT_LABEL[f]}
          </Button>
        ))}
      </View>
      <Text className='field-label'>改成</Text>
      {CHOICES[field] ? (
        <View className='staff-settle__fields staff-settle__choices'>
          {CHOICES[field].map((c) => (
            <Button
              key={c.value}
              className={`btn chip${c.value === value ? ' chip--on' : ''} staff-settle__choice--${c.value}`}
              aria-pressed={c.value === value}
              onClick={() => setValue(c.value)}
            >
              {c.label}
            </Button>
          ))}
        </View>
      ) : (
        <Input
          className='field-input staff-settle__value'
          value={value}
          placeholder={PLACEHOLDER[field]}
          {...inputFor('改成', 'text')}
          onInput={(e) => setValue(e.detail.value)}
        />
      )}
      <Text className='field-label'>为什么改（这户会看到，记入审核记录）</Text>
      <Input
        className='field-input staff-settle__reason'
        value={reason}
        maxlength={200}
        {...inputFor('为什么改', 'text')}
        onInput={(e) => setReason(e.detail.value)}
      />
      <Button
        className='btn staff-settle__try'
        disabled={busy}
        onClick={() => {
          if (!value.trim() || !reason.trim()) return setSaid('要填改成什么，也要写明原因')
          const next = [...changes.filter((c) => c.field !== field), { field, value, reason }]
          void run(next).then(() => {
            setValue('')
            setReason('')
          })
        }}
      >
        按修改再算一遍
      </Button>
      <Button
        className='btn btn-primary staff-settle__go'
        disabled={busy || !preview}
        onClick={async () => {
          setBusy(true)
          const r = await settleReimbursement(applicationId, changes)
          setBusy(false)
          if (!r.ok) return setSaid(r.error.message)
          setSettled(r.data)
          onSettled()
        }}
      >
        结算（报销 {preview ? yuan(preview.payout) : '…'}）
      </Button>
      {said ? (
        <View className='form-message staff-settle__said' ariaRole='alert'>
          {said}
        </View>
      ) : null}
    </View>
  )
}
