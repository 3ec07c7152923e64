import { View, Text, Button } from '@tarojs/components'
import type { HouseholdLink, Me } from '@/contract'
import { useSession } from '@/features/session/store'
import './household-switcher.scss'

const RELATION_TEXT = { head: '我家', member: '我家', grantee: '家人授权' } as const

// the user's own household by their own name; another's head is masked (王**), and the village
// tells two 王**家 apart
const label = (h: HouseholdLink, me: Me) =>
  `${h.relation === 'head' ? me.displayName : h.headNameMasked}家（${h.village}）`

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
          ariaLabel={`${RELATION_TEXT[h.relation]}：${label(h, me)}${h.householdId === active ? '（正在看）' : ''}`}
          onClick={() => select(h.householdId)}
        >
          <Text>
            {RELATION_TEXT[h.relation]}：{label(h, me)}
          </Text>
        </Button>
      ))}
    </View>
  )
}
