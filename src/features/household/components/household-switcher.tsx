import { View, Text, Button } from '@tarojs/components'
import { useSession } from '@/features/session/store'
import './household-switcher.scss'

const RELATION_TEXT = { head: '我家', member: '我家', grantee: '家人授权' } as const

// the head's name is masked (王**): the village tells two 王**家 apart
const label = (h: { headNameMasked: string; village: string }) => `${h.headNameMasked}家（${h.village}）`

/** Shown when the user may see more than one household (own + granted). */
export function HouseholdSwitcher() {
  const me = useSession((s) => s.me)
  const active = useSession((s) => s.activeHouseholdId)
  const select = useSession((s) => s.selectHousehold)
  if (!me || me.households.length < 2) return null
  return (
    <View className='household-switcher' ariaRole='group' ariaLabel='切换家庭'>
      {me.households.map((h) => (
        <Button
          key={h.householdId}
          className={`household-switcher__item${h.householdId === active ? ' household-switcher__item--active' : ''}`}
          ariaLabel={`${RELATION_TEXT[h.relation]}：${label(h)}${h.householdId === active ? '（正在看）' : ''}`}
          onClick={() => select(h.householdId)}
        >
          <Text>{RELATION_TEXT[h.relation]}：{label(h)}</Text>
        </Button>
      ))}
    </View>
  )
}
