// Which speech adapter the server uses, from its environment: SPEECH_ENGINE=cloud with the
// county's Tencent Cloud key (TENCENT_SECRET_ID / TENCENT_SECRET_KEY, TENCENT_REGION) and a voice
// type per voice (SPEECH_CLOUD_VOICE_CMN, SPEECH_CLOUD_VOICE_YUE); otherwise the embedded engine.
import { makeCloudSpeech } from './cloud-speech'
import { makeEspeakSpeech } from './espeak-speech'
import type { SpeechPort } from './speech'

export function speechPortFromEnv(env: NodeJS.ProcessEnv = process.env): SpeechPort {
  if (env.SPEECH_ENGINE !== 'cloud') return makeEspeakSpeech()
  const secretId = env.TENCENT_SECRET_ID
  const secretKey = env.TENCENT_SECRET_KEY
  if (!secretId || !secretKey) throw new Error('SPEECH_ENGINE=cloud needs TENCENT_SECRET_ID and TENCENT_SECRET_KEY')
  const type = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : undefined)
  const voiceTypes = { cmn: type(env.SPEECH_CLOUD_VOICE_CMN), yue: type(env.SPEECH_CLOUD_VOICE_YUE) }
  return makeCloudSpeech({
    secretId,
    secretKey,
    region: env.TENCENT_REGION ?? 'ap-guangzhou',
    endpoint: env.SPEECH_CLOUD_ENDPOINT ?? 'https://tts.tencentcloudapi.com',
    voiceTypes: Object.fromEntries(Object.entries(voiceTypes).filter(([, t]) => t !== undefined))
  })
}
