// Checks the bind form on the phone before anything is sent: GB 11643 (length, birth date,
// checksum, X) with one clear Chinese sentence per problem, and names as real rosters have
// them (rare characters outside the BMP, the middle dot of Uyghur names: 阿依古丽·买买提).
import { checkIdNumber } from '@/shared/id-number'
import { normaliseName } from '@/shared/names'

export type IdProblem = 'empty' | 'legacy15' | 'length' | 'chars' | 'birthdate' | 'checksum'

export const ID_PROBLEM_TEXT: Record<IdProblem, string> = {
  empty: '请填写身份证号',
  legacy15: '这是15位的老身份证号，请填写现在用的18位身份证号',
  length: '身份证号应是18位，请数一数',
  chars: '身份证号只能是数字，最后一位可以是X',
  birthdate: '身份证号里的出生日期不对（第7到14位），请核对',
  checksum: '身份证号有一位填错了（最后一位校验不对），请逐位核对'
}

export function checkIdInput(
  raw: string
): { ok: true; value: string } | { ok: false; problem: IdProblem; message: string } {
  const v = raw.replace(/\s+/g, '').toUpperCase()
  const fail = (problem: IdProblem) => ({ ok: false as const, problem, message: ID_PROBLEM_TEXT[problem] })
  if (v === '') return fail('empty')
  if (/^\d{15}$/.test(v)) return fail('legacy15')
  if (!/^[\dX]+$/.test(v) || /X./.test(v)) return fail('chars')
  if (v.length !== 18) return fail('length')
  const r = checkIdNumber(v)
  if (r.ok) return { ok: true, value: r.value }
  return fail(r.problem === 'birthdate' ? 'birthdate' : r.problem === 'checksum' ? 'checksum' : 'chars')
}

// Han (incl. extensions A–H via the Unicode property), the middle dot (·, also the
// look-alike ・ and • people type), and Latin letters for minority names written in pinyin.
const NAME_RE = /^[\p{Script=Han}A-Za-z][\p{Script=Han}A-Za-z·]*$/u

export function checkNameInput(raw: string): { ok: true; value: string } | { ok: false; message: string } {
  // the dot may be typed as . 。 ・ • (whatever the keyboard has): all become ·
  const v = normaliseName(raw)
  if (v === '') return { ok: false, message: '请填写姓名' }
  if (Array.from(v).length > 40) return { ok: false, message: '姓名太长了，请核对' }
  if (!NAME_RE.test(v) || /··|·$/.test(v))
    return { ok: false, message: '姓名照户口本填汉字；少数民族姓名中间的点可以直接打“.”，例如 买买提.艾力' }
  return { ok: true, value: v }
}
