// What villagers and reviewers read for the codes of care: hospital levels and kinds of care
// (the institutions list, the 手工报销 form, the reviewer's settle panel read the same words).
import type { Institution } from '../contract'

export type Level = Institution['level']
export const LEVEL_LABEL: Record<Level, string> = {
  village: '村卫生室',
  township: '乡镇卫生院',
  county: '县级医院',
  city: '市级医院',
  provincial: '省级医院'
}
export const LEVELS: Level[] = ['village', 'township', 'county', 'city', 'provincial']

export const CARE_LABEL = { inpatient: '住院', outpatient: '门诊' } as const
