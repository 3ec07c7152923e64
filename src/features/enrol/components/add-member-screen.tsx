// Add a member: newborn, married in, returned to the village. A 村医 or 协管员 acting for a household
// with its consent (the staff workspace's 代办) comes with ?householdId=…: a newborn's only; the
// county checks the consent.
import Taro, { useRouter } from '@tarojs/taro'
import { OfflineBanner } from '@/components/offline-banner'
import { useSession } from '@/features/session/store'
import { AddMemberForm } from './add-member-form'
import type { AddKind } from '../validation'
import { useHousehold, useHouseholdId, usePolicy } from '../data'
import { SignInNeeded } from './shared'

const KINDS: AddKind[] = ['add_newborn', 'add_marriage', 'add_return']

function newbornNote(document: unknown): string | null {
  const nb = (document as { contribution?: { newborn?: { enrolWithinDays?: number; note?: string } } } | null)
    ?.contribution?.newborn
  if (!nb) return null
  return nb.note ?? (nb.enrolWithinDays ? `出生${nb.enrolWithinDays}天内参保的，从出生那天起就有保障` : null)
}

export function AddMemberScreen() {
  const params = useRouter().params
  const raw = params.kind ?? ''
  const assisted = params.householdId ?? null
  const kind = assisted ? 'add_newborn' : (KINDS as string[]).includes(raw) ? (raw as AddKind) : 'add_newborn'
  const userId = useSession((s) => s.userId)
  const own = useHouseholdId()
  const householdId = assisted ?? own
  const household = useHousehold()
  const policy = usePolicy(household.data?.regionCode ?? null)
  if (!userId || !householdId) {
    return (
      <>
        <SignInNeeded />
      </>
    )
  }
  const ids = (assisted ? [] : (household.data?.members ?? [])).flatMap((m) =>
    !m.idNumberMasked && m.idNumber ? [m.idNumber] : []
  )
  return (
    <>
      <OfflineBanner hasCachedData />
      <AddMemberForm
        householdId={householdId}
        kind={kind}
        existingIdNumbers={ids}
        newbornNote={newbornNote(policy.data?.document ?? null)}
        kinds={assisted ? ['add_newborn'] : undefined}
        onSubmitted={(app) => {
          void Taro.redirectTo({ url: `/subpackages/enrol/status/index?id=${app.applicationId}` })
        }}
      />
    </>
  )
}
