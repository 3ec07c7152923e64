import { PageShell } from '@/shell/page-shell'
import { SignInForm } from '@/features/session/components/sign-in-form'
import { OfficialChannelsLink } from '@/components/official-link'

export default function SignInPage() {
  return (
    <PageShell title='登录' signInPage>
      <SignInForm />
      <OfficialChannelsLink />
    </PageShell>
  )
}
