import { Text } from '@tarojs/components'
import { PageShell } from '@/components/page-shell'

export default function Page() {
  return (
    <PageShell title='要准备的材料'>
      <Text>正在准备</Text>
    </PageShell>
  )
}
