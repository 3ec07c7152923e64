import { idNumberCheckChar } from '../src/shared/id-number'
import { findLeaks, SecretsSeen } from './privacy'

const id17 = '11010519491231002'
const validId = id17 + idNumberCheckChar(id17)

test('a clean log has no leaks', () => {
  const seen = new SecretsSeen()
  seen.observe(
    { authorization: 'Bearer abcdefghijklmnop' },
    JSON.stringify({ idNumber: validId, phone: '13800000001' })
  )
  const log =
    '{"msg":"bound household","idNumber":"[REDACTED]","phone":"138****0001","req":{"headers":{"authorization":"[REDACTED]"}}}'
  expect(findLeaks(log, seen)).toEqual([])
})

test('a token, an ID number and a phone in the log are each reported, masked', () => {
  const seen = new SecretsSeen()
  seen.observe({ authorization: 'Bearer tok_secret_123456' }, '')
  const leaks = findLeaks(`{"msg":"x tok_secret_123456"} {"id":"${validId}"} {"p":"13912345678"}`, seen)
  expect(leaks).toHaveLength(3)
  expect(leaks.join('\n')).not.toContain(validId)
  expect(leaks.join('\n')).not.toContain('13912345678')
  expect(leaks.join('\n')).not.toContain('tok_secret_123456')
})

test('numbers that are not valid ID numbers are not flagged as ID numbers', () => {
  const wrongChecksum = id17 + (idNumberCheckChar(id17) === '0' ? '1' : '0')
  expect(findLeaks(`{"orderNo":"${wrongChecksum}"}`)).toEqual([])
})

test('a session token handed out in a sign-in response is watched for', () => {
  const seen = new SecretsSeen()
  seen.observe({}, JSON.stringify({ token: 'sess_abcdefghijkl', expiresAt: '2026-12-01T00:00:00+08:00' }))
  expect(findLeaks('{"msg":"signed in sess_abcdefghijkl"}', seen)).toHaveLength(1)
})
