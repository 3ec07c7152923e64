// 代他人缴费: by ID number; the payer sees masked names and amounts only.
import { useEffect, useState } from 'react'
import { OfflineBanner } from '@/components/offline-banner'
import { useSession } from '@/features/session/store'
import { usePay } from '../store'
import { PayeeForm } from './payee-form'
import { PaymentStatus } from './payment-status'
import { startAndPay } from '../use-order-flow'
import type { PayScreen } from '../payment-state'

export function OthersScreen() {
  const userId = useSession((s) => s.userId)
  useEffect(() => {
    usePay.getState().setOwner(userId)
  }, [userId])
  const lookup = usePay((s) => s.payee)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [screen, setScreen] = useState<PayScreen | null>(null)
  useEffect(() => {
    usePay.setState({ payee: null })
  }, [])

  const find = async (idNumber: string) => {
    setBusy(true)
    setError(null)
    setScreen(null)
    const r = await usePay.getState().lookupPayee(idNumber)
    setBusy(false)
    if (!r.ok) setError(r.error.message)
  }
  const confirm = async (idNumber: string) => {
    if (!lookup || busy) return
    setBusy(true)
    setScreen({ kind: 'starting' })
    const r = await startAndPay({ householdId: lookup.householdId, year: lookup.year, payeeIdNumber: idNumber })
    setBusy(false)
    setScreen(r.ok ? null : r.screen)
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
        onConfirm={(id) => {
          void confirm(id)
        }}
      />
      {screen ? (
        <PaymentStatus screen={screen} busy={busy} onRetry={() => setScreen(null)} onRefresh={() => setScreen(null)} />
      ) : null}
    </>
  )
}
