import { maskName, maskPhone } from './mask'
import { scrub } from './log'

describe('masking', () => {
  it('keeps only the first character of a name, the middle dot, and counts code points', () => {
    expect(maskName('阿依古丽·买买提')).toBe('阿***·***')
    expect(maskName('张三')).toBe('张*')
    expect(maskName('欧阳𠮷祥')).toBe('欧***')
    expect(maskName('王')).toBe('*')
  })

  it('masks phones to 3+4', () => {
    expect(maskPhone('13800000001')).toBe('138****0001')
  })

  it('scrubs ID numbers, phones and bearer tokens out of free text', () => {
    const text = 'bind failed for 11010519491231002X phone 13912345678 header Bearer abc.DEF-123'
    const out = scrub(text)
    expect(out).not.toContain('11010519491231002X')
    expect(out).not.toContain('13912345678')
    expect(out).not.toContain('abc.DEF-123')
    expect(out).toContain('139****5678')
    expect(scrub('newborn P440123456 added')).toBe('newborn [BIRTH-CERT] added')
  })
})
