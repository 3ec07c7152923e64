// Strict settling (CalcOptions.strict, used by the county CLI): a claim that leaves out a
// fact some rule of this policy needs is refused, naming the fact, instead of being settled
// as if the fact were "no" (not an accident, no referral needed, no special group, 0 years…).
// The app's estimates do not use it: they state their assumptions as steps instead.
import type { CompiledPolicy } from './compile'
import { CalculatorError } from './errors'
import type { NormalClaim } from './input'
import type { CareArea, ClaimKind, PersonCondition } from './types'

function missing(path: string, what: string): never {
  throw new CalculatorError('INVALID_INPUT', `缺少${what}，本政策要用它计算这次报销，不能默认`, path)
}

function mentions(w: PersonCondition, key: 'student' | 'groups'): boolean {
  return w[key] !== undefined || (w.anyOf ?? []).some((x) => mentions(x, key))
}

/** What a policy's person rules look at, worked out once per compiled policy. */
const looks = new WeakMap<CompiledPolicy, { student: boolean; groups: boolean }>()
function looksAt(pol: CompiledPolicy): { student: boolean; groups: boolean } {
  let l = looks.get(pol)
  if (!l) {
    const groups = pol.groups?.list ?? []
    l = {
      student: pol.studentCoverageStart !== null || groups.some((g) => mentions(g.when, 'student')),
      groups: groups.some((g) => mentions(g.when, 'groups'))
    }
    looks.set(pol, l)
  }
  return l
}

/** Refuses a claim that leaves out a fact this policy needs for it (checked before the exclusions). */
export function strictNeeds(pol: CompiledPolicy, n: NormalClaim, kind: ClaimKind, area: CareArea): void {
  const c = n.claim
  const p = c.person
  if (p.enrolment === undefined) missing('$.person.enrolment', '参保状态（已参保、未参保、断保，或缴费记录）')
  if (pol.selection === 'settlement' && c.settlementDate === undefined)
    missing('$.settlementDate', '结算日期（本政策按结算日期选用版本）')
  const x = pol.exclusions
  if (x) {
    const causes = x.causes.length > 0 || x.thirdPartyLiable === 'excluded' || x.accidentWithoutThirdParty !== 'covered'
    if (causes && c.cause === undefined) missing('$.cause', '就医原因（疾病、意外伤害等）')
    const accident = c.cause === 'accident' || c.cause === 'medical-accident'
    if (
      accident &&
      c.thirdPartyLiable === undefined &&
      (x.thirdPartyLiable === 'excluded' || (c.cause === 'accident' && x.accidentWithoutThirdParty !== 'covered'))
    )
      missing('$.thirdPartyLiable', '是否有第三方责任人')
    if (x.requireDesignated && !c.institution.designated && c.institution.approved === undefined && !c.emergency)
      missing('$.institution.approved', '在非定点医疗机构就医是否经过批准')
  }
  const l = looksAt(pol)
  if (p.student === undefined && l.student) missing('$.person.student', '是否在校学生')
  if (p.groups === undefined && (l.groups || (pol.assistance !== null && pol.assistance.kinds.has(kind))))
    missing('$.person.groups', '人员类别（低保、特困等；没有就写“无”）')
  if (p.continuousYears === undefined && pol.bonus !== null && pol.bonus.kinds.has(kind))
    missing('$.person.continuousYears', '连续参保年数')
  const r = pol.referral
  if (r && r.kinds.has(kind) && area === 'local' && !c.emergency && c.referral === undefined) {
    const at = c.institution.tier === undefined ? undefined : r.rank.get(c.institution.tier)
    const entry = r.rank.get(r.entryTier)
    if (at === undefined || entry === undefined || at > entry) missing('$.referral.approved', '是否办理了转诊')
  }
  const em = pol.emergency
  if (em && c.emergency && c.emergency.died === undefined && c.kind === 'outpatient')
    missing('$.emergency.died', '急诊是否抢救无效死亡')
  const ha = pol.householdAccount
  if (ha && ha.usableFor.has(kind) && c.useHouseholdAccount === undefined)
    missing('$.useHouseholdAccount', '是否使用家庭账户支付')
}
