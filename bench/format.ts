// One benchmark line format for the whole project, so a reader (and a script) sees at a
// glance what holds:  `name: value unit (target: …) met`  or  `… MISSED`.
export interface Figure {
  name: string
  value: number
  unit: string
  /** 'max' = value must be at most target; 'min' = at least */
  kind: 'max' | 'min'
  target: number
  /** digits after the decimal point when printing */
  digits?: number
}

export function met(f: Figure): boolean {
  return f.kind === 'max' ? f.value <= f.target : f.value >= f.target
}

export function line(f: Figure): string {
  const d = f.digits ?? 1
  const op = f.kind === 'max' ? '≤' : '≥'
  return `${f.name}: ${f.value.toFixed(d)} ${f.unit} (target: ${op} ${f.target} ${f.unit}) ${met(f) ? 'met' : 'MISSED'}`
}

/** A figure we print for information, with no target. */
export function info(name: string, value: number, unit: string, digits = 1): string {
  return `${name}: ${value.toFixed(digits)} ${unit} (target: none) met`
}

export function report(figures: Figure[]): boolean {
  for (const f of figures) console.log(line(f))
  return figures.every(met)
}
