import { fireEvent, render, screen } from '@testing-library/react'
import type { Me } from '@/contract'
import { useSession } from '@/features/session/store'
import { HouseholdSwitcher } from './household-switcher'

const me = (households: Me['households']): Me => ({
  userId: 'u1',
  role: 'villager',
  personId: 'p1',
  displayName: '王小燕',
  phoneMasked: '138****0004',
  households
})

afterEach(() => useSession.setState({ me: null, activeHouseholdId: null }))

test('her own household by her name, another by its masked head and village; a tap switches', () => {
  useSession.setState({
    me: me([
      {
        householdId: 'hh1',
        relation: 'head',
        scopes: ['status', 'claims', 'pay'],
        headNameMasked: '王**',
        village: '青石村'
      },
      { householdId: 'hh2', relation: 'grantee', scopes: ['status'], headNameMasked: '王**', village: '云岭村' },
      { householdId: 'hh3', relation: 'grantee', scopes: ['status'], headNameMasked: '王**', village: '柳湾村' }
    ]),
    activeHouseholdId: 'hh1'
  })
  render(<HouseholdSwitcher />)
  expect(screen.getByText('我家：王小燕家（青石村）')).toBeInTheDocument() // her own, by her own name
  expect(screen.getByText('家人授权：王**家（柳湾村）')).toBeInTheDocument()
  fireEvent.click(screen.getByText('家人授权：王**家（云岭村）'))
  expect(useSession.getState().activeHouseholdId).toBe('hh2')
})

test('one household: no switcher', () => {
  useSession.setState({
    me: me([{ householdId: 'hh1', relation: 'head', scopes: ['status'], headNameMasked: '王**', village: '青石村' }]),
    activeHouseholdId: 'hh1'
  })
  const { container } = render(<HouseholdSwitcher />)
  expect(container).toBeEmptyDOMElement()
})
