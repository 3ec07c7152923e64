import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Institution } from '@/contract'
import { searchInstitutions } from '../institution-search'
import { InstitutionItem } from './institution-item'

const base: Institution = {
  institutionId: 'i1',
  name: '石桥镇中心卫生院',
  level: 'township',
  grade: '一级甲等',
  ownership: 'public',
  township: '石桥镇',
  address: '石桥镇正街1号',
  phone: '0000-1234567',
  instantSettlement: true,
  agreement: { status: 'active', since: '2020-01-01', until: null }
}

test("an active township health centre shows level, grade, ownership, settlement, this member's terms, and calls on tap", () => {
  render(<InstitutionItem inst={base} terms={{ deductible: '200.00', ratio: '90%' }} />)
  expect(screen.getByText('乡镇卫生院 · 一级甲等 · 公立 · 石桥镇')).toBeInTheDocument()
  expect(screen.getByText('出院时直接结算，不用先垫钱')).toBeInTheDocument()
  expect(screen.getByText('住院报销 90%')).toBeInTheDocument()
  expect(screen.getByText('¥200.00')).toBeInTheDocument()
  fireEvent.click(screen.getByRole('button', { name: '打电话 0000-1234567' }))
  expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '0000-1234567' })
})

test('a suspended institution is flagged and shows no terms', () => {
  render(
    <InstitutionItem
      inst={{ ...base, agreement: { status: 'suspended', since: '2020-01-01', until: null } }}
      terms={{ deductible: '200.00', ratio: '90%' }}
    />
  )
  expect(screen.getByText('⚠ 暂停医保结算')).toBeInTheDocument()
  expect(screen.getByText(/医保协议暂停了/)).toBeInTheDocument()
  expect(screen.queryByText('住院报销 90%')).toBeNull()
})

test('search by name, township and level; usable ones first', () => {
  const list: Institution[] = [
    {
      ...base,
      institutionId: 'a',
      name: '云岭乡卫生院',
      township: '云岭乡',
      address: '云岭乡1号',
      agreement: { ...base.agreement, status: 'suspended' }
    },
    { ...base, institutionId: 'b', name: '青山县人民医院', level: 'county', township: '城关镇', address: '城关镇1号' },
    { ...base, institutionId: 'c' },
    { ...base, institutionId: 'd', name: '云岭村卫生室', level: 'village', township: '云岭乡', address: '云岭村' }
  ]
  expect(
    searchInstitutions(list, { text: '卫生院', township: 'all', level: 'all' }).map((i) => i.institutionId)
  ).toEqual(['c', 'a'])
  expect(searchInstitutions(list, { text: '', township: '云岭乡', level: 'all' }).map((i) => i.institutionId)).toEqual([
    'd',
    'a'
  ])
  expect(searchInstitutions(list, { text: '', township: 'all', level: 'county' }).map((i) => i.institutionId)).toEqual([
    'b'
  ])
  expect(
    searchInstitutions(list, { text: ' 石桥 ', township: 'all', level: 'all' }).map((i) => i.institutionId)
  ).toEqual(['c'])
})
