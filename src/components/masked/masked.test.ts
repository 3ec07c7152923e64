import { maskBirthCertificate, maskId, maskName, maskPerson, maskPhone, memberIdText } from './index'

test('masks ID numbers, phones and names (rare characters and the middle dot)', () => {
  expect(maskId('11010119900307123X')).toBe('110***********123X')
  expect(maskId('110***********123X')).toBe('110***********123X')
  expect(maskPhone('13800138000')).toBe('138****8000')
  expect(maskName('张三')).toBe('张*')
  expect(maskName('王小明')).toBe('王*明')
  expect(maskName('阿依古丽·买买提')).toBe('阿***·**提')
  expect(maskName('𠀾𠁠')).toBe('𠀾*')
})

test('a newborn without an ID number is shown by the masked birth certificate; nothing full is kept on the phone', () => {
  expect(maskId(null)).toBeNull()
  expect(maskBirthCertificate('P440123456')).toBe('P4*****456')
  expect(maskBirthCertificate('P4*****456')).toBe('P4*****456')
  expect(memberIdText({ idNumber: null, birthCertificateNumber: 'P440123456' })).toBe(
    '出生证 P4*****456（还没有身份证号）'
  )
  expect(memberIdText({ idNumber: '11010119900307123X' })).toBe('身份证 110***********123X')
  expect(memberIdText({ idNumber: null })).toBe('还没有身份证号')
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
})
