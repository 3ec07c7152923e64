// Pay for someone else: check the ID number on the phone first, with a plain message.
import { checkIdNumber, type IdNumberProblem } from '@/shared/id-number'
import { appError, type AppError } from '@/services/errors'

const PROBLEM_TEXT: Record<IdNumberProblem, string> = {
  format: '身份证号应是18位数字（最后一位可以是X），请核对',
  checksum: '身份证号有一位不对，请对照身份证再核对一下',
  birthdate: '身份证号里的出生日期不对，请核对'
}

export function checkPayeeId(raw: string): { ok: true; value: string } | { ok: false; error: AppError } {
  const r = checkIdNumber(raw.replace(/\s+/g, ''))
  if (r.ok) return { ok: true, value: r.value }
  return {
    ok: false,
    error: appError('INVALID_INPUT', {
      message: PROBLEM_TEXT[r.problem],
      details: { field: 'idNumber', problem: r.problem }
    })
  }
}
