// Add a member: newborn, married in, returned to the village.
// The page is a shell: the screen is the enrol feature's add-member-screen.tsx.
import { PageShell } from '@/shell/page-shell'
import { AddMemberScreen } from '@/features/enrol/components/add-member-screen'

export default function AddMemberPage() {
  return (
    <PageShell title='给家里添人' className='enrol-add-page'>
      <AddMemberScreen />
    </PageShell>
  )
}
