import { enhanceH5Controls } from './h5-controls'

// MutationObserver answers after a microtask
const settle = () => new Promise((r) => setTimeout(r, 0))

test('an enabled Taro button (disabled="false", as Taro reflects it) can be reached and pressed; a disabled one cannot', async () => {
  document.body.innerHTML = ''
  enhanceH5Controls()
  const enabled = document.createElement('taro-button-core')
  enabled.setAttribute('disabled', 'false')
  const disabled = document.createElement('taro-button-core')
  disabled.setAttribute('disabled', '')
  document.body.append(enabled, disabled)
  await settle()
  expect(enabled.getAttribute('role')).toBe('button')
  expect(enabled.getAttribute('aria-disabled')).toBe('false')
  expect(enabled.getAttribute('tabindex')).toBe('0')
  expect(disabled.getAttribute('aria-disabled')).toBe('true')
  expect(disabled.getAttribute('tabindex')).toBe('-1')

  const pressed: string[] = []
  enabled.addEventListener('click', () => pressed.push('enabled'))
  disabled.addEventListener('click', () => pressed.push('disabled'))
  enabled.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
  disabled.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }))
  expect(pressed).toEqual(['enabled'])

  // becoming disabled later is followed
  enabled.setAttribute('disabled', 'true')
  await settle()
  expect(enabled.getAttribute('aria-disabled')).toBe('true')
})
