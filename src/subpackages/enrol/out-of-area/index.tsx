import { Text } from '@tarojs/components'
import { PageShell } from '@/components/page-shell'

export default function Page() {
  return (
    <PageShell title='异地就医备案'>
      <Text>正在准备</Text>
    </PageShell>
  )
}
