// What each application needs, shown before the user starts, so nobody travels home for a
// missing paper. The catastrophic-claim list is seed 000 C23 (nine documents, criticised as
// burdensome): shown so people photograph them while still in hospital.
import type { Application, ApplicationKind } from '@/contract'
import { APPLICATION_KIND_LABEL } from '@/shared/application-kinds'

export interface DocumentNeed {
  /** also the upload's file name, so the county sees which paper a photo is */
  id: string
  label: string
  /** what the photo must show, in plain words */
  hint: string
  required: boolean
  /** when it is needed, if not always */
  when?: string
}

export interface Checklist {
  kind: ApplicationKind | 'catastrophic_claim'
  title: string
  /** one sentence: what this is for */
  purpose: string
  documents: DocumentNeed[]
  /** where the list comes from */
  source?: string
}

const ID_CARD = (who: string): DocumentNeed => ({
  id: 'id-card',
  label: `${who}身份证`,
  hint: '正反两面都拍，字要看得清',
  required: true
})
const HUKOU_HEAD: DocumentNeed = {
  id: 'hukou-head',
  label: '户口本户主页',
  hint: '户口本第一页（户主那一页）',
  required: true
}

export const CHECKLISTS: Record<ApplicationKind | 'catastrophic_claim', Checklist> = {
  add_newborn: {
    kind: 'add_newborn',
    title: '新生儿参保',
    purpose: '孩子出生后给孩子办参保，没有身份证号也能办',
    documents: [
      { id: 'birth-certificate', label: '出生医学证明', hint: '整张证拍全，右上角的编号要清楚', required: true },
      HUKOU_HEAD,
      { id: 'hukou-child', label: '孩子的户口本页', hint: '已经上了户口的才需要', required: false, when: '已上户口' },
      ID_CARD('父亲或母亲的')
    ]
  },
  add_marriage: {
    kind: 'add_marriage',
    title: '结婚嫁入（娶进）参保',
    purpose: '结婚后户口迁到本户的，跟家里一起参保',
    documents: [
      { id: 'marriage-certificate', label: '结婚证', hint: '有照片和登记日期的那一页', required: true },
      ID_CARD('本人'),
      HUKOU_HEAD,
      { id: 'hukou-self', label: '本人户口本页', hint: '户口已经迁进本户的那一页', required: true },
      {
        id: 'stop-certificate',
        label: '原参保地停保证明',
        hint: '以前在别的地方参了居民医保的才需要',
        required: false,
        when: '以前在别处参保'
      }
    ]
  },
  add_return: {
    kind: 'add_return',
    title: '回乡落户参保',
    purpose: '户口迁回村里，或不再参加职工医保，回到家里参保',
    documents: [
      ID_CARD('本人'),
      HUKOU_HEAD,
      { id: 'hukou-self', label: '本人户口本页', hint: '户口迁回后的那一页', required: true },
      {
        id: 'stop-certificate',
        label: '职工医保或外地医保停保证明',
        hint: '以前参加职工医保或在外地参保的才需要',
        required: false,
        when: '以前在别处参保'
      }
    ]
  },
  renew_remote: {
    kind: 'renew_remote',
    title: '在外地续保（明年参保）',
    purpose: '不用回家：在手机上核对家里人员，然后直接缴费',
    documents: [
      {
        id: 'leave-proof',
        label: '人员变动证明',
        hint: '有人不再跟家里参保时才需要：职工医保参保证明、户口迁出证明或死亡证明',
        required: false,
        when: '家里人员有变动'
      }
    ]
  },
  out_of_area_care: {
    kind: 'out_of_area_care',
    title: '异地就医备案',
    purpose: '在外地打工或长住的，先备案，在外地看病报得更多',
    documents: [
      ID_CARD('本人'),
      {
        id: 'residence-proof',
        label: '在外地居住或工作的证明',
        hint: '居住证，或单位开的工作证明、劳动合同（有一样就行）',
        required: true
      }
    ]
  },
  add_id_number: {
    kind: 'add_id_number',
    title: '补登身份证号',
    purpose: '凭出生医学证明参保的孩子，上了户口、有了身份证号以后补登上',
    documents: [{ id: 'hukou-child', label: '孩子的户口本页', hint: '有孩子姓名和身份证号的那一页', required: true }]
  },
  chronic_disease: {
    kind: 'chronic_disease',
    title: '门诊慢特病认定',
    purpose: '得了县里名单上的慢性病（比如高血压、糖尿病），认定以后在门诊看病拿药能多报',
    documents: [
      {
        id: 'diagnosis',
        label: '医院的诊断证明',
        hint: '有医院公章、病名和诊断日期的那一页；有检查报告、病历的也一起拍',
        required: true
      }
    ]
  },
  assist_consent: {
    kind: 'assist_consent',
    title: '代办同意书',
    purpose: '这户没有手机收验证码时，户主在同意书上签字或按手印，代办人拍照交县里确认',
    documents: [
      {
        id: 'consent-form',
        label: '签了字的代办同意书',
        hint: '整张拍全：户主签字或手印、日期、代办人姓名都要看得清',
        required: true
      }
    ]
  },
  reimbursement: {
    kind: 'reimbursement',
    title: '手工报销（自己垫付的钱）',
    purpose: '急诊、在外地没备案，或者医院没能直接报销，自己先垫付了的，把票据拍下来申请报销，钱打到您的银行卡上',
    documents: [
      { id: 'invoice', label: '医院的收费票据（发票）', hint: '有医院章和合计金额的那张', required: true },
      { id: 'itemised', label: '费用清单', hint: '每一页都拍，看得清每一项的金额', required: true },
      {
        id: 'discharge',
        label: '出院小结（门诊拍病历）',
        hint: '住院的拍出院小结或出院记录；门诊的拍门诊病历',
        required: true
      }
    ]
  },
  catastrophic_claim: {
    kind: 'catastrophic_claim',
    title: '大病保险报销（九样材料）',
    purpose: '住院花费很大、以后要报大病保险的，出院前就把这些拍好',
    source: '某县大病保险报销要交的材料（种子资料 000，C23）',
    documents: [
      { id: 'ncms-slip', label: '合作医疗补偿凭据', hint: '出院结算时给的报销单', required: true },
      { id: 'invoice', label: '住院发票', hint: '', required: true },
      { id: 'bill', label: '住院费用清单', hint: '每一页都拍', required: true },
      { id: 'record-front', label: '病历首页', hint: '', required: true },
      { id: 'discharge', label: '出院证明', hint: '', required: true },
      ID_CARD('病人'),
      { id: 'hukou', label: '户口本', hint: '', required: true },
      { id: 'bank-card', label: '银行卡（惠农卡）', hint: '卡号一面', required: true },
      { id: 'relation-proof', label: '病人和户主关系证明', hint: '村里或派出所开的', required: true }
    ]
  }
}

export const APPLICATION_KINDS: ApplicationKind[] = [
  'add_newborn',
  'add_marriage',
  'add_return',
  'renew_remote',
  'out_of_area_care',
  'chronic_disease',
  'reimbursement'
]

/** the shared names (home's cards use them too) */
export const KIND_LABEL = APPLICATION_KIND_LABEL

export function checklistFor(kind: ApplicationKind | 'catastrophic_claim'): Checklist {
  return CHECKLISTS[kind]
}

/** The label of an uploaded file: its name starts with the document id (birth-certificate-2.jpg). */
/** Required documents that have no upload yet (by file-name prefix). */
export function missingDocuments(kind: ApplicationKind, uploadedNames: readonly string[]): DocumentNeed[] {
  return CHECKLISTS[kind].documents.filter((d) => d.required && !uploadedNames.some((n) => n.startsWith(d.id)))
}

/** Required papers an open application has no photo of yet. */
export function papersStillMissing(app: Pick<Application, 'kind' | 'status' | 'documents'>): DocumentNeed[] {
  if (app.status !== 'submitted' && app.status !== 'needs_more') return []
  return missingDocuments(
    app.kind,
    app.documents.map((f) => f.fileName)
  )
}
