import { maskBirthCertificate, maskIdNumber, maskName, maskPerson, maskPhone, memberIdText } from './mask'

describe('names', () => {
  test('keep the first character, mask the rest', () => {
    expect(maskName('王小明')).toBe('王**')
    expect(maskName('欧阳𠮷祥')).toBe('欧***') // a rare character outside the BMP counts as one
  })

  test('two-character and one-character names', () => {
    expect(maskName('张三')).toBe('张*')
    expect(maskName('𠀾𠁠')).toBe('𠀾*')
    expect(maskName('王')).toBe('*')
    expect(maskName('')).toBe('')
  })

  test('minority names keep the middle dot, whichever look-alike was typed', () => {
    expect(maskName('阿依古丽·买买提')).toBe('阿***·***')
    expect(maskName('阿依古丽.买买提')).toBe('阿***·***')
    expect(maskName('阿依古丽 • 买买提')).toBe('阿***·***')
  })

  test('a masked name stays as it is', () => {
    expect(maskName(maskName('阿依古丽·买买提'))).toBe('阿***·***')
    expect(maskName(maskName('王小明'))).toBe('王**')
  })
})

describe('numbers', () => {
  test('ID numbers show the first 3 and last 4', () => {
    expect(maskIdNumber('11010119900307123X')).toBe('110***********123X')
    expect(maskIdNumber('110***********123X')).toBe('110***********123X')
    expect(maskIdNumber('1234567')).toBe('*******')
  })

  test('mobile phones show 3+4, anything else nothing', () => {
    expect(maskPhone('13800138000')).toBe('138****8000')
    expect(maskPhone('138 0013 8000')).toBe('138****8000')
    expect(maskPhone('138****8000')).toBe('138****8000')
    expect(maskPhone('0771-5551234')).toBe('***')
  })

  test('a newborn without an ID number is shown by the masked birth certificate', () => {
    expect(maskBirthCertificate('P440123456')).toBe('P4*****456')
    expect(maskBirthCertificate('P4*****456')).toBe('P4*****456')
    expect(memberIdText({ idNumber: null, birthCertificateNumber: 'P440123456' })).toBe(
      '出生证 P4*****456（还没有身份证号）'
    )
    expect(memberIdText({ idNumber: '11010119900307123X' })).toBe('身份证 110***********123X')
    expect(memberIdText({ idNumber: null })).toBe('还没有身份证号')
  })
})

test('nothing full of a member is kept on the phone', () => {
  const kept = maskPerson({
    idNumber: null,
    idNumberMasked: false,
    birthCertificateNumber: 'P440123456',
    phone: '13800138000'
  })
  expect(kept).toEqual({
    idNumber: null,
    idNumberMasked: true,
    birthCertificateNumber: 'P4*****456',
    phone: '138****8000'
  })
  const adult = maskPerson({ idNumber: '11010119900307123X', idNumberMasked: false, phone: null })
  expect(adult).toEqual({ idNumber: '110***********123X', idNumberMasked: true, phone: null })
  expect(maskPerson(adult)).toEqual(adult)
})
