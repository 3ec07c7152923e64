// The production speech adapter: Tencent Cloud's TextToVoice (语音合成), called with its TC3-HMAC-
// SHA256 signature (no SDK). Its voices are natural and it has dialect voices; which voice type
// reads each of our voices is the county's choice from Tencent's voice list
// (SPEECH_CLOUD_VOICE_CMN / _YUE). A voice without a type is not offered.
import { createHash, createHmac, randomUUID } from 'crypto'
import type { SpeechVoice } from '../../../src/contract'
import { mp3Seconds, VOICE_LABEL, type SpeechPort } from './speech'

export interface CloudSpeechConfig {
  secretId: string
  secretKey: string
  region: string
  /** https://tts.tencentcloudapi.com (a test gives its own) */
  endpoint: string
  voiceTypes: Partial<Record<SpeechVoice, number>>
  /** now in ms (the signature carries it) */
  now?: () => number
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')
const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s).digest()

/** The TC3-HMAC-SHA256 headers of one call (Tencent Cloud API v3). */
export function tc3Headers(
  cfg: Pick<CloudSpeechConfig, 'secretId' | 'secretKey' | 'region'>,
  host: string,
  payload: string,
  nowMs: number
): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000)
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10)
  const contentType = 'application/json; charset=utf-8'
  const canonical = [
    'POST',
    '/',
    '',
    `content-type:${contentType}\nhost:${host}\nx-tc-action:texttovoice\n`,
    'content-type;host;x-tc-action',
    sha256(payload)
  ].join('\n')
  const scope = `${date}/tts/tc3_request`
  const toSign = ['TC3-HMAC-SHA256', String(timestamp), scope, sha256(canonical)].join('\n')
  const key = hmac(hmac(hmac(`TC3${cfg.secretKey}`, date), 'tts'), 'tc3_request')
  const signature = createHmac('sha256', key).update(toSign).digest('hex')
  return {
    Authorization: `TC3-HMAC-SHA256 Credential=${cfg.secretId}/${scope}, SignedHeaders=content-type;host;x-tc-action, Signature=${signature}`,
    'Content-Type': contentType,
    Host: host,
    'X-TC-Action': 'TextToVoice',
    'X-TC-Timestamp': String(timestamp),
    'X-TC-Version': '2019-08-23',
    'X-TC-Region': cfg.region
  }
}

export function makeCloudSpeech(cfg: CloudSpeechConfig): SpeechPort {
  const host = new URL(cfg.endpoint).host
  const voices = (Object.keys(cfg.voiceTypes) as SpeechVoice[]).map((id) => ({ id, label: VOICE_LABEL[id] }))
  return {
    id: 'tencent-tts',
    voices,
    async synthesize(sentence: string, voice: SpeechVoice) {
      const voiceType = cfg.voiceTypes[voice]
      if (voiceType === undefined) throw new Error(`no cloud voice for ${voice}`)
      // Speed -1 = 0.8×, easier for older listeners; 16 kHz MP3 is small on a village network
      const payload = JSON.stringify({
        Text: sentence,
        SessionId: randomUUID(),
        VoiceType: voiceType,
        Codec: 'mp3',
        SampleRate: 16000,
        Speed: -1,
        PrimaryLanguage: 1
      })
      const res = await fetch(cfg.endpoint, {
        method: 'POST',
        headers: tc3Headers(cfg, host, payload, (cfg.now ?? Date.now)()),
        body: payload,
        signal: AbortSignal.timeout(15_000)
      })
      const body = (await res.json()) as { Response?: { Audio?: string; Error?: { Code: string; Message: string } } }
      const audio = body.Response?.Audio
      if (!res.ok || !audio) throw new Error(`cloud speech: ${body.Response?.Error?.Code ?? res.status}`)
      const mp3 = Buffer.from(audio, 'base64')
      return { mp3, seconds: mp3Seconds(mp3) }
    },
    async close() {}
  }
}
