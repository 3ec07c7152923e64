// Add a member: newborn, married in, returned to the village.
import Taro, { useRouter } from '@tarojs/taro'
import { PageShell } from '@/shell/page-shell'
import { OfflineBanner } from '@/components/offline-banner'
import { useSession } from '@/features/session/store'
import { AddMemberForm } from '@/features/enrol/components/add-member-form'
import type { AddKind } from '@/features/enrol/validation'
import { useHousehold, useHouseholdId, usePolicy } from '@/features/enrol/data'
import { SignInNeeded } from '@/features/enrol/components/shared'

const KINDS: AddKind[] = ['add_newborn', 'add_marriage', 'add_return']

function newbornNote(document: unknown): string | null {
  const nb = (document as { contribution?: { newborn?: { enrolWithinDays?: number; note?: string } } } | null)
    ?.contribution?.newborn
  if (!nb) return null
  return nb.note ?? (nb.enrolWithinDays ? `出生${nb.enrolWithinDays}天内参保的，从出生那天起就有保障` : null)
}

export default function AddMemberPage() {
  const raw = useRouter().params.kind ?? ''
  const kind = (KINDS as string[]).includes(raw) ? (raw as AddKind) : 'add_newborn'
  const userId = useSession((s) => s.userId)
  const householdId = useHouseholdId()
  const household = useHousehold()
  const policy = usePolicy(household.data?.regionCode ?? null)
  if (!userId || !householdId) {
    return (
      <PageShell title='给家里添人'>
        <SignInNeeded />
      </PageShell>
    )
  }
  const ids = (household.data?.members ?? []).flatMap((m) => (!m.idNumberMasked && m.idNumber ? [m.idNumber] : []))
  return (
    <PageShell title='给家里添人' className='enrol-add-page'>
      <OfflineBanner hasCachedData />
      <AddMemberForm
        householdId={householdId}
        kind={kind}
        existingIdNumbers={ids}
        newbornNote={newbornNote(policy.data?.document ?? null)}
        onSubmitted={(app) => {
          void Taro.redirectTo({ url: `/subpackages/enrol/status/index?id=${app.applicationId}` })
        }}
      />
    </PageShell>
  )
}
