import { makeIdNumber } from '@/shared/id-number'
import {
  checkBirthCertificateNumber,
  checkId,
  checkName,
  emptyAddMember,
  emptyFiling,
  errorsByField,
  FormValidationError,
  nameLength,
  normaliseDateInput,
  normaliseName,
  validateAddMember,
  validateFiling,
  validateRenew
} from './validation'

const TODAY = '2026-11-23'
const babyId = makeIdNumber('999901', '20261001', '013') // born 2026-10-01, odd → boy
const adultId = makeIdNumber('999901', '19980214', '024') // woman

function codes(r: { ok: boolean; errors?: { field: string; code: string }[] }) {
  return r.ok ? [] : r.errors!.map((e) => `${e.field}:${e.code}`)
}

describe('names', () => {
  test('a minority name with a middle dot is accepted, whatever dot the phone typed', () => {
    expect(checkName('阿依古丽·买买提')).toEqual({ ok: true, value: '阿依古丽·买买提' })
    expect(checkName('阿依古丽・买买提')).toEqual({ ok: true, value: '阿依古丽·买买提' })
    expect(checkName('阿依古丽•买买提')).toEqual({ ok: true, value: '阿依古丽·买买提' })
    expect(checkName(' 阿依古丽 . 买买提 ')).toEqual({ ok: true, value: '阿依古丽·买买提' })
  })

  test('rare characters outside the basic plane count as one character each', () => {
    const r = checkName('王𪚥')
    expect(r).toEqual({ ok: true, value: '王𪚥' })
    expect(nameLength('王𪚥')).toBe(2)
    expect(checkName('𠮷')).toMatchObject({
      ok: false,
      errors: [{ code: 'name_short', message: '姓名至少两个字，请照户口本填写' }]
    })
  })

  test('a dot at either end, two dots together, Latin letters or digits are refused in plain Chinese', () => {
    for (const bad of ['·买买提', '阿依古丽·', '阿依古丽··买买提', 'Zhang San', '张3']) {
      const r = checkName(bad)
      expect(r.ok).toBe(false)
      if (!r.ok) {
        expect(r.errors[0].code).toBe('name_chars')
        expect(r.errors[0].message).toContain('阿依古丽·买买提')
      }
    }
  })

  test('empty and over-long names', () => {
    expect(checkName('  ')).toMatchObject({ ok: false, errors: [{ code: 'required', message: '请填写姓名' }] })
    expect(checkName('张'.repeat(41))).toMatchObject({ ok: false, errors: [{ code: 'name_long' }] })
    expect(normaliseName('张 三')).toBe('张三')
  })
})

describe('ID and birth certificate numbers', () => {
  test('checksum, format and birth date problems each get their own sentence', () => {
    const wrongCheck = adultId.slice(0, 17) + (adultId[17] === '0' ? '1' : '0')
    expect(checkId(wrongCheck)).toMatchObject({
      ok: false,
      errors: [{ field: 'idNumber', code: 'id_checksum', message: '身份证号有一位不对，请对着身份证再核对一遍' }]
    })
    expect(checkId('12345')).toMatchObject({ ok: false, errors: [{ code: 'id_format' }] })
    expect(checkId(makeIdNumber('999901', '20260230', '011'))).toMatchObject({
      ok: false,
      errors: [{ code: 'id_birthdate' }]
    })
    expect(checkId(` ${adultId.toLowerCase()} `)).toEqual({ ok: true, value: adultId })
  })

  test('birth certificate number: one letter and nine digits', () => {
    expect(checkBirthCertificateNumber('p440 123 456')).toEqual({ ok: true, value: 'P440123456' })
    expect(checkBirthCertificateNumber('44012345')).toMatchObject({
      ok: false,
      errors: [{ code: 'birth_cert_format', message: expect.stringContaining('1个字母加9位数字') }]
    })
    expect(checkBirthCertificateNumber('')).toMatchObject({ ok: false, errors: [{ code: 'required' }] })
  })
})

describe('add a member', () => {
  test('a newborn without an ID number yet is added by birth certificate number, birth date and sex', () => {
    const d = {
      ...emptyAddMember('add_newborn'),
      name: '王小𪚥',
      birthCertificateNumber: 'P440123456',
      birthDate: '2026-10-01',
      sex: 'female' as const,
      relation: '孙女'
    }
    expect(d.hasIdNumber).toBe(false)
    const r = validateAddMember(d, TODAY)
    expect(r).toEqual({
      ok: true,
      value: {
        kind: 'add_newborn',
        name: '王小𪚥',
        idNumber: null,
        birthCertificateNumber: 'P440123456',
        birthDate: '2026-10-01',
        sex: 'female',
        relation: '孙女'
      }
    })
  })

  test('a newborn without an ID number must say birth date and sex', () => {
    const d = {
      ...emptyAddMember('add_newborn'),
      name: '王小明',
      birthCertificateNumber: 'P440123456',
      relation: '孙子'
    }
    const r = validateAddMember(d, TODAY)
    expect(codes(r)).toEqual(['birthDate:required', 'sex:required'])
    if (!r.ok)
      expect(errorsByField(r.errors)).toEqual({ birthDate: '请选择孩子的出生日期', sex: '请选择孩子是男孩还是女孩' })
  })

  test('a newborn with an ID number takes birth date and sex from it', () => {
    const d = {
      ...emptyAddMember('add_newborn'),
      hasIdNumber: true,
      idNumber: babyId,
      name: '阿依古丽·买买提',
      birthCertificateNumber: 'Q123456789',
      relation: '女'
    }
    const r = validateAddMember(d, TODAY)
    expect(r).toMatchObject({
      ok: true,
      value: { idNumber: babyId, birthDate: '2026-10-01', sex: 'male', name: '阿依古丽·买买提' }
    })
  })

  test('a child born in the future or more than a year ago is not a newborn', () => {
    const base = {
      ...emptyAddMember('add_newborn'),
      name: '王小明',
      birthCertificateNumber: 'P440123456',
      sex: 'male' as const,
      relation: '子'
    }
    expect(codes(validateAddMember({ ...base, birthDate: '2026-12-01' }, TODAY))).toEqual(['birthDate:date_future'])
    const old = validateAddMember({ ...base, birthDate: '2025-11-23' }, TODAY)
    expect(codes(old)).toEqual(['birthDate:not_newborn'])
    if (!old.ok) expect(old.errors[0].message).toContain('回乡落户')
    expect(validateAddMember({ ...base, birthDate: '2025-11-24' }, TODAY).ok).toBe(true)
  })

  test('a birth date that disagrees with the ID number is caught', () => {
    const d = {
      ...emptyAddMember('add_newborn'),
      hasIdNumber: true,
      idNumber: babyId,
      birthDate: '2026-10-02',
      name: '王小明',
      birthCertificateNumber: 'P440123456',
      relation: '子'
    }
    expect(codes(validateAddMember(d, TODAY))).toEqual(['birthDate:birth_mismatch'])
  })

  test('marriage: ID number required and checked; someone already in the household is refused', () => {
    const d = { ...emptyAddMember('add_marriage'), name: '李秀英' }
    expect(codes(validateAddMember(d, TODAY))).toEqual(['idNumber:required'])
    const dup = validateAddMember({ ...d, idNumber: adultId }, TODAY, [adultId])
    expect(dup).toMatchObject({
      ok: false,
      errors: [{ code: 'id_in_household', message: '这个身份证号的人已经在您家户里了，不用再添加' }]
    })
    expect(validateAddMember({ ...d, idNumber: adultId }, TODAY)).toMatchObject({
      ok: true,
      value: { relation: '儿媳', sex: 'female', birthCertificateNumber: null }
    })
  })

  test('return to the village: all problems are listed at once, each with a Chinese message', () => {
    const r = validateAddMember({ ...emptyAddMember('add_return'), name: 'abc', idNumber: '1234' }, TODAY)
    expect(codes(r)).toEqual(['name:name_chars', 'idNumber:id_format', 'relation:required'])
    if (!r.ok) {
      for (const e of r.errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/)
      const err = new FormValidationError(r.errors)
      expect(err).toBeInstanceOf(Error)
      expect(err.errors).toHaveLength(3)
    }
  })
})

describe('out-of-area care filing', () => {
  const ok = {
    personId: 'p1',
    destination: ' 广东省东莞市 ',
    from: '2026-12-01',
    to: '2027-11-30',
    reason: 'work' as const,
    note: ''
  }

  test('a complete filing', () => {
    expect(validateFiling(ok, TODAY)).toEqual({
      ok: true,
      value: { personId: 'p1', destination: '广东省东莞市', from: '2026-12-01', to: '2027-11-30', reason: '在外地打工' }
    })
    expect(validateFiling({ ...ok, reason: 'other', note: '陪孩子上学' }, TODAY)).toMatchObject({
      ok: true,
      value: { reason: '其他：陪孩子上学' }
    })
  })

  test('empty form: every field says what is missing', () => {
    const r = validateFiling(emptyFiling(), TODAY)
    expect(codes(r)).toEqual([
      'personId:no_member',
      'destination:required',
      'from:required',
      'to:required',
      'reason:required'
    ])
  })

  test('dates: end before start, an end already past, a made-up day', () => {
    expect(validateFiling({ ...ok, to: '2026-11-30' }, TODAY)).toMatchObject({
      ok: false,
      errors: [{ field: 'to', code: 'to_before_from', message: '结束日期不能早于开始日期' }]
    })
    expect(codes(validateFiling({ ...ok, from: '2026-01-01', to: '2026-11-22' }, TODAY))).toEqual(['to:already_ended'])
    expect(codes(validateFiling({ ...ok, from: '2026-02-30' }, TODAY))).toEqual(['from:date_format'])
    expect(codes(validateFiling({ ...ok, reason: 'other' }, TODAY))).toEqual(['note:required'])
  })
})

describe('renew from afar', () => {
  test('members staying and leaving; a leaving member needs a reason; someone must stay', () => {
    const r = validateRenew({
      year: 2027,
      members: { a: { change: 'same', leaveReason: '' }, b: { change: 'left', leaveReason: '参加了职工医保' } }
    })
    expect(r).toEqual({
      ok: true,
      value: { year: 2027, staying: ['a'], leaving: [{ personId: 'b', reason: '参加了职工医保' }] }
    })
    expect(
      codes(
        validateRenew({
          year: 2027,
          members: { a: { change: 'same', leaveReason: '' }, b: { change: 'left', leaveReason: '' } }
        })
      )
    ).toEqual(['members.b:change_note'])
    expect(codes(validateRenew({ year: 2027, members: { a: { change: 'left', leaveReason: '去世了' } } }))).toEqual([
      'members:no_member'
    ])
  })
})

test('dates typed the way people write them', () => {
  for (const s of ['2026-10-01', '2026.10.1', '2026/10/1', '2026年10月1日', ' 20261001 '])
    expect(normaliseDateInput(s)).toBe('2026-10-01')
  expect(normaliseDateInput('十月一日')).toBe('十月一日')
})
