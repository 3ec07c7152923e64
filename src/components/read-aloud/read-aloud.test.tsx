// 读给我听 on weapp: the county's MP3 is written to a file and played with InnerAudioContext, the
// button says it is reading and stops it when tapped again; with no voice it says so in words.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { resetNetworkForTests } from '@/services/network'
import { configureTransport } from '@/services/transport'
import { NO_VOICE_MESSAGE, stopReading } from '@/services/read-aloud'
import { ReadAloudButton } from '.'

const request = Taro.request as unknown as jest.Mock
const answer = (statusCode: number, data: unknown) =>
  Promise.resolve({ statusCode, data: JSON.stringify(data), header: {} })

interface FakeAudio {
  src: string
  play: jest.Mock
  stop: jest.Mock
  destroy: jest.Mock
  ended?: () => void
  onEnded: (cb: () => void) => void
  onError: (cb: () => void) => void
}
let audios: FakeAudio[] = []
const written: { filePath: string; data: string; encoding: string }[] = []
const taro = Taro as unknown as Record<string, unknown>

beforeEach(() => {
  resetNetworkForTests()
  configureTransport({ sleep: async () => {} })
  stopReading()
  audios = []
  written.length = 0
  taro.env = { USER_DATA_PATH: 'wxfile://usr' }
  taro.getFileSystemManager = () => ({
    writeFile: (o: { filePath: string; data: string; encoding: string; success: () => void }) => {
      written.push(o)
      o.success()
    }
  })
  taro.createInnerAudioContext = () => {
    const a: FakeAudio = {
      src: '',
      play: jest.fn(),
      stop: jest.fn(),
      destroy: jest.fn(),
      onEnded: (cb) => (a.ended = cb),
      onError: () => {}
    }
    audios.push(a)
    return a
  }
})

const SENTENCE = '王建国，2026年已参保。今天看病可以报销。'

test('plays the county audio in the chosen voice, shows 停止 while reading, and stops on a second tap', async () => {
  request.mockReturnValueOnce(answer(200, { voice: 'yue', mimeType: 'audio/mpeg', audioBase64: 'SUQz', seconds: 3.2 }))
  render(<ReadAloudButton readKey='p1' text={SENTENCE} voice='yue' label='王建国的参保情况' />)
  fireEvent.click(screen.getByRole('button', { name: '读给我听：王建国的参保情况' }))
  await waitFor(() => expect(screen.getByText('■ 停止读（正在读）')).toBeInTheDocument())
  const data = request.mock.calls[0][0].data
  const sent = typeof data === 'string' ? JSON.parse(data) : data
  expect(request.mock.calls[0][0].url).toMatch(/\/v1\/speech$/)
  expect(sent).toEqual({ text: SENTENCE, voice: 'yue' })
  expect(written[0]).toMatchObject({ filePath: 'wxfile://usr/read-aloud.mp3', data: 'SUQz', encoding: 'base64' })
  expect(audios[0].src).toBe('wxfile://usr/read-aloud.mp3')
  expect(audios[0].play).toHaveBeenCalled()
  expect(screen.getByRole('button', { name: '停止读：王建国的参保情况' })).toHaveAttribute('aria-pressed', 'true')

  fireEvent.click(screen.getByRole('button', { name: '停止读：王建国的参保情况' }))
  expect(audios[0].stop).toHaveBeenCalled()
  expect(screen.getByText('🔊 读给我听')).toBeInTheDocument()
})

test('when the audio has played to its end the button is ready again', async () => {
  request.mockReturnValueOnce(answer(200, { voice: 'cmn', mimeType: 'audio/mpeg', audioBase64: 'SUQz', seconds: 3.2 }))
  render(<ReadAloudButton readKey='p1' text={SENTENCE} voice='cmn' label='王建国的参保情况' />)
  fireEvent.click(screen.getByRole('button', { name: '读给我听：王建国的参保情况' }))
  await waitFor(() => expect(audios[0]?.play).toHaveBeenCalled())
  act(() => audios[0].ended?.())
  expect(screen.getByText('🔊 读给我听')).toBeInTheDocument()
})

test('no voice: a plain message instead of silence', async () => {
  request.mockReturnValueOnce(answer(503, { code: 'SPEECH_UNAVAILABLE', message: '现在没法读出来，请看屏幕上的字' }))
  render(<ReadAloudButton readKey='p1' text={SENTENCE} voice='cmn' label='王建国的参保情况' />)
  fireEvent.click(screen.getByRole('button', { name: '读给我听：王建国的参保情况' }))
  await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(NO_VOICE_MESSAGE))
  expect(audios).toHaveLength(0)
  expect(screen.getByText('🔊 读给我听')).toBeInTheDocument()
})
