import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { useSession } from '../store'
import { SessionBanner } from './session-banner'

const env = process.env.TARO_ENV
beforeEach(() => {
  process.env.TARO_ENV = 'h5'
})
afterEach(() => {
  process.env.TARO_ENV = env
  useSession.setState({ userId: null, hasToken: false })
})

test('signed in before but no session in this run: says so and offers to sign in again', () => {
  useSession.setState({ userId: 'u1', hasToken: false })
  render(<SessionBanner />)
  expect(screen.getByText(/需要重新登录/)).toBeInTheDocument()
  fireEvent.click(screen.getByText('重新登录'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/subpackages/account/sign-in/index' })
})

test('nothing while the session is good, or for someone never signed in', () => {
  useSession.setState({ userId: 'u1', hasToken: true })
  const { container, rerender } = render(<SessionBanner />)
  expect(container.textContent).toBe('')
  useSession.setState({ userId: null, hasToken: false })
  rerender(<SessionBanner />)
  expect(container.textContent).toBe('')
  // the mini-program signs in again by itself at launch
  process.env.TARO_ENV = 'weapp'
  useSession.setState({ userId: 'u1', hasToken: false })
  rerender(<SessionBanner />)
  expect(container.textContent).toBe('')
})
