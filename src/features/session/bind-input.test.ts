import { makeIdNumber } from '@/shared/id-number'
import { checkIdInput, checkNameInput } from './bind-input'

const valid = makeIdNumber('110101', '19900307', '123')

test('a valid number passes, with spaces and lower-case x normalised', () => {
  expect(checkIdInput(` ${valid.slice(0, 6)} ${valid.slice(6)} `)).toEqual({ ok: true, value: valid })
  const withX = [
    '001',
    '002',
    '003',
    '004',
    '005',
    '006',
    '007',
    '008',
    '009',
    '010',
    '011',
    '012',
    '013',
    '014',
    '015'
  ]
    .map((s) => makeIdNumber('110101', '19850101', s))
    .find((n) => n.endsWith('X')) as string
  expect(withX).toBeDefined()
  expect(checkIdInput(withX.toLowerCase())).toEqual({ ok: true, value: withX })
})

test('a wrong checksum says which kind of mistake', () => {
  const last = valid[17] === '0' ? '1' : '0'
  expect(checkIdInput(valid.slice(0, 17) + last)).toMatchObject({
    ok: false,
    problem: 'checksum',
    message: expect.stringContaining('校验')
  })
})

test('a bad birth date is caught before the checksum', () => {
  const first17 = '110101' + '19900230' + '123' // 30 February
  const n = makeIdNumber('110101', '19900230', '123')
  expect(n.slice(0, 17)).toBe(first17)
  expect(checkIdInput(n)).toMatchObject({
    ok: false,
    problem: 'birthdate',
    message: expect.stringContaining('出生日期')
  })
  expect(checkIdInput(makeIdNumber('110101', '19901301', '123'))).toMatchObject({ problem: 'birthdate' })
})

test('15-digit legacy numbers get their own explanation', () => {
  expect(checkIdInput('110101900307123')).toMatchObject({
    ok: false,
    problem: 'legacy15',
    message: expect.stringContaining('15位')
  })
})

test('length and character problems', () => {
  expect(checkIdInput('')).toMatchObject({ problem: 'empty' })
  expect(checkIdInput('1101011990030712')).toMatchObject({ problem: 'length' })
  expect(checkIdInput('11010119900307123A')).toMatchObject({ problem: 'chars' })
  expect(checkIdInput('1101011990030X1234')).toMatchObject({ problem: 'chars' })
})

test('names with rare characters and the middle dot are accepted', () => {
  expect(checkNameInput('阿依古丽·买买提')).toEqual({ ok: true, value: '阿依古丽·买买提' })
  expect(checkNameInput('阿依古丽・买买提')).toEqual({ ok: true, value: '阿依古丽·买买提' })
  // the dot as a phone keyboard types it, as the add-member form already allows
  expect(checkNameInput('买买提.艾力')).toEqual({ ok: true, value: '买买提·艾力' })
  expect(checkNameInput('买买提。艾力')).toEqual({ ok: true, value: '买买提·艾力' })
  expect(checkNameInput('买买提 . 艾力')).toEqual({ ok: true, value: '买买提·艾力' })
  expect(checkNameInput('欧阳𠮷祥')).toEqual({ ok: true, value: '欧阳𠮷祥' })
  expect(checkNameInput('王䶮')).toEqual({ ok: true, value: '王䶮' })
  expect(checkNameInput(' 张三 ')).toEqual({ ok: true, value: '张三' })
})

test('empty or odd names are refused in Chinese', () => {
  expect(checkNameInput('')).toEqual({ ok: false, message: '请填写姓名' })
  expect(checkNameInput('张三1')).toMatchObject({ ok: false })
  expect(checkNameInput('·张三')).toMatchObject({ ok: false })
  expect(checkNameInput('张三·')).toMatchObject({ ok: false })
})
