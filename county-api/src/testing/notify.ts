import crypto from 'node:crypto'

export const TEST_NOTIFY_KEY = 'test-notify-key-not-secret'

/** A notify body and its HMAC signature, as the payment provider would send them. `paidAt` by the county's clock (tests pin it). */
export function signedNotify(
  fields: {
    orderId: string
    amountFen: number
    result?: 'SUCCESS' | 'FAIL'
    notifyId?: string
    transactionId?: string
    paidAt: string
  },
  key = TEST_NOTIFY_KEY
) {
  const body = JSON.stringify({
    notifyId: fields.notifyId ?? `n-${crypto.randomBytes(6).toString('hex')}`,
    orderId: fields.orderId,
    transactionId: fields.transactionId ?? `tx${crypto.randomBytes(8).toString('hex')}`,
    result: fields.result ?? 'SUCCESS',
    amountFen: fields.amountFen,
    paidAt: fields.paidAt
  })
  return { body, signature: crypto.createHmac('sha256', key).update(body).digest('hex') }
}
