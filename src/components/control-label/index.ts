// The spoken name of a form control (input, switch, textarea) on both builds. WeChat reads
// `aria-label` from the component itself; Taro's h5 components draw a native <input> inside
// their own element, which gets attributes only through `nativeProps` — without it a screen
// reader (and axe) finds an input with no name. Spread it: <Input {...controlLabel('姓名')} />
export function controlLabel(label: string): { ariaLabel: string; nativeProps?: Record<string, unknown> } {
  return process.env.TARO_ENV === 'h5'
    ? { ariaLabel: label, nativeProps: { 'aria-label': label } }
    : { ariaLabel: label }
}

/** The same for an <Image>: h5 draws a native <img>, which is named by its `alt`. */
export function imageLabel(label: string): { ariaLabel: string; nativeProps?: Record<string, unknown> } {
  return process.env.TARO_ENV === 'h5' ? { ariaLabel: label, nativeProps: { alt: label } } : { ariaLabel: label }
}

/** An <Image> that only decorates (its words are beside it): screen readers skip it. */
export function decorativeImage(): { 'aria-hidden': 'true'; nativeProps?: Record<string, unknown> } {
  return process.env.TARO_ENV === 'h5'
    ? { 'aria-hidden': 'true', nativeProps: { alt: '', 'aria-hidden': 'true' } }
    : { 'aria-hidden': 'true' }
}
