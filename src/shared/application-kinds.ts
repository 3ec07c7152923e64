// What each kind of online application (网上参保) is called, in one place: the enrol screens and
// home's "县里有结果了" cards say the same.
import type { ApplicationKind } from '../contract'

export const APPLICATION_KIND_LABEL: Record<ApplicationKind, string> = {
  add_newborn: '新生儿参保',
  add_marriage: '结婚嫁入参保',
  add_return: '回乡落户参保',
  renew_remote: '在外地续保',
  out_of_area_care: '异地就医备案',
  add_id_number: '补登身份证号',
  chronic_disease: '门诊慢特病认定',
  assist_consent: '代办同意书',
  reimbursement: '手工报销（自己垫付的钱）'
}
