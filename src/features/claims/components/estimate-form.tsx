// The estimate form in villagers' words: which hospital (a level, or one from the
// designated list), staying in hospital or not, about how much, referral, how many stays
// this year, special disease. Defaults come from the member's own data.
import { useMemo, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import type { Institution } from '@/contract'
import type { EstimateAnswers } from '@/calculator'
import { controlLabel, inputFor } from '@/components/control-label'
import {
  PLACES,
  PLACE_LABEL,
  validateEstimateForm,
  type EstimateFormError,
  type EstimateFormInput,
  type MemberDefaults,
  type PolicyFacts
} from '../form'
import './chips.scss'
import './estimate-form.scss'

interface Props {
  facts: PolicyFacts
  defaults: MemberDefaults
  institutions?: readonly Institution[]
  initial?: Partial<EstimateFormInput>
  onSubmit: (answers: EstimateAnswers, placeLabel: string) => void
}

function Choice<T>({
  items,
  value,
  onChange,
  name
}: {
  items: { id: T; label: string }[]
  value: T
  onChange: (v: T) => void
  name: string
}) {
  return (
    <View className={`chips ef-choice ef-${name}`}>
      {items.map((i) => (
        <View
          key={String(i.id)}
          className={`chip${i.id === value ? ' chip--on' : ''}`}
          ariaRole='button'
          ariaLabel={i.label}
          data-value={String(i.id)}
          onClick={() => onChange(i.id)}
        >
          <Text>{i.label}</Text>
        </View>
      ))}
    </View>
  )
}

function FieldError({ errors, field }: { errors: EstimateFormError[]; field: EstimateFormError['field'] }) {
  const e = errors.filter((x) => x.field === field)
  if (!e.length) return null
  return (
    <View className='ef-error' ariaRole='alert' data-field={field}>
      {e.map((x) => (
        <Text key={x.code}>{x.message}</Text>
      ))}
    </View>
  )
}

export function EstimateForm({ facts, defaults, institutions, initial, onSubmit }: Props) {
  const [input, setInput] = useState<EstimateFormInput>({
    place: null,
    institution: null,
    filedOutOfArea: true,
    inpatient: true,
    amount: '',
    referral: null,
    admissionsThisYear: '',
    specialDisease: '',
    ...initial
  })
  const [errors, setErrors] = useState<EstimateFormError[]>([])
  const [search, setSearch] = useState('')
  const set = (patch: Partial<EstimateFormInput>) => setInput((s) => ({ ...s, ...patch }))
  const matches = useMemo(() => {
    const t = search.trim()
    if (!t || !institutions) return []
    return institutions
      .filter((i) => i.agreement.status === 'active' && (i.name.includes(t) || i.township.includes(t)))
      .slice(0, 5)
  }, [search, institutions])
  const outOfProvince = !input.institution && input.place === 'out-of-province'
  const diseases = Array.from(facts.specialDiseases.entries())

  const submit = () => {
    const r = validateEstimateForm(input, facts, defaults)
    if (!r.ok) {
      setErrors(r.errors)
      return
    }
    setErrors([])
    const placeLabel = input.institution
      ? input.institution.name
      : (PLACE_LABEL[input.place as keyof typeof PLACE_LABEL] ?? '')
    onSubmit(r.answers, placeLabel)
  }

  return (
    <View className='estimate-form card'>
      <Text className='ef-q'>1. 去哪里看病？</Text>
      {input.institution ? (
        <View className='ef-picked row'>
          <Text className='ef-picked-name'>{input.institution.name}</Text>
          <View className='btn ef-change' ariaRole='button' onClick={() => set({ institution: null })}>
            <Text>换一家</Text>
          </View>
        </View>
      ) : (
        <>
          <Choice
            name='place'
            items={PLACES.map((p) => ({ id: p as string | null, label: PLACE_LABEL[p] }))}
            value={input.place}
            onChange={(place) => set({ place })}
          />
          {institutions && institutions.length ? (
            <View className='ef-search'>
              <Input
                className='ef-input ef-search-input'
                placeholder='或输入医院名字、乡镇来找'
                {...controlLabel('找医院：输入医院名字或乡镇')}
                value={search}
                onInput={(e) => setSearch(e.detail.value)}
              />
              {matches.map((i) => (
                <View
                  key={i.institutionId}
                  className='ef-match'
                  ariaRole='button'
                  onClick={() => {
                    set({
                      institution: {
                        institutionId: i.institutionId,
                        name: i.name,
                        level: i.level,
                        grade: i.grade,
                        ownership: i.ownership
                      }
                    })
                    setSearch('')
                  }}
                >
                  <Text>
                    {i.name}（{i.township}）
                  </Text>
                </View>
              ))}
            </View>
          ) : null}
          {outOfProvince ? (
            <Choice
              name='filed'
              items={[
                { id: true, label: '办了异地就医备案' },
                { id: false, label: '没有备案' }
              ]}
              value={input.filedOutOfArea ?? true}
              onChange={(filedOutOfArea) => set({ filedOutOfArea })}
            />
          ) : null}
        </>
      )}
      <FieldError errors={errors} field='place' />

      <Text className='ef-q'>2. 要住院吗？</Text>
      <Choice
        name='inpatient'
        items={[
          { id: true, label: '住院' },
          { id: false, label: '不住院（门诊）' }
        ]}
        value={input.inpatient}
        onChange={(inpatient) => set({ inpatient })}
      />
      <FieldError errors={errors} field='inpatient' />

      <Text className='ef-q'>3. 大概要花多少钱（元）？</Text>
      <Input
        className='ef-input ef-amount'
        placeholder='例如 8000'
        {...inputFor('大概要花多少钱（元）', 'amount')}
        value={input.amount}
        onInput={(e) => set({ amount: e.detail.value })}
      />
      <FieldError errors={errors} field='amount' />

      {input.inpatient && !outOfProvince ? (
        <>
          <Text className='ef-q'>4. 办了转诊吗？</Text>
          <Choice
            name='referral'
            items={[
              { id: true as boolean | null, label: '办了' },
              { id: false, label: '没办' },
              { id: null, label: '不知道' }
            ]}
            value={input.referral}
            onChange={(referral) => set({ referral })}
          />
        </>
      ) : null}
      {input.inpatient ? (
        <>
          <Text className='ef-q'>今年已经住过几次院？</Text>
          <Input
            className='ef-input ef-admissions'
            placeholder={
              defaults.admissionsThisYear !== undefined
                ? `按记录是 ${defaults.admissionsThisYear} 次`
                : '没住过就不用填'
            }
            {...inputFor('今年已经住过几次院', 'count')}
            value={input.admissionsThisYear}
            onInput={(e) => set({ admissionsThisYear: e.detail.value })}
          />
          <FieldError errors={errors} field='admissionsThisYear' />
        </>
      ) : diseases.length ? (
        <>
          <Text className='ef-q'>有门诊慢特病（办过准入）吗？</Text>
          <Choice
            name='disease'
            items={[{ id: '', label: '没有' }, ...diseases.map(([code, label]) => ({ id: code, label }))]}
            value={input.specialDisease}
            onChange={(specialDisease) => set({ specialDisease })}
          />
          <FieldError errors={errors} field='specialDisease' />
        </>
      ) : null}

      <View className='btn btn-primary ef-submit' ariaRole='button' onClick={submit}>
        <Text>算一算</Text>
      </View>
    </View>
  )
}
