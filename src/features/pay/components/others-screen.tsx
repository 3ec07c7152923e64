// 代他人缴费: by ID number; the payer sees masked names and amounts only.
import { useEffect, useRef, useState } from 'react'
import { OfflineBanner } from '@/components/offline-banner'
import { useSession } from '@/features/session/store'
import { usePay } from '../store'
import { PayeeForm } from './payee-form'
import { PaymentStatus } from './payment-status'
import { startAndPay } from '../use-order-flow'
import { useQueuedStart } from '../use-queued-start'

export function OthersScreen() {
  const userId = useSession((s) => s.userId)
  useEffect(() => {
    usePay.getState().setOwner(userId)
  }, [userId])
  const lookup = usePay((s) => s.payee)
  const [finding, setFinding] = useState(false)
  const [error, setError] = useState<string | null>(null)
  // the ID number confirmed last: the queue starts again with it (kept in memory only, never saved)
  const payee = useRef('')
  const paying = useQueuedStart(() =>
    lookup
      ? startAndPay({ householdId: lookup.householdId, year: lookup.year, payeeIdNumber: payee.current })
      : Promise.resolve({ ok: true as const })
  )
  const busy = finding || paying.busy
  const screen = paying.screen
  useEffect(() => {
    usePay.setState({ payee: null })
  }, [])

  const find = async (idNumber: string) => {
    if (busy) return
    setFinding(true)
    setError(null)
    paying.clear()
    const r = await usePay.getState().lookupPayee(idNumber)
    setFinding(false)
    if (!r.ok) setError(r.error.message)
  }
  const confirm = (idNumber: string) => {
    if (!lookup || busy) return
    payee.current = idNumber
    paying.start()
  }
  return (
    <>
      <OfflineBanner hasCachedData={false} />
      <PayeeForm
        lookup={lookup}
        busy={busy}
        error={error}
        onLookup={(id) => {
          void find(id)
        }}
        onConfirm={confirm}
      />
      {screen ? <PaymentStatus screen={screen} busy={busy} onRetry={paying.clear} onRefresh={paying.clear} /> : null}
    </>
  )
}
