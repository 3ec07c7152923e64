// The pay button, with the county's queue: when the county is admitting no more payments this
// moment (BUSY, 429 with Retry-After), the screen shows 排队中 and counts the wait down, then
// starts again by itself with the same kept idempotency key (the store keeps it for a
// retryable error), so the household keeps its place and nothing is submitted twice. One request
// at a time: a tap while starting or waiting does nothing.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { PayScreen } from './payment-state'

export type StartOutcome = { ok: true } | { ok: false; screen: PayScreen }

export interface QueuedStart {
  /** null: nothing to show (before the first tap, or after it went on to another page) */
  screen: PayScreen | null
  /** a request is out or the queue is counting down: the pay button is off */
  busy: boolean
  /** the pay button (ignored while busy) */
  start: () => void
  /** clears the screen (e.g. after 刷新看看) */
  clear: () => void
}

export function useQueuedStart(run: () => Promise<StartOutcome>): QueuedStart {
  const [screen, setScreen] = useState<PayScreen | null>(null)
  const [busy, setBusy] = useState(false)
  const running = useRef(false)
  const alive = useRef(true)
  const latest = useRef(run)
  latest.current = run
  useEffect(
    () => () => {
      alive.current = false
    },
    []
  )

  const attempt = useCallback(async () => {
    running.current = true
    setBusy(true)
    setScreen({ kind: 'starting' })
    const r = await latest.current()
    if (!alive.current) return
    if (!r.ok && r.screen.kind === 'queued') {
      setScreen(r.screen) // still in line: stays busy, the countdown below starts again
      return
    }
    running.current = false
    setBusy(false)
    setScreen(r.ok ? null : r.screen)
  }, [])

  // the countdown, one second at a time; at zero, the same start again
  useEffect(() => {
    if (screen?.kind !== 'queued') return
    const t = setTimeout(() => {
      if (screen.secondsLeft > 1) setScreen({ kind: 'queued', secondsLeft: screen.secondsLeft - 1 })
      else void attempt()
    }, 1000)
    return () => clearTimeout(t)
  }, [screen, attempt])

  const start = useCallback(() => {
    if (running.current) return
    void attempt()
  }, [attempt])
  const clear = useCallback(() => {
    if (!running.current) setScreen(null)
  }, [])
  return { screen, busy, start, clear }
}
