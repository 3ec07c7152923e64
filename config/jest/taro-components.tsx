// A small React-DOM stand-in for @tarojs/components, for component tests in jsdom.
// The real components are exercised by the weapp (miniprogram-simulate) and browser tests.
import React from 'react'

type AnyProps = Record<string, any> & { children?: React.ReactNode }

function make(tag: string, displayName: string) {
  const C = React.forwardRef<HTMLElement, AnyProps>(
    ({ onTap, onClick, hoverClass: _h, ariaLabel, ariaRole, ...rest }, ref) =>
      React.createElement(tag, { ...rest, 'aria-label': ariaLabel, role: ariaRole, ref, onClick: onClick || onTap })
  )
  C.displayName = displayName
  return C
}

export const View = make('div', 'View')
export const Text = make('span', 'Text')
export const Button = make('button', 'Button')
export const ScrollView = make('div', 'ScrollView')
export const Label = make('label', 'Label')
export const Form = make('form', 'Form')
export const Navigator = make('a', 'Navigator')
export const Canvas = make('canvas', 'Canvas')
export const Image = ({ src, mode: _mode, ...rest }: AnyProps) => <img src={src} {...rest} />
export const Block = ({ children }: AnyProps) => <>{children}</>
export const Input = ({ onInput, onConfirm: _c, value, password, type, maxlength, ...rest }: AnyProps) => (
  <input
    value={value ?? ''}
    type={password ? 'password' : type === 'number' || type === 'idcard' || type === 'digit' ? 'text' : type}
    maxLength={maxlength}
    {...rest}
    onChange={(e) => onInput?.({ detail: { value: e.target.value } })}
  />
)
export const Textarea = ({ onInput, value, ...rest }: AnyProps) => (
  <textarea value={value ?? ''} {...rest} onChange={(e) => onInput?.({ detail: { value: e.target.value } })} />
)
export const Switch = ({ checked, onChange, ...rest }: AnyProps) => (
  <input
    type='checkbox'
    role='switch'
    checked={!!checked}
    {...rest}
    onChange={(e) => onChange?.({ detail: { value: e.target.checked } })}
  />
)
export const Checkbox = ({ checked, value, ...rest }: AnyProps) => (
  <input type='checkbox' checked={!!checked} value={value} readOnly {...rest} />
)
export const CheckboxGroup = ({ children, onChange: _o, ...rest }: AnyProps) => <div {...rest}>{children}</div>
export const Picker = ({ children, onChange: _o, range: _r, ...rest }: AnyProps) => <div {...rest}>{children}</div>
