// "Every control reachable by role and name": each thing a person can press or type into on the
// page on screen must be found by Playwright's getByRole with its role and accessible name, as
// a screen reader would find it. Returns what is not (wrong role, no name, not found).
import type { Page } from 'playwright-core'

const CONTROLS =
  'taro-button-core, [role="button"], [role="link"], [role="radio"], [role="checkbox"], [role="switch"], a[href], input:not([type="hidden"]):not([type="file"]), textarea'

/** The roles a control may have; a phone or ID field announced as a number spinner is not one. */
const ROLES = ['button', 'link', 'textbox', 'searchbox', 'radio', 'checkbox', 'switch', 'combobox'] as const
type ControlRole = (typeof ROLES)[number]

export async function unreachableControls(page: Page): Promise<string[]> {
  const count = await page.evaluate((selector) => {
    document.querySelectorAll('[data-walk]').forEach((e) => e.removeAttribute('data-walk'))
    let i = 0
    document.querySelectorAll(selector).forEach((el) => {
      const s = getComputedStyle(el)
      if (el.getClientRects().length === 0 || s.visibility === 'hidden' || !el.closest('.app-page')) return
      el.setAttribute('data-walk', String(i++))
    })
    return i
  }, CONTROLS)
  const problems: string[] = []
  for (let i = 0; i < count; i++) {
    const el = page.locator(`[data-walk="${i}"]`)
    const what = await el.evaluate((e) => `<${e.localName} class="${e.getAttribute('class') ?? ''}">`)
    const first = (await el.ariaSnapshot()).split('\n')[0]
    const m = first.match(/^- (\w+)(?: "((?:[^"\\]|\\.)*)")?/)
    const role = m?.[1] ?? ''
    const name = (m?.[2] ?? '').replace(/\\"/g, '"')
    if (!ROLES.includes(role as ControlRole)) problems.push(`${what}: role "${role || 'none'}" (${first})`)
    else if (!name.trim()) problems.push(`${what}: ${role} without a name`)
    else if (
      (await page
        .getByRole(role as ControlRole, { name, exact: true })
        .and(el)
        .count()) !== 1
    )
      problems.push(`${what}: getByRole('${role}', { name: '${name}' }) does not find it`)
  }
  return problems
}
