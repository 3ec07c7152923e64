import { ERROR_CODES, errorMessage, errorStatus, type ErrorCode } from './errors'

describe('error codes', () => {
  const codes = Object.keys(ERROR_CODES) as ErrorCode[]

  it('every code has a plain-Chinese message and an HTTP error status', () => {
    for (const code of codes) {
      expect(errorMessage(code)).toMatch(/[\u4e00-\u9fa5]/)
      expect(errorMessage(code)).not.toMatch(/[A-Za-z]{3,}/) // no English jargon for villagers
      expect(errorStatus(code)).toBeGreaterThanOrEqual(400)
      expect(errorStatus(code)).toBeLessThan(600)
    }
  })

  it('codes are SCREAMING_SNAKE and bad input is 400', () => {
    for (const code of codes) expect(code).toMatch(/^[A-Z][A-Z_]+$/)
    expect(errorStatus('BAD_REQUEST')).toBe(400)
    expect(errorStatus('NOT_FOUND')).toBe(404)
  })
})
