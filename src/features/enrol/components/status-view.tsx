// Where an application is: submitted → needs more (what exactly) → approved / rejected (why).
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Application, ApplicationStatus } from '@/contract'
import { formatDate, formatInstant } from '@/services/time'
import { maskBirthCertificate, maskIdNumber } from '@/shared/mask'
import { formatMoney } from '@/components/money'
import { KIND_LABEL, papersStillMissing } from '../documents'
import { fieldsOf } from '../store'
import './enrol.scss'

export const APP_STATUS_TEXT: Record<ApplicationStatus, string> = {
  submitted: '县里审核中',
  needs_more: '要补充材料',
  approved: '已通过',
  rejected: '没有通过'
}

/** `missingPapers`: submitted, but a required photo is not uploaded yet (the county waits for it) */
export function AppStatus({ status, missingPapers }: { status: ApplicationStatus; missingPapers?: boolean }) {
  if (status === 'submitted' && missingPapers)
    return <Text className='enrol-status enrol-status--needs_more enrol-status--missing'>还差材料</Text>
  return <Text className={`enrol-status enrol-status--${status}`}>{APP_STATUS_TEXT[status]}</Text>
}

function Step({
  state,
  label,
  detail
}: {
  state: 'done' | 'current' | 'todo' | 'bad'
  label: string
  detail?: string
}) {
  const dot = state === 'done' ? '✓' : state === 'current' ? '●' : state === 'bad' ? '✗' : '○'
  return (
    <View className={`enrol-step enrol-step--${state}`}>
      <Text className='enrol-step__dot'>{dot}</Text>
      <View>
        <Text>{label}</Text>
        {detail ? <Text className='enrol-hint'>{detail}</Text> : null}
      </View>
    </View>
  )
}

function approvedMeaning(app: Application): string {
  const f = fieldsOf(app)
  switch (app.kind) {
    case 'add_newborn':
    case 'add_marriage':
    case 'add_return':
      return `${f.name ?? ''}已加到家里的户上。缴了费看病才能报销，可以在“缴费”里给全家缴。`
    case 'out_of_area_care':
      return `已备案：${f.destination ?? ''}，${f.from ? formatDate(f.from) : ''}到${f.to ? formatDate(f.to) : ''}。在那里看病按备案的比例报销。`
    case 'renew_remote':
      return '家里人员已核对好，可以去缴明年的费用了。'
    case 'add_id_number':
      return '身份证号已补登。以后看病、缴费、查报销都可以用身份证号了。'
    case 'chronic_disease':
      return '已认定。从认定那天起，在本地定点医院门诊看这个病、拿药，按门诊慢特病报销。'
    case 'assist_consent':
      return '县里确认了这户的代办同意书，一天之内可以替这户办事。'
    case 'reimbursement':
      return '县里已经按政策算好了这笔报销，钱会打到您填的银行卡上。每一步怎么算的，点下面的“看这笔报销”。'
  }
}

/** 手工报销: what the county adds to the fields (the account only masked, the claim once settled). */
interface ReimburseExtras {
  bankName?: string
  accountName?: string
  accountNumberMasked?: string
  claimId?: string | null
  adjustments?: { field: string; from: string; to: string; reason: string }[]
}

const ADJUSTED_WHAT: Record<string, string> = {
  careKind: '住院还是门诊',
  institutionLevel: '医院级别',
  outOfCounty: '是否在县外',
  referred: '是否办了转诊备案',
  admissionDate: '入院日期',
  dischargeDate: '出院日期',
  totalCost: '总费用',
  selfPayCost: '自费的部分'
}

function ReimburseLines({ app }: { app: Application }) {
  const f = fieldsOf(app)
  const x = f as typeof f & ReimburseExtras
  return (
    <View className='enrol-reimburse-lines'>
      <Text className='enrol-line'>
        {f.careKind === 'outpatient' ? '门诊' : '住院'}：{f.admissionDate ? formatDate(f.admissionDate) : ''}
        {f.dischargeDate ? ` 到 ${formatDate(f.dischargeDate)}` : ''}
        {f.outOfCounty ? '（县外）' : ''}
      </Text>
      {f.totalCost ? (
        <Text className='enrol-line enrol-app-total'>
          总费用 ¥{formatMoney(f.totalCost)}
          {f.selfPayCost && f.selfPayCost !== '0.00' ? `，其中自费 ¥${formatMoney(f.selfPayCost)}` : ''}
        </Text>
      ) : null}
      {x.accountNumberMasked ? (
        <Text className='enrol-line muted enrol-app-account'>
          打到：{x.bankName ?? ''} {x.accountName ?? ''} {x.accountNumberMasked}
        </Text>
      ) : null}
      {(x.adjustments ?? []).map((a) => (
        <Text key={a.field} className='enrol-line muted enrol-app-adjusted'>
          县里核对后改了{ADJUSTED_WHAT[a.field] ?? a.field}：{a.from} → {a.to}（{a.reason}）
        </Text>
      ))}
      {app.status === 'approved' && x.claimId ? (
        <Button
          className='btn btn-primary enrol-app-claim'
          onClick={() => {
            void Taro.navigateTo({ url: `/subpackages/claims/detail/index?claimId=${x.claimId}` })
          }}
        >
          看这笔报销（每一步怎么算的）
        </Button>
      ) : null}
    </View>
  )
}

export function ApplicationStatusView({ app }: { app: Application }) {
  const f = fieldsOf(app)
  const s = app.status
  const missing = papersStillMissing(app)
  return (
    <View className={`card enrol-status-view enrol-status-view--${s}`}>
      <View className='row'>
        <Text className='enrol-section-title'>{KIND_LABEL[app.kind]}</Text>
        <AppStatus status={s} missingPapers={missing.length > 0} />
      </View>
      {f.name ? <Text className='enrol-line enrol-app-name'>姓名：{f.name}</Text> : null}
      {f.hospital ? (
        <Text className='enrol-line enrol-app-hospital'>
          {app.kind === 'reimbursement' ? '看病医院' : '诊断医院'}：{f.hospital}
        </Text>
      ) : null}
      {app.kind === 'reimbursement' ? <ReimburseLines app={app} /> : null}
      {f.diagnosisDate ? <Text className='enrol-line muted'>诊断日期：{formatDate(f.diagnosisDate)}</Text> : null}
      {f.idNumber ? <Text className='enrol-line muted'>身份证号：{maskIdNumber(f.idNumber)}</Text> : null}
      {f.birthCertificateNumber ? (
        <Text className='enrol-line muted enrol-app-certificate'>
          出生医学证明：{maskBirthCertificate(f.birthCertificateNumber)}
        </Text>
      ) : null}
      {f.birthCertificateNumber && !f.idNumber && f.birthDate ? (
        <Text className='enrol-line muted'>
          出生日期：{formatDate(f.birthDate)}
          {f.sex ? `，${f.sex === 'male' ? '男孩' : '女孩'}` : ''}（还没有身份证号，上户口后再补登）
        </Text>
      ) : null}
      {f.destination ? <Text className='enrol-line enrol-app-destination'>备案地点：{f.destination}</Text> : null}
      <View className='enrol-steps'>
        <Step state='done' label='已提交' detail={formatInstant(app.submittedAt)} />
        {s === 'needs_more' ? (
          <Step
            state='bad'
            label='县里要求补充材料'
            detail={app.decidedAt ? formatInstant(app.decidedAt) : undefined}
          />
        ) : null}
        {s === 'submitted' && missing.length ? (
          <Step
            state='current'
            label='等您上传材料'
            detail={`还差：${missing.map((d) => d.label).join('、')}。拍好传上来，县里才能审核。`}
          />
        ) : null}
        {s === 'submitted' && !missing.length ? (
          <Step state='current' label='县里审核中' detail='一般几个工作日内审核，有结果会在这里显示' />
        ) : null}
        {s === 'approved' ? (
          <Step state='done' label='审核通过' detail={app.decidedAt ? formatInstant(app.decidedAt) : undefined} />
        ) : null}
        {s === 'rejected' ? (
          <Step state='bad' label='没有通过' detail={app.decidedAt ? formatInstant(app.decidedAt) : undefined} />
        ) : null}
        {s === 'submitted' || s === 'needs_more' ? <Step state='todo' label='通过或不通过' /> : null}
      </View>
      {s === 'needs_more' && app.reason ? (
        <View className='enrol-reason' ariaRole='alert'>
          <Text className='enrol-label'>县里说要补充：</Text>
          <Text className='enrol-reason__text'>{app.reason}</Text>
          <Text className='enrol-hint'>在下面补拍照片，然后点“补好了，重新提交”。</Text>
        </View>
      ) : null}
      {s === 'rejected' ? (
        <View className='enrol-reason'>
          <Text className='enrol-label'>没有通过的原因：</Text>
          <Text className='enrol-reason__text'>{app.reason ?? '县里没有写原因'}</Text>
          <Text className='enrol-hint'>有疑问可以打电话问县医保局，或者改好后重新申请。</Text>
        </View>
      ) : null}
      {s === 'approved' ? <Text className='enrol-approved-text'>{approvedMeaning(app)}</Text> : null}
    </View>
  )
}
