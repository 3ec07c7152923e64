import { PageShell } from '@/components/page-shell'

export default function Page() {
  return <PageShell title='请稍候' />
}
