import { PageShell } from '@/shell/page-shell'
import { SignInForm } from '@/features/session/components/sign-in-form'

export default function SignInPage() {
  return (
    <PageShell title='登录' signInPage>
      <SignInForm />
    </PageShell>
  )
}
