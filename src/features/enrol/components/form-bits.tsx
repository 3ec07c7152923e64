// Small form pieces with big touch targets: a labelled text field with its error under it,
// and a row of choice chips (radio buttons people can hit), alone or labelled as a field.
import { Input, Text, View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import { inputFor, type FieldKind } from '@/components/control-label'
import './enrol.scss'

interface FieldProps {
  name: string
  label: string
  value: string
  onInput: (v: string) => void
  error?: string
  hint?: string
  placeholder?: string
  kind?: FieldKind
  maxlength?: number
}

export function Field({ name, label, value, onInput, error, hint, placeholder, kind = 'text', maxlength }: FieldProps) {
  return (
    <View className={`enrol-field enrol-field--${name}${error ? ' enrol-field--error' : ''}`}>
      <Text className='enrol-label'>{label}</Text>
      <Input
        className={`enrol-input enrol-input--${name}`}
        value={value}
        maxlength={maxlength ?? 140}
        placeholder={placeholder}
        {...inputFor(label, kind)}
        onInput={(e) => onInput(e.detail.value)}
      />
      {hint ? <Text className='enrol-hint'>{hint}</Text> : null}
      {error ? <Text className={`enrol-error enrol-error--${name}`}>{error}</Text> : null}
    </View>
  )
}

export function FieldBlock({
  name,
  label,
  error,
  hint,
  children
}: PropsWithChildren<{ name: string; label: string; error?: string; hint?: string }>) {
  return (
    <View className={`enrol-field enrol-field--${name}${error ? ' enrol-field--error' : ''}`}>
      <Text className='enrol-label'>{label}</Text>
      {children}
      {hint ? <Text className='enrol-hint'>{hint}</Text> : null}
      {error ? <Text className={`enrol-error enrol-error--${name}`}>{error}</Text> : null}
    </View>
  )
}

export function Chips<T extends string>({
  options,
  value,
  onChange,
  name
}: {
  options: readonly { id: T; label: string }[]
  value: T | ''
  onChange: (v: T) => void
  name: string
}) {
  return (
    <View className={`enrol-chips enrol-chips--${name}`} ariaRole='radiogroup'>
      {options.map((o) => (
        <View
          key={o.id}
          className={`enrol-chip${o.id === value ? ' enrol-chip--on' : ''}`}
          ariaRole='radio'
          ariaLabel={o.label}
          aria-checked={o.id === value ? 'true' : 'false'}
          onClick={() => onChange(o.id)}
        >
          {o.id === value ? `✓ ${o.label}` : o.label}
        </View>
      ))}
    </View>
  )
}

/** A labelled row of choice chips with its hint and red text under it (the chips share the field's name). */
export function ChoiceField<T extends string>({
  name,
  label,
  options,
  value,
  onChange,
  error,
  hint
}: {
  name: string
  label: string
  options: readonly { id: T; label: string }[]
  value: T | ''
  onChange: (v: T) => void
  error?: string
  hint?: string
}) {
  return (
    <FieldBlock name={name} label={label} error={error} hint={hint}>
      <Chips name={name} options={options} value={value} onChange={onChange} />
    </FieldBlock>
  )
}
