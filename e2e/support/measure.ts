// Measures, inside the page, what a person sees: every visible text's size, line spacing and
// contrast, and every control's box. Used by the elderly-mode walk (MIIT 适老化 figures).
import type { Page } from 'playwright-core'

/** Anything a person can press or type into on the h5 build. */
export const CONTROLS =
  'taro-button-core, [role="button"], [role="link"], [role="radio"], [role="checkbox"], [role="switch"], a[href], taro-input-core, taro-textarea-core, taro-switch-core'

export interface TextSample {
  text: string
  fontSize: number
  lineHeight: number
  contrast: number
}

export interface ControlBox {
  name: string
  width: number
  height: number
}

/** Visible texts and controls of the page on screen (hidden tab pages are skipped). */
export async function measurePage(page: Page): Promise<{ texts: TextSample[]; controls: ControlBox[] }> {
  return page.evaluate((controlSelector) => {
    const visible = (el: Element) => {
      const s = getComputedStyle(el)
      return el.getClientRects().length > 0 && s.visibility !== 'hidden' && s.opacity !== '0'
    }
    const rgba = (c: string) => {
      const m = c.match(/rgba?\(([^)]+)\)/)
      if (!m) return [0, 0, 0, 0]
      const p = m[1]
        .split(/[ ,/]+/)
        .filter(Boolean)
        .map(Number)
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]
    }
    const background = (el: Element | null): number[] => {
      // the first opaque background behind the text (translucent ones blended over it)
      const layers: number[][] = []
      for (let e = el; e; e = e.parentElement) {
        const c = rgba(getComputedStyle(e).backgroundColor)
        if (c[3] > 0) layers.push(c)
        if (c[3] >= 1) break
      }
      let out = [255, 255, 255]
      for (const c of layers.reverse()) out = out.map((v, i) => v * (1 - c[3]) + c[i] * c[3])
      return out
    }
    const luminance = ([r, g, b]: number[]) => {
      const f = (v: number) => {
        const s = v / 255
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
      }
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)
    }
    const texts: { text: string; fontSize: number; lineHeight: number; contrast: number }[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').replace(/\s+/g, ' ').trim()
      const el = n.parentElement
      if (!text || !el || !visible(el) || el.closest('[aria-hidden="true"], script, style, svg')) continue
      if (!el.closest('.app-page, .tab-bar')) continue
      const s = getComputedStyle(el)
      const fontSize = parseFloat(s.fontSize)
      const lineHeight = s.lineHeight === 'normal' ? fontSize * 1.2 : parseFloat(s.lineHeight)
      const fg = rgba(s.color)
      const bg = background(el)
      const blended = fg.slice(0, 3).map((v, i) => v * fg[3] + bg[i] * (1 - fg[3]))
      const [hi, lo] = [luminance(blended), luminance(bg)].sort((a, b) => b - a)
      texts.push({ text, fontSize, lineHeight, contrast: (hi + 0.05) / (lo + 0.05) })
    }
    const controls = Array.from(document.querySelectorAll(controlSelector))
      .filter((el) => visible(el) && el.closest('.app-page, .tab-bar'))
      // a control drawn inside another (the native <input> of Taro's input) is measured once, outside
      .filter((el) => !el.parentElement?.closest(controlSelector))
      .map((el) => {
        const r = el.getBoundingClientRect()
        const name = (el.getAttribute('aria-label') || (el as HTMLElement).innerText || el.localName).trim()
        return { name: name.replace(/\s+/g, ' ').slice(0, 40), width: r.width, height: r.height }
      })
    return { texts, controls }
  }, CONTROLS)
}
