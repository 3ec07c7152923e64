// Tag `speech`: 读给我听. The app sends what the screen says and the voice the user chose in 我的;
// the answer is MP3 from the speech port (embedded engine or cloud), made a sentence at a time
// and cached per sentence. Limits: 200 characters (the contract), a rate per account (limits.ts), and the
// text itself is never logged (it names people).
import type { Ctx } from '../context'
import type { TagHandlers } from './handler'
import { ApiFailure } from '../errors'
import { makeSpeaker } from '../ports/speech'
import { speechPortFromEnv } from '../ports/speech-engines'

export const speechRoutes = (ctx: Ctx): TagHandlers<'speech'> => {
  const speaker = makeSpeaker(speechPortFromEnv())
  return {
    listSpeechVoices: () => ({ voices: [...speaker.voices] }),
    speak: async ({ body }) => {
      if (!speaker.has(body.voice)) throw new ApiFailure('BAD_REQUEST', { field: 'voice' }, '这种话现在还不能读')
      try {
        const { mp3, seconds } = await speaker.speak(body.text, body.voice)
        if (!mp3.length) throw new Error('no audio')
        return {
          voice: body.voice,
          mimeType: 'audio/mpeg' as const,
          audioBase64: mp3.toString('base64'),
          seconds: Math.round(seconds * 10) / 10
        }
      } catch (e) {
        ctx.log.warn({ err: e instanceof Error ? e.message : String(e), voice: body.voice }, 'speech failed')
        throw new ApiFailure('SPEECH_UNAVAILABLE')
      }
    }
  }
}
