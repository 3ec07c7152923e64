// h5 only. Taro draws <Button> as a <taro-button-core> element and our choice chips and tabs as
// <View>s with a role: to a screen reader the first is not a button at all, and none of them can
// be reached with the keyboard. This gives every such control, whenever it appears, what a
// native control has: the role `button`, a place in the Tab order (none while disabled, which is
// then also said aloud) and Enter / Space to press it (Enter only for a link).
const CONTROL = 'taro-button-core, [role="button"], [role="link"], [role="radio"], [role="checkbox"], [role="tab"]'

// Taro's button reflects its prop as an attribute, so an enabled one carries disabled="false".
const isDisabled = (el: Element) => el.hasAttribute('disabled') && el.getAttribute('disabled') !== 'false'

function fix(el: Element) {
  if (el.localName === 'taro-button-core' && !el.hasAttribute('role')) el.setAttribute('role', 'button')
  const disabled = isDisabled(el)
  if (el.getAttribute('aria-disabled') !== String(disabled)) el.setAttribute('aria-disabled', String(disabled))
  const tabindex = disabled ? '-1' : '0'
  if (el.getAttribute('tabindex') !== tabindex) el.setAttribute('tabindex', tabindex)
}

function fixAll(root: Element) {
  if (root.matches(CONTROL)) fix(root)
  root.querySelectorAll(CONTROL).forEach(fix)
}

let started = false

export function enhanceH5Controls(): void {
  if (started || typeof document === 'undefined' || typeof MutationObserver === 'undefined') return
  started = true
  fixAll(document.body)
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') {
        if ((r.target as Element).matches(CONTROL)) fix(r.target as Element)
        continue
      }
      r.addedNodes.forEach((n) => {
        if (n.nodeType === 1) fixAll(n as Element)
      })
    }
  }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled', 'role'] })
  document.addEventListener('keydown', (e) => {
    const el = e.target as Element | null
    if (!el || typeof el.matches !== 'function' || !el.matches(CONTROL) || isDisabled(el)) return
    const isLink = el.getAttribute('role') === 'link'
    if (e.key === 'Enter' || (!isLink && e.key === ' ')) {
      e.preventDefault()
      ;(el as HTMLElement).click()
    }
  })
}
