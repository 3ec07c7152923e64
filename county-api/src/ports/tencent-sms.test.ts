// The real SMS provider's adapter: its TC3-HMAC-SHA256 signing reproduces Tencent Cloud's documented
// example, it sends the SendSms request a loopback stand-in receives, maps the provider's refusals,
// and never writes the code to the log.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import { loadConfig } from '../config'
import { makeLogger } from '../log'
import { tc3Authorization, tencentSms } from './tencent-sms'
import { makeSmsSender } from './sms'

test("signs as Tencent Cloud's worked example (cloud.tencent.com/document/product/215/36792)", () => {
  // The documented example: DescribeInstances in ap-guangzhou, 2019-02-25, the EXAMPLE keys; the
  // page shows the Authorization header starting "Signature=72e494ea80".
  const header = tc3Authorization({
    secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
    secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
    service: 'cvm',
    host: 'cvm.tencentcloudapi.com',
    timestamp: 1551113065,
    payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}'
  })
  expect(header).toMatch(
    /^TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE\/2019-02-25\/cvm\/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea80[0-9a-f]{54}$/
  )
})

interface Seen {
  headers: http.IncomingHttpHeaders
  body: string
}

async function standIn(answer: unknown): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = []
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (d: Buffer) => (body += d.toString()))
    req.on('end', () => {
      seen.push({ headers: req.headers, body })
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify(answer))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise((r) => server.close(() => r()))
  }
}

function sender(endpoint: string) {
  let logged = ''
  const log = makeLogger(
    'info',
    new Writable({
      write(chunk: Buffer, _enc, done) {
        logged += chunk.toString()
        done()
      }
    })
  )
  const { config, problems } = loadConfig({
    SMS_PROVIDER: 'tencent',
    TENCENT_SMS_SECRET_ID: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
    TENCENT_SMS_SECRET_KEY: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
    TENCENT_SMS_SDK_APPID: '1400006666',
    TENCENT_SMS_SIGN_NAME: '青山县医保',
    TENCENT_SMS_TEMPLATE_ID: '449739',
    TENCENT_SMS_ENDPOINT: endpoint
  } as unknown as NodeJS.ProcessEnv)
  expect(problems).toEqual([])
  return { sms: tencentSms(config, log), logs: () => logged, port: makeSmsSender(config, log) }
}

test('sends SendSms with the code and minutes, signed over the exact bytes it sends', async () => {
  const fake = await standIn({
    Response: { SendStatusSet: [{ Code: 'Ok', Message: 'send success' }], RequestId: 'r1' }
  })
  try {
    const { sms, logs, port } = sender(fake.url)
    expect(port.provider).toBe('tencent')
    await sms.sendCode('13800000001', '053729', 5)
    const [req] = fake.seen
    expect(JSON.parse(req.body)).toEqual({
      PhoneNumberSet: ['+8613800000001'],
      SmsSdkAppId: '1400006666',
      SignName: '青山县医保',
      TemplateId: '449739',
      TemplateParamSet: ['053729', '5']
    })
    expect(req.headers).toMatchObject({
      'x-tc-action': 'SendSms',
      'x-tc-version': '2021-01-11',
      'x-tc-region': 'ap-guangzhou',
      'content-type': 'application/json; charset=utf-8'
    })
    const host = new URL(fake.url).host
    expect(req.headers.authorization).toBe(
      tc3Authorization({
        secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
        secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
        service: 'sms',
        host,
        timestamp: Number(req.headers['x-tc-timestamp']),
        payload: req.body
      })
    )
    expect(logs()).toContain('138****0001')
    expect(logs()).not.toContain('053729')
    expect(logs()).not.toContain('13800000001')
  } finally {
    await fake.close()
  }
})

test.each([
  ['LimitExceeded.PhoneNumberDailyLimit', 'RATE_LIMITED'],
  ['FailedOperation.PhoneNumberInBlacklist', 'BAD_REQUEST'],
  ['FailedOperation.InsufficientBalanceInSmsPackage', 'UPSTREAM_UNAVAILABLE']
])('a refusal %s is %s, and the code stays out of the log', async (refusal, code) => {
  const fake = await standIn({ Response: { SendStatusSet: [{ Code: refusal, Message: 'no' }], RequestId: 'r2' } })
  try {
    const { sms, logs } = sender(fake.url)
    await expect(sms.sendCode('13800000002', '918273', 5)).rejects.toMatchObject({ code })
    expect(logs()).toContain(refusal)
    expect(logs()).not.toContain('918273')
  } finally {
    await fake.close()
  }
})

test('no answer is UPSTREAM_UNAVAILABLE', async () => {
  const fake = await standIn({})
  await fake.close()
  const { sms } = sender(fake.url)
  await expect(sms.sendCode('13800000003', '112233', 5)).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' })
})
