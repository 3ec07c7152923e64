// The speech port's pieces without the engine: sentences as heard, the per-sentence cache, and
// the cloud adapter against a stand-in for Tencent Cloud on this machine (its request, its
// signature's form, its answer and its refusals).
import http from 'http'
import type { AddressInfo } from 'net'
import type { SpeechVoice } from '../../../src/contract'
import { makeSpeaker, sentencesOf, type SpeechPort } from './speech'
import { makeCloudSpeech, tc3Headers } from './cloud-speech'

test('a text is read sentence by sentence, punctuation kept', () => {
  expect(sentencesOf('王建国，2026年已参保。今天看病可以报销！2027年还没缴费。')).toEqual([
    '王建国，2026年已参保。',
    '今天看病可以报销！',
    '2027年还没缴费。'
  ])
  expect(sentencesOf('没有句号的一句')).toEqual(['没有句号的一句'])
  expect(sentencesOf('。。')).toEqual([])
})

function fakePort(): SpeechPort & { made: string[] } {
  const made: string[] = []
  return {
    id: 'fake',
    voices: [{ id: 'cmn', label: '普通话' }],
    made,
    async synthesize(sentence: string, voice: SpeechVoice) {
      made.push(`${voice}:${sentence}`)
      return { mp3: Buffer.from(`[${sentence}]`), seconds: sentence.length / 4 }
    },
    async close() {}
  }
}

test('each sentence is made once and joined in order; the cache keeps to its size', async () => {
  const port = fakePort()
  const speaker = makeSpeaker(port, 64)
  const a = await speaker.speak('甲。乙。', 'cmn')
  expect(a.mp3.toString()).toBe('[甲。][乙。]')
  const b = await speaker.speak('乙。甲。', 'cmn')
  expect(b.mp3.toString()).toBe('[乙。][甲。]')
  expect(port.made).toEqual(['cmn:甲。', 'cmn:乙。'])
  // past 64 bytes the sentence used longest ago goes
  await speaker.speak('一句很长很长很长很长很长很长的话。', 'cmn')
  expect(speaker.cachedSentences()).toBeLessThan(3)
  expect(speaker.has('cmn')).toBe(true)
  expect(speaker.has('yue')).toBe(false)
})

describe('cloud adapter (Tencent Cloud TextToVoice)', () => {
  let server: http.Server
  let url: string
  const seen: { headers: http.IncomingHttpHeaders; body: Record<string, unknown> }[] = []
  let answer: object = {}

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let raw = ''
      req.on('data', (d) => (raw += d))
      req.on('end', () => {
        seen.push({ headers: req.headers, body: JSON.parse(raw) })
        res.setHeader('content-type', 'application/json')
        res.end(JSON.stringify(answer))
      })
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  })
  afterAll(() => new Promise<void>((r) => server.close(() => r())))

  const cfg = () => ({
    secretId: 'AKIDtest',
    secretKey: 'test-key',
    region: 'ap-guangzhou',
    endpoint: url,
    voiceTypes: { cmn: 101001, yue: 101019 },
    now: () => Date.parse('2026-11-20T02:00:00Z')
  })

  test('asks for the voice type of the chosen voice as MP3, signed with TC3-HMAC-SHA256', async () => {
    answer = { Response: { Audio: Buffer.from('ID3-not-really').toString('base64'), RequestId: 'r1' } }
    const port = makeCloudSpeech(cfg())
    expect(port.voices.map((v) => v.id)).toEqual(['cmn', 'yue'])
    const out = await port.synthesize('今天看病可以报销。', 'yue')
    expect(out.mp3.toString()).toBe('ID3-not-really')
    const { headers, body } = seen[seen.length - 1]
    expect(body).toMatchObject({ Text: '今天看病可以报销。', VoiceType: 101019, Codec: 'mp3', PrimaryLanguage: 1 })
    expect(headers['x-tc-action']).toBe('TextToVoice')
    expect(headers['x-tc-version']).toBe('2019-08-23')
    expect(headers['x-tc-timestamp']).toBe(String(Date.parse('2026-11-20T02:00:00Z') / 1000))
    expect(headers.authorization).toMatch(
      /^TC3-HMAC-SHA256 Credential=AKIDtest\/2026-11-20\/tts\/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=[0-9a-f]{64}$/
    )
    // the signature covers the body: another text, another signature
    const host = new URL(url).host
    const s1 = tc3Headers(cfg(), host, '{"Text":"甲"}', cfg().now()).Authorization
    const s2 = tc3Headers(cfg(), host, '{"Text":"乙"}', cfg().now()).Authorization
    expect(s1).not.toBe(s2)
  })

  test("the cloud's refusal is an error, not silence; a voice without a type is not offered", async () => {
    answer = { Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'x' } } }
    const port = makeCloudSpeech({ ...cfg(), voiceTypes: { cmn: 101001 } })
    expect(port.voices.map((v) => v.id)).toEqual(['cmn'])
    await expect(port.synthesize('好。', 'cmn')).rejects.toThrow('AuthFailure.SignatureFailure')
    await expect(port.synthesize('好。', 'yue')).rejects.toThrow('no cloud voice')
  })
})
