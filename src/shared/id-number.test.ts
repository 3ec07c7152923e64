import fc from 'fast-check'
import {
  checkIdNumber,
  idNumberBirthDate,
  idNumberCheckChar,
  idNumberSex,
  isValidIdNumber,
  makeIdNumber
} from './id-number'

describe('GB 11643 ID numbers', () => {
  it('accepts the standard example and computes its check character', () => {
    // The worked example in GB 11643-1999 appendix: 11010519491231002X
    expect(idNumberCheckChar('11010519491231002')).toBe('X')
    expect(isValidIdNumber('11010519491231002X')).toBe(true)
    expect(isValidIdNumber('11010519491231002x')).toBe(true)
    expect(checkIdNumber(' 11010519491231002x ')).toEqual({ ok: true, value: '11010519491231002X' })
  })

  it('rejects a wrong check character, a bad date and a bad format', () => {
    expect(checkIdNumber('110105194912310021')).toEqual({ ok: false, problem: 'checksum' })
    expect(checkIdNumber('110105194902300023')).toEqual({ ok: false, problem: 'birthdate' })
    expect(checkIdNumber('1101051949123100')).toEqual({ ok: false, problem: 'format' })
    expect(checkIdNumber('11010519491231002Y')).toEqual({ ok: false, problem: 'format' })
  })

  it('detects every single-digit change (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1950, max: 2025 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 14, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (y, m, d, seq, pos, delta) => {
          const birth = `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`
          const id = makeIdNumber('440105', birth, String(seq).padStart(3, '0'))
          expect(isValidIdNumber(id)).toBe(true)
          const changed = id.slice(0, pos) + String((Number(id[pos]) + delta) % 10) + id.slice(pos + 1)
          expect(isValidIdNumber(changed)).toBe(false)
        }
      )
    )
  })

  it('reads birth date and sex', () => {
    expect(idNumberBirthDate('11010519491231002X')).toBe('1949-12-31')
    expect(idNumberSex('11010519491231002X')).toBe('female')
    expect(idNumberSex(makeIdNumber('110105', '19800101', '013'))).toBe('male')
  })
})
