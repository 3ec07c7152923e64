import { fireEvent, render, screen as view } from '@testing-library/react'
import { TAX_BUREAU_ISSUE } from '@/shared/quote-issues'
import { TaxBureauCard, taxBureauIssue } from './tax-bureau-card'
import { line, quote } from '../__fixtures__/data'

const atBureau = quote({
  payable: false,
  total: '780.00',
  lines: [
    line({ personId: 'p1', name: '张建华', due: '400.00' }),
    line({ personId: 'p2', name: '李秀英', due: '380.00' })
  ],
  issues: [{ code: TAX_BUREAU_ISSUE, message: '本县的医保费由税务部门收，这里不能交。请在微信里搜“湖南税务”小程序交' }]
})

test('the amount, who it is for, where to pay and what happens next; refreshing asks the county again', () => {
  const refresh = jest.fn()
  render(<TaxBureauCard quote={atBureau} onRefresh={refresh} />)
  expect(view.getByText('本县在税务部门交医保费')).toBeInTheDocument()
  expect(view.getByText('¥780.00')).toBeInTheDocument()
  expect(view.getByText(/张建华、李秀英/)).toBeInTheDocument()
  expect(view.getByText('1. 请在微信里搜“湖南税务”小程序交')).toBeInTheDocument()
  expect(view.getByText(/这里会显示“已参保”/)).toBeInTheDocument()
  fireEvent.click(view.getByText('我已经交了，看看登记了没有'))
  expect(refresh).toHaveBeenCalledTimes(1)
})

test('a county that collects in the app shows no such card', () => {
  const inApp = quote()
  expect(taxBureauIssue(inApp)).toBeNull()
  const { container } = render(<TaxBureauCard quote={inApp} onRefresh={() => undefined} />)
  expect(container).toBeEmptyDOMElement()
})
