// 读给我听 over HTTP with the embedded engine: the voices it really speaks (Mandarin and
// Cantonese; not Hakka, whose data reads no Chinese characters), MP3 that plays for as long as
// the sentence takes, the same sentence answered from the cache, and the limits: signed-in
// users only, at most 200 characters, a rate per account. The text is never logged.
import { spawnServer, type SpawnedServer } from '../testing/spawn-server'
import { client, type Client } from '../testing/client'
import { mp3Seconds } from '../ports/speech'

let server: SpawnedServer
let api: Client
let token: string

jest.setTimeout(120_000)

beforeAll(async () => {
  server = await spawnServer({ households: 4, env: { SPEECH_RATE_LIMIT: '6/minute' } })
  api = client(server.url)
  token = await api.wechat('speech-test')
})

afterAll(async () => {
  await server?.stop()
})

const SENTENCE = '王建国，今天看病可以报销。'

test('the voices are the ones the engine speaks', async () => {
  const r = await api.call('listSpeechVoices', {})
  expect(r.status).toBe(200)
  expect(r.data?.voices.map((v) => v.id)).toEqual(['cmn', 'yue'])
  expect(r.data?.voices.map((v) => v.label)).toEqual(['普通话', '粤语（广东话）'])
})

test('Mandarin and Cantonese come back as MP3 as long as the sentence; a sentence is made once', async () => {
  const first = await api.call('speak', { body: { text: SENTENCE, voice: 'cmn' }, token })
  expect(first.status).toBe(200)
  const mp3 = Buffer.from(first.data!.audioBase64, 'base64')
  // 12 characters read slowly: a few seconds of audio, in MP3 frames from the first byte
  expect(mp3Seconds(mp3)).toBeGreaterThan(1.5)
  expect(mp3Seconds(mp3)).toBeLessThan(12)
  expect(first.data!.seconds).toBeCloseTo(mp3Seconds(mp3), 0)
  expect(mp3.readUInt16BE(0) & 0xffe0).toBe(0xffe0)

  const again = await api.call('speak', { body: { text: SENTENCE, voice: 'cmn' }, token })
  expect(again.data!.audioBase64).toBe(first.data!.audioBase64)

  // two sentences are the two sentences' audio end to end
  const two = await api.call('speak', { body: { text: `${SENTENCE}${SENTENCE}`, voice: 'cmn' }, token })
  expect(Buffer.from(two.data!.audioBase64, 'base64').equals(Buffer.concat([mp3, mp3]))).toBe(true)

  const yue = await api.call('speak', { body: { text: SENTENCE, voice: 'yue' }, token })
  expect(yue.status).toBe(200)
  expect(yue.data!.audioBase64).not.toBe(first.data!.audioBase64)
  expect(mp3Seconds(Buffer.from(yue.data!.audioBase64, 'base64'))).toBeGreaterThan(1)
})

test('limits: signed in, a known voice, 1 to 200 characters, a rate per account', async () => {
  expect((await api.call('speak', { body: { text: SENTENCE, voice: 'cmn' } })).status).toBe(401)
  expect((await api.raw('POST', '/v1/speech', { body: { text: SENTENCE, voice: 'hak' }, token })).status).toBe(400)
  expect((await api.call('speak', { body: { text: '', voice: 'cmn' }, token })).status).toBe(400)
  expect((await api.call('speak', { body: { text: '字'.repeat(201), voice: 'cmn' }, token })).status).toBe(400)
  // another account has its own allowance: 6 a minute (SPEECH_RATE_LIMIT)
  const other = await api.wechat('speech-test-2')
  const statuses: number[] = []
  for (let i = 0; i < 7; i++)
    statuses.push((await api.call('speak', { body: { text: '好。', voice: 'cmn' }, token: other })).status)
  expect(statuses.slice(0, 6)).toEqual([200, 200, 200, 200, 200, 200])
  expect(statuses[6]).toBe(429)
})

test('what was read is never logged', () => {
  expect(server.logs()).not.toContain('王建国')
})
