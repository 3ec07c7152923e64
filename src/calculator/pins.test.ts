// The hand-computed checks of the building blocks (testing/pins.ts), one test each; the
// mutation benchmark runs the same checks.
import { PINS } from './testing/pins'

describe('hand-computed pins', () => {
  it.each(PINS.map((p) => [p.name, p] as const))('%s', (_name, p) => {
    expect(() => p.run()).not.toThrow()
  })
})
