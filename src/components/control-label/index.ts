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

/**
 * What a field holds, so each build shows the right keyboard and a screen reader the right kind
 * of field: a phone number or a code is a text box with a number pad (h5 `type="tel"`, never a
 * number spinner); an ID number a text box with letters too (its check digit can be X: h5
 * `inputmode="text"`, weapp WeChat's ID keyboard, which has X); an amount a decimal pad.
 */
export type FieldKind = 'text' | 'phone' | 'code' | 'id-number' | 'amount' | 'count'

const WEAPP_TYPE: Record<FieldKind, string> = {
  text: 'text',
  phone: 'number',
  code: 'number',
  'id-number': 'idcard',
  amount: 'digit',
  count: 'number'
}
const H5_TYPE: Record<FieldKind, string> = {
  text: 'text',
  phone: 'tel',
  code: 'tel',
  'id-number': 'text',
  amount: 'text',
  count: 'text'
}
const H5_NATIVE: Record<FieldKind, Record<string, unknown>> = {
  text: {},
  phone: { inputmode: 'tel', autocomplete: 'tel' },
  code: { inputmode: 'numeric', autocomplete: 'one-time-code' },
  'id-number': { inputmode: 'text', autocapitalize: 'characters', autocomplete: 'off', spellcheck: 'false' },
  amount: { inputmode: 'decimal' },
  count: { inputmode: 'numeric' }
}

/** Name and keyboard of an <Input> on both builds: <Input {...inputFor('手机号', 'phone')} /> */
export function inputFor(
  label: string,
  kind: FieldKind = 'text'
): { ariaLabel: string; type: 'text'; nativeProps?: Record<string, unknown> } {
  // Taro's types list WeChat's keyboards only; h5 passes `tel` on to the <input>
  if (process.env.TARO_ENV === 'h5')
    return { ariaLabel: label, type: H5_TYPE[kind] as 'text', nativeProps: { 'aria-label': label, ...H5_NATIVE[kind] } }
  return { ariaLabel: label, type: WEAPP_TYPE[kind] as 'text' }
}
