// What every application form (add member, filing, chronic, reimburse) shares: the draft with the
// red text under its fields, who the application is for, a date typed as on the paper, and the
// submit block (busy while sending, the county's answer shown under the fields or as a notice).
// Each form keeps only its own fields and texts.
import { Button, Text } from '@tarojs/components'
import { useState } from 'react'
import type { Application } from '@/contract'
import { notifyError } from '@/services/errors'
import type { Submit } from '../store'
import { errorsByField } from '../validation'
import { ChoiceField, Field } from './form-bits'
import './enrol.scss'

/** The draft's keys whose value is text (every field but the few yes/no switches). */
type TextKey<D> = { [K in keyof D]: D[K] extends string ? K : never }[keyof D] & string

interface FormOptions<D> {
  /** keeps the draft on the phone as it is typed (forms that are slow to fill in) */
  save?: (d: D) => void
  /** checks the draft on the phone and sends it to the county */
  send: (d: D) => Promise<Submit>
  onSubmitted: (app: Application) => void
}

/**
 * A form's draft and its errors. Changing a field clears that field's red text; submitting
 * shows the problems under their fields, or a notice when the county could not be reached.
 */
export function useApplicationForm<D extends object>(
  initial: D | (() => D),
  { save, send, onSubmitted }: FormOptions<D>
) {
  const [d, setD] = useState<D>(initial)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [sending, setSending] = useState(false)

  const update = (p: Partial<D>) => {
    const next = { ...d, ...p }
    setD(next)
    save?.(next)
    const cleared = { ...errors }
    for (const k of Object.keys(p)) delete cleared[k]
    setErrors(cleared)
  }

  /** Starts over with another draft (no red text left from the last one). */
  const reset = (next: D) => {
    setD(next)
    setErrors({})
  }

  const submit = async () => {
    if (sending) return
    setSending(true)
    const r = await send(d)
    setSending(false)
    if (r.ok) return onSubmitted(r.application)
    if ('errors' in r) setErrors(errorsByField(r.errors))
    else notifyError(r.error)
  }

  /** What a text box needs for one field: its name, value, red text and how it changes. */
  const text = <K extends TextKey<D>>(name: K) => ({
    name,
    value: d[name] as string,
    error: errors[name],
    onInput: (v: string) => update({ [name]: v } as Partial<D>)
  })

  /** The same for a row of choice chips. */
  const choice = <K extends TextKey<D>>(name: K) => ({
    name,
    value: d[name],
    error: errors[name],
    onChange: (v: D[K]) => update({ [name]: v } as unknown as Partial<D>)
  })

  return { d, errors, errorCount: Object.keys(errors).length, sending, update, reset, submit, text, choice }
}

/** Who the application is for: one chip per household member (by name, never by ID number). */
export function PersonPicker({
  label,
  members,
  value,
  onChange,
  error
}: {
  label: string
  members: readonly { personId: string; name: string }[]
  value: string
  onChange: (personId: string) => void
  error?: string
}) {
  return (
    <ChoiceField
      name='personId'
      label={label}
      options={members.map((m) => ({ id: m.personId, label: m.name }))}
      value={value}
      onChange={onChange}
      error={error}
    />
  )
}

/**
 * A date typed as it stands on the paper; the form turns 2026.10.1 or 2026年10月1日 into
 * 2026-10-01 when it submits. `example` is shown greyed in the empty box.
 */
export function DateField({
  example,
  ...field
}: {
  name: string
  label: string
  example: string
  value: string
  onInput: (v: string) => void
  error?: string
  hint?: string
}) {
  return <Field {...field} placeholder={`例如 ${example}`} />
}

/** How many fields want changing, and the one submit button (busy while the county answers). */
export function SubmitBlock({
  label,
  form: { errorCount, sending, submit }
}: {
  /** what the button says, and what comes next */
  label: string
  form: { errorCount: number; sending: boolean; submit: () => Promise<void> }
}) {
  return (
    <>
      {errorCount ? (
        <Text className='enrol-error enrol-error--summary'>有 {errorCount} 处要改，请看上面红字</Text>
      ) : null}
      <Button
        className='btn btn-primary enrol-submit'
        disabled={sending}
        onClick={() => {
          void submit()
        }}
      >
        {sending ? '正在提交…' : label}
      </Button>
    </>
  )
}
